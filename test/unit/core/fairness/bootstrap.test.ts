import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditPredictions } from '../../../../src/core/fairness';
import type { Estimate } from '../../../../src/core/fairness';
import { createRandom } from '../../../../src/core/random';
import { outcomesFrom, syntheticOutcomes } from './outcomes';

function intervalOf(figure: Estimate | undefined): { lo: number; hi: number; level: number } {
	assert.ok(figure?.interval !== undefined, `no interval: ${JSON.stringify(figure)}`);
	return figure.interval;
}

// 6,500 rows like a 30 % test split of Adult-sized data: 70 % reference, 30 % minority.
const source = createRandom(2024);
const large = syntheticOutcomes([4550, 1950], [0.3, 0.15], [0.15, 0.22], () => source.next());

describe('bootstrap intervals', () => {
	it('are the same for the same seed and differ for another seed', () => {
		const a = auditPredictions(large, { resamples: 200, random: createRandom(11), seed: 11 });
		const b = auditPredictions(large, { resamples: 200, random: createRandom(11), seed: 11 });
		const c = auditPredictions(large, { resamples: 200, random: createRandom(12), seed: 12 });
		assert.deepEqual(a, b);
		assert.equal(a.bootstrap.seed, 11);
		assert.notDeepEqual(intervalOf(a.comparisons[0]!.eqodAverage), intervalOf(c.comparisons[0]!.eqodAverage));
		// Point estimates do not depend on the seed.
		assert.equal(a.comparisons[0]!.eqodAverage!.value, c.comparisons[0]!.eqodAverage!.value);
	});

	it('contain the point estimate on a reasonable sample, and are narrower for the larger group', (t) => {
		const started = performance.now();
		const report = auditPredictions(large, { random: createRandom(5) });
		const elapsed = performance.now() - started;
		t.diagnostic(`1000 resamples of 6500 rows: ${elapsed.toFixed(1)} ms (including the confusion pass)`);
		assert.ok(elapsed < 1000, `bootstrap took ${elapsed} ms`);
		assert.equal(report.bootstrap.resamples, 1000);
		assert.equal(report.bootstrap.level, 0.95);
		const figures: Estimate[] = [report.overall.error!];
		for (const g of report.groups) {
			figures.push(g.baseRate, g.selectionRate!, g.truePositiveRate!, g.falsePositiveRate!, g.errorRate!);
		}
		const c = report.comparisons[0]!;
		figures.push(
			c.statisticalParityDifference!,
			c.statisticalParitySigned!,
			c.equalOpportunity!,
			c.eqodAverage!,
			c.eqodMax!,
			c.disparateImpact!,
			c.baseRateDifference,
			c.labelDisparateImpact,
		);
		for (const figure of figures) {
			const { lo, hi, level } = intervalOf(figure);
			assert.equal(level, 0.95);
			assert.equal(figure.validResamples, 1000);
			assert.ok(lo <= figure.value! && figure.value! <= hi, `${figure.value} outside [${lo}, ${hi}]`);
			assert.ok(hi - lo < 0.2, `interval [${lo}, ${hi}] implausibly wide`);
		}
		const width = (f: Estimate): number => intervalOf(f).hi - intervalOf(f).lo;
		assert.ok(width(report.groups[0]!.errorRate!) < width(report.groups[1]!.errorRate!));
	});

	it('agree with a naive bootstrap that resamples row indices within each group', () => {
		// Independent yardstick: draw row indices with Random.int per group, recount, recompute
		// EqOd (average) and take type-7 percentiles. The engine draws cell counts as multinomials
		// instead; the two must agree up to Monte Carlo error (≈ 0.001 here).
		const resamples = 2000;
		const random = createRandom(77);
		const members = [0, 1].map((g) => Array.from(large.group).flatMap((a, i) => (a === g ? [i] : [])));
		const values: number[] = [];
		for (let b = 0; b < resamples; b++) {
			const rates = members.map((rows) => {
				let tp = 0,
					fn = 0,
					fp = 0,
					tn = 0;
				for (let k = 0; k < rows.length; k++) {
					const i = rows[random.int(rows.length)]!;
					const predicted = large.yhat[i] === 1;
					if (large.y[i] === 1) {
						tp += predicted ? 1 : 0;
						fn += predicted ? 0 : 1;
					} else {
						fp += predicted ? 1 : 0;
						tn += predicted ? 0 : 1;
					}
				}
				return { tpr: tp / (tp + fn), fpr: fp / (fp + tn) };
			});
			values.push(0.5 * (Math.abs(rates[1]!.tpr - rates[0]!.tpr) + Math.abs(rates[1]!.fpr - rates[0]!.fpr)));
		}
		values.sort((a, b) => a - b);
		const quantile = (p: number): number => {
			const h = (values.length - 1) * p;
			const lo = Math.floor(h);
			return values[lo]! + (h - lo) * (values[Math.min(lo + 1, values.length - 1)]! - values[lo]!);
		};
		const engine = intervalOf(auditPredictions(large, { resamples, random: createRandom(78) }).comparisons[0]!.eqodAverage);
		assert.ok(Math.abs(engine.lo - quantile(0.025)) < 0.005, `lo ${engine.lo} vs ${quantile(0.025)}`);
		assert.ok(Math.abs(engine.hi - quantile(0.975)) < 0.005, `hi ${engine.hi} vs ${quantile(0.975)}`);
	});

	it('follow the requested level: a 50 % interval sits inside the 95 % one', () => {
		const wide = auditPredictions(large, { resamples: 400, random: createRandom(3) });
		const narrow = auditPredictions(large, { resamples: 400, level: 0.5, random: createRandom(3) });
		const w = intervalOf(wide.comparisons[0]!.statisticalParityDifference);
		const n = intervalOf(narrow.comparisons[0]!.statisticalParityDifference);
		assert.ok(w.lo < n.lo && n.hi < w.hi);
		assert.equal(n.level, 0.5);
	});

	it('resample within groups: a one-row group keeps its row in every resample', () => {
		// 'Solo' has a single row (y = 1, ŷ = 1). Unstratified resampling would leave it out of
		// about 1/e of the resamples; stratified, its TPR is defined (and 1) in all of them.
		const outcomes = outcomesFrom({
			groups: [
				['Big', { tp: 40, fn: 10, fp: 10, tn: 40 }],
				['Solo', { tp: 1, fn: 0, fp: 0, tn: 0 }],
			],
		});
		const report = auditPredictions(outcomes, { resamples: 300, random: createRandom(9) });
		const solo = report.groups[1]!;
		assert.equal(solo.truePositiveRate!.validResamples, 300);
		assert.deepEqual(solo.truePositiveRate!.interval, { lo: 1, hi: 1, level: 0.95 });
		assert.equal(report.comparisons[0]!.equalOpportunity!.validResamples, 300);
	});

	it('leave out resamples where a figure is undefined, count them, and give up below half', () => {
		// Reference 'Ref' is large; each of three small groups has 10 rows and one favourable label,
		// so its TPR is undefined in a resample w.p. 0.9^10 ≈ 0.35. A single group's equal
		// opportunity keeps ≈ 65 % of the resamples; the worst case needs all three defined,
		// ≈ 0.65³ ≈ 28 % < 50 %, so its interval is withheld with a reason.
		const small = { tp: 1, fn: 0, fp: 2, tn: 7 };
		const outcomes = outcomesFrom({
			groups: [
				['Ref', { tp: 200, fn: 50, fp: 50, tn: 200 }],
				['S1', small],
				['S2', small],
				['S3', small],
			],
		});
		const report = auditPredictions(outcomes, { resamples: 1000, random: createRandom(4) });
		const single = report.comparisons[0]!.equalOpportunity!;
		assert.ok(single.validResamples! > 550 && single.validResamples! < 750, `${single.validResamples}`);
		assert.ok(single.interval !== undefined);
		const worst = report.worst!.equalOpportunity!;
		assert.ok(Math.abs(worst.value! - 0.2) < 1e-12); // every small group has TPR 1 against the reference's 0.8
		assert.ok(worst.validResamples! > 200 && worst.validResamples! < 360, `${worst.validResamples}`);
		assert.equal(worst.interval, undefined);
		assert.match(worst.intervalReason!, /^only \d+ of 1000 resamples gave a defined value; an interval needs at least 500$/);
	});

	it('are absent when the bootstrap is off, and options are checked', () => {
		const report = auditPredictions(large, { resamples: 0, random: createRandom(1) });
		assert.equal(report.comparisons[0]!.eqodAverage!.interval, undefined);
		assert.equal(report.comparisons[0]!.eqodAverage!.validResamples, undefined);
		assert.throws(() => auditPredictions(large, { resamples: -1, random: createRandom(1) }), /resamples/);
		assert.throws(() => auditPredictions(large, { level: 1, random: createRandom(1) }), /level/);
	});
});
