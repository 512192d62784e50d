/**
 * Role edits without chosen values (header lenses outside VS Code, other clients): the favourable
 * value is taken from names only and the minority from the label's rates, or the edit is refused.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyRoleChange } from '../../../src/server/roleEdits';
import type { ColumnProfile } from '../../../src/core/profile';
import type { GroupRate } from '../../../src/shared/roleSuggest';

const profile = (name: string, values: string[]): ColumnProfile =>
	({ name, topValues: values.map((value, i) => ({ value, count: 100 - i })) }) as unknown as ColumnProfile;
const profiles: Record<string, ColumnProfile> = {
	deny: profile('deny', ['no', 'yes']),
	y: profile('y', ['no', 'yes']),
	afam: profile('afam', ['no', 'yes']),
};
const profileOf = (c: string): ColumnProfile | undefined => profiles[c];
// afam = yes is denied more often: favourable (deny = no) 72 % against 91 %.
const rates = (): GroupRate[] => [
	{ value: 'no', labelled: 1000, favourable: 907 },
	{ value: 'yes', labelled: 300, favourable: 215 },
];

describe('applyRoleChange without values', () => {
	it('deny yes/no: favourable no; the minority waits for the label, then is the lower rate', () => {
		const first = applyRoleChange(undefined, {}, { kind: 'sensitive', column: 'afam' }, profileOf, rates);
		assert.equal(first.kind, 'pending');
		assert.deepEqual(first.kind === 'pending' ? first.pending.sensitive?.minority : null, []);
		const second = applyRoleChange(
			undefined,
			first.kind === 'pending' ? first.pending : {},
			{ kind: 'label', column: 'deny' },
			profileOf,
			rates,
		);
		assert.equal(second.kind, 'sidecar');
		assert.deepEqual(second.kind === 'sidecar' ? [second.sidecar.label.favourable, second.sidecar.sensitive.minority] : null, [
			['no'],
			['yes'],
		]);
	});

	it('refuses to guess the favourable value of a label whose names say nothing', () => {
		assert.throws(
			() => applyRoleChange(undefined, {}, { kind: 'label', column: 'y' }, profileOf, rates),
			/choose the favourable value of 'y'/,
		);
	});

	it('Choose Features… writes features.include and drops the exclusions it covers', () => {
		const current = {
			version: 1 as const,
			sensitive: { column: 'afam', minority: ['yes'] },
			label: { column: 'deny', favourable: ['no'] },
			features: { exclude: ['dir', 'lvr'], includeSensitive: false },
		};
		const out = applyRoleChange(current, {}, { kind: 'features', include: ['dir', 'single'] }, profileOf, rates);
		assert.deepEqual(out.kind === 'sidecar' ? out.sidecar.features : null, {
			includeSensitive: false,
			include: ['dir', 'single'],
			exclude: ['lvr'],
		});
	});
});
