/** The small-data oracle for kNearest (knn.ts): the same metric and tie rule, no index, no pruning. */
import type { FeatureMatrix } from '../encoding/matrix';
import { validateArguments, type NeighbourResult } from './knnArgs';

/**
 * The same answer by exhaustive comparison over fully expanded (dense) rows: O(n·m·d) time,
 * O(m·d) memory. A small-data oracle for tests; it shares only the metric and tie rule with
 * kNearest, not the index, the bounds or the heap.
 */
export function kNearestBruteForce(
	query: FeatureMatrix,
	queryRows: ArrayLike<number>,
	reference: FeatureMatrix,
	referenceRows: ArrayLike<number>,
	k: number,
): NeighbourResult {
	validateArguments(query, queryRows, reference, referenceRows, k);
	const n = queryRows.length;
	const m = referenceRows.length;
	const d = reference.width;
	const p = reference.denseWidth;
	const expanded = new Float64Array(m * d);
	for (let r = 0; r < m; r++) {
		expanded.set(expand(reference, referenceRows[r]!), r * d);
	}
	const indices = new Int32Array(n * k);
	const distances = new Float64Array(n * k);
	const squared = new Float64Array(m);
	const order = Array.from({ length: m }, (_, r) => r);
	for (let i = 0; i < n; i++) {
		const x = expand(query, queryRows[i]!);
		for (let r = 0; r < m; r++) {
			// Dense columns and one-hot columns are summed apart, then added: the fixed order of the metric.
			let dense = 0;
			let oneHot = 0;
			for (let j = 0; j < d; j++) {
				const diff = x[j]! - expanded[r * d + j]!;
				if (j < p) {
					dense += diff * diff;
				} else {
					oneHot += diff * diff;
				}
			}
			squared[r] = dense + oneHot;
		}
		order.sort((a, b) => squared[a]! - squared[b]! || referenceRows[a]! - referenceRows[b]!);
		for (let t = 0; t < k; t++) {
			indices[i * k + t] = referenceRows[order[t]!]!;
			distances[i * k + t] = Math.sqrt(squared[order[t]!]!);
		}
	}
	return { k, indices, distances };
}

/** Row i as a full-width vector (dense values, then 0/1 per one-hot feature). */
function expand(x: FeatureMatrix, i: number): Float64Array {
	const out = new Float64Array(x.width);
	out.set(x.dense.subarray(i * x.denseWidth, (i + 1) * x.denseWidth));
	for (let t = 0; t < x.blockCount; t++) {
		const f = x.active[i * x.blockCount + t]!;
		if (f >= 0) {
			out[f] = 1;
		}
	}
	return out;
}
