/** The audit with the boosting firm: its figures come from the boosting model, which every output names. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAudit } from '../../../../src/core/audit';
import { prepareDataset } from '../../../../src/core/dataset';
import { firmPredictLabels, fitFirmModel } from '../../../../src/core/models/firmModel';
import { buildScorecard } from '../../../../src/shared/scorecard';
import { syntheticFixture } from '../../../integration/runner/fixture';

describe('audit --model boosting', () => {
	const f = syntheticFixture(1500, 5);
	const spec = { kind: 'boosting', params: { maxIterations: 30, maxLeaves: 15 } } as const;

	it('reports the boosting model with its parameters, and judges its predictions', () => {
		const audit = runAudit(f.table, f.sidecar, { resamples: 20, model: spec });
		assert.equal(audit.model.kind, 'gradient-boosting');
		assert.ok(audit.model.kind === 'gradient-boosting');
		assert.equal(audit.model.params.maxIterations, 30);
		assert.equal(audit.model.params.maxLeaves, 15);
		assert.equal(audit.model.params.learningRate, 0.1);
		assert.equal(audit.model.iterations, 30);
		assert.match(audit.model.text, /^gradient boosting \(30 trees, 15 leaves/);
		// The test-set error is the boosting model's: refit it here on the same split and count.
		const data = prepareDataset(f.table, f.sidecar, {});
		const yhat = firmPredictLabels(fitFirmModel(spec, data.x, data.y, { rows: data.train }), data.x, data.test);
		const errors = Array.from(data.test).reduce((s, i, r) => s + (yhat[r] !== data.y[i] ? 1 : 0), 0);
		assert.equal(audit.summary.error.value, errors / data.test.length);
	});

	it('trains the other firm (aware ↔ blind) with the same learner, and differs from the logistic audit', () => {
		const boosting = runAudit(f.table, f.sidecar, { resamples: 20, model: spec });
		const logistic = runAudit(f.table, f.sidecar, { resamples: 20 });
		assert.equal(logistic.model.kind, 'logistic-regression');
		assert.ok(boosting.firms !== undefined && !('unavailable' in boosting.firms));
		assert.notDeepEqual(boosting.predictions.groups, logistic.predictions.groups);
		assert.deepEqual(runAudit(f.table, f.sidecar, { resamples: 20, model: spec }).summary, boosting.summary, 'deterministic for a seed');
	});

	it('names the model in the scorecard', () => {
		const audit = runAudit(f.table, f.sidecar, { resamples: 0, model: spec });
		assert.match(buildScorecard(audit).firm, /^The firm's classifier: gradient boosting \(30 trees/);
	});
});
