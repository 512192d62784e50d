import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
	calibratedLabels,
	calibratedScores,
	fitCalibratedEqOdds,
	generalizedCost,
	groupCostStats,
	trivialCost,
	withholdingDraws,
	type CalibratedEqOddsFit,
} from '../../../../src/core/firm/calibratedEqOdds';
import { applyThresholdMixtures, solveEqualizedOdds } from '../../../../src/core/firm/eqOddsThresholds';
import { createRandom } from '../../../../src/core/random';

/** Calibrated scores: s ~ Beta-ish per group, y ~ Bernoulli(s). */
function calibratedGroup(n: number, shift: number, seed: number): { scores: Float64Array; y: Uint8Array } {
	const random = createRandom(seed);
	const scores = Float64Array.from({ length: n }, () =>
		Math.min(0.99, Math.max(0.01, shift + 0.6 * (random.next() - 0.5) + 0.2 * random.normal() * 0.5)),
	);
	const y = Uint8Array.from(scores, (s) => (random.next() < s ? 1 : 0));
	return { scores, y };
}

describe('calibrated equalized odds (AIF360 HEAD formulas)', () => {
	it('worked example: costs, trivial costs and the mix rate', () => {
		// Group 0: scores .9,.8,.3 on y = 1,1,0 → br 2/3, GFPR .3, GFNR (.1+.2)/2 = .15.
		// Group 1: scores .6,.4,.2,.1 on y = 1,0,0,0 → br 1/4, GFPR (.4+.2+.1)/3, GFNR .4.
		const g0 = { scores: [0.9, 0.8, 0.3], y: [1, 1, 0] };
		const g1 = { scores: [0.6, 0.4, 0.2, 0.1], y: [1, 0, 0, 0] };
		const s0 = groupCostStats(g0.scores, g0.y);
		assert.ok(
			Math.abs(s0.baseRate - 2 / 3) < 1e-15 && Math.abs(s0.generalizedFpr - 0.3) < 1e-15 && Math.abs(s0.generalizedFnr - 0.15) < 1e-15,
		);
		// weighted: ½·GFPR·(1 − br) + ½·GFNR·br (the FN term × br, not × (1 − br) as before Feb 2020).
		const c0 = 0.5 * 0.3 * (1 / 3) + 0.5 * 0.15 * (2 / 3);
		assert.ok(Math.abs(generalizedCost(s0, 'weighted') - c0) < 1e-15);
		assert.ok(Math.abs(generalizedCost(s0, 'fnr') - 0.15 * (2 / 3)) < 1e-15);
		assert.ok(Math.abs(generalizedCost(s0, 'fpr') - 0.3 * (1 / 3)) < 1e-15);
		const s1 = groupCostStats(g1.scores, g1.y);
		const c1 = 0.5 * (0.7 / 3) * 0.75 + 0.5 * 0.4 * 0.25;
		const fit = fitCalibratedEqOdds([g0, g1], 'weighted');
		assert.ok(Math.abs(fit.costs[1] - c1) < 1e-15 && Math.abs(fit.costs[0] - c0) < 1e-15);
		// c1 > c0: group 0 mixes, at (c1 − c0) / (c̃0 − c0), c̃0 = ½·br(1−br) + ½·(1−br)·br.
		const t0 = trivialCost(2 / 3, 'weighted');
		assert.ok(Math.abs(t0 - (2 / 3) * (1 / 3)) < 1e-15);
		assert.ok(Math.abs(fit.mixRates[0] - (c1 - c0) / (t0 - c0)) < 1e-15);
		assert.equal(fit.mixRates[1], 0);
		assert.ok(Math.abs(s1.baseRate - 0.25) < 1e-15);
	});

	it('mixing at the fitted rate equalises the expected cost: (1 − mix)·c + mix·c̃ = c_other', () => {
		for (const constraint of ['fnr', 'fpr', 'weighted'] as const) {
			const g0 = calibratedGroup(4000, 0.6, 1);
			const g1 = calibratedGroup(3000, 0.35, 2);
			const fit = fitCalibratedEqOdds([g0, g1], constraint);
			const m = fit.mixRates[0] > 0 ? 0 : 1;
			assert.ok(fit.mixRates[1 - m] === 0);
			const mixed = (1 - fit.mixRates[m]!) * fit.costs[m]! + fit.mixRates[m]! * fit.trivialCosts[m]!;
			assert.ok(Math.abs(mixed - fit.costs[1 - m]!) < 1e-12, constraint);
		}
	});

	it('keeps within-group calibration: withheld rows have the group base rate, the rest keep their scores', () => {
		const g0 = calibratedGroup(20000, 0.6, 3);
		const g1 = calibratedGroup(20000, 0.35, 4);
		const fit = fitCalibratedEqOdds([g0, g1], 'weighted');
		const m = fit.mixRates[0] > 0 ? 0 : 1;
		const g = m === 0 ? g0 : g1;
		assert.ok(fit.mixRates[m]! > 0.05, 'precondition: a visible mix rate');
		const draws = withholdingDraws(g.scores.length, createRandom(5));
		const out = calibratedScores(fit, g.scores, new Int32Array(g.scores.length).fill(m), draws, 1);
		let withheld = 0;
		let positives = 0;
		for (let i = 0; i < out.length; i++) {
			if (out[i] === fit.baseRates[m] && g.scores[i] !== out[i]) {
				withheld++;
				positives += g.y[i]!;
			} else {
				assert.equal(out[i], g.scores[i]);
			}
		}
		const p = fit.baseRates[m]!;
		const se = Math.sqrt((p * (1 - p)) / withheld);
		assert.ok(Math.abs(positives / withheld - p) < 4 * se, `P(y=1 | withheld) ${positives / withheld} vs base rate ${p}`);
		assert.ok(Math.abs(withheld / out.length - fit.mixRates[m]!) < 0.02, 'withholding rate ≈ mix rate');
		// Binned calibration of the mixed scores over the whole group: |mean y − mean score| small per decile.
		for (let b = 0; b < 10; b++) {
			const idx = Array.from(out.keys()).filter((i) => out[i]! >= b / 10 && out[i]! < (b + 1) / 10);
			if (idx.length < 500) {
				continue;
			}
			const meanY = idx.reduce((s, i) => s + g.y[i]!, 0) / idx.length;
			const meanS = idx.reduce((s, i) => s + out[i]!, 0) / idx.length;
			assert.ok(Math.abs(meanY - meanS) < 4 * Math.sqrt(0.25 / idx.length) + 0.005, `bin ${b}`);
		}
	});

	it('scale 0 is the identity and larger scales withhold a superset', () => {
		const g0 = calibratedGroup(500, 0.6, 6);
		const g1 = calibratedGroup(500, 0.35, 7);
		const fit = fitCalibratedEqOdds([g0, g1], 'fnr');
		const scores = Float64Array.from([...g0.scores, ...g1.scores]);
		const group = Int32Array.from(scores, (_, i) => (i < 500 ? 0 : 1));
		const draws = withholdingDraws(scores.length, createRandom(8));
		assert.deepEqual(calibratedScores(fit, scores, group, draws, 0), scores);
		const half = calibratedScores(fit, scores, group, draws, 0.5);
		const full = calibratedScores(fit, scores, group, draws, 1);
		for (let i = 0; i < scores.length; i++) {
			if (half[i] !== scores[i]) {
				assert.equal(full[i], half[i]);
			}
		}
	});

	it('labels its scores at 0.5, or against a second draw per row when randomised', () => {
		// Scale 0 keeps the scores, so the labels follow from them alone.
		const fit: CalibratedEqOddsFit = {
			constraint: 'fnr',
			baseRates: [0.5, 0.5],
			mixRates: [1, 1],
			costs: [0, 0],
			trivialCosts: [0, 0],
		};
		const scores = [0.2, 0.5, 0.7, 0.9];
		const group = [0, 1, 0, 1];
		const draws = [0, 0, 0, 0];
		assert.deepEqual([...calibratedLabels(fit, scores, group, draws, 0)], [0, 1, 1, 1]);
		assert.deepEqual([...calibratedLabels(fit, scores, group, draws, 0, [0.1, 0.6, 0.7, 0.3])], [1, 0, 0, 1]);
		// At scale 1 every row of groups 0 and 1 is withheld to its group's base rate.
		assert.deepEqual([...calibratedLabels(fit, scores, group, draws, 1, [0.4, 0.6, 0.4, 0.6])], [1, 0, 1, 0]);
	});
});

describe('equalized-odds thresholds (Hardt et al. LP)', () => {
	type Group = { scores: Float64Array; y: Uint8Array };
	const groups = (): [Group, Group] => [calibratedGroup(3000, 0.6, 21), calibratedGroup(1500, 0.35, 22)];

	it('satisfies |ΔTPR| ≤ ε and |ΔFPR| ≤ ε, with a valid mixture per group, for every ε', () => {
		let previous = Infinity;
		for (const epsilon of [0, 0.01, 0.05, 0.1, 0.3, 1]) {
			const s = solveEqualizedOdds(groups(), epsilon);
			assert.ok(Math.abs(s.groups[0].tpr - s.groups[1].tpr) <= epsilon + 1e-9, `ΔTPR at ε=${epsilon}`);
			assert.ok(Math.abs(s.groups[0].fpr - s.groups[1].fpr) <= epsilon + 1e-9, `ΔFPR at ε=${epsilon}`);
			for (const g of s.groups) {
				assert.ok(Math.abs(g.components.reduce((u, c) => u + c.weight, 0) - 1) < 1e-9);
				assert.ok(g.components.every((c) => c.weight > 0));
			}
			assert.ok(s.expectedError <= previous + 1e-12, 'a looser constraint never costs more');
			previous = s.expectedError;
		}
	});

	it('the expected error is the LP objective of the operating points, and ε = 1 is the best per-group threshold', () => {
		const g = groups();
		const s = solveEqualizedOdds(g, 1);
		const n = g[0].scores.length + g[1].scores.length;
		let expected = 0;
		g.forEach((grp, a) => {
			const base = Array.from(grp.y).reduce((u, v) => u + v, 0) / grp.y.length;
			expected += (grp.scores.length / n) * (base * (1 - s.groups[a]!.tpr) + (1 - base) * s.groups[a]!.fpr);
			// No single threshold of this group beats its LP point.
			for (const t of Array.from(grp.scores)) {
				let tp = 0;
				let fp = 0;
				grp.scores.forEach((v, i) => {
					if (v >= t) {
						tp += grp.y[i]!;
						fp += 1 - grp.y[i]!;
					}
				});
				const pos = base * grp.y.length;
				const err = base * (1 - tp / pos) + (1 - base) * (fp / (grp.y.length - pos));
				assert.ok(err >= base * (1 - s.groups[a]!.tpr) + (1 - base) * s.groups[a]!.fpr - 1e-9);
			}
		});
		assert.ok(Math.abs(expected - s.expectedError) < 1e-12);
	});

	it('applying the mixtures to the fitting rows attains the LP operating points (up to sampling)', () => {
		const g = groups();
		const s = solveEqualizedOdds(g, 0);
		const scores = Float64Array.from([...g[0].scores, ...g[1].scores]);
		const y = Uint8Array.from([...g[0].y, ...g[1].y]);
		const group = Int32Array.from(scores, (_, i) => (i < g[0].scores.length ? 0 : 1));
		const reps = 40;
		const tpr = [0, 0];
		for (let r = 0; r < reps; r++) {
			const yhat = applyThresholdMixtures(s, scores, group, createRandom(100 + r));
			for (const a of [0, 1]) {
				let tp = 0;
				let pos = 0;
				yhat.forEach((v, i) => {
					if (group[i] === a && y[i] === 1) {
						pos++;
						tp += v;
					}
				});
				tpr[a]! += tp / pos / reps;
			}
		}
		assert.ok(Math.abs(tpr[0]! - s.groups[0].tpr) < 0.01 && Math.abs(tpr[1]! - s.groups[1].tpr) < 0.01);
	});
});
