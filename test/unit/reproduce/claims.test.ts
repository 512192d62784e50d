/**
 * The reproduction's claim verdicts (scripts/reproduce/claims.ts) on hand-built runs, one per rule
 * branch, and the report writer on the committed reproduction JSON: the toy block another script
 * maintains survives a rewrite byte for byte, and the report cites nothing outside the repository.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EfficiencyEntry, Simulation } from '../../../scripts/reproduce/analysis';
import { knowledgeClaim, rbVsRandomClaim, saturationClaim } from '../../../scripts/reproduce/claims';
import { toyBlock } from '../../../scripts/reproduce/report';
import { committedRun, REPORT_IDS, rewriteReport } from './reportRun';

const summary = (mean: number, lo = mean, hi = mean): { mean: number; sd: number; lo: number; hi: number; n: number } => ({
	mean,
	sd: 0,
	lo,
	hi,
	n: 10,
});

function entry(
	method: string,
	knowledge: 'all' | number,
	paired?: { mean: number; lo: number; hi: number },
	key: 'vsRandom' | 'vsAllKnown' = 'vsRandom',
): EfficiencyEntry {
	return {
		method,
		knowledge,
		alpha: 0.3,
		target: 0.1,
		conclusion: '',
		flipsToTarget: { median: 100, lo: 80, hi: 120, reached: 10, seeds: 10 },
		best: { flips: 200, eqod: 0.02, error: 0.35 },
		...(paired === undefined ? {} : { [key]: { flipsToTarget: { ...paired, n: 10, censored: 0 }, eqodByFlips: [] } }),
	} as unknown as EfficiencyEntry;
}

function run(efficiency: EfficiencyEntry[], rows: unknown[] = []): Simulation {
	return {
		base: { seeds: 10, eqod: summary(0.2, 0.18, 0.22), error: summary(0.33) },
		target: 0.1,
		efficiency,
		rows,
	} as unknown as Simulation;
}

describe('reproduction claims', () => {
	it('RB vs Random: holds, holds for some, does not hold, or not distinguishable, from the paired intervals', () => {
		const random = entry('random', 'all');
		const fewer = { mean: -20, lo: -30, hi: -10 };
		const covers = { mean: -2, lo: -8, hi: 4 };
		const more = { mean: 15, lo: 5, hi: 25 };
		assert.equal(rbVsRandomClaim(run([entry('rb-prob', 'all', fewer), entry('rb-label', 'all', fewer), random])).verdict, 'holds');
		assert.equal(
			rbVsRandomClaim(run([entry('rb-prob', 'all', fewer), entry('rb-label', 'all', covers), random])).verdict,
			'holds for RB-prob; not distinguishable at 10 seeds for the others',
		);
		assert.equal(
			rbVsRandomClaim(run([entry('rb-prob', 'all', fewer), entry('rb-label', 'all', more), random])).verdict,
			'does not hold: RB-label needs more flips than Random',
		);
		assert.equal(rbVsRandomClaim(run([entry('rb-prob', 'all', covers), random])).verdict, 'not distinguishable at 10 seeds');
		assert.match(rbVsRandomClaim(run([entry('rb-prob', 'all', fewer), random])).statistic, /RB-prob −20 \[−30, −10\]/);
	});

	it('knowledge: small means within ±10 % of the pool, and a missing run is said', () => {
		const rows = [{ knowledge: 'all', poolSize: 400 }];
		const k = (d: { mean: number; lo: number; hi: number }): Simulation =>
			run([entry('rb-prob', 10, d, 'vsAllKnown'), entry('rb-prob', 'all')], rows);
		assert.equal(knowledgeClaim(k({ mean: 3, lo: -10, hi: 16 })).verdict, 'holds');
		assert.equal(knowledgeClaim(k({ mean: 20, lo: 5, hi: 35 })).verdict, 'holds (a measurable but small difference for RB-prob)');
		assert.equal(knowledgeClaim(k({ mean: 80, lo: 50, hi: 110 })).verdict, 'does not hold for RB-prob');
		assert.equal(knowledgeClaim(k({ mean: 20, lo: -30, hi: 70 })).verdict, 'not distinguishable at 10 seeds');
		assert.equal(knowledgeClaim(undefined).verdict, 'not run (budget: large table)');
	});

	it("saturation: α = 0.3 inside the best larger α's interval holds; above it does not; inside the base interval is open", () => {
		const row = (alpha: number, eqod: number, lo: number, hi: number): unknown => ({
			method: 'rb-prob',
			alpha,
			flips: 100,
			poolSize: 300,
			eqod: summary(eqod, lo, hi),
			error: summary(0.34),
		});
		const size = (rows: unknown[]): Simulation => run([], rows);
		assert.equal(
			saturationClaim(size([row(0.1, 0.12, 0.1, 0.14), row(0.3, 0.05, 0.03, 0.07), row(0.5, 0.045, 0.03, 0.06)])).verdict,
			'holds',
		);
		assert.equal(
			saturationClaim(size([row(0.1, 0.12, 0.1, 0.14), row(0.3, 0.09, 0.07, 0.11), row(0.5, 0.03, 0.02, 0.04)])).verdict,
			'does not hold: larger collectives still lower EqOd',
		);
		assert.match(
			saturationClaim(size([row(0.3, 0.19, 0.15, 0.23), row(0.5, 0.19, 0.15, 0.23)])).verdict,
			/^not distinguishable at 10 seeds/,
		);
		assert.equal(saturationClaim(size([row(0.1, 0.12, 0.1, 0.14), row(0.3, 0.05, 0.03, 0.07), row(0.5, 0.045, 0.03, 0.06)])).alpha, 0.3);
	});
});

describe('reproduction report', () => {
	const committed = REPORT_IDS.every((id) => {
		const run = committedRun(id) as { flips: object } | undefined;
		return run !== undefined && 'efficiency' in run.flips;
	});

	it(
		'keeps the toy block verbatim and cites nothing outside the repository',
		{ skip: committed ? false : 'docs/reproduction/ holds no JSON with the efficiency statistics (run npm run reproduce)' },
		() => {
			const toy = '<!-- toy:start -->\n## The motivating toy\n\nKept   as is,\n\n\n\nthree blank lines included.\n<!-- toy:end -->';
			rewriteReport(`# old\n\n${toy}\n\nold tail\n`, (file, text) => {
				assert.equal(toyBlock(file), toy);
				assert.equal(text.split('<!-- toy:start -->').length, 2, 'the toy block appears once');
				assert.ok(!text.includes('old tail'));
				assert.doesNotMatch(text, /paper-notes|\/work\/|\/home\/|\/tmp\//);
				assert.doesNotMatch(text, /M = \d+\.\d/, 'M is given as whole rows');
				assert.doesNotMatch(text, /NaN|undefined/);
				for (const claim of [
					'(1) Saturation',
					'(2) RB methods beat Random',
					'(3) 10 known majority rows',
					'(4) The collective against the firm side',
				]) {
					assert.ok(text.includes(`### ${claim}`), claim);
				}
				assert.match(text, /\| COMPAS \(race\) \(10 seeds\) \| target 0\.\d{3}; Random's median flips to it/);
			});
		},
	);
});
