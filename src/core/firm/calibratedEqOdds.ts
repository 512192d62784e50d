/**
 * Calibrated equalized odds (Pleiss, Raghavan, Wu, Kleinberg & Weinberger 2017, "On Fairness and
 * Calibration", NeurIPS), computed as AIF360's CalibratedEqOddsPostprocessing does (docs/methods.md §5).
 *
 * Per group a, on scores s and true labels y (fitted on rows the model was not trained on):
 *   base rate      br_a  = mean(y)
 *   gen. FPR       GFPR_a = Σ_{y=0} s / N₀          gen. FNR  GFNR_a = Σ_{y=1} (1 − s) / N₁
 *   cost           c_a = fp/η · GFPR_a · (1 − br_a) + fn/η · GFNR_a · br_a,
 *                  (fp, fn) = (0, 1) for 'fnr', (1, 0) for 'fpr', (1, 1) for 'weighted';
 *                  η = fp + fn when both are nonzero, else 1      (the HEAD form: FN term × br)
 *   trivial cost   c̃_a = the same cost of the constant score br_a (GFPR = br_a, GFNR = 1 − br_a).
 * The group with the lower cost withholds its score with probability
 *   mix = (c_other − c_self) / (c̃_self − c_self),  the other group's mix being 0,
 * replacing it by br_a, which keeps the group calibrated (a withheld row is a random row of the
 * group, so P(y = 1 | withheld) = br_a). Labels are score ≥ 0.5 (AIF360's predict threshold).
 *
 * The sweep for a front scales both mix rates by t ∈ [0, 1]: t = 0 is the unmodified classifier,
 * t = 1 the method as published. The same uniform draw U per row serves every t, so a row
 * withheld at t is withheld at every larger t.
 */
import type { Random } from '../random';

export type CostConstraint = 'fnr' | 'fpr' | 'weighted';
export const COST_CONSTRAINTS: readonly CostConstraint[] = ['fnr', 'fpr', 'weighted'];

export interface GroupCostStats {
	readonly baseRate: number;
	readonly generalizedFpr: number;
	readonly generalizedFnr: number;
}

/** br, GFPR and GFNR of scores against labels; throws when a label is absent (GFPR or GFNR undefined). */
export function groupCostStats(scores: ArrayLike<number>, y: ArrayLike<number>): GroupCostStats {
	let positives = 0;
	let fpSum = 0;
	let fnSum = 0;
	for (let i = 0; i < scores.length; i++) {
		if (y[i] === 1) {
			positives++;
			fnSum += 1 - scores[i]!;
		} else {
			fpSum += scores[i]!;
		}
	}
	const negatives = scores.length - positives;
	if (positives === 0 || negatives === 0) {
		throw new RangeError(
			`calibrated equalized odds needs both labels in each group; got ${positives} positive and ${negatives} negative rows`,
		);
	}
	return { baseRate: positives / scores.length, generalizedFpr: fpSum / negatives, generalizedFnr: fnSum / positives };
}

/** The generalised cost c_a above (AIF360 HEAD `weighted_cost`). */
export function generalizedCost(stats: GroupCostStats, constraint: CostConstraint): number {
	const fp = constraint === 'fnr' ? 0 : 1;
	const fn = constraint === 'fpr' ? 0 : 1;
	const norm = fp !== 0 && fn !== 0 ? fp + fn : 1;
	return (fp / norm) * stats.generalizedFpr * (1 - stats.baseRate) + (fn / norm) * stats.generalizedFnr * stats.baseRate;
}

/** Cost of the trivial classifier that scores every row of the group at its base rate. */
export function trivialCost(baseRate: number, constraint: CostConstraint): number {
	return generalizedCost({ baseRate, generalizedFpr: baseRate, generalizedFnr: 1 - baseRate }, constraint);
}

export interface CalibratedEqOddsFit {
	readonly constraint: CostConstraint;
	/** Index 0 majority, 1 minority. */
	readonly baseRates: readonly [number, number];
	readonly mixRates: readonly [number, number];
	readonly costs: readonly [number, number];
	readonly trivialCosts: readonly [number, number];
}

/** Fits the mix rates from the two groups' scores and labels. */
export function fitCalibratedEqOdds(
	groups: readonly [{ scores: ArrayLike<number>; y: ArrayLike<number> }, { scores: ArrayLike<number>; y: ArrayLike<number> }],
	constraint: CostConstraint,
): CalibratedEqOddsFit {
	const stats = groups.map((g) => groupCostStats(g.scores, g.y));
	const costs = stats.map((s) => generalizedCost(s, constraint));
	const trivial = stats.map((s) => trivialCost(s.baseRate, constraint));
	const mix = [0, 0];
	const [c0, c1] = [costs[0]!, costs[1]!];
	const cheaper = c1 > c0 ? 0 : c0 > c1 ? 1 : -1;
	if (cheaper >= 0) {
		const gap = trivial[cheaper]! - costs[cheaper]!;
		// The trivial classifier normally costs more; if it does not, withholding cannot close the gap.
		mix[cheaper] = gap > 0 ? Math.min(1, (costs[1 - cheaper]! - costs[cheaper]!) / gap) : 0;
	}
	return {
		constraint,
		baseRates: [stats[0]!.baseRate, stats[1]!.baseRate],
		mixRates: [mix[0]!, mix[1]!],
		costs: [c0, c1],
		trivialCosts: [trivial[0]!, trivial[1]!],
	};
}

/** Uniform draws, one per row, shared by every point of a sweep. */
export function withholdingDraws(rows: number, random: Random): Float64Array {
	return Float64Array.from({ length: rows }, () => random.next());
}

/**
 * Post-processed scores at mix scale t: row i of group a ∈ {0, 1} gets br_a when U_i < t · mix_a
 * (AIF360 writes ≤; the two differ on a set of probability 0, and < makes t = 0 exactly the identity),
 * otherwise keeps its score. Other groups keep theirs.
 */
export function calibratedScores(
	fit: CalibratedEqOddsFit,
	scores: ArrayLike<number>,
	group: ArrayLike<number>,
	draws: ArrayLike<number>,
	scale = 1,
): Float64Array {
	if (!(scale >= 0 && scale <= 1)) {
		throw new RangeError(`mix scale must be in [0, 1], got ${scale}`);
	}
	const out = Float64Array.from(scores);
	for (let i = 0; i < out.length; i++) {
		const g = group[i]!;
		if ((g === 0 || g === 1) && draws[i]! < scale * fit.mixRates[g]!) {
			out[i] = fit.baseRates[g]!;
		}
	}
	return out;
}

/**
 * Labels of {@link calibratedScores}: ŷ_i = 1 iff s'_i ≥ 0.5 (AIF360's predict), or, given
 * `labelDraws`, randomised labels ŷ_i = 1 iff V_i < s'_i for a second uniform draw V_i, so that the
 * expected FPR and FNR of the labels are exactly the generalised rates the method equalises (Pleiss
 * et al. §3 read the score as a probabilistic classifier). Thresholding keeps the scores but not the
 * equalised costs.
 */
export function calibratedLabels(
	fit: CalibratedEqOddsFit,
	scores: ArrayLike<number>,
	group: ArrayLike<number>,
	draws: ArrayLike<number>,
	scale = 1,
	labelDraws?: ArrayLike<number>,
): Uint8Array {
	const s = calibratedScores(fit, scores, group, draws, scale);
	return labelDraws === undefined
		? Uint8Array.from(s, (v) => (v >= 0.5 ? 1 : 0))
		: Uint8Array.from(s, (v, i) => (labelDraws[i]! < v ? 1 : 0));
}
