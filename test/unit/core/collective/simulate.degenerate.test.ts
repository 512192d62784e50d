import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import { summarise } from '../../../../src/core/collective/aggregate';
import type { Sidecar } from '../../../../src/core/roles/sidecar';
import { createRandom } from '../../../../src/core/random';
import { table } from '../../../support/table';
import { syntheticFixture } from '../../../integration/runner/fixture';

const sidecar: Sidecar = {
	version: 1,
	sensitive: { column: 'g', minority: ['min'], majority: ['maj'] },
	label: { column: 'y', favourable: ['yes'] },
};

/**
 * A two-feature table whose label rule is chosen per group, so a test can make a group all
 * favourable or all unfavourable while the other keeps both labels.
 */
function twoGroups(nMajority: number, nMinority: number, label: (group: 'maj' | 'min', x1: number, i: number) => 'yes' | 'no') {
	const random = createRandom(11);
	const g: string[] = [];
	const x1: number[] = [];
	const x2: number[] = [];
	const y: string[] = [];
	for (let i = 0; i < nMajority + nMinority; i++) {
		const group = i < nMajority ? 'maj' : 'min';
		const a = random.normal() + (group === 'min' ? -0.5 : 0);
		g.push(group);
		x1.push(a);
		x2.push(random.normal());
		y.push(label(group, a, i));
	}
	return table({ g, x1, x2, y });
}

const byThreshold = (_: 'maj' | 'min', x1: number): 'yes' | 'no' => (x1 > 0 ? 'yes' : 'no');

/** Every number finite, and null only where the format allows it (an undefined figure with its reason). */
function assertCleanJson(r: SimulationResult): void {
	const text = JSON.stringify(r);
	assert.doesNotMatch(text, /NaN|Infinity/);
	const walk = (v: unknown, path: string): void => {
		if (typeof v === 'number') {
			assert.ok(Number.isFinite(v), `${path} is ${v}`);
		} else if (v === null) {
			// Besides an undefined figure's mean, the efficiency statistics use null for "not reached"
			// (flips to target and its percentiles), "no defined EqOd" (best) and "one seed" (paired).
			assert.match(
				path,
				/\.mean$|^\$\.efficiency\[\d+\]\.(flipsToTarget\.(median|lo|hi)|best(\.error)?|vsRandom\.flipsToTarget)$/,
				`${path} is null`,
			);
		} else if (Array.isArray(v)) {
			v.forEach((x, i) => walk(x, `${path}[${i}]`));
		} else if (typeof v === 'object' && v !== undefined) {
			const o = v as Record<string, unknown>;
			if (o['mean'] === null) {
				assert.equal(typeof o['reason'], 'string', `${path} has mean null without a reason`);
			}
			for (const [k, x] of Object.entries(o)) {
				walk(x, `${path}.${k}`);
			}
		}
	};
	walk(JSON.parse(text), '$');
}

describe('simulate: degenerate collectives say so', () => {
	it('an α whose collective rounds to 0 members gets a warning naming α and the arithmetic', async () => {
		const { table: t, sidecar: s } = syntheticFixture(1000);
		const r = await simulate(t, s, { experiment: 'size', alphas: [0.001, 0.3], seeds: 2, flips: 3, methods: ['random'] });
		const warning = r.warnings.find((w) => w.startsWith('α = 0.001:'));
		assert.ok(warning !== undefined, `warnings: ${r.warnings.join(' | ')}`);
		assert.match(warning, /the collective has 0 members \(round\(0\.001 × \d+\) = 0/);
		assert.ok(!r.warnings.some((w) => w.startsWith('α = 0.3:')), 'a real collective gets no warning');
		const tiny = r.grid!.filter((row) => row.alpha === 0.001);
		assert.ok(tiny.every((row) => row.collectiveSize === 0 && row.flips === 0 && row.eqod.mean === r.base.eqod.mean));
		assertCleanJson(r);
	});

	it('a minority with no unfavourable rows: one warning, and every row is the base model', async () => {
		const t = twoGroups(300, 80, (group, x1) => (group === 'min' ? 'yes' : byThreshold(group, x1)));
		const r = await simulate(t, sidecar, { experiment: 'size', alphas: [0.2, 0.5], seeds: 2, flips: 3 });
		assert.ok(
			r.warnings.some((w) => /minority has no unfavourable training rows/.test(w)),
			r.warnings.join(' | '),
		);
		assert.ok(r.grid!.every((row) => row.poolSize === 0 && row.flips === 0));
		assert.ok(r.rows.every((row) => row.eqod.mean === r.base.eqod.mean && row.error.mean === r.base.error.mean));
		assert.equal(r.fits, 0, 'an empty pool needs no refit');
		assertCleanJson(r);
	});

	it('a minority that is the advantaged group is said to be, with both rates; a disadvantaged one is not', async () => {
		// The minority's rows are favourable above x1 > -1, the majority's above x1 > 0.5: the minority is favoured.
		const favoured = twoGroups(300, 120, (group, x1) => ((group === 'min' ? x1 > -1 : x1 > 0.5) ? 'yes' : 'no'));
		const r = await simulate(favoured, sidecar, { experiment: 'size', alphas: [0.5], seeds: 1, flips: 2, methods: ['random'] });
		const warning = r.warnings.find((w) => w.startsWith('the minority g = min is the advantaged group'));
		assert.ok(warning !== undefined, r.warnings.join(' | '));
		const [, minority, majority] = /favourable (\d+\.\d)% against (\d+\.\d)% for maj\): a collective from it can only widen the gap$/.exec(
			warning,
		)!;
		assert.ok(Number(minority) > Number(majority), warning);
		const usual = twoGroups(300, 120, byThreshold);
		const u = await simulate(usual, sidecar, { experiment: 'size', alphas: [0.5], seeds: 1, flips: 2, methods: ['random'] });
		assert.ok(!u.warnings.some((w) => /advantaged/.test(w)), u.warnings.join(' | '));
	});

	it('a collective with members but no unfavourable ones is named per α', async () => {
		// 2 unfavourable rows among 100 minority rows: a 3-member collective rarely holds one.
		const t = twoGroups(300, 100, (group, x1, i) => (group === 'min' ? (i % 50 === 0 ? 'no' : 'yes') : byThreshold(group, x1)));
		const r = await simulate(t, sidecar, { experiment: 'size', alphas: [0.04, 1], seeds: 3, flips: 2, methods: ['random'] });
		const warning = r.warnings.find((w) => w.startsWith('α = 0.04:'));
		assert.ok(warning !== undefined, r.warnings.join(' | '));
		assert.match(warning, /no unfavourable rows among the collective \(\d+ members, all favourable\)/);
		assert.ok(!r.warnings.some((w) => w.startsWith('α = 1:')));
		assertCleanJson(r);
	});

	it('k larger than the known majority rows: rb-label and rb-dist fail naming k and the rows, the others run', async () => {
		const { table: t, sidecar: s } = syntheticFixture(1000);
		const r = await simulate(t, s, { experiment: 'flips', knowledge: 3, k: 5, seeds: 2, flips: 3 });
		const reasons = (m: string): string[] => r.failures.filter((f) => f.method === m).map((f) => f.reason);
		assert.equal(reasons('rb-label').length, 2);
		for (const reason of reasons('rb-label')) {
			assert.match(reason, /^rb-label: k = 5 but the collective knows only 3 majority rows$/);
		}
		assert.equal(reasons('rb-dist').length, 2);
		for (const reason of reasons('rb-dist')) {
			assert.match(
				reason,
				/^rb-dist: (k = 5 but the collective knows only [0-3] favourable majority rows|needs favourable majority rows.*none of the 3)/,
			);
		}
		assert.ok(r.rows.some((row) => row.method === 'random'));
		assert.ok(!r.rows.some((row) => row.method === 'rb-label' || row.method === 'rb-dist'));
		assertCleanJson(r);
	});

	it('the knowledge experiment keeps the "all" arm of rb-label and rb-dist when the restricted arm fails', async () => {
		const { table: t, sidecar: s } = syntheticFixture(1000);
		const r = await simulate(t, s, {
			experiment: 'knowledge',
			knowledgeRows: 3,
			k: 5,
			seeds: 1,
			flips: 2,
			methods: ['rb-label', 'rb-dist'],
		});
		assert.deepEqual(new Set(r.rows.map((row) => `${row.method}|${row.knowledge}`)), new Set(['rb-label|all', 'rb-dist|all']));
		assert.ok(r.failures.every((f) => f.knowledge === 3));
	});

	it('no favourable majority rows: rb-dist and rb-prob fail with reasons, rb-label and random run', async () => {
		const t = twoGroups(300, 120, (group, x1) => (group === 'maj' ? 'no' : byThreshold(group, x1)));
		const r = await simulate(t, sidecar, { experiment: 'flips', seeds: 2, flips: 3 });
		const first = (m: string): string | undefined => r.failures.find((f) => f.method === m)?.reason;
		assert.match(
			first('rb-dist') ?? '',
			/needs favourable majority rows to measure distances to; none of the \d+ known majority rows is favourable/,
		);
		assert.match(first('rb-prob') ?? '', /needs both labels among the known majority rows/);
		assert.deepEqual([...new Set(r.rows.map((row) => row.method))], ['rb-label', 'random']);
		assertCleanJson(r);
	});

	it('a method failing on some seeds only is flagged, and its rows count the seeds it ran on', async () => {
		const { table: t, sidecar: s } = syntheticFixture(1000);
		// With 3 known rows, whether all 3 share a label depends on the seed's draw.
		let found = false;
		for (const firstSeed of [0, 10, 20]) {
			const r = await simulate(t, s, { experiment: 'flips', knowledge: 3, seeds: 4, firstSeed, flips: 2, methods: ['rb-prob'] });
			const failed = new Set(r.failures.map((f) => f.seed)).size;
			if (failed > 0 && failed < 4) {
				assert.ok(
					r.warnings.some(
						(w) =>
							w === `rb-prob (knowledge 3) could not run in ${failed} of 4 seeds (see failures); its rows average the other ${4 - failed}`,
					),
					r.warnings.join(' | '),
				);
				assert.ok(r.rows.every((row) => row.seeds === 4 - failed));
				found = true;
				break;
			}
		}
		assert.ok(found, 'no seed range with a partial failure; widen the search');
	});

	it('a single-class label is a clear error naming the label, before any work', async () => {
		const t = twoGroups(100, 50, byThreshold);
		const both: Sidecar = { ...sidecar, label: { column: 'y', favourable: ['yes', 'no'] } };
		await assert.rejects(simulate(t, both, { experiment: 'flips', seeds: 1 }), (e: Error) => {
			assert.equal(e.name, 'RolesError');
			assert.match(e.message, /the label y has a single class: all 150 rows used are favourable/);
			assert.match(e.message, /'yes' \(\d+, favourable\)/);
			return true;
		});
	});

	it('non-finite per-seed figures are treated as undefined, never averaged into NaN', () => {
		assert.deepEqual(summarise([NaN, Infinity], 'error'), {
			mean: null,
			reason: 'error is undefined for every seed (a group has no rows of a needed label in the test set)',
			n: 0,
		});
		const s = summarise([0.2, NaN, undefined, 0.4], 'error');
		assert.ok(s.mean !== null);
		assert.equal(s.n, 2);
		assert.ok(Math.abs(s.mean - 0.3) < 1e-12);
		assert.equal(summarise([0.25], 'error').mean, 0.25);
		assert.equal((summarise([0.25], 'error') as { sd: number }).sd, 0);
	});
});
