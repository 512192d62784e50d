import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import type { SimulationRow } from '../../../../src/core/collective/aggregate';
import { METHODS, type SimulationParams } from '../../../../src/core/collective/params';
import { syntheticFixture, withoutCounterfactuals } from '../../../integration/runner/fixture';

const fixture = syntheticFixture(1500, 5);
const key = (r: SimulationRow): string => `${r.method}|${r.knowledge}|${r.alpha}`;
/**
 * The grid of the size run, which the minimum run searches too: its target is set between the size
 * run's best and worst grid points, which holds only on the same grid. The α values are unsorted so
 * that the size test sees them come back sorted.
 */
const sizeGrid: Partial<SimulationParams> = { alphas: [0.3, 0.1], seeds: 2, flips: 4, methods: ['rb-prob', 'random'] };
/** A minimum-experiment run small enough for one test: one seed, two values of M, the random method. */
const smallMinimumRun = (params: Partial<SimulationParams>): Promise<SimulationResult> =>
	simulate(fixture.table, fixture.sidecar, { experiment: 'minimum', seeds: 1, flips: 2, methods: ['random'], ...params });

describe('simulate: experiments', () => {
	let size: SimulationResult;
	let minimum: SimulationResult;
	let flips: SimulationResult;
	before(async () => {
		size = await simulate(fixture.table, fixture.sidecar, { experiment: 'size', ...sizeGrid });
		// The coarse grid alone (the refinement pass has its own tests in refine.test.ts).
		flips = await simulate(fixture.table, fixture.sidecar, { experiment: 'flips', alpha: 0.4, seeds: 2, flips: 5, refineGrid: false });
		// The target lies between the best and the worst grid point of the size run, so it is reached somewhere but not everywhere.
		const eqods = size.grid!.map((r) => r.eqod.mean!);
		minimum = await simulate(fixture.table, fixture.sidecar, {
			experiment: 'minimum',
			...sizeGrid,
			targetEqod: (Math.min(...eqods) + Math.max(...eqods)) / 2,
		});
	});

	it('size: one row per (method, α), the grid point with the lowest mean EqOd', () => {
		assert.equal(size.grid!.length, 2 * 2 * 4);
		assert.equal(size.rows.length, 2 * 2);
		assert.deepEqual(size.params.alphas, [0.1, 0.3], 'α grid sorted');
		for (const row of size.rows) {
			const candidates = size.grid!.filter((g) => key(g) === key(row));
			assert.equal(candidates.length, 4);
			assert.equal(row.eqod.mean, Math.min(...candidates.map((g) => g.eqod.mean!)));
			assert.ok(candidates.includes(row), 'the best row is one of the grid rows, not a copy with other numbers');
		}
		assert.deepEqual(
			size.rows.map((r) => `${r.method}|${r.alpha}`),
			['rb-prob|0.1', 'rb-prob|0.3', 'random|0.1', 'random|0.3'],
		);
	});

	it('minimum: the smallest α, then the smallest M, whose mean EqOd reaches the target', () => {
		assert.ok(minimum.minimum !== undefined && minimum.minimum.length === 2);
		for (const m of minimum.minimum) {
			const grid = minimum.grid!.filter((g) => g.method === m.method).sort((a, b) => a.alpha - b.alpha || a.flips - b.flips);
			const first = grid.find((g) => g.eqod.mean! <= m.target);
			assert.equal(m.target, minimum.params.targetEqod);
			if (first === undefined) {
				assert.equal(m.reached, false);
				assert.equal(m.best!.eqod.mean, Math.min(...grid.map((g) => g.eqod.mean!)));
			} else {
				assert.equal(m.reached, true);
				assert.deepEqual(m.row, first);
			}
		}
		assert.ok(
			minimum.minimum.some((m) => m.reached),
			'the target is reachable by construction',
		);
	});

	it('minimum: an unreachable target reports the lowest EqOd seen instead', async () => {
		const r = await smallMinimumRun({ alphas: [0.1], targetEqod: 0 });
		const m = r.minimum![0]!;
		const lowest = Math.min(...r.grid!.map((g) => g.eqod.mean!));
		assert.ok(lowest > 0, 'precondition: no grid point is perfectly fair');
		assert.equal(m.reached, false);
		assert.equal(m.row, undefined);
		assert.equal(m.best!.eqod.mean, lowest);
	});

	it("minimum: without a target, half the base model's mean EqOd", async () => {
		const r = await smallMinimumRun({ alphas: [0.2] });
		assert.equal(r.minimum![0]!.target, r.base.eqod.mean! / 2);
	});

	it('knowledge: both arms (N known majority rows and all of them) for every method', async () => {
		const r = await simulate(fixture.table, fixture.sidecar, { experiment: 'knowledge', knowledgeRows: 40, k: 3, seeds: 1, flips: 2 });
		assert.deepEqual(
			new Set(r.rows.map((row) => `${row.method}|${row.knowledge}`)),
			new Set(METHODS.flatMap((m) => [`${m}|40`, `${m}|all`])),
		);
		assert.deepEqual(r.failures, []);
	});

	it('flips: for every method, rows cover the M grid from 0 to the whole pool', () => {
		for (const method of METHODS) {
			const rows = flips.rows.filter((r) => r.method === method);
			assert.deepEqual(
				rows.map((r) => r.gridIndex),
				[0, 1, 2, 3, 4],
			);
			assert.equal(rows[0]!.flips, 0);
			assert.equal(rows[4]!.flips, rows[4]!.poolSize);
			assert.ok(rows[4]!.poolSize > 0);
			for (let i = 1; i < rows.length; i++) {
				assert.ok(rows[i]!.flips > rows[i - 1]!.flips, 'M increases along the grid');
			}
			assert.deepEqual(rows[0]!.eqod, flips.base.eqod, 'M = 0 is the base model');
			assert.ok(rows.every((r) => r.alpha === 0.4 && r.seeds === 2));
		}
		// Flipping the whole pool is the same relabelling whatever the ranking.
		const last = METHODS.map((m) => flips.rows.find((r) => r.method === m && r.gridIndex === 4)!.eqod);
		assert.ok(last.every((e) => e.mean === last[0]!.mean));
	});

	it('synthetic data: rows and base carry success S and the counterfactual gap', () => {
		for (const r of [size, flips, minimum]) {
			assert.ok(r.base.success !== undefined && r.base.success.mean !== null && r.base.counterfactualGap !== undefined);
			for (const row of [...r.rows, ...(r.grid ?? [])]) {
				assert.ok(row.success !== undefined && row.success.mean !== null && row.success.mean >= 0 && row.success.mean <= 1);
				assert.ok(row.counterfactualGap !== undefined && row.counterfactualGap.mean !== null);
			}
		}
	});

	it('data without cf_ columns: no success or counterfactual gap anywhere', async () => {
		const plain = withoutCounterfactuals(fixture);
		const r = await simulate(plain.table, plain.sidecar, { experiment: 'flips', seeds: 1, flips: 2, methods: ['random'] });
		assert.ok(r.rows.length > 0);
		assert.ok(!('success' in r.base) && !('counterfactualGap' in r.base));
		assert.ok(r.rows.every((row) => !('success' in row) && !('counterfactualGap' in row)));
	});

	it('a repeated α (or M) is run once, so its rows do not count seeds twice', async () => {
		const r = await simulate(fixture.table, fixture.sidecar, {
			experiment: 'size',
			alphas: [0.2, 0.2, 0.1],
			seeds: 2,
			flipGrid: [5, 0, 5],
			methods: ['random'],
		});
		assert.deepEqual(r.params.alphas, [0.1, 0.2]);
		assert.deepEqual(r.params.flipGrid, [0, 5]);
		assert.equal(r.grid!.length, 2 * 2);
		assert.ok(r.grid!.every((row) => row.seeds === 2));
	});

	it('the result keeps its documented top-level fields', () => {
		for (const r of [size, flips, minimum]) {
			for (const field of ['experiment', 'params', 'roles', 'base', 'rows', 'failures', 'warnings', 'timings']) {
				assert.ok(field in r, field);
			}
		}
		assert.ok('grid' in size && !('minimum' in size));
		assert.ok('grid' in minimum && 'minimum' in minimum);
		assert.ok(!('grid' in flips) && !('minimum' in flips));
		assert.deepEqual(flips.warnings, []);
		assert.equal(flips.timings.fits, METHODS.length * 2 * 4);
	});
});
