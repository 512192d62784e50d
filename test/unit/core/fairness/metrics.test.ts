import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditLabels, auditPredictions, pointMetrics } from '../../../../src/core/fairness';
import type { Estimate, FairnessReport } from '../../../../src/core/fairness';
import { createRandom } from '../../../../src/core/random';
import { DEGENERATE_GROUPS, outcomesFrom } from './outcomes';

const noBootstrap = { resamples: 0, random: createRandom(1) };

function value(figure: Estimate | undefined): number {
	assert.ok(figure !== undefined, 'figure missing');
	assert.ok(figure.value !== null, `figure undefined: ${figure.reason ?? ''}`);
	return figure.value;
}

function close(actual: Estimate | undefined, expected: number): void {
	const v = value(actual);
	assert.ok(Math.abs(v - expected) < 1e-12, `${v} ≠ ${expected}`);
}

function reasonOf(figure: Estimate | undefined): string {
	assert.ok(figure !== undefined && figure.value === null, 'expected an undefined figure');
	return figure.reason;
}

/*
 * Two groups, 20 rows (hand-computed):
 *   Male (reference, 10 rows): TP 4, FN 1, FP 2, TN 3
 *     base 5/10 = 0.5, selection 6/10 = 0.6, TPR 4/5 = 0.8, FPR 2/5 = 0.4, error 3/10 = 0.3
 *   Female (8 rows):           TP 1, FN 2, FP 1, TN 4
 *     base 3/8 = 0.375, selection 2/8 = 0.25, TPR 1/3, FPR 1/5 = 0.2, error 3/8 = 0.375
 *   outside (group −1, 2 rows): FN 1, TN 1 → 1 error
 * Overall error (3 + 3 + 1)/20 = 0.35.
 * Female − Male: SPD signed 0.25 − 0.6 = −0.35, |·| = 0.35; ΔTPR = 1/3 − 0.8 = −7/15; ΔFPR = −0.2;
 *   equal opportunity 7/15; EqOd average ½(7/15 + 1/5) = 1/3; EqOd max 7/15 (they differ);
 *   DI 0.25/0.6 = 5/12; base-rate difference −0.125 (|·| 0.125); label DI 0.375/0.5 = 0.75.
 */
const twoGroups = outcomesFrom({
	groups: [
		['Male', { tp: 4, fn: 1, fp: 2, tn: 3 }],
		['Female', { tp: 1, fn: 2, fp: 1, tn: 4 }],
	],
	outside: { tp: 0, fn: 1, fp: 0, tn: 1 },
});

describe('fairness metrics on a hand-computed two-group example', () => {
	const report = auditPredictions(twoGroups, noBootstrap);

	it('gives every per-group rate and count', () => {
		const [male, female] = report.groups;
		assert.equal(male!.name, 'Male');
		assert.equal(male!.isReference, true);
		assert.equal(male!.size, 10);
		assert.deepEqual(male!.counts, {
			favourableLabels: 5,
			unfavourableLabels: 5,
			positivePredictions: 6,
			truePositives: 4,
			falseNegatives: 1,
			falsePositives: 2,
			trueNegatives: 3,
		});
		close(male!.baseRate, 0.5);
		close(male!.selectionRate, 0.6);
		close(male!.truePositiveRate, 0.8);
		close(male!.falsePositiveRate, 0.4);
		close(male!.errorRate, 0.3);
		assert.equal(female!.size, 8);
		assert.equal(female!.isReference, false);
		close(female!.baseRate, 0.375);
		close(female!.selectionRate, 0.25);
		close(female!.truePositiveRate, 1 / 3);
		close(female!.falsePositiveRate, 0.2);
		close(female!.errorRate, 0.375);
	});

	it('gives every difference against the reference, average and max EqOd differing', () => {
		assert.equal(report.comparisons.length, 1);
		const c = report.comparisons[0]!;
		assert.equal(c.group, 'Female');
		assert.equal(c.reference, 'Male');
		close(c.statisticalParitySigned, -0.35);
		close(c.statisticalParityDifference, 0.35);
		close(c.truePositiveRateDifference, 1 / 3 - 0.8);
		close(c.falsePositiveRateDifference, -0.2);
		close(c.equalOpportunity, 7 / 15);
		close(c.eqodAverage, 1 / 3);
		close(c.eqodMax, 7 / 15);
		assert.notEqual(value(c.eqodAverage), value(c.eqodMax));
		close(c.disparateImpact, 5 / 12);
		close(c.baseRateDifferenceSigned, -0.125);
		close(c.baseRateDifference, 0.125);
		close(c.labelDisparateImpact, 0.75);
	});

	it('counts rows outside every group in the overall error only, and has no worst case for one comparison', () => {
		assert.equal(report.overall.rows, 20);
		assert.equal(report.overall.rowsOutsideGroups, 2);
		close(report.overall.error, 0.35);
		assert.equal(report.worst, undefined);
		assert.equal(report.kind, 'predictions');
		assert.equal(report.reference, 'Male');
	});

	it('pointMetrics gives the same numbers as plain numbers', () => {
		const p = pointMetrics(twoGroups);
		assert.ok(Math.abs(p.error! - 0.35) < 1e-12);
		assert.ok(Math.abs(p.spd! - 0.35) < 1e-12);
		assert.ok(Math.abs(p.eqodAverage! - 1 / 3) < 1e-12);
		assert.ok(Math.abs(p.eqodMax! - 7 / 15) < 1e-12);
		assert.throws(() => pointMetrics({ ...twoGroups, yhat: undefined }), /needs predictions/);
	});

	it('restricts to the given rows', () => {
		// The Male rows only: Female becomes empty, the overall error is Male's 0.3.
		const maleRows = Int32Array.from(Array.from(twoGroups.group).flatMap((g, i) => (g === 0 ? [i] : [])));
		const restricted = auditPredictions({ ...twoGroups, rows: maleRows }, noBootstrap);
		assert.equal(restricted.overall.rows, 10);
		close(restricted.overall.error, 0.3);
		assert.equal(restricted.groups[1]!.size, 0);
		assert.equal(pointMetrics({ ...twoGroups, rows: maleRows }).spd, undefined);
	});
});

/*
 * Degenerate groups, reference 'A' (6 rows): TP 2, FN 1, FP 1, TN 2
 *   → selection 3/6 = 0.5, TPR 2/3, FPR 1/3.
 *   'Empty' (0 rows): every rate undefined ("no rows in group 'Empty'").
 *   'NoPos' (4 rows): FP 1, TN 3 → TPR undefined (no favourable labels), FPR 1/4, selection 1/4.
 *   'NoNeg' (3 rows): TP 2, FN 1 → FPR undefined (no unfavourable labels), TPR 2/3, selection 2/3.
 * SPD: Empty undefined, NoPos |0.25 − 0.5| = 0.25, NoNeg |2/3 − 1/2| = 1/6 → worst NoPos 0.25, Empty excluded.
 * Equal opportunity: NoNeg |2/3 − 2/3| = 0, others undefined → worst 0 (NoNeg), Empty and NoPos excluded.
 * EqOd needs TPR and FPR of both groups: undefined for all three → worst undefined.
 */
const degenerate = outcomesFrom({ groups: DEGENERATE_GROUPS });

describe('fairness metrics on degenerate groups', () => {
	const report = auditPredictions(degenerate, noBootstrap);
	const [, empty, noPos, noNeg] = report.groups;
	const byGroup = (name: string) => report.comparisons.find((c) => c.group === name)!;

	it('leaves every rate of an empty group undefined, with the reason', () => {
		assert.equal(empty!.size, 0);
		for (const rate of [empty!.baseRate, empty!.selectionRate, empty!.truePositiveRate, empty!.falsePositiveRate, empty!.errorRate]) {
			assert.match(reasonOf(rate), /no rows in group 'Empty'/);
		}
		assert.match(reasonOf(byGroup('Empty').statisticalParityDifference), /no rows in group 'Empty'/);
	});

	it('leaves TPR undefined without favourable labels and FPR without unfavourable ones', () => {
		assert.match(reasonOf(noPos!.truePositiveRate), /no favourable labels \(y = 1\) among the group 'NoPos' rows/);
		close(noPos!.falsePositiveRate, 0.25);
		close(noPos!.selectionRate, 0.25);
		assert.match(reasonOf(noNeg!.falsePositiveRate), /no unfavourable labels \(y = 0\) among the group 'NoNeg' rows/);
		close(noNeg!.truePositiveRate, 2 / 3);
		assert.match(reasonOf(byGroup('NoPos').eqodAverage), /'NoPos'/);
		assert.match(reasonOf(byGroup('NoNeg').eqodMax), /no unfavourable labels/);
		close(byGroup('NoNeg').equalOpportunity, 0);
	});

	it('takes worst cases over the defined groups and names the excluded ones', () => {
		const worst = report.worst!;
		close(worst.statisticalParityDifference, 0.25);
		assert.equal(worst.statisticalParityDifference!.group, 'NoPos');
		assert.deepEqual(worst.statisticalParityDifference!.excludedGroups, ['Empty']);
		close(worst.equalOpportunity, 0);
		assert.equal(worst.equalOpportunity!.group, 'NoNeg');
		assert.deepEqual(worst.equalOpportunity!.excludedGroups, ['Empty', 'NoPos']);
		assert.match(reasonOf(worst.eqodAverage), /undefined for every compared group/);
	});

	it('pointMetrics reports undefined when any group is undefined', () => {
		const p = pointMetrics(degenerate);
		assert.equal(p.spd, undefined);
		assert.equal(p.eqodAverage, undefined);
		assert.ok(Math.abs(p.error! - 4 / 13) < 1e-12); // errors A 2 + NoPos 1 + NoNeg 1 over 13 rows
	});
});

/*
 * Disparate impact with a zero reference selection rate: reference 'R' (5 rows) TP 0, FN 2, FP 0, TN 3
 * (nobody selected), 'G' (4 rows) TP 1, FN 1, FP 0, TN 2 (selection 1/4).
 * DI = 0.25 / 0 → undefined with a reason; SPD = 0.25 is still defined.
 */
describe('disparate impact', () => {
	it('is undefined, with a reason, when the reference selection rate is 0', () => {
		const report = auditPredictions(
			outcomesFrom({
				groups: [
					['R', { tp: 0, fn: 2, fp: 0, tn: 3 }],
					['G', { tp: 1, fn: 1, fp: 0, tn: 2 }],
				],
			}),
			noBootstrap,
		);
		const c = report.comparisons[0]!;
		assert.match(reasonOf(c.disparateImpact), /reference group 'R' has no positive predictions \(selection rate 0\)/);
		close(c.statisticalParityDifference, 0.25);
		close(c.labelDisparateImpact, 0.5 / 0.4); // base rates 2/4 over 2/5
	});
});

/*
 * Three groups, reference 'White' (10 rows): TP 3, FN 1, FP 1, TN 5
 *   → base 0.4, selection 0.4, TPR 0.75, FPR 1/6.
 * 'Black' (8 rows): TP 1, FN 3, FP 0, TN 4 → base 0.5, selection 1/8, TPR 0.25, FPR 0.
 *   SPD 0.275; ΔTPR −0.5; ΔFPR −1/6; EqOd avg 1/3; max 0.5; DI 0.3125; base diff 0.1; label DI 1.25.
 * 'Asian' (6 rows): TP 2, FN 0, FP 3, TN 1 → base 1/3, selection 5/6, TPR 1, FPR 0.75.
 *   SPD 13/30; ΔTPR 0.25; ΔFPR 7/12; EqOd avg 5/12; max 7/12; DI 25/12; base diff 1/15; label DI 5/6.
 * Worst: SPD 13/30 Asian; equal opportunity 0.5 Black; EqOd avg 5/12 Asian; EqOd max 7/12 Asian;
 *   DI (smallest) 0.3125 Black; base diff 0.1 Black; label DI (smallest) 5/6 Asian.
 */
describe('worst case over three groups', () => {
	const threeGroups = outcomesFrom({
		groups: [
			['White', { tp: 3, fn: 1, fp: 1, tn: 5 }],
			['Black', { tp: 1, fn: 3, fp: 0, tn: 4 }],
			['Asian', { tp: 2, fn: 0, fp: 3, tn: 1 }],
		],
	});
	const report: FairnessReport = auditPredictions(threeGroups, noBootstrap);

	it('names the group attaining each worst case', () => {
		const worst = report.worst!;
		const expect = (figure: typeof worst.eqodMax, v: number, group: string): void => {
			close(figure, v);
			assert.equal(figure!.group, group);
			assert.equal(figure!.excludedGroups, undefined);
		};
		expect(worst.statisticalParityDifference, 13 / 30, 'Asian');
		expect(worst.equalOpportunity, 0.5, 'Black');
		expect(worst.eqodAverage, 5 / 12, 'Asian');
		expect(worst.eqodMax, 7 / 12, 'Asian');
		expect(worst.disparateImpact, 0.3125, 'Black');
		expect(worst.baseRateDifference, 0.1, 'Black');
		expect(worst.labelDisparateImpact, 5 / 6, 'Asian');
	});

	it('pointMetrics takes the worst case over the non-reference groups', () => {
		const p = pointMetrics(threeGroups);
		assert.ok(Math.abs(p.spd! - 13 / 30) < 1e-12);
		assert.ok(Math.abs(p.eqodAverage! - 5 / 12) < 1e-12);
		assert.ok(Math.abs(p.eqodMax! - 7 / 12) < 1e-12);
		assert.ok(Math.abs(p.error! - 8 / 24) < 1e-12); // errors 2 + 3 + 3 over 24 rows
	});
});

/*
 * Labels alone, the two-group example: Male base 0.5, Female 0.375 → base diff −0.125, label DI 0.75.
 * A reference with no favourable labels: 'R' (4 rows, all y = 0), 'G' (2 of 4 favourable) →
 * base diff 0.5, label DI undefined.
 */
describe('labels-only audit', () => {
	it('gives base rates, base-rate differences and label disparate impact, and nothing about predictions', () => {
		const report = auditLabels(twoGroups, noBootstrap);
		assert.equal(report.kind, 'labels');
		close(report.groups[0]!.baseRate, 0.5);
		close(report.groups[1]!.baseRate, 0.375);
		assert.deepEqual(report.groups[1]!.counts, { favourableLabels: 3, unfavourableLabels: 5 });
		assert.equal(report.groups[1]!.selectionRate, undefined);
		const c = report.comparisons[0]!;
		close(c.baseRateDifferenceSigned, -0.125);
		close(c.labelDisparateImpact, 0.75);
		assert.equal(c.statisticalParityDifference, undefined);
		assert.equal(c.eqodAverage, undefined);
		assert.equal(report.overall.error, undefined);
		assert.equal(report.overall.rows, 20);
	});

	it('works without yhat and explains a zero reference base rate', () => {
		const { yhat: _ignored, ...labelsOnly } = outcomesFrom({
			groups: [
				['R', { tp: 0, fn: 0, fp: 1, tn: 3 }],
				['G', { tp: 1, fn: 1, fp: 0, tn: 2 }],
			],
		});
		const report = auditLabels(labelsOnly, noBootstrap);
		close(report.comparisons[0]!.baseRateDifference, 0.5);
		assert.match(reasonOf(report.comparisons[0]!.labelDisparateImpact), /reference group 'R' has no favourable labels \(base rate 0\)/);
		assert.throws(() => auditPredictions(labelsOnly, noBootstrap), /needs predictions/);
	});
});
