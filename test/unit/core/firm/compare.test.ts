import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { compare, type CompareResult } from '../../../../src/core/firm/compare';
import { nonDominated } from '../../../../src/core/firm/pareto';
import { syntheticFixture } from '../../../integration/runner/fixture';

const fixture = syntheticFixture(2000, 9);
const small = {
	firm: {
		seeds: 2,
		mixScales: [0, 0.5, 1],
		epsilons: [0, 0.05, 1],
		fareGammas: [0, 0.9],
		fareLeaves: [2, 8],
		reweighStrengths: [1, 2],
		massageFractions: [0.5, 1],
	},
	collective: { methods: ['rb-prob' as const], alphas: [0.3], flips: 3, defenseFlips: 3, defenseFolds: 3 },
};

describe('compare (core)', () => {
	let r: CompareResult;
	before(async () => {
		r = await compare(fixture.table, fixture.sidecar, small);
	});

	it("has the base row, every approach's sweep and the collective grid, each summarised over the seeds", () => {
		assert.equal(r.rows[0]!.approach, 'base');
		const count = (a: string): number => r.rows.filter((x) => x.approach === a).length;
		assert.equal(count('calibrated-eqodds'), 3 * 2 * 3, '3 constraints × (threshold, randomized) × 3 scales');
		assert.equal(count('eqodds-thresholds'), 3);
		assert.equal(count('fare'), 4);
		assert.equal(count('reweighing'), 2);
		assert.equal(count('massaging'), 2);
		assert.equal(count('collective'), 3);
		for (const x of r.rows) {
			assert.equal(x.seeds, 2);
			assert.ok(x.error.mean !== null && x.eqod.mean !== null && x.spd.mean !== null);
		}
		assert.ok(
			r.rows
				.filter((x) => x.approach === 'fare')
				.every((x) => x.spdBound !== undefined && x.spdBound.mean !== null && x.spdBound.mean <= 1),
		);
		assert.deepEqual(r.failures, []);
	});

	it("marks each approach's non-dominated front, by the means", () => {
		for (const approach of new Set(r.rows.map((x) => x.approach))) {
			const mine = r.rows.filter((x) => x.approach === approach);
			assert.deepEqual(
				mine.map((x) => x.front.eqod),
				nonDominated(mine.map((x) => ({ x: x.error.mean, y: x.eqod.mean }))),
			);
			assert.deepEqual(
				mine.map((x) => x.front.spd),
				nonDominated(mine.map((x) => ({ x: x.error.mean, y: x.spd.mean }))),
			);
			assert.ok(mine.some((x) => x.front.eqod));
		}
	});

	it('the post-processors at scale 0 / the collective at M = 0 start from their models, the threshold LP at ε = 0 is near-fair', () => {
		const zero = r.rows.filter(
			(x) => x.approach === 'calibrated-eqodds' && x.parameter['mixScale'] === 0 && !x.variant.includes('randomized'),
		);
		assert.equal(new Set(zero.map((x) => x.eqod.mean)).size, 1, 'every cost constraint is the same classifier at t = 0');
		const lp = r.rows.find((x) => x.approach === 'eqodds-thresholds' && x.parameter['epsilon'] === 0)!;
		assert.ok(lp.eqod.mean! < r.base.eqod.mean!, `LP ε=0 EqOd ${lp.eqod.mean} vs base ${r.base.eqod.mean}`);
		const m0 = r.rows.find((x) => x.approach === 'collective' && x.parameter['flips'] === 0)!;
		assert.equal(m0.eqod.mean, r.base.eqod.mean);
	});

	it('reports the defending firm per M with the survival ratio, and is deterministic', async () => {
		assert.ok(r.defense !== null);
		assert.equal(r.defense.rows.length, 3);
		assert.equal(r.defense.rows[0]!.flips, 0);
		assert.equal(r.defense.rows[0]!.undefended.eqod.mean, r.base.eqod.mean);
		for (const row of r.defense.rows.slice(1)) {
			assert.ok(row.survival.value !== null || row.survival.reason.length > 0);
		}
		const again = await compare(fixture.table, fixture.sidecar, small);
		assert.deepEqual(again.rows, r.rows);
		assert.deepEqual(again.defense, r.defense);
	});

	it('honours an abort', async () => {
		const controller = new AbortController();
		const run = compare(fixture.table, fixture.sidecar, small, { signal: controller.signal });
		controller.abort();
		await assert.rejects(run, (e: Error) => e.name === 'AbortError');
	});
});
