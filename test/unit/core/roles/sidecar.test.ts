import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { formatSidecar, parseSidecar, SidecarError } from '../../../../src/core/roles/sidecar';
import { sidecarPathFor } from '../../../../src/shared/sidecarPath';

const schemaPath = path.join(__dirname, '../../../../../schemas/fairness.schema.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const valid: unknown[] = [
	{ version: 1, sensitive: { column: 'sex', minority: ['Female'] }, label: { column: 'income', favourable: ['>50K'] } },
	{
		version: 1,
		sensitive: { column: ['race', 'sex'], minority: ['Black & Female'], majority: ['White & Male'], others: 'separate' },
		label: { column: 'y', favourable: [1] },
		features: { exclude: ['id'], includeSensitive: false },
		missingTokens: ['-'],
		description: 'x',
	},
	{
		$schema: './fairness.schema.json',
		version: 1,
		sensitive: { column: 'SEX', minority: [2], majority: [1] },
		label: { column: 'default payment', favourable: [0] },
		features: { include: ['AGE'] },
	},
];

/** Invalid sidecars with the field the error must name. */
const invalid: Array<[unknown, string]> = [
	[{ sensitive: { column: 'sex', minority: ['F'] }, label: { column: 'y', favourable: ['1'] } }, 'version'],
	[{ version: 1, label: { column: 'y', favourable: ['1'] } }, 'sensitive'],
	[{ version: 1, sensitive: { column: '', minority: ['F'] }, label: { column: 'y', favourable: ['1'] } }, 'sensitive.column'],
	[{ version: 1, sensitive: { column: ['a', 'b', 'c'], minority: ['F'] }, label: { column: 'y', favourable: ['1'] } }, 'sensitive.column'],
	[{ version: 1, sensitive: { column: 'sex', minority: [] }, label: { column: 'y', favourable: ['1'] } }, 'sensitive.minority'],
	[{ version: 1, sensitive: { column: 'sex', minority: ['F', 'F'] }, label: { column: 'y', favourable: ['1'] } }, 'sensitive.minority[1]'],
	[
		{ version: 1, sensitive: { column: 'sex', minority: ['F'], others: 'pool' }, label: { column: 'y', favourable: ['1'] } },
		'sensitive.others',
	],
	[{ version: 1, sensitive: { column: 'sex', minority: ['F'] }, label: { column: 'y', favourable: [true] } }, 'label.favourable[0]'],
	[{ version: 1, sensitive: { column: 'sex', minority: ['F'] }, label: { column: 'y' } }, 'label.favourable'],
	[
		{ version: 1, sensitive: { column: 'sex', minority: ['F'] }, label: { column: 'y', favourable: ['1'] }, features: { exclude: 'id' } },
		'features.exclude',
	],
	[{ version: 1, sensitive: { column: 'sex', minority: ['F'] }, label: { column: 'y', favourable: ['1'] }, extra: 1 }, 'extra'],
	[
		{ version: 1, sensitive: { column: 'sex', minority: ['F'], colour: 'x' }, label: { column: 'y', favourable: ['1'] } },
		'sensitive.colour',
	],
];

describe('sidecar NAME.fairness.json', () => {
	it('accepts valid sidecars, agreeing with the shipped JSON schema', () => {
		for (const s of valid) {
			assert.ok(validate(s), JSON.stringify(validate.errors));
			assert.doesNotThrow(() => parseSidecar(JSON.stringify(s), 'x.fairness.json'));
		}
	});

	it('rejects invalid sidecars with an error naming the field, as the schema does', () => {
		for (const [s, field] of invalid) {
			assert.equal(validate(s), false, `schema should reject ${JSON.stringify(s)}`);
			assert.throws(
				() => parseSidecar(JSON.stringify(s), 'data/x.fairness.json'),
				(e: unknown) => {
					assert.ok(e instanceof SidecarError);
					assert.equal(e.field, field);
					assert.match(e.message, /^data\/x\.fairness\.json: /);
					return true;
				},
			);
		}
	});

	it('explains JSON syntax errors and semantic conflicts', () => {
		assert.throws(() => parseSidecar('{ "version": 1, ', 'a.fairness.json'), /a\.fairness\.json: not valid JSON/);
		assert.throws(
			() =>
				parseSidecar(
					JSON.stringify({ version: 1, sensitive: { column: 'y', minority: ['F'] }, label: { column: 'y', favourable: ['1'] } }),
					'a.json',
				),
			/also the sensitive attribute/,
		);
		assert.throws(
			() =>
				parseSidecar(
					JSON.stringify({
						version: 1,
						sensitive: { column: 's', minority: ['F'], majority: ['F'] },
						label: { column: 'y', favourable: ['1'] },
					}),
					'a.json',
				),
			/also listed as minority/,
		);
	});

	it('keeps numeric values as written and round-trips through formatSidecar', () => {
		const s = parseSidecar(JSON.stringify(valid[2]), 'x');
		assert.deepEqual(s.sensitive.minority, ['2']);
		assert.deepEqual(s.label.favourable, ['0']);
		const again = parseSidecar(formatSidecar(s), 'x');
		assert.deepEqual(again, s);
		assert.ok(formatSidecar(s).endsWith('\n'));
	});

	it('names the sidecar after the CSV', () => {
		assert.equal(sidecarPathFor('data/adult.csv'), 'data/adult.fairness.json');
		assert.equal(sidecarPathFor('a.b/c'), 'a.b/c.fairness.json');
		assert.equal(sidecarPathFor('x.tsv'), 'x.fairness.json');
		assert.equal(sidecarPathFor('.hidden'), '.hidden.fairness.json');
	});
});
