import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kNearest, kNearestBruteForce } from '../../../../src/core/collective/knn';
import type { FeatureMatrix } from '../../../../src/core/encoding/matrix';
import { createRandom, permutation, type Random } from '../../../../src/core/random';

interface Shape {
	rows: number;
	denseWidth: number;
	levels: number[];
	missing: number;
	/** Round dense values to this many steps per unit (0: continuous), to provoke exact ties. */
	grid: number;
}

/** A random matrix in the engine's encoding. */
function randomMatrix(shape: Shape, random: Random): FeatureMatrix {
	const { rows, denseWidth, levels, missing, grid } = shape;
	const q = levels.length;
	const dense = new Float64Array(rows * denseWidth);
	for (let i = 0; i < dense.length; i++) {
		const v = random.normal();
		dense[i] = grid > 0 ? Math.round(v * grid) / grid : v;
	}
	const active = new Int32Array(rows * q);
	let width = denseWidth;
	levels.forEach((size, b) => {
		for (let r = 0; r < rows; r++) {
			// Skewed levels: the minimum of two uniform draws favours low levels.
			const level = Math.min(random.int(size), random.int(size));
			active[r * q + b] = random.next() < missing ? -1 : width + level;
		}
		width += size;
	});
	return { rows, width, denseWidth, dense, blockCount: q, active, names: Array.from({ length: width }, (_, j) => `f${j}`) };
}

function randomShape(random: Random): Shape {
	const blockCount = random.int(5); // 0 … 4
	return {
		rows: 1 + random.int(90),
		denseWidth: random.int(5), // 0 … 4
		levels: Array.from({ length: blockCount }, () => 1 + random.int(5)),
		missing: [0, 0.1, 0.5][random.int(3)]!,
		grid: [0, 1, 4][random.int(3)]!,
	};
}

describe('kNearest equals the brute-force oracle exactly on random data', () => {
	it('400 random shapes: dense-only, one-hot-only, missing blocks, discrete values, query = reference', () => {
		const random = createRandom(20250611);
		for (let trial = 0; trial < 400; trial++) {
			const shape = randomShape(random);
			const x = randomMatrix(shape, random);
			const order = permutation(shape.rows, random);
			// A reference subset in shuffled order (order must not matter), at least one row.
			const m = 1 + random.int(shape.rows);
			const referenceRows = order.slice(0, m);
			const k = 1 + random.int(m);
			let query: FeatureMatrix;
			let queryRows: Int32Array;
			if (random.next() < 0.4) {
				// The same object, with query rows overlapping the reference rows.
				query = x;
				queryRows = Int32Array.from({ length: random.int(shape.rows + 1) }, () => random.int(shape.rows));
			} else {
				query = randomMatrix({ ...shape, rows: 1 + random.int(20) }, random);
				queryRows = Int32Array.from({ length: query.rows }, (_, i) => i);
			}
			const fast = kNearest(query, queryRows, x, referenceRows, k);
			const oracle = kNearestBruteForce(query, queryRows, x, referenceRows, k);
			assert.deepEqual(fast, oracle, `trial ${trial}: ${JSON.stringify(shape)}, m = ${m}, k = ${k}`);
		}
	});

	it('a larger reference set with many neighbours (k up to 60)', () => {
		const random = createRandom(7);
		for (const grid of [0, 2]) {
			const x = randomMatrix({ rows: 1500, denseWidth: 3, levels: [2, 6, 9, 3], missing: 0.05, grid }, random);
			const referenceRows = Int32Array.from({ length: 1300 }, (_, i) => i + 200);
			const queryRows = Int32Array.from({ length: 200 }, (_, i) => i);
			for (const k of [1, 10, 60]) {
				assert.deepEqual(kNearest(x, queryRows, x, referenceRows, k), kNearestBruteForce(x, queryRows, x, referenceRows, k));
			}
		}
	});
});
