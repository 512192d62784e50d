/** The firm's learner as a choice: one interface over logistic regression and gradient boosting. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { boostingDecisionFunction, fitBoosting } from '../../../../src/core/models/boosting';
import {
	describeFirmModel,
	firmDecisionFunction,
	firmModelBins,
	firmModelName,
	firmPredictLabels,
	firmPredictProba,
	fitFirmModel,
	parseFirmModelKind,
} from '../../../../src/core/models/firmModel';
import { decisionFunction, fitLogistic } from '../../../../src/core/models/logistic';
import { generateProblem } from './data';

const { x, y } = generateProblem(21, 500, 3, [4, 3]);
const train = Int32Array.from({ length: 400 }, (_, i) => i);
const test = Int32Array.from({ length: 100 }, (_, i) => 400 + i);

describe('firm model: logistic regression or gradient boosting', () => {
	it('fits exactly what the learner itself fits', () => {
		const logistic = fitFirmModel({ kind: 'logistic', C: 0.5 }, x, y, { rows: train });
		assert.deepEqual(
			Array.from(firmDecisionFunction(logistic, x, test)),
			Array.from(decisionFunction(fitLogistic(x, y, { C: 0.5, rows: train }).model, x, test)),
		);
		const boosting = fitFirmModel({ kind: 'boosting', params: { maxIterations: 20, maxLeaves: 7 } }, x, y, { rows: train });
		assert.deepEqual(
			Array.from(firmDecisionFunction(boosting, x, test)),
			Array.from(boostingDecisionFunction(fitBoosting(x, y, { maxIterations: 20, maxLeaves: 7, rows: train }).model, x, test)),
		);
	});

	it('labels a row 1 exactly when its probability exceeds the threshold', () => {
		for (const spec of [{ kind: 'logistic' } as const, { kind: 'boosting', params: { maxIterations: 10 } } as const]) {
			const fitted = fitFirmModel(spec, x, y, { rows: train });
			const p = firmPredictProba(fitted, x, test);
			for (const threshold of [0.5, 0.3, 0.8]) {
				const labels = firmPredictLabels(fitted, x, test, threshold);
				labels.forEach((label, r) =>
					assert.equal(label, p[r]! > threshold ? 1 : 0, `${spec.kind} row ${r} p=${p[r]} threshold ${threshold}`),
				);
			}
			assert.throws(() => firmPredictLabels(fitted, x, test, 1.5), /threshold must be in \[0, 1\]/);
		}
	});

	it('reuses boosting bins across refits, and has none for logistic regression', () => {
		const spec = { kind: 'boosting', params: { maxIterations: 15 } } as const;
		const bins = firmModelBins(spec, x, train);
		assert.ok(bins !== undefined);
		assert.equal(firmModelBins({ kind: 'logistic' }, x, train), undefined);
		const flipped = Uint8Array.from(y, (v, i) => (i % 7 === 0 ? 1 - v : v));
		const reused = fitFirmModel(spec, x, flipped, { bins });
		const fresh = fitFirmModel(spec, x, flipped, { rows: train });
		assert.deepEqual(Array.from(firmDecisionFunction(reused, x)), Array.from(firmDecisionFunction(fresh, x)));
	});

	it('names the model and its parameters in every description', () => {
		const logistic = describeFirmModel(fitFirmModel({ kind: 'logistic' }, x, y, { rows: train }));
		assert.equal(logistic.kind, 'logistic-regression');
		assert.match(logistic.text, /^logistic regression \(C = 1\), (newton|lbfgs), \d+ iterations$/);
		const boosting = describeFirmModel(
			fitFirmModel({ kind: 'boosting', params: { maxIterations: 12, learningRate: 0.2 } }, x, y, { rows: train }),
		);
		assert.equal(boosting.kind, 'gradient-boosting');
		assert.ok(
			boosting.kind === 'gradient-boosting' &&
				boosting.params.maxIterations === 12 &&
				boosting.params.learningRate === 0.2 &&
				boosting.params.maxLeaves === 31,
		);
		assert.match(
			boosting.text,
			/^gradient boosting \(12 trees, 31 leaves, learning rate 0\.2, L2 0, min 20 rows per leaf\): 12 trees grown, \d+ leaves in all$/,
		);
		assert.equal(
			firmModelName({ kind: 'boosting', params: { earlyStopping: true } }),
			'gradient boosting (up to 100 trees, early stopping, 31 leaves, learning rate 0.1, L2 0, min 20 rows per leaf)',
		);
	});

	it('parses --model values and rejects others by name', () => {
		assert.equal(parseFirmModelKind('boosting'), 'boosting');
		assert.equal(parseFirmModelKind('logistic'), 'logistic');
		assert.throws(() => parseFirmModelKind('xgboost'), /--model must be one of logistic, boosting; got 'xgboost'/);
	});
});
