/**
 * The defending firm inside the simulator: every point carries the defended firm's figures, the
 * base carries the defended baseline, and the survival share is the ratio of the two EqOd
 * improvements — or undefined with a reason when the collective's own improvement is too small.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import { MIN_IMPROVEMENT_FOR_SURVIVAL } from '../../../../src/core/collective/aggregate';
import { createPoolExecutor } from '../../../../src/runner/pool';
import { syntheticFixture } from '../../../integration/runner/fixture';

const fixture = syntheticFixture(1500, 7);
const params = {
	experiment: 'flips' as const,
	alpha: 0.5,
	seeds: 2,
	flips: 4,
	methods: ['rb-prob' as const, 'random' as const],
	defense: { threshold: 0.8, folds: 3 },
};

describe('simulate: defending firm', () => {
	let result: SimulationResult;
	before(async () => {
		result = await simulate(fixture.table, fixture.sidecar, params);
	});

	it('reports the defended base and defended figures at every point', () => {
		assert.ok(result.base.defended !== undefined);
		assert.equal(typeof result.base.defended.eqod.mean, 'number');
		for (const row of result.rows) {
			assert.ok(row.defended !== undefined, `${row.method} M=${row.flips}`);
			assert.equal(row.defended.eqod.n, 2);
			assert.ok(
				row.defended.removedFlips.mean !== null && row.defended.removedFlips.mean <= row.flips,
				'cannot drop more flips than were made',
			);
		}
		const zero = result.rows.find((r) => r.flips === 0)!;
		assert.deepEqual(zero.defended!.eqod, result.base.defended.eqod, 'M = 0 is the defended baseline');
		assert.equal(zero.defended!.removedFlips.mean, 0);
	});

	it('computes survival as the ratio of EqOd improvements, or says why not', () => {
		const b = result.base;
		for (const row of result.rows) {
			const s = row.defended!.survival!;
			const gain = b.eqod.mean! - row.eqod.mean!;
			if (gain < MIN_IMPROVEMENT_FOR_SURVIVAL) {
				assert.equal(s.value, null);
				assert.match((s as { reason: string }).reason, /below 0\.01/);
			} else {
				assert.ok(s.value !== null);
				assert.ok(Math.abs(s.value - (b.defended!.eqod.mean! - row.defended!.eqod.mean!) / gain) < 1e-12);
			}
		}
		assert.doesNotMatch(JSON.stringify(result), /NaN|Infinity/);
	});

	it('gives the same numbers on a worker pool', async () => {
		const pooled = await simulate(fixture.table, fixture.sidecar, params, { executor: createPoolExecutor(2) });
		assert.deepEqual(pooled.rows, result.rows);
		assert.deepEqual(pooled.base, result.base);
	});

	it('rejects bad defense parameters by name', async () => {
		await assert.rejects(
			simulate(fixture.table, fixture.sidecar, { ...params, defense: { threshold: 0.4, folds: 3 } }),
			/defense\.threshold/,
		);
		await assert.rejects(simulate(fixture.table, fixture.sidecar, { ...params, defense: { threshold: 0.8, folds: 1 } }), /defense\.folds/);
	});
});
