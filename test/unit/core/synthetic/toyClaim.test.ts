/**
 * The poster's motivating claim, measured on the shipped samples/toy.csv with its sidecar (the
 * default, aware firm): a handful of flips — at most 10 — cuts the firm's equalized odds by at
 * least 75 % while its error moves by at most 0.01. The same run as
 *
 *     collective-fairness simulate samples/toy.csv --experiment flips --test-fraction 0.8 \
 *         --flip-grid 0,2,4,6,8,10 --seeds 10
 *
 * (docs/reproduction.md, "The motivating toy", gives its figures).
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import { firmSeesSensitive } from '../../../../src/core/roles/features';
import type { Sidecar } from '../../../../src/core/roles/sidecar';
import { TOY_TEST_FRACTION } from '../../../../src/core/synthetic/index';
import { readCsvFile } from '../../../../src/io/readCsvFile';
import { readSidecar } from '../../../../src/io/sidecarFile';
import { repoRoot } from '../../../support/datasets';

const GRID = [0, 2, 4, 6, 8, 10];
const RB_METHODS = ['rb-prob', 'rb-label', 'rb-dist'] as const;

describe('the motivating toy (samples/toy.csv): a handful of flips removes most of the unfairness', () => {
	let result: SimulationResult;
	let sidecar: Sidecar;

	before(async () => {
		const csv = join(repoRoot, 'samples', 'toy.csv');
		const table = (await readCsvFile(csv)).table;
		const found = await readSidecar(csv);
		assert.ok(found !== undefined, 'samples/toy.fairness.json is shipped');
		sidecar = found.sidecar;
		result = await simulate(table, sidecar, {
			experiment: 'flips',
			alpha: 0.3,
			flipGrid: GRID,
			seeds: 10,
			testFraction: TOY_TEST_FRACTION,
		});
	});

	it('runs the default, aware firm on every seed', () => {
		assert.equal(firmSeesSensitive(sidecar), true);
		assert.deepEqual(result.failures, []);
	});

	it('starts from a real unfairness', () => {
		const eqod = result.base.eqod.mean;
		assert.ok(eqod !== null && eqod >= 0.15, `base EqOd ${String(eqod)}`);
	});

	for (const method of [...RB_METHODS, 'random'] as const) {
		it(`${method}: EqOd down by ≥ 75 % within 10 flips, error up by ≤ 0.01`, (t) => {
			const baseEqod = result.base.eqod.mean!;
			const baseError = result.base.error.mean!;
			const curve = result.rows.filter((r) => r.method === method).sort((a, b) => a.flips - b.flips);
			assert.deepEqual(
				curve.map((r) => r.flips),
				GRID,
				'the pool holds every grid point',
			);
			const line = curve.map((r) => `${r.flips}: EqOd ${r.eqod.mean!.toFixed(3)}, error ${r.error.mean!.toFixed(4)}`).join('; ');
			t.diagnostic(`base EqOd ${baseEqod.toFixed(3)}, error ${baseError.toFixed(4)}; ${line}`);
			const reached = curve.find((r) => r.flips > 0 && r.eqod.mean! <= 0.25 * baseEqod && r.error.mean! - baseError <= 0.01);
			assert.ok(reached !== undefined, `${method} never cut EqOd by 75 % at ≤ 0.01 error within 10 flips: ${line}`);
		});
	}
});
