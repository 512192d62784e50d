/**
 * Neighbour parity on real data: the engine's kNearest against scikit-learn's
 * NearestNeighbors(algorithm='brute') on the engine's own encoding of Adult by race (Black
 * minority, White majority, other races left out; seed 0), for 200 minority training rows as
 * queries and two reference sets: every majority training row (RB-label) and the favourable ones
 * (RB-dist). Two encodings: every feature (adult-race-knn.json; no ties occur) and without fnlwgt
 * (adult-race-knn-ties.json; over half the queries meet tied distances, exact duplicates included).
 * The fixtures are written by test/reference/export_knn.py; the test rebuilds the matrix from the
 * real file and checks it is the one exported before comparing.
 *
 * - Distances: within 1e-9 of the exact float64 distances, and within 1e-6 of sklearn's own (its
 *   brute force uses |x|² − 2x·y + |y|², which puts exact duplicates at ~6e-8 instead of 0).
 * - Rows: equal to sklearn's except inside groups of tied distances (equal within 1e-9): a tie group
 *   inside the k must hold the same rows, a tie group cut by the k-th position rows at that distance.
 * - Our tie rule: bit-equal distances come in ascending reference position. sklearn orders ties
 *   otherwise (72 of 200 queries on the tie-rich encoding); the exact (distance, position) order of
 *   the fixture can differ from ours only where two distances differ by an ulp (summation order).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kNearest } from '../../src/core/collective/knn';
import { squaredDistance } from '../../src/core/encoding/matrix';
import { locateDataset } from '../support/datasets';
import { fingerprint, KNN_EXCLUDED, knnProblem, loadTable, PARITY, readReferenceFixture, type KnnProblem } from './realData';

interface Fingerprint {
	readonly rows: number;
	readonly width: number;
	readonly denseSum: number;
	readonly activeSum: number;
}

interface NeighbourSet {
	readonly referenceRows: number;
	/** Exact k nearest by (distance, position), distances sqrt(Σ(x − y)²) in float64. */
	readonly indices: readonly (readonly number[])[];
	readonly distances: readonly (readonly number[])[];
	/** sklearn's own answer (GEMM-form distances: exact duplicates at ~6e-8, not 0). */
	readonly sklearnIndices: readonly (readonly number[])[];
	readonly sklearnDistances: readonly (readonly number[])[];
	readonly queriesWithTies: number;
	readonly queriesReorderedAtTies: number;
}

interface KnnFixture {
	readonly variant: string;
	readonly excluded: readonly string[];
	readonly k: number;
	readonly width: number;
	readonly names: readonly string[];
	readonly queryTableRows: readonly number[];
	readonly fingerprints: Record<'queries' | 'majority' | 'favourableMajority', Fingerprint>;
	readonly majority: NeighbourSet;
	readonly favourableMajority: NeighbourSet;
}

const TIE = 1e-9;
/** sklearn's own distances (GEMM form) are only this accurate near 0; see test/reference/export_knn.py. */
const SKLEARN_DISTANCE_TOL = 1e-6;

function assertSameFingerprint(actual: Fingerprint, expected: Fingerprint, what: string): void {
	assert.equal(actual.rows, expected.rows, `${what}: row count`);
	assert.equal(actual.width, expected.width, `${what}: width`);
	assert.equal(actual.activeSum, expected.activeSum, `${what}: one-hot layout`);
	assert.ok(
		Math.abs(actual.denseSum - expected.denseSum) <= 1e-9 * expected.denseSum,
		`${what}: dense values ${actual.denseSum} vs ${expected.denseSum}`,
	);
}

/**
 * Compares one query's neighbours with an expected list, up to ties: `dist` (ours, true distances)
 * must equal `trueDist` (the expected rows' true distances) within TIE at every position; inside a
 * group of positions tied within TIE the rows may come in another order, and in the group cut by the
 * k-th position they may be other rows at that distance. Returns whether the rows differ.
 */
function compareQuery(
	q: number,
	ours: readonly number[],
	dist: readonly number[],
	expected: readonly number[],
	trueDist: readonly number[],
): boolean {
	const k = ours.length;
	for (let s = 0; s < k; s++) {
		assert.ok(Math.abs(dist[s]! - trueDist[s]!) <= TIE, `query ${q}, neighbour ${s}: distance ${dist[s]} vs ${trueDist[s]}`);
	}
	let differs = false;
	for (let start = 0; start < k;) {
		let end = start + 1;
		while (end < k && Math.abs(trueDist[end]! - trueDist[start]!) <= TIE) {
			end++;
		}
		const mine = ours.slice(start, end);
		const theirs = expected.slice(start, end);
		if (mine.join() !== theirs.join()) {
			differs = true;
			if (end < k) {
				assert.deepEqual(
					[...mine].sort((x, y) => x - y),
					[...theirs].sort((x, y) => x - y),
					`query ${q}, positions ${start}–${end - 1}: ours ${mine.join(', ')}, expected ${theirs.join(', ')}`,
				);
			}
			// in the group cut by the k-th position, the distance check above is what matters
		}
		start = end;
	}
	return differs;
}

const adult = locateDataset('adult.csv');

for (const variant of ['all', 'ties'] as const) {
	const fixtureName = variant === 'all' ? 'adult-race-knn.json' : 'adult-race-knn-ties.json';
	describe(
		`k nearest neighbours vs scikit-learn on Adult by race (seed 0, ${variant === 'all' ? 'every feature' : 'tie-rich: without fnlwgt'})`,
		{ skip: adult.skip },
		() => {
			const fixture = readReferenceFixture<KnnFixture>(fixtureName);
			let problem: KnnProblem;

			before(async () => {
				problem = knnProblem(await loadTable(adult.path!), variant);
			});

			it('rebuilds the matrix sklearn saw', () => {
				const { data, queries, majority, favourableMajority } = problem;
				assert.equal(PARITY.knnK, fixture.k);
				assert.deepEqual(KNN_EXCLUDED[variant], fixture.excluded);
				assert.deepEqual(data.x.names, fixture.names);
				assert.deepEqual(
					Array.from(queries, (i) => data.roles.rows[i]!),
					fixture.queryTableRows,
				);
				assertSameFingerprint(fingerprint(data.x, queries), fixture.fingerprints.queries, 'queries');
				assertSameFingerprint(fingerprint(data.x, majority), fixture.fingerprints.majority, 'majority');
				assertSameFingerprint(fingerprint(data.x, favourableMajority), fixture.fingerprints.favourableMajority, 'favourable majority');
			});

			for (const set of ['majority', 'favourableMajority'] as const) {
				it(`${set === 'majority' ? 'all majority rows (RB-label)' : 'favourable majority rows (RB-dist)'}: same neighbours and distances`, (t) => {
					const expected = fixture[set];
					const { data, queries } = problem;
					const reference = set === 'majority' ? problem.majority : problem.favourableMajority;
					assert.equal(reference.length, expected.referenceRows);
					const k = fixture.k;
					const position = new Map<number, number>();
					reference.forEach((row, p) => position.set(row, p));
					const trueDistance = (q: number, p: number): number => Math.sqrt(squaredDistance(data.x, queries[q]!, data.x, reference[p]!));
					const nn = kNearest(data.x, queries, data.x, reference, k);
					let maxExact = 0;
					let maxSklearn = 0;
					let differFromExact = 0;
					let differFromSklearn = 0;
					for (let q = 0; q < queries.length; q++) {
						const ours = Array.from({ length: k }, (_, s) => position.get(nn.indices[q * k + s]!)!);
						const dist = Array.from(nn.distances.subarray(q * k, (q + 1) * k));
						for (let s = 0; s < k; s++) {
							assert.ok(Math.abs(trueDistance(q, ours[s]!) - dist[s]!) <= TIE, `query ${q}: reported distance ${dist[s]} is not the row's`);
							if (s > 0 && dist[s] === dist[s - 1]) {
								assert.ok(ours[s]! > ours[s - 1]!, `query ${q}: equal distances not in ascending position (${ours.join(', ')})`);
							}
							maxExact = Math.max(maxExact, Math.abs(dist[s]! - expected.distances[q]![s]!));
							maxSklearn = Math.max(maxSklearn, Math.abs(dist[s]! - expected.sklearnDistances[q]![s]!));
						}
						differFromExact += compareQuery(q, ours, dist, expected.indices[q]!, expected.distances[q]!) ? 1 : 0;
						const sk = expected.sklearnIndices[q]!;
						differFromSklearn += compareQuery(
							q,
							ours,
							dist,
							sk,
							sk.map((p) => trueDistance(q, p)),
						)
							? 1
							: 0;
					}
					t.diagnostic(
						`${queries.length} queries × k = ${k}: max |Δd| ${maxExact.toExponential(2)} vs the exact distances, ${maxSklearn.toExponential(2)} vs sklearn's own; ` +
							`${expected.queriesWithTies} queries with ties; rows differ (at ties only) from sklearn's in ${differFromSklearn} queries ` +
							`(sklearn vs the exact order: ${expected.queriesReorderedAtTies}), from the exact (distance, position) order in ${differFromExact} (distances equal within 1 ulp, summed in another order)`,
					);
					assert.ok(maxExact <= TIE, `distances differ from the exact ones by up to ${maxExact}`);
					assert.ok(maxSklearn <= SKLEARN_DISTANCE_TOL, `distances differ from sklearn's by up to ${maxSklearn}`);
				});
			}
		},
	);
}
