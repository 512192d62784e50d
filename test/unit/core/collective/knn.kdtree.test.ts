import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kNearest, kNearestBruteForce } from '../../../../src/core/collective/knn';
import { buildPatternIndex } from '../../../../src/core/collective/knnIndex';
import { KD_BUCKET } from '../../../../src/core/collective/knnKdTree';
import type { FeatureMatrix } from '../../../../src/core/encoding/matrix';
import { createRandom } from '../../../../src/core/random';

/**
 * Random rows whose dense values sit on a coarse grid (so many rows are equidistant from a query,
 * and some are exact duplicates) and whose one-hot blocks have few levels, so the pattern trie's
 * leaves hold far more than KD_BUCKET rows and the k-d trees inside them are several levels deep.
 */
function gridData(seed: number, rows: number, p: number, levels: readonly number[], gridSteps: number): FeatureMatrix {
	const random = createRandom(seed);
	const q = levels.length;
	const dense = new Float64Array(rows * p);
	for (let i = 0; i < dense.length; i++) {
		dense[i] = Math.floor(random.next() * gridSteps) / 4 - 1; // quarter steps: exact in binary
	}
	const active = new Int32Array(rows * q);
	let width = p;
	levels.forEach((size, b) => {
		for (let r = 0; r < rows; r++) {
			const v = Math.floor(random.next() * (size + 1));
			active[r * q + b] = v === size ? -1 : width + v; // one value in size + 1 missing
		}
		width += size;
	});
	return { rows, width, denseWidth: p, dense, blockCount: q, active, names: Array.from({ length: width }, (_, j) => `f${j}`) };
}

describe('kNearest with k-d trees in the pattern leaves', () => {
	it('equals the brute-force oracle on random grid data full of ties, for several shapes and k', () => {
		const shapes = [
			{ p: 1, levels: [2], steps: 6 },
			{ p: 3, levels: [2, 2], steps: 5 },
			{ p: 5, levels: [3], steps: 9 },
			{ p: 6, levels: [], steps: 4 },
			{ p: 2, levels: [2, 3, 2], steps: 40 },
		];
		shapes.forEach(({ p, levels, steps }, s) => {
			const x = gridData(100 + s, 900, p, levels, steps);
			const reference = Array.from({ length: 700 }, (_, r) => 899 - r); // rows 200 … 899, descending
			const query = Array.from({ length: 150 }, (_, i) => i * 6); // some queries are reference rows
			for (const k of [1, 5, 33]) {
				const fast = kNearest(x, query, x, reference, k);
				const oracle = kNearestBruteForce(x, query, x, reference, k);
				assert.deepEqual(fast, oracle, `shape ${s} (p ${p}, levels ${levels.join('/')}), k ${k}`);
			}
			// Ties really are decided here: some query has its k-th and (k+1)-th neighbours at one distance.
			const wide = kNearestBruteForce(x, query, x, reference, 6);
			let tiedAtCut = 0;
			for (let i = 0; i < query.length; i++) {
				tiedAtCut += wide.distances[i * 6 + 4] === wide.distances[i * 6 + 5] ? 1 : 0;
			}
			assert.ok(tiedAtCut > 0, `shape ${s} has no tie at the 5th neighbour; the test would not exercise the tie rule`);
		});
	});

	it('builds k-d cells that split leaves larger than a bucket, with every cell ordered around its median', () => {
		const p = 4;
		const x = gridData(7, 2000, p, [2], 1000);
		const reference = Array.from({ length: 2000 }, (_, r) => r);
		const index = buildPatternIndex(x, reference);
		let splits = 0;
		// Walk the leaves' implicit trees and check the invariant the search's pruning relies on.
		const check = (lo: number, hi: number): void => {
			const mid = (lo + hi) >>> 1;
			const column = hi - lo > KD_BUCKET ? index.splitColumn[mid]! : -1;
			if (column < 0) {
				return;
			}
			splits++;
			const v = index.dense[mid * p + column]!;
			for (let s = lo; s < mid; s++) {
				assert.ok(index.dense[s * p + column]! <= v);
			}
			for (let s = mid + 1; s < hi; s++) {
				assert.ok(index.dense[s * p + column]! >= v);
			}
			check(lo, mid);
			check(mid + 1, hi);
		};
		for (let leaf = index.firstLeaf; leaf < index.nodeLevel.length; leaf++) {
			check(index.childStart[leaf]!, index.childEnd[leaf]!);
		}
		// 3 patterns (2 levels + missing) of ~667 rows each: at least 2^5 − 1 splits per leaf.
		assert.ok(splits >= 3 * 31, `only ${splits} k-d splits`);
		assert.deepEqual(
			Array.from(index.rowOf).sort((a, b) => a - b),
			reference,
		);
	});

	it('answers exactly when a whole leaf is one repeated row (a constant cell is scanned, not split)', () => {
		const rows = 200;
		const x: FeatureMatrix = {
			rows,
			width: 2,
			denseWidth: 2,
			blockCount: 0,
			dense: new Float64Array(rows * 2).fill(0.5),
			active: new Int32Array(0),
			names: ['a', 'b'],
		};
		const reference = Array.from({ length: rows }, (_, r) => rows - 1 - r);
		const result = kNearest(x, [3], x, reference, 4);
		assert.deepEqual(Array.from(result.indices), [0, 1, 2, 3]); // all at distance 0: lowest rows first
		assert.deepEqual(Array.from(result.distances), [0, 0, 0, 0]);
	});
});
