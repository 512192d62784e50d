/** The sidecar's `model` field: the validator and the shipped JSON schema agree, and it survives a write. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { formatSidecar, parseSidecar, SidecarError, validateSidecar } from '../../../../src/core/roles/sidecar';
import { firmModelFromSidecar } from '../../../../src/core/roles/sidecarModel';
import { firmModelName } from '../../../../src/core/models/firmModel';

const schemaPath = path.join(__dirname, '../../../../../schemas/fairness.schema.json');
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

const roles = { version: 1, sensitive: { column: 'sex', minority: ['F'] }, label: { column: 'y', favourable: ['1'] } };

const valid: unknown[] = [
	{ kind: 'logistic' },
	{ kind: 'boosting' },
	{ kind: 'boosting', learningRate: 0.2, maxIterations: 50, maxLeaves: 15, minSamplesLeaf: 5, l2Regularization: 1, earlyStopping: true },
];

/** Invalid models with the field the error must name. */
const invalid: Array<[unknown, string]> = [
	['boosting', 'model'],
	[{}, 'model.kind'],
	[{ kind: 'xgboost' }, 'model.kind'],
	[{ kind: 'logistic', maxLeaves: 8 }, 'model.maxLeaves'],
	[{ kind: 'boosting', learningRate: 0 }, 'model.learningRate'],
	[{ kind: 'boosting', maxIterations: 0 }, 'model.maxIterations'],
	[{ kind: 'boosting', maxIterations: 2.5 }, 'model.maxIterations'],
	[{ kind: 'boosting', maxLeaves: 1 }, 'model.maxLeaves'],
	[{ kind: 'boosting', minSamplesLeaf: 0 }, 'model.minSamplesLeaf'],
	[{ kind: 'boosting', l2Regularization: -1 }, 'model.l2Regularization'],
	[{ kind: 'boosting', earlyStopping: 'yes' }, 'model.earlyStopping'],
	[{ kind: 'boosting', trees: 10 }, 'model.trees'],
];

describe('sidecar model (the firm’s learner)', () => {
	it('accepts valid models, agreeing with the shipped JSON schema', () => {
		for (const model of valid) {
			const s = { ...roles, model };
			assert.equal(validate(s), true, `schema should accept ${JSON.stringify(model)}: ${JSON.stringify(validate.errors)}`);
			assert.deepEqual(validateSidecar(s, 'x.fairness.json').model, model);
		}
	});

	it('rejects invalid models naming the field, as the schema does', () => {
		for (const [model, field] of invalid) {
			const s = { ...roles, model };
			assert.equal(validate(s), false, `schema should reject ${JSON.stringify(model)}`);
			assert.throws(
				() => validateSidecar(s, 'x.fairness.json'),
				(e: unknown) => e instanceof SidecarError && e.field === field && e.message.startsWith(`x.fairness.json: field '${field}'`),
				`validator should name ${field} for ${JSON.stringify(model)}`,
			);
		}
	});

	it('says a boosting parameter under the logistic learner applies to boosting only', () => {
		assert.throws(
			() => validateSidecar({ ...roles, model: { kind: 'logistic', maxLeaves: 8 } }, 'x.fairness.json'),
			/model\.maxLeaves': applies to "kind": "boosting" only/,
		);
	});

	it('keeps the model through a write and a read', () => {
		const s = parseSidecar(JSON.stringify({ ...roles, model: { kind: 'boosting', maxLeaves: 15 } }), 'x.fairness.json');
		const again = parseSidecar(formatSidecar(s), 'x.fairness.json');
		assert.deepEqual(again.model, { kind: 'boosting', maxLeaves: 15 });
	});

	it("turns into the learner's spec, seeded by the run", () => {
		assert.deepEqual(firmModelFromSidecar({ kind: 'logistic' }, 3), { kind: 'logistic', C: 1 });
		const spec = firmModelFromSidecar({ kind: 'boosting', maxLeaves: 15, learningRate: 0.2 }, 3);
		assert.deepEqual(spec, { kind: 'boosting', params: { maxLeaves: 15, learningRate: 0.2, seed: 3 } });
		assert.match(firmModelName(spec), /^gradient boosting \(100 trees, 15 leaves, learning rate 0\.2/);
	});
});
