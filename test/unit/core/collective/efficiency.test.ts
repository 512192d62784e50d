import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { computeEfficiency, crossing, efficiencyConclusion } from '../../../../src/core/collective/efficiency';
import type { RunMetrics } from '../../../../src/core/collective/evaluate';
import type { Method } from '../../../../src/core/collective/params';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import type { UnitPoint, UnitResult } from '../../../../src/core/collective/unit';
import { meanInterval, tQuantile975 } from '../../../../src/core/stats/studentT';
import { readCsvFile } from '../../../../src/io/readCsvFile';
import { validateSidecar } from '../../../../src/core/roles/sidecar';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const metrics = (eqod: number | undefined): RunMetrics => ({
	error: 0.2,
	spd: 0.1,
	eqod,
	eqodMax: eqod,
	tprGap: undefined,
	fprGap: undefined,
});
const point = (gridIndex: number, flips: number, eqod: number | undefined, poolSize = 100): UnitPoint => ({
	alpha: 0.3,
	gridIndex,
	flips,
	poolSize,
	collectiveSize: 200,
	metrics: metrics(eqod),
});
/** A unit whose EqOd curve over M = 0, 25, 50, 75, 100 is `curve`. */
const unit = (seed: number, method: Method, curve: ReadonlyArray<number | undefined>): UnitResult => ({
	key: { seed, method, knowledge: 'all' },
	base: metrics(curve[0]),
	fits: curve.length - 1,
	knownRows: 10,
	minorityRows: 400,
	unfavourableMinorityRows: 100,
	points: curve.map((e, i) => point(i, i * 25, e)),
});

describe('efficiency: flips to target, paired with Random', () => {
	it('interpolates the first crossing linearly between grid points; 0 when the base is already there; undefined when never', () => {
		assert.equal(crossing([point(0, 0, 0.2), point(1, 25, 0.15), point(2, 50, 0.05), point(3, 75, 0.02)], 0.1), 25 + (0.05 / 0.1) * 25);
		assert.equal(crossing([point(0, 0, 0.05), point(1, 25, 0.15)], 0.1), 0);
		assert.equal(crossing([point(0, 0, 0.2), point(1, 25, 0.15)], 0.1), undefined);
		// An undefined EqOd is skipped, not read as zero.
		assert.equal(crossing([point(0, 0, 0.2), point(1, 25, undefined), point(2, 50, 0)], 0.1), 0 + (0.1 / 0.2) * 50);
	});

	it('Student t quantiles and the mean interval match tables', () => {
		assert.equal(tQuantile975(1), 12.7062);
		assert.equal(tQuantile975(9), 2.2622);
		assert.ok(Math.abs(tQuantile975(60) - 2.0003) < 2e-4);
		assert.ok(Math.abs(tQuantile975(1000) - 1.9623) < 2e-4);
		const m = meanInterval([1, 2, 3, 4, 5])!;
		assert.equal(m.mean, 3);
		assert.ok(Math.abs(m.hi - (3 + (2.7764 * Math.sqrt(2.5)) / Math.sqrt(5))) < 1e-12);
		assert.equal(meanInterval([1]), undefined);
	});

	it('pairs seeds: a method that is consistently 20 flips faster is called faster even when seeds differ a lot', () => {
		// Seed-to-seed spread (±40 flips) far larger than the 20-flip advantage: two independent
		// means could not separate them; the paired difference can.
		const results: UnitResult[] = [];
		const shifts = [0, 40, -30, 20, -10, 35, -25, 5, 15, -40];
		shifts.forEach((s, seed) => {
			const at = (m: number): number => Math.max(0, 0.2 - (0.2 * m) / (60 + s));
			results.push(unit(seed, 'random', [0, 25, 50, 75, 100].map(at)));
			results.push(
				unit(
					seed,
					'rb-dist',
					[0, 25, 50, 75, 100].map((m) => at(m + 20)),
				),
			);
		});
		const [dist, random] = [computeEfficiency(results, ['rb-dist', 'random'], 0.1)].flatMap((e) => [
			e.find((x) => x.method === 'rb-dist')!,
			e.find((x) => x.method === 'random')!,
		]);
		assert.equal(dist!.flipsToTarget.reached, 10);
		assert.ok(dist!.vsRandom!.flipsToTarget!.hi < 0, JSON.stringify(dist!.vsRandom));
		assert.ok(
			Math.abs(dist!.vsRandom!.flipsToTarget!.mean + 20) < 3,
			`paired difference ≈ −20, got ${dist!.vsRandom!.flipsToTarget!.mean}`,
		);
		assert.match(dist!.conclusion, /fewer flips than Random/);
		assert.equal(random!.vsRandom, undefined);
		assert.ok(
			dist!.vsRandom!.eqodByFlips.every((d) => d.flips % 1 === 0),
			'M is reported as whole rows',
		);
	});

	it('says "not distinguishable" when the paired interval covers zero, and counts seeds that never reach', () => {
		const results: UnitResult[] = [];
		[0, 1, 2, 3].forEach((seed) => {
			results.push(unit(seed, 'random', [0.2, 0.15, seed % 2 === 0 ? 0.05 : 0.12, 0.08, 0.1]));
			results.push(unit(seed, 'rb-prob', [0.2, 0.15, seed % 2 === 1 ? 0.05 : 0.12, 0.08, 0.1]));
			results.push(unit(seed, 'rb-label', [0.2, 0.18, 0.16, 0.15, 0.14]));
		});
		const e = computeEfficiency(results, ['rb-prob', 'rb-label', 'random'], 0.1);
		const prob = e.find((x) => x.method === 'rb-prob')!;
		assert.match(prob.conclusion, /not distinguishable from Random at 4 seeds/);
		const label = e.find((x) => x.method === 'rb-label')!;
		assert.deepEqual({ ...label.flipsToTarget }, { median: null, lo: null, hi: null, reached: 0, seeds: 4 });
		assert.match(label.conclusion, /does not reach EqOd ≤ 0\.100 at α = 0\.3 in any of 4 seeds/);
		// Censored at the pool (100 flips): a lower bound, so "more flips" is conservative.
		assert.equal(label.vsRandom!.flipsToTarget!.censored, 4);
		assert.ok(label.vsRandom!.flipsToTarget!.lo > 0);
		assert.equal(label.best!.flips, 100);
		assert.equal(label.best!.eqod, 0.14);
	});

	it('a failed method gets a stated conclusion, never NaN', () => {
		const failed: UnitResult = { ...unit(0, 'rb-dist', []), points: [], failure: 'k too large' };
		const e = computeEfficiency([failed, unit(0, 'random', [0.2, 0.1, 0.05])], ['rb-dist', 'random'], 0.1);
		const dist = e.find((x) => x.method === 'rb-dist')!;
		assert.equal(dist.flipsToTarget.seeds, 0);
		assert.match(dist.conclusion, /did not run/);
		assert.doesNotMatch(JSON.stringify(e), /NaN|Infinity/);
		assert.match(
			efficiencyConclusion({
				...dist,
				flipsToTarget: { median: 10, lo: 5, hi: 20, reached: 1, seeds: 1 },
				vsRandom: { flipsToTarget: null, eqodByFlips: [] },
			}),
			/median of ≈ 10 flips/,
		);
	});
});

const samples = join(__dirname, '..', '..', '..', '..', '..', 'samples');

describe('efficiency and S(α) on the bundled synthetic data with the aware firm (the default)', () => {
	let result: SimulationResult;
	before(async () => {
		const parsed = await readCsvFile(join(samples, 'synthetic.csv'));
		const sidecar = validateSidecar(JSON.parse(readFileSync(join(samples, 'synthetic.fairness.json'), 'utf8')), 'synthetic.fairness.json');
		result = await simulate(parsed.table, sidecar, { experiment: 'flips', alpha: 0.3, seeds: 3, flips: 8 });
	});

	it('names the firm and gives it the sensitive attribute', () => {
		assert.equal(result.firm, 'aware');
		assert.ok(result.features.includes('group'));
	});

	it('S rises with M for every method up to its best M', () => {
		for (const method of result.params.methods) {
			const rows = result.rows.filter((r) => r.method === method).sort((a, b) => a.gridIndex - b.gridIndex);
			const bestIndex = rows.reduce((b, r, i) => (r.eqod.mean! < rows[b]!.eqod.mean! ? i : b), 0);
			assert.ok(bestIndex > 0, `${method}: the collective improves EqOd`);
			for (let i = 1; i <= bestIndex; i++) {
				assert.ok(
					rows[i]!.success!.mean! > rows[i - 1]!.success!.mean!,
					`${method}: S at M=${rows[i]!.flips} (${rows[i]!.success!.mean}) above S at M=${rows[i - 1]!.flips} (${rows[i - 1]!.success!.mean})`,
				);
			}
		}
	});

	it('carries one efficiency entry per method with the default target, half the base EqOd', () => {
		assert.equal(result.target, result.base.eqod.mean! / 2);
		assert.deepEqual(
			result.efficiency.map((e) => e.method),
			[...result.params.methods],
		);
		for (const e of result.efficiency) {
			assert.equal(e.flipsToTarget.seeds, 3);
			assert.ok(e.conclusion.length > 0);
		}
	});

	it('reports signed gaps beside EqOd, with a verdict', () => {
		const base = result.rows.find((r) => r.gridIndex === 0)!;
		assert.ok(base.tprGap.mean !== null && base.fprGap.mean !== null);
		assert.ok(base.tprGap.mean < 0, 'the minority has the lower TPR before any flip');
		assert.equal(base.gapVerdict, 'gap');
		assert.ok(result.rows.every((r) => ['gap', 'none-measurable', 'unknown'].includes(r.gapVerdict)));
	});

	it('bad targets give a stated result: above the base (0 flips) and unreachable (not reached by any method)', async () => {
		const parsed = await readCsvFile(join(samples, 'synthetic.csv'));
		const sidecar = validateSidecar(JSON.parse(readFileSync(join(samples, 'synthetic.fairness.json'), 'utf8')), 'synthetic.fairness.json');
		const above = await simulate(parsed.table, sidecar, {
			experiment: 'flips',
			alpha: 0.3,
			seeds: 2,
			flips: 3,
			methods: ['random'],
			targetEqod: 0.9,
		});
		assert.equal(above.efficiency[0]!.flipsToTarget.median, 0);
		assert.ok(above.warnings.some((w) => /at or above the base/.test(w)));
		const never = await simulate(parsed.table, sidecar, {
			experiment: 'flips',
			alpha: 0.3,
			seeds: 2,
			flips: 3,
			methods: ['random', 'rb-prob'],
			targetEqod: 0,
		});
		assert.ok(
			never.warnings.some((w) => /not reached by any method at α = 0.3/.test(w)),
			never.warnings.join('\n'),
		);
		const onePoint = await simulate(parsed.table, sidecar, {
			experiment: 'flips',
			alpha: 0.3,
			seeds: 2,
			flipGrid: [40],
			methods: ['random', 'rb-prob'],
		});
		assert.doesNotMatch(JSON.stringify(onePoint), /NaN|Infinity/);
		assert.equal(onePoint.efficiency.length, 2);
	});
});

describe('a pool smaller than the grid', () => {
	it('repeats M without refitting and says the grid was reduced', async () => {
		const parsed = await readCsvFile(join(samples, 'synthetic.csv'));
		const sidecar = validateSidecar(JSON.parse(readFileSync(join(samples, 'synthetic.fairness.json'), 'utf8')), 'synthetic.fairness.json');
		// α = 0.01 of ≈ 940 minority training rows: ≈ 9 members, a handful of them unfavourable.
		const r = await simulate(parsed.table, sidecar, { experiment: 'flips', alpha: 0.01, seeds: 2, flips: 20, methods: ['random'] });
		const pool = r.rows[0]!.poolSize;
		assert.ok(pool > 0 && pool < 19, `pool ${pool}`);
		assert.ok(
			r.warnings.some((w) => /pool of \d+( or \d+)*: grid reduced to M = 0–\d+/.test(w)),
			r.warnings.join('\n'),
		);
		assert.ok(r.fits < 2 * 19, `only distinct M are refitted (${r.fits} fits)`);
		assert.doesNotMatch(JSON.stringify(r), /NaN|Infinity/);
	});
});

describe('the knowledge experiment, paired across arms', () => {
	it('pairs the restricted arm with the same method knowing every majority row, seed by seed', () => {
		const results: UnitResult[] = [];
		[0, 1, 2, 3, 4].forEach((seed) => {
			const all = unit(seed, 'rb-prob', [0.2, 0.15, 0.09 + seed * 0.001, 0.05, 0.1]);
			const ten: UnitResult = { ...unit(seed, 'rb-prob', [0.2, 0.18, 0.16, 0.09, 0.1]), key: { seed, method: 'rb-prob', knowledge: 10 } };
			results.push(all, ten);
		});
		const e = computeEfficiency(results, ['rb-prob'], 0.1);
		const ten = e.find((x) => x.knowledge === 10)!;
		assert.ok(ten.vsAllKnown!.flipsToTarget!.lo > 0, 'knowing 10 rows needs more flips on every seed');
		assert.equal(e.find((x) => x.knowledge === 'all')!.vsAllKnown, undefined);
		assert.equal(ten.vsAllKnown!.eqodByFlips.length, 5);
	});
});
