/**
 * Equalized-odds post-processing by group-specific randomised thresholds (Hardt, Price & Srebro
 * 2016, "Equality of Opportunity in Supervised Learning", NeurIPS, §4–5).
 *
 * Each group a may use any point γ_a = (FPR_a, TPR_a) in the convex hull of its score's ROC curve
 * (a random mixture of thresholds). The firm picks the points minimising the expected 0-1 loss
 *   L = Σ_a π_a [ p_a (1 − TPR_a) + (1 − p_a) FPR_a ],   π_a = P(a), p_a = P(y = 1 | a),
 * subject to |TPR_0 − TPR_1| ≤ ε and |FPR_0 − FPR_1| ≤ ε (ε = 0: exact equalized odds; the
 * slack ε sweeps a front). As an LP over convex weights λ_{a,v} on each group's hull vertices v:
 *   min Σ λ_{a,v} π_a [p_a(1 − TPR_v) + (1 − p_a) FPR_v]
 *   s.t. Σ_v λ_{a,v} = 1 (a = 0, 1);  ±(Σ λ_{0,v} TPR_v − Σ λ_{1,v} TPR_v) + s = ε;  same for FPR;  λ, s ≥ 0.
 * Solved exactly by {@link solveLinearProgram}; at most a few hundred columns.
 */
import type { Random } from '../random';
import { convexHull, rocPoints, type RocVertex } from './rocHull';
import { solveLinearProgram } from './simplex';

export interface GroupScores {
	readonly scores: ArrayLike<number>;
	readonly y: ArrayLike<number>;
}

/** One group's randomised rule: use threshold t_v with probability weight_v. */
export interface ThresholdMixture {
	readonly components: ReadonlyArray<{ readonly threshold: number; readonly weight: number }>;
	/** The operating point the mixture attains on the fitting data. */
	readonly tpr: number;
	readonly fpr: number;
}

export interface EqOddsSolution {
	/** Index 0 majority, 1 minority. */
	readonly groups: readonly [ThresholdMixture, ThresholdMixture];
	/** Expected error on the fitting data. */
	readonly expectedError: number;
	readonly epsilon: number;
}

/** Solves the LP for groups 0 and 1; throws a RangeError when a group lacks a label. */
export function solveEqualizedOdds(groups: readonly [GroupScores, GroupScores], epsilon: number): EqOddsSolution {
	if (!(epsilon >= 0 && epsilon <= 1)) {
		throw new RangeError(`equalized-odds slack must be in [0, 1], got ${epsilon}`);
	}
	const hulls = groups.map((g) => convexHull(rocPoints(g.scores, g.y)));
	const total = groups[0].scores.length + groups[1].scores.length;
	const weights = groups.map((g) => {
		let positives = 0;
		for (let i = 0; i < g.y.length; i++) {
			positives += g.y[i] === 1 ? 1 : 0;
		}
		return { share: g.scores.length / total, base: positives / g.y.length };
	});
	const [h0, h1] = [hulls[0]!, hulls[1]!];
	const n = h0.length + h1.length + 4;
	const c = new Float64Array(n);
	const rows = Array.from({ length: 6 }, () => new Float64Array(n));
	const column = (a: 0 | 1, v: number): number => (a === 0 ? v : h0.length + v);
	([0, 1] as const).forEach((a) => {
		const hull = a === 0 ? h0 : h1;
		const { share, base } = weights[a]!;
		const sign = a === 0 ? 1 : -1;
		hull.forEach((vertex, v) => {
			const j = column(a, v);
			c[j] = share * (base * (1 - vertex.tpr) + (1 - base) * vertex.fpr);
			rows[a]![j] = 1;
			rows[2]![j] = sign * vertex.tpr;
			rows[3]![j] = -sign * vertex.tpr;
			rows[4]![j] = sign * vertex.fpr;
			rows[5]![j] = -sign * vertex.fpr;
		});
	});
	for (let s = 0; s < 4; s++) {
		rows[2 + s]![h0.length + h1.length + s] = 1;
	}
	const result = solveLinearProgram({ c, A: rows, b: [1, 1, epsilon, epsilon, epsilon, epsilon] });
	if (result.status !== 'optimal') {
		// Both groups can always choose the same trivial point (0,0) or (1,1): the LP is feasible and bounded.
		throw new Error(`equalized-odds LP: ${result.status} (internal error)`);
	}
	const mixture = (hull: readonly RocVertex[], offset: number): ThresholdMixture => {
		const components: Array<{ threshold: number; weight: number }> = [];
		let tpr = 0;
		let fpr = 0;
		hull.forEach((vertex, v) => {
			const weight = result.x[offset + v]!;
			if (weight > 1e-12) {
				components.push({ threshold: vertex.threshold, weight });
				tpr += weight * vertex.tpr;
				fpr += weight * vertex.fpr;
			}
		});
		const sum = components.reduce((s, x) => s + x.weight, 0);
		return { components: components.map((x) => ({ threshold: x.threshold, weight: x.weight / sum })), tpr, fpr };
	};
	return { groups: [mixture(h0, 0), mixture(h1, h0.length)], expectedError: result.objective, epsilon };
}

/**
 * Applies the rule: a row of group a ∈ {0, 1} draws one component by its weight (seeded) and is
 * positive iff its score ≥ that threshold. Rows of any other group keep `score ≥ 0.5`.
 */
export function applyThresholdMixtures(
	solution: EqOddsSolution,
	scores: ArrayLike<number>,
	group: ArrayLike<number>,
	random: Random,
): Uint8Array {
	const out = new Uint8Array(scores.length);
	for (let i = 0; i < scores.length; i++) {
		const u = random.next(); // drawn for every row so that rows do not shift each other's draws
		const g = group[i]!;
		if (g !== 0 && g !== 1) {
			out[i] = scores[i]! >= 0.5 ? 1 : 0;
			continue;
		}
		const { components } = solution.groups[g]!;
		let acc = 0;
		let threshold = components[components.length - 1]!.threshold;
		for (const comp of components) {
			acc += comp.weight;
			if (u < acc) {
				threshold = comp.threshold;
				break;
			}
		}
		out[i] = scores[i]! >= threshold ? 1 : 0;
	}
	return out;
}
