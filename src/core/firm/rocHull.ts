/**
 * ROC points of a score and their convex hull: the operating points a randomised threshold rule
 * can reach (Hardt, Price & Srebro 2016, §4: a derived predictor of a score R can attain exactly
 * the convex hull of R's ROC curve, by mixing thresholds at random).
 */

/** One operating point: predict 1 iff score ≥ threshold (threshold +∞ predicts nobody). */
export interface RocVertex {
	readonly fpr: number;
	readonly tpr: number;
	readonly threshold: number;
}

/**
 * Every threshold ROC point of `scores` against labels `y`: (0, 0) at +∞, then one point per
 * distinct score in descending order, ending at (1, 1). Needs both labels present.
 */
export function rocPoints(scores: ArrayLike<number>, y: ArrayLike<number>): RocVertex[] {
	const n = scores.length;
	let positives = 0;
	for (let i = 0; i < n; i++) {
		positives += y[i] === 1 ? 1 : 0;
	}
	const negatives = n - positives;
	if (positives === 0 || negatives === 0) {
		throw new RangeError(`ROC needs both labels; got ${positives} positive and ${negatives} negative rows`);
	}
	const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
	const points: RocVertex[] = [{ fpr: 0, tpr: 0, threshold: Infinity }];
	let tp = 0;
	let fp = 0;
	for (let r = 0; r < n; r++) {
		const i = order[r]!;
		tp += y[i] === 1 ? 1 : 0;
		fp += y[i] === 1 ? 0 : 1;
		// Close a point only after the last row of a run of equal scores (one threshold each).
		if (r === n - 1 || scores[order[r + 1]!]! !== scores[i]!) {
			points.push({ fpr: fp / negatives, tpr: tp / positives, threshold: scores[i]! });
		}
	}
	return points;
}

const cross = (o: RocVertex, a: RocVertex, b: RocVertex): number => (a.fpr - o.fpr) * (b.tpr - o.tpr) - (a.tpr - o.tpr) * (b.fpr - o.fpr);

/**
 * Vertices of the convex hull of the points (Andrew's monotone chain, 1979), collinear points
 * dropped, in counter-clockwise order from the lowest-left point.
 */
export function convexHull(points: readonly RocVertex[]): RocVertex[] {
	const sorted = [...points].sort((a, b) => a.fpr - b.fpr || a.tpr - b.tpr);
	if (sorted.length <= 2) {
		return sorted;
	}
	const lower: RocVertex[] = [];
	for (const p of sorted) {
		while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) {
			lower.pop();
		}
		lower.push(p);
	}
	const upper: RocVertex[] = [];
	for (let i = sorted.length - 1; i >= 0; i--) {
		const p = sorted[i]!;
		while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) {
			upper.pop();
		}
		upper.push(p);
	}
	return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}
