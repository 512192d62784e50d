import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { coarseFractions, mergePasses, refinementFractions, refines } from '../../../../src/core/collective/refine';
import type { SeedSummary, SimulationRow } from '../../../../src/core/collective/aggregate';
import { resolveParams } from '../../../../src/core/collective/params';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import type { UnitResult } from '../../../../src/core/collective/unit';
import { syntheticFixture } from '../../../integration/runner/fixture';

const s = (mean: number): SeedSummary => ({ mean, sd: 0, lo: mean, hi: mean, n: 1 });
const row = (method: 'rb-prob' | 'random', gridIndex: number, eqod: number): SimulationRow => ({
	method,
	knowledge: 'all',
	alpha: 0.3,
	gridIndex,
	flips: gridIndex * 10,
	poolSize: 90,
	collectiveSize: 200,
	seeds: 1,
	error: s(0.2),
	spd: s(0.1),
	eqod: s(eqod),
	eqodMax: s(eqod),
	tprGap: s(0),
	fprGap: s(0),
	gapVerdict: 'gap',
});

describe('the M grid: a coarse pass, then points where the figures are', () => {
	it('refines only default grids of the one-α experiments', () => {
		assert.equal(refines(resolveParams({ experiment: 'flips' })), true);
		assert.equal(refines(resolveParams({ experiment: 'knowledge' })), true);
		assert.equal(refines(resolveParams({ experiment: 'flips', flipGrid: [0, 5] })), false);
		assert.equal(refines(resolveParams({ experiment: 'flips', refineGrid: false })), false);
		assert.equal(refines(resolveParams({ experiment: 'size' })), false);
	});

	it('subdivides the intervals around the best point and the target crossing, at a third of the spacing', () => {
		// 10 coarse points (spacing 1/9); rb-prob: best at index 4, crosses 0.1 between 2 and 3.
		const curve = [0.2, 0.15, 0.12, 0.08, 0.05, 0.07, 0.1, 0.15, 0.2, 0.25];
		const extra = refinementFractions(
			curve.map((e, i) => row('rb-prob', i, e)),
			10,
			0.1,
		);
		const h = 1 / 9;
		const expected = [2, 3, 4].flatMap((i) => [i * h + h / 3, i * h + (2 * h) / 3]);
		assert.deepEqual(
			extra.map((f) => f.toFixed(6)),
			expected.map((f) => f.toFixed(6)),
		);
		// Between the crossing's left end and the best point's right neighbour, points lie ≤ 5 % of the pool apart.
		const union = [...coarseFractions(10), ...extra].sort((a, b) => a - b).filter((f) => f >= 2 * h - 1e-9 && f <= 5 * h + 1e-9);
		assert.ok(Math.max(...union.slice(1).map((f, i) => f - union[i]!)) <= 0.05, 'within 5 % of the pool');
	});

	it('merges the passes in fraction order with one index per fraction for every unit', () => {
		const unit = (pass: 0 | 1, flipsList: readonly number[]): UnitResult => ({
			key: { seed: 0, method: 'random', knowledge: 'all' },
			base: {} as UnitResult['base'],
			fits: flipsList.length,
			knownRows: 1,
			minorityRows: 10,
			unfavourableMinorityRows: 9,
			points: flipsList.map((m, gridIndex) => ({
				alpha: 0.3,
				gridIndex,
				flips: m,
				poolSize: 9,
				collectiveSize: 10,
				metrics: { error: pass, spd: 0, eqod: 0, eqodMax: 0, tprGap: 0, fprGap: 0 },
			})),
		});
		const merged = mergePasses([unit(0, [0, 3, 6, 9])], [unit(1, [1, 2])], 4, [1 / 9, 2 / 9]);
		assert.deepEqual(
			merged[0]!.points.map((p) => [p.gridIndex, p.flips]),
			[
				[0, 0],
				[1, 1],
				[2, 2],
				[3, 3],
				[4, 6],
				[5, 9],
			],
		);
		assert.equal(merged[0]!.fits, 6);
		assert.deepEqual(coarseFractions(4), [0, 1 / 3, 2 / 3, 1]);
	});
});

describe('a refined flips run on synthetic data', () => {
	let r: SimulationResult;
	before(async () => {
		const f = syntheticFixture(1500, 5);
		r = await simulate(f.table, f.sidecar, { experiment: 'flips', alpha: 0.4, seeds: 2, flips: 5, methods: ['rb-prob', 'random'] });
	});

	it('adds points, keeps M whole and the same across methods at each grid position', () => {
		assert.ok(r.gridRefinement.length > 0);
		const prob = r.rows.filter((x) => x.method === 'rb-prob');
		const random = r.rows.filter((x) => x.method === 'random');
		assert.equal(prob.length, 5 + r.gridRefinement.length);
		assert.deepEqual(
			prob.map((x) => x.flips),
			random.map((x) => x.flips),
			'paired M',
		);
		for (let i = 1; i < prob.length; i++) {
			assert.ok(prob[i]!.flips >= prob[i - 1]!.flips, 'M ascending along the grid');
		}
		assert.doesNotMatch(JSON.stringify(r), /NaN|Infinity/);
	});
});
