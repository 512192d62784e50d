/** Hand-checkable properties of the histogram gradient-boosting classifier. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromDenseRows, type FeatureMatrix } from '../../../../src/core/encoding/matrix';
import {
	binFeatures,
	boostingDecisionFunction,
	boostingModelFromJSON,
	boostingModelToJSON,
	boostingPredictLabels,
	boostingPredictProba,
	fitBoosting,
	treeCount,
} from '../../../../src/core/models/boosting';
import { binOf, binThresholds } from '../../../../src/core/models/boosting/binning';
import { sigmoid, softplus } from '../../../../src/core/models/softplus';
import { createRandom } from '../../../../src/core/random';
import { generateProblem } from './data';

const { x, y } = generateProblem(5, 600, 3, [4, 3, 6]);

/** Weighted mean log-loss of a model's scores on rows of x (for checking the fit's own figure). */
function logLoss(scores: Float64Array, labels: ArrayLike<number>, rows: ArrayLike<number>, weight?: ArrayLike<number>): number {
	let sum = 0;
	let total = 0;
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		const w = weight === undefined ? 1 : weight[i]!;
		sum += w * softplus(labels[i] === 1 ? -scores[r]! : scores[r]!);
		total += w;
	}
	return sum / total;
}

describe('boosting: bins', () => {
	it('puts edges midway between distinct values when there are at most maxBins of them', () => {
		assert.deepEqual(Array.from(binThresholds(Float64Array.from([3, 1, 2, 2, 1]), 255)), [1.5, 2.5]);
		assert.deepEqual(Array.from(binThresholds(Float64Array.from([7, 7, 7]), 255)), []);
		assert.deepEqual(Array.from(binThresholds(new Float64Array(0), 255)), []);
	});

	it("uses numpy's midpoint percentiles beyond maxBins distinct values", () => {
		// 0 … 9 into 4 bins: quantiles 0.25, 0.5, 0.75 at positions 2.25, 4.5, 6.75 → midpoints 2.5, 4.5, 6.5
		assert.deepEqual(
			Array.from(
				binThresholds(
					Float64Array.from({ length: 10 }, (_, i) => 9 - i),
					4,
				),
			),
			[2.5, 4.5, 6.5],
		);
	});

	it('maps a value on an edge to the lower bin and NaN to the missing bin 255', () => {
		const edges = Float64Array.from([1.5, 2.5]);
		assert.deepEqual(
			[0, 1.5, 2, 2.5, 3, NaN].map((v) => binOf(v, edges)),
			[0, 0, 1, 1, 2, 255],
		);
	});

	it('builds edges from the training rows only, and records which features have missing values', () => {
		const m = fromDenseRows([
			[0, NaN],
			[1, 5],
			[2, 5],
			[100, 6],
		]);
		const bins = binFeatures(m, Int32Array.from([0, 1, 2]));
		assert.deepEqual(Array.from(bins.thresholds[0]!), [0.5, 1.5]);
		assert.deepEqual(Array.from(bins.thresholds[1]!), []);
		assert.deepEqual(Array.from(bins.hasMissing), [0, 1]);
		assert.deepEqual(Array.from(bins.bins), [0, 255, 1, 0, 2, 0]);
	});
});

describe('boosting: what the trees learn', () => {
	it('a one-leaf-pair stump has the leaf values −G/(H+λ) computed by hand', () => {
		// x ≤ 0.5 → label 0 for 3 of 4 rows; x > 0.5 → label 1 for 3 of 4 rows. Base rate 1/2, so p = 0.5.
		const m = fromDenseRows([[0], [0], [0], [0], [1], [1], [1], [1]]);
		const labels = [0, 0, 0, 1, 1, 1, 1, 0];
		const lambda = 0.5;
		const fit = fitBoosting(m, labels, { maxIterations: 1, maxLeaves: 2, minSamplesLeaf: 1, learningRate: 1, l2Regularization: lambda });
		// Left: G = Σ(p − y) = 4·0.5 − 1 = 1, H = 4·0.25 = 1 → −1/1.5. Right: G = −1 → +1/1.5.
		const scores = boostingDecisionFunction(fit.model, m);
		assert.equal(fit.model.baseline, 0);
		assert.ok(Math.abs(scores[0]! - -1 / 1.5) < 1e-12, String(scores[0]));
		assert.ok(Math.abs(scores[7]! - 1 / 1.5) < 1e-12, String(scores[7]));
		assert.equal(fit.model.threshold[0], 0.5);
	});

	it('finds a threshold rule exactly', () => {
		const random = createRandom(3);
		const rows = Array.from({ length: 500 }, () => [random.next(), random.next()]);
		const m = fromDenseRows(rows);
		const labels = rows.map((r) => (r[0]! > 0.3 ? 1 : 0));
		const fit = fitBoosting(m, labels, { maxIterations: 20 });
		const predicted = boostingPredictLabels(fit.model, m);
		assert.deepEqual(Array.from(predicted), labels);
		assert.equal(fit.model.feature[fit.model.treeStart[0]!], 0, 'the first split is on the informative feature');
	});

	it('splits on one-hot levels (rows of other levels and rows with none go left)', () => {
		const n = 300;
		const active = new Int32Array(n);
		const labels = new Uint8Array(n);
		for (let i = 0; i < n; i++) {
			active[i] = i % 7 === 0 ? -1 : 1 + (i % 4);
			labels[i] = active[i] === 3 ? 1 : 0;
		}
		const m: FeatureMatrix = {
			rows: n,
			width: 5,
			denseWidth: 1,
			dense: new Float64Array(n),
			blockCount: 1,
			active,
			names: ['c', 'b=a', 'b=b', 'b=c', 'b=d'],
		};
		const fit = fitBoosting(m, labels, { maxIterations: 10 });
		assert.deepEqual(Array.from(boostingPredictLabels(fit.model, m)), Array.from(labels));
		const root = fit.model.treeStart[0]!;
		assert.equal(fit.model.feature[root], 3);
		assert.equal(fit.model.block[root], 0);
	});

	it('learns where missing values go, and sends them the same way at prediction', () => {
		const random = createRandom(8);
		const rows: number[][] = [];
		const labels: number[] = [];
		for (let i = 0; i < 400; i++) {
			const missing = random.next() < 0.3;
			const v = random.next();
			rows.push([missing ? NaN : v]);
			labels.push(missing || v > 0.8 ? 1 : 0);
		}
		const m = fromDenseRows(rows);
		const fit = fitBoosting(m, labels, { maxIterations: 20 });
		assert.deepEqual(Array.from(boostingPredictLabels(fit.model, m)), labels);
		const proba = boostingPredictProba(fit.model, fromDenseRows([[NaN], [0.1]]));
		assert.ok(proba[0]! > 0.9 && proba[1]! < 0.1, `P(missing) ${proba[0]}, P(0.1) ${proba[1]}`);
	});

	it('reports the training log-loss its own predictions give (bins and raw thresholds agree)', () => {
		const fit = fitBoosting(x, y);
		const all = Int32Array.from({ length: x.rows }, (_, i) => i);
		const loss = logLoss(boostingDecisionFunction(fit.model, x), y, all);
		assert.ok(Math.abs(loss - fit.trainLoss) < 1e-12, `${loss} vs ${fit.trainLoss}`);
		assert.equal(treeCount(fit.model), 100);
		assert.ok(fit.leaves.every((l) => l >= 2 && l <= 31));
		// 100 trees of 31 leaves fit 600 rows closely: far below the base rate's loss.
		const rate = y.reduce((s, v) => s + v, 0) / y.length;
		const baseLoss = -(rate * Math.log(rate) + (1 - rate) * Math.log(1 - rate));
		assert.ok(fit.trainLoss < 0.6 * baseLoss, `train loss ${fit.trainLoss} vs base ${baseLoss}`);
	});

	it('weight 2 on a row is the same as the row twice (minSamplesLeaf 1)', () => {
		// Values rounded to 0.1 (under 255 distinct) so that duplicating rows cannot move a quantile edge.
		const coarse: FeatureMatrix = { ...x, dense: x.dense.map((v) => Math.round(v * 10) / 10) };
		const weights = Float64Array.from({ length: x.rows }, (_, i) => (i % 3 === 0 ? 2 : 1));
		const repeated = Int32Array.from(Array.from({ length: x.rows }, (_, i) => (i % 3 === 0 ? [i, i] : [i])).flat());
		const options = { maxIterations: 15, minSamplesLeaf: 1, maxLeaves: 8 };
		const weighted = fitBoosting(coarse, y, { ...options, sampleWeight: weights });
		const duplicated = fitBoosting(coarse, y, { ...options, rows: repeated });
		const a = boostingDecisionFunction(weighted.model, coarse);
		const b = boostingDecisionFunction(duplicated.model, coarse);
		const worst = a.reduce((s, v, i) => Math.max(s, Math.abs(v - b[i]!)), 0);
		assert.ok(worst < 1e-9, `scores differ by up to ${worst}`);
		assert.ok(Math.abs(weighted.trainLoss - duplicated.trainLoss) < 1e-12);
	});

	it('the training log-loss with weights is the weighted mean', () => {
		const weights = Float64Array.from({ length: x.rows }, (_, i) => 0.5 + (i % 5) / 4);
		const fit = fitBoosting(x, y, { sampleWeight: weights, maxIterations: 30 });
		const all = Int32Array.from({ length: x.rows }, (_, i) => i);
		assert.ok(Math.abs(logLoss(boostingDecisionFunction(fit.model, x), y, all, weights) - fit.trainLoss) < 1e-12);
	});
});

describe('boosting: determinism, early stopping, reuse', () => {
	it('gives the same model for the same input and seed', () => {
		const options = { earlyStopping: true, seed: 4, maxIterations: 60 };
		assert.deepEqual(boostingModelToJSON(fitBoosting(x, y, options).model), boostingModelToJSON(fitBoosting(x, y, options).model));
	});

	it('stops early on a seeded, stratified validation split once the held-out loss stalls', () => {
		const a = fitBoosting(x, y, { earlyStopping: true, maxIterations: 500, learningRate: 0.3, seed: 1 });
		assert.ok(a.stoppedEarly && a.iterations < 500, `${a.iterations} iterations`);
		assert.ok(a.validationLoss !== null && Number.isFinite(a.validationLoss));
		assert.equal(a.validationRows + a.trainRows, x.rows);
		assert.ok(Math.abs(a.validationRows - 0.1 * x.rows) <= 2, `${a.validationRows} held out`);
		const b = fitBoosting(x, y, { earlyStopping: true, maxIterations: 500, learningRate: 0.3, seed: 2 });
		assert.notDeepEqual(boostingModelToJSON(a.model), boostingModelToJSON(b.model), 'another seed holds out other rows');
	});

	it('reuses bins built once for the same rows, with other labels or weights', () => {
		const rows = Int32Array.from({ length: 400 }, (_, i) => i);
		const bins = binFeatures(x, rows);
		const flipped = Uint8Array.from(y, (v, i) => (i % 9 === 0 ? 1 - v : v));
		const fresh = fitBoosting(x, flipped, { rows, maxIterations: 20 });
		const reused = fitBoosting(x, flipped, { bins, maxIterations: 20 });
		assert.deepEqual(boostingModelToJSON(reused.model), boostingModelToJSON(fresh.model));
		assert.throws(() => fitBoosting(fromDenseRows([[1], [2]]), [0, 1], { bins }), /bins were built on another matrix/);
		assert.throws(() => fitBoosting(x, y, { bins, maxBins: 64 }), /maxBins 255/);
	});

	it('round-trips through JSON and rejects a corrupt model', () => {
		const fit = fitBoosting(x, y, { maxIterations: 10 });
		const copy = boostingModelFromJSON(JSON.parse(JSON.stringify(boostingModelToJSON(fit.model))));
		assert.deepEqual(Array.from(boostingDecisionFunction(copy, x)), Array.from(boostingDecisionFunction(fit.model, x)));
		const json = boostingModelToJSON(fit.model);
		assert.throws(() => boostingModelFromJSON({ ...json, left: json.left.map((v) => (v > 0 ? 0 : v)) }), /child outside its tree/);
		assert.throws(() => boostingModelFromJSON({ ...json, baseline: null }), /baseline must be a finite number/);
		assert.throws(() => boostingDecisionFunction(fit.model, fromDenseRows([[1, 2]])), /fitted on 16 features/);
	});

	it('stops with an AbortError when the signal is set', () => {
		assert.throws(
			() => fitBoosting(x, y, { signal: { aborted: true } }),
			(e: Error) => e.name === 'AbortError',
		);
	});
});

describe('boosting: bad input', () => {
	it('rejects a single class, bad labels, bad weights and non-finite features, naming the problem', () => {
		const m = fromDenseRows([[1], [2], [3]]);
		assert.throws(() => fitBoosting(m, [1, 1, 1]), /both classes .* every one is labelled 1/);
		assert.throws(() => fitBoosting(m, [0, 1, 1], { sampleWeight: [1, 0, 0] }), /every one is labelled 0/);
		assert.throws(() => fitBoosting(m, [0, 2, 1]), /labels must be 0 or 1; row 1 has 2/);
		assert.throws(() => fitBoosting(m, [0, 1, 1], { sampleWeight: [1, -1, 1] }), /row 1 has -1/);
		assert.throws(() => fitBoosting(m, [0, 1]), /2 labels for a matrix of 3 rows/);
		assert.throws(() => fitBoosting(fromDenseRows([[1], [Infinity]]), [0, 1]), /infinite value in matrix row 1/);
		assert.throws(() => fitBoosting(m, [0, 1, 1], { rows: new Int32Array(0) }), /no training rows/);
	});

	it('rejects a learning rate ≤ 0, zero iterations, fewer than 2 leaves and out-of-range bins', () => {
		assert.throws(() => fitBoosting(x, y, { learningRate: 0 }), /learningRate must be a finite number > 0; got 0/);
		assert.throws(() => fitBoosting(x, y, { learningRate: -0.1 }), /learningRate/);
		assert.throws(() => fitBoosting(x, y, { maxIterations: 0 }), /maxIterations must be an integer ≥ 1; got 0/);
		assert.throws(() => fitBoosting(x, y, { maxLeaves: 1 }), /maxLeaves must be an integer ≥ 2/);
		assert.throws(() => fitBoosting(x, y, { maxBins: 256 }), /maxBins must be an integer from 2 to 255/);
		assert.throws(() => fitBoosting(x, y, { minSamplesLeaf: 0 }), /minSamplesLeaf/);
	});

	it('never splits on a constant or all-missing feature; with nothing to split on, predicts the base rate', () => {
		const random = createRandom(2);
		const rows = Array.from({ length: 200 }, () => [7, NaN, random.next()]);
		const labels = rows.map((r) => (r[2]! > 0.5 ? 1 : 0));
		const fit = fitBoosting(fromDenseRows(rows), labels, { maxIterations: 5 });
		assert.ok(Array.from(fit.model.feature).every((f) => f === -1 || f === 2));
		const flat = fromDenseRows(rows.map((r) => [r[0]!, r[1]!]));
		const degenerate = fitBoosting(flat, labels, { maxIterations: 5 });
		assert.ok(
			degenerate.leaves.every((l) => l === 1),
			'every tree is a single leaf',
		);
		const rate = labels.reduce<number>((s, v) => s + v, 0) / labels.length;
		for (const p of boostingPredictProba(degenerate.model, flat)) {
			assert.ok(Math.abs(p - rate) < 1e-12, `${p} vs base rate ${rate}`);
		}
	});

	it('allows more leaves than rows: the trees stop where no leaf can split', () => {
		const m = fromDenseRows([[0], [1], [2], [3], [4], [5]]);
		const fit = fitBoosting(m, [0, 1, 0, 1, 0, 1], { maxLeaves: 100, minSamplesLeaf: 1, maxIterations: 3 });
		assert.ok(
			fit.leaves.every((l) => l <= 6),
			fit.leaves.join(','),
		);
		assert.ok(Array.from(boostingPredictProba(fit.model, m)).every((p) => Number.isFinite(p) && p > 0 && p < 1));
	});

	it('keeps scores finite on separable data with many iterations', () => {
		const m = fromDenseRows([[0], [0], [1], [1]]);
		const fit = fitBoosting(m, [0, 0, 1, 1], { maxIterations: 2000, minSamplesLeaf: 1, learningRate: 1 });
		const scores = boostingDecisionFunction(fit.model, m);
		assert.ok(scores.every(Number.isFinite) && Number.isFinite(fit.trainLoss));
		assert.ok(sigmoid(scores[3]!) > 0.999 && sigmoid(scores[0]!) < 0.001);
	});
});
