/** The simulation with the boosting firm: its base model and every refit along M are boosting fits. */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimulationResult } from '../../../../src/core/collective/simulate';
import { prepareDataset } from '../../../../src/core/dataset';
import { firmPredictLabels, fitFirmModel } from '../../../../src/core/models/firmModel';
import { pointMetrics } from '../../../../src/core/fairness';
import { syntheticFixture } from '../../../integration/runner/fixture';

describe('simulate with --model boosting', () => {
	const f = syntheticFixture(1200, 4);
	const model = { kind: 'boosting', params: { maxIterations: 20, maxLeaves: 8, seed: 0 } } as const;
	const input = { experiment: 'flips', alpha: 0.4, seeds: 2, flips: 4, methods: ['rb-label', 'random'], refineGrid: false, model } as const;
	let boosting: SimulationResult;
	let logistic: SimulationResult;

	before(async () => {
		boosting = await simulate(f.table, f.sidecar, { ...input, methods: [...input.methods] });
		logistic = await simulate(f.table, f.sidecar, { ...input, methods: [...input.methods], model: undefined });
	});

	it('carries the learner in its parameters', () => {
		assert.deepEqual(boosting.params.model, model);
		assert.equal(logistic.params.model, undefined);
	});

	it("its base figures are those of the boosting model on each seed's split", () => {
		const errors = [0, 1].map((seed) => {
			const data = prepareDataset(f.table, f.sidecar, { seed, testFraction: 0.2, encoder: { rareLevelMinCount: 10 } });
			const yhat = firmPredictLabels(fitFirmModel(model, data.x, data.y, { rows: data.train }), data.x, data.test);
			return pointMetrics({
				y: Uint8Array.from(data.test, (i) => data.y[i]!),
				yhat,
				group: Int32Array.from(data.test, (i) => data.group[i]!),
				groupNames: data.roles.groupNames,
				reference: 0,
			}).error;
		});
		const mean = (errors[0]! + errors[1]!) / 2;
		const base = boosting.base.error;
		assert.ok(base.mean !== null && Math.abs(base.mean - mean) < 1e-12, `${base.mean} vs ${mean}`);
		assert.notDeepEqual(base, logistic.base.error);
	});

	it('refits along M (the last point, every pool row flipped, moves the figures) and is deterministic', async () => {
		const random = boosting.rows.filter((r) => r.method === 'random');
		assert.ok(random.length >= 2);
		assert.notDeepEqual(random[0]!.eqod, random[random.length - 1]!.eqod);
		const again = await simulate(f.table, f.sidecar, { ...input, methods: [...input.methods] });
		assert.deepEqual(again.rows, boosting.rows);
	});

	it("gives RB-prob its own scorer (--collective-model), independent of the firm's learner", async () => {
		const base = { experiment: 'flips', alpha: 0.4, seeds: 1, flips: 3, methods: ['rb-prob'], refineGrid: false } as const;
		const byLogistic = await simulate(f.table, f.sidecar, { ...base, methods: ['rb-prob'] });
		const explicitLogistic = await simulate(f.table, f.sidecar, {
			...base,
			methods: ['rb-prob'],
			collectiveModel: { kind: 'logistic', C: 1 },
		});
		const byBoosting = await simulate(f.table, f.sidecar, {
			...base,
			methods: ['rb-prob'],
			collectiveModel: { kind: 'boosting', params: { maxIterations: 20 } },
		});
		assert.deepEqual(explicitLogistic.rows, byLogistic.rows, 'the default scorer is logistic regression with C = 1');
		assert.equal(byBoosting.params.model, undefined, 'the firm stays logistic');
		assert.deepEqual(byBoosting.base, byLogistic.base, 'same firm, same base model');
		assert.notDeepEqual(byBoosting.rows, byLogistic.rows, 'another scorer ranks the candidates differently');
		await assert.rejects(
			simulate(f.table, f.sidecar, { ...base, methods: ['rb-prob'], collectiveModel: { kind: 'boosting', params: { learningRate: 0 } } }),
			/learningRate must be a finite number > 0/,
		);
	});

	it('refuses the defending firm with boosting, saying why', async () => {
		await assert.rejects(
			simulate(f.table, f.sidecar, { ...input, methods: [...input.methods], defense: { threshold: 0.8, folds: 3 } }),
			/'defense' works with the logistic firm only/,
		);
	});
});
