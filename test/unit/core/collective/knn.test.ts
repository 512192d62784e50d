import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kNearest, kNearestBruteForce } from '../../../../src/core/collective/knn';
import { fromDenseRows, squaredDistance, type FeatureMatrix } from '../../../../src/core/encoding/matrix';
import { fixtureMatrix, type MatrixFixture } from '../../../support/matrixFixture';

interface SklearnFixture extends MatrixFixture {
	queryRows: number[];
	referenceRows: number[];
	results: Record<string, { indices: number[]; distances: number[] }>;
}

// Compiled to out/test/unit/core/collective/, the fixture stays in the source tree.
const fixturePath = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'knn', 'sklearn.json');

function matrix(
	rows: number,
	denseWidth: number,
	blockCount: number,
	width: number,
	dense: ArrayLike<number>,
	active: ArrayLike<number>,
): FeatureMatrix {
	return {
		rows,
		width,
		denseWidth,
		blockCount,
		dense: Float64Array.from(dense),
		active: Int32Array.from(active),
		names: Array.from({ length: width }, (_, j) => `f${j}`),
	};
}

describe('kNearest parity with scikit-learn NearestNeighbors (brute)', () => {
	const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as SklearnFixture;
	const x = fixtureMatrix(fixture);
	for (const k of [1, 5, 10]) {
		it(`k = ${k}: same neighbours except at exact ties, distances within 1e-9`, () => {
			const expected = fixture.results[String(k)]!;
			const ours = kNearest(x, fixture.queryRows, x, fixture.referenceRows, k);
			assert.equal(ours.indices.length, fixture.queryRows.length * k);
			let ties = 0;
			for (let i = 0; i < fixture.queryRows.length; i++) {
				for (let t = 0; t < k; t++) {
					const at = i * k + t;
					assert.ok(
						Math.abs(ours.distances[at]! - expected.distances[at]!) <= 1e-9,
						`query ${i} rank ${t}: ${ours.distances[at]} vs sklearn ${expected.distances[at]}`,
					);
					if (ours.indices[at] !== expected.indices[at]) {
						// Allowed only when sklearn's row is exactly as far as ours (an ordering tie).
						const theirs = Math.sqrt(squaredDistance(x, fixture.queryRows[i]!, x, expected.indices[at]!));
						assert.ok(
							Math.abs(theirs - ours.distances[at]!) <= 1e-12,
							`query ${i} rank ${t}: row ${ours.indices[at]} vs sklearn row ${expected.indices[at]}`,
						);
						ties++;
					}
				}
			}
			assert.equal(ties, 0, 'the fixture has continuous values, so no ties are expected');
		});
	}
});

describe('kNearest tie rule: among equal distances the lower reference row comes first', () => {
	it('identical rows: the k lowest row indices, in increasing order', () => {
		const x = fromDenseRows(Array.from({ length: 8 }, () => [1, 2]));
		const result = kNearest(x, [0], x, [7, 5, 3, 1, 6, 4, 2], 3);
		assert.deepEqual([...result.indices], [1, 2, 3]);
		assert.deepEqual([...result.distances], [0, 0, 0]);
	});

	it('one-hot data full of duplicates matches the brute-force oracle exactly', () => {
		// 3 blocks of 2–3 levels (some missing): at most 48 patterns for 300 rows, and only the
		// integer distances 0 … 6, so nearly every rank is decided by the tie rule.
		const rows = 300;
		const levels = [3, 2, 3];
		const active = new Int32Array(rows * levels.length);
		let offset = 0;
		levels.forEach((size, b) => {
			for (let r = 0; r < rows; r++) {
				const v = (r * 7 + b * 13 + ((r * r) % 11)) % (size + 1);
				active[r * levels.length + b] = v === size ? -1 : offset + v;
			}
			offset += size;
		});
		const x = matrix(rows, 0, levels.length, offset, [], active);
		const reference = Array.from({ length: 200 }, (_, r) => 299 - r); // rows 100 … 299, descending
		const query = Array.from({ length: 120 }, (_, i) => i * 2);
		for (const k of [1, 7, 40]) {
			const fast = kNearest(x, query, x, reference, k);
			const oracle = kNearestBruteForce(x, query, x, reference, k);
			assert.deepEqual(fast, oracle);
			for (let i = 0; i < query.length; i++) {
				for (let t = 1; t < k; t++) {
					const a = i * k + t - 1;
					const b = a + 1;
					assert.ok(
						fast.distances[a]! < fast.distances[b]! || (fast.distances[a] === fast.distances[b] && fast.indices[a]! < fast.indices[b]!),
					);
				}
				// Every row left out that is as near as the k-th has a higher index than all tied rows kept.
				const kth = fast.distances[i * k + k - 1]!;
				const kept = new Set(fast.indices.subarray(i * k, i * k + k));
				for (const r of reference) {
					if (!kept.has(r) && Math.sqrt(squaredDistance(x, query[i]!, x, r)) === kth) {
						assert.ok(r > fast.indices[i * k + k - 1]!);
					}
				}
			}
		}
	});
});

describe('kNearest arguments', () => {
	const x = fromDenseRows([[0], [1], [3], [6]]);

	it('k larger than the reference set is an error that says so', () => {
		assert.throws(() => kNearest(x, [0], x, [1, 2, 3], 5), /k = 5 but only 3 known majority rows/);
	});

	it('k < 1 or not an integer is an error', () => {
		assert.throws(() => kNearest(x, [0], x, [1, 2], 0), /positive integer/);
		assert.throws(() => kNearest(x, [0], x, [1, 2], 1.5), /positive integer/);
	});

	it('an empty query gives an empty result', () => {
		const result = kNearest(x, [], x, [0, 1], 2);
		assert.equal(result.k, 2);
		assert.equal(result.indices.length, 0);
		assert.equal(result.distances.length, 0);
	});

	it('rejects out-of-range rows, duplicate reference rows, mismatched encodings and NaN', () => {
		assert.throws(() => kNearest(x, [4], x, [0], 1), /not a row/);
		assert.throws(() => kNearest(x, [0], x, [1, 1], 1), /twice/);
		assert.throws(() => kNearest(fromDenseRows([[0, 0]]), [0], x, [0], 1), /encodings differ/);
		assert.throws(() => kNearest(fromDenseRows([[Number.NaN]]), [0], x, [0], 1), /non-finite/);
	});

	it('a query row that is also a reference row is its own nearest neighbour', () => {
		// Rows 0 and 3 are both at distance 3 from row 2: the tie goes to row 0.
		const result = kNearest(x, [2], x, [3, 2, 1, 0], 3);
		assert.deepEqual([...result.indices], [2, 1, 0]);
		assert.deepEqual([...result.distances], [0, 2, 3]);
	});

	it('Euclidean, not squared, distances on the mixed encoding', () => {
		// Row 0: dense (0, 0), block A = feature 2; row 1: dense (3, 4), block A missing.
		const y = matrix(2, 2, 1, 4, [0, 0, 3, 4], [2, -1]);
		const result = kNearest(y, [0], y, [1], 1);
		assert.deepEqual([...result.distances], [Math.sqrt(25 + 1)]);
	});

	it('stops with an AbortError once the signal is aborted', () => {
		const signal = { aborted: true };
		assert.throws(() => kNearest(x, [0, 1], x, [2, 3], 1, { signal }), { name: 'AbortError' });
	});
});
