/**
 * The chart conclusions (src/shared/conclusions.ts) on results shaped to test each rule: the best
 * method named only when its interval separates it from the next; over-correction named where
 * EqOd rises again after the best M; the target's flips; the per-group verdicts in the label's
 * words with the favourable value as positive.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { faded } from '../../../src/shared/chartTheme';
import { flipsConclusion, groupsConclusion, knowledgeConclusion } from '../../../src/shared/conclusions';
import type { AuditResult, SeedSummary, SimulationResult, SimulationRow } from '../../../src/shared/model';
import { fixture } from '../../support/panelFixtures';

const flips = fixture<SimulationResult>('flips');
const audit = fixture<AuditResult>('audit');
const summary = (mean: number, half: number): SeedSummary => ({ mean, sd: half / 2, lo: mean - half, hi: mean + half, n: 3 });

/** The flips fixture with each method's EqOd replaced by a curve over its grid. */
function withCurves(curves: Record<string, readonly number[]>, half: number): SimulationResult {
	const rows = flips.rows
		.map((r): SimulationRow => {
			const curve = curves[r.method];
			return curve === undefined ? r : { ...r, eqod: summary(curve[r.gridIndex] ?? curve[curve.length - 1]!, half) };
		})
		.filter((r) => curves[r.method] !== undefined);
	return { ...flips, rows, base: { ...flips.base, eqod: summary(0.09, 0.005) } };
}

describe('chart conclusions', () => {
	it('names the best method, its flips to the target and where over-correction starts', () => {
		const r = withCurves(
			{ 'rb-prob': [0.09, 0.07, 0.05, 0.03, 0.02, 0.04, 0.06, 0.08], random: [0.09, 0.085, 0.08, 0.075, 0.07, 0.065, 0.06, 0.055] },
			0.004,
		);
		const text = flipsConclusion(r, 'eqod', 0.045);
		const m = r.rows.filter((x) => x.method === 'rb-prob').sort((a, b) => a.gridIndex - b.gridIndex);
		assert.match(
			text,
			new RegExp(
				`^RB-prob lowers EqOd the most: 0\\.02 \\[0\\.016, 0\\.024\\] at M = ${Math.round(m[4]!.flips)} flips, from the base model's 0\\.09\\.`,
			),
		);
		assert.match(text, /It is clearly better than Random \(0\.055 \[0\.051, 0\.059\]\), the next best, at 3 seeds\./);
		assert.match(text, new RegExp(`It reaches the target EqOd ≤ 0\\.045 after M = ${Math.round(m[3]!.flips)} flips\\.`));
		assert.match(
			text,
			new RegExp(
				`Beyond M = ${Math.round(m[4]!.flips)} EqOd rises again, to 0\\.08 at M = ${Math.round(m[m.length - 1]!.flips)}: over-correction`,
			),
		);
		assert.ok(!text.includes('not distinguishable'));
	});

	it('says "not distinguishable at N seeds" when the intervals overlap', () => {
		const r = withCurves({ 'rb-prob': [0.09, 0.05, 0.04, 0.045], random: [0.09, 0.06, 0.05, 0.045] }, 0.03);
		const text = flipsConclusion(r, 'eqod', 0.01);
		assert.match(text, /Random \(0\.045 \[0\.015, 0\.075\]\) is not distinguishable from it at 3 seeds\./);
		assert.match(text, /No M on this grid reaches the target EqOd ≤ 0\.01\./);
		assert.match(text, /rises again, to 0\.045 .*, though the rise is not distinguishable at 3 seeds\./);
	});

	it('compares knowledge arms pairwise by grid point', () => {
		const knowledge = fixture<SimulationResult>('knowledge');
		const text = knowledgeConclusion(knowledge, 'eqod');
		assert.match(text, /RB-prob knowing 10 majority rows ends .* knowing all of them \(over \d+ values of M\)/);
	});

	it("judges each group rate in the label's own words, the favourable value as positive", () => {
		const text = groupsConclusion(audit);
		assert.ok(text.startsWith('Positive = “label = favourable”.'), text);
		// The minority is selected less often (0.11 against 0.29, intervals apart): disadvantaged.
		assert.match(
			text,
			/\(selection rate\): 0\.1111 for group = minority against 0\.288 for majority \(group = minority is disadvantaged\)/,
		);
		// A lower FPR is fewer undeserved favourable outcomes: also a disadvantage here.
		assert.match(text, /\(FPR\): 0\.0398 for group = minority against 0\.105 for majority \(group = minority is disadvantaged\)/);
		assert.match(text, /\(TPR\): 0\.5455 for group = minority against 0\.6649 for majority \(not distinguishable on 800 test rows\)/);
	});
});

describe('chart theme', () => {
	it('fades any colour syntax the editor theme may give', () => {
		assert.equal(faded('#0072B2'), '#0072B240');
		assert.equal(faded('#ccc'), '#cccccc40');
		assert.equal(faded('rgb(204, 204, 204)'), 'rgba(204, 204, 204, 0.25)');
		assert.equal(faded('rgba(0,0,0,0.8)'), 'rgba(0, 0, 0, 0.25)');
		assert.equal(faded('red'), 'red');
	});
});
