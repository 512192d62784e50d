import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preparationKey, resolveParams } from '../../../../src/core/collective/params';
import {
	buildSeedContext,
	rememberSeedContext,
	seedCacheCapacity,
	SEED_CACHE_ROWS,
	type SeedContext,
} from '../../../../src/core/collective/seedContext';
import { prepareDataset } from '../../../../src/core/dataset';
import { resolveRoles } from '../../../../src/core/roles/resolve';
import { planUnits, runUnit, type UnitRanking } from '../../../../src/core/collective/unit';
import { syntheticFixture } from '../../../integration/runner/fixture';

describe('what the passes of one run share', () => {
	it('the preparation key ignores the M grid and nothing else', () => {
		const coarse = resolveParams({ experiment: 'flips', flips: 10, seeds: 2 });
		const refined = resolveParams({ ...coarse, gridFractions: [0.15, 0.2] });
		assert.equal(preparationKey(refined), preparationKey(coarse));
		assert.equal(preparationKey(resolveParams({ ...coarse, flipGrid: [0, 5] })), preparationKey(coarse));
		assert.notEqual(preparationKey(resolveParams({ ...coarse, C: 0.5 })), preparationKey(coarse));
		assert.notEqual(preparationKey(resolveParams({ ...coarse, k: 7 })), preparationKey(coarse));
		assert.notEqual(preparationKey(resolveParams({ ...coarse, testFraction: 0.3 })), preparationKey(coarse));
	});

	it('a seed cache keeps a million rows of contexts, at least one, dropping the oldest', () => {
		assert.equal(seedCacheCapacity(SEED_CACHE_ROWS), 1);
		assert.equal(seedCacheCapacity(10 * SEED_CACHE_ROWS), 1);
		assert.equal(seedCacheCapacity(48_842), 20);
		const cache = new Map<number, SeedContext>();
		const context = (seed: number): SeedContext => ({ seed }) as SeedContext;
		for (const seed of [0, 1, 2]) {
			rememberSeedContext(cache, context(seed), 2);
		}
		assert.deepEqual([...cache.keys()], [1, 2]);
		rememberSeedContext(cache, context(1), 2); // already held: refreshed, nothing dropped
		assert.deepEqual([...cache.keys()], [2, 1]);
	});

	it('a unit given the ranking an earlier pass computed returns the same result as one that scores again', () => {
		const { table, sidecar } = syntheticFixture(1500, 5);
		const coarse = resolveParams({ experiment: 'flips', flips: 4, seeds: 1 });
		const refined = resolveParams({ ...coarse, gridFractions: [1 / 9, 2 / 9] });
		for (const key of planUnits(coarse)) {
			let ranking: UnitRanking | undefined;
			runUnit(table, sidecar, coarse, key, { onRanking: (r) => (ranking = r) });
			assert.ok(ranking !== undefined && 'ranking' in ranking, `${key.method}: a ranking`);
			const scoredAgain = runUnit(table, sidecar, refined, key);
			const reused = runUnit(table, sidecar, refined, key, { ranking });
			assert.ok(reused.points.length > 0);
			assert.equal(JSON.stringify(reused), JSON.stringify(scoredAgain), key.method);
		}
	});

	it('the seeds of one table share its resolved roles, and prepare the same data as roles resolved afresh', () => {
		const { table, sidecar } = syntheticFixture(1500, 5);
		const params = resolveParams({ experiment: 'flips', flips: 4, seeds: 2 });
		const first = buildSeedContext(table, sidecar, params, 0);
		const second = buildSeedContext(table, sidecar, params, 1);
		assert.equal(second.data.roles, first.data.roles, 'resolved once for the table and sidecar');
		const other = buildSeedContext(table, { ...sidecar }, params, 1);
		assert.notEqual(other.data.roles, first.data.roles, 'another sidecar object is resolved on its own');
		for (const [seed, context] of [
			[0, first],
			[1, second],
		] as const) {
			const afresh = prepareDataset(table, sidecar, {
				seed,
				testFraction: params.testFraction,
				encoder: { rareLevelMinCount: params.rareLevelMinCount },
			});
			assert.deepEqual(context.data, afresh, `seed ${seed}: split, labels and matrix as without the shared roles`);
		}
		assert.deepEqual(first.data.roles, resolveRoles(table, sidecar));
	});

	it('a unit whose method cannot rank reports the same failure from a reused ranking', () => {
		const { table, sidecar } = syntheticFixture(1500, 5);
		const params = resolveParams({ experiment: 'flips', flips: 4, seeds: 1, methods: ['rb-prob'] });
		const key = planUnits(params)[0]!;
		const failed = runUnit(table, sidecar, params, key, { ranking: { failure: 'no known majority rows' } });
		assert.equal(failed.failure, 'no known majority rows');
		assert.deepEqual(failed.points, []);
		assert.equal(failed.fits, 0);
	});
});
