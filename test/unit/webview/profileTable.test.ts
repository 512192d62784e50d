import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ProfileResult } from '../../../src/shared/lspProtocol';
import { buildProfileTable, findingsFromDiagnostics, formatValue } from '../../../src/shared/profileTable';

const base: Omit<ProfileResult, 'profile' | 'roles' | 'byGroup'> = {
	uri: 'file:///d.csv',
	source: 'disk',
	contentHash: 'h',
	dialect: { delimiter: ',', quote: '"', hasHeader: true, encoding: 'utf-8', bom: false, lineEnding: '\n' },
	skippedRows: 0,
	issues: [],
	rolesError: null,
};
const ageColumn = {
	name: 'age',
	storage: 'numeric' as const,
	type: 'numeric' as const,
	reason: '',
	rows: 4,
	missing: 1,
	missingRate: { value: 0.25 },
	distinct: 3,
	topValues: [],
	otherCount: 0,
	numeric: {
		available: true as const,
		count: 3,
		min: 20,
		max: 40,
		mean: 30,
		sd: { value: 10 },
		quantiles: { p5: 20, p25: 25, p50: 30, p75: 35, p95: 40 },
		histogram: { edges: [20, 40], counts: [3] },
		integral: true,
		nonFinite: 0,
	},
};
const jobColumn = {
	name: 'job',
	storage: 'categorical' as const,
	type: 'categorical' as const,
	reason: '',
	rows: 4,
	missing: 0,
	missingRate: { value: 0 },
	distinct: 2,
	topValues: [
		{ value: 'clerk', count: 3 },
		{ value: 'chef', count: 1 },
	],
	otherCount: 0,
};

describe('profile table (host side)', () => {
	it('summarises numeric and categorical columns and says why there are no groups without roles', () => {
		const t = buildProfileTable({ ...base, roles: null, profile: { rows: 4, columns: [ageColumn, jobColumn] } }, 'd.csv', []);
		assert.equal(t.columns[0]!.summary, 'mean 30 · sd 10 · min 20 · max 40');
		assert.equal(t.columns[0]!.summaryKey, 30);
		assert.equal(t.columns[1]!.summary, 'clerk 75.0% · chef 25.0%');
		assert.equal(t.columns[1]!.summaryKey, 0.75);
		assert.deepEqual(t.columns[0]!.byGroup, []);
		assert.equal(t.columns[0]!.groupGap, null);
		assert.match(t.notes[0] ?? '', /No roles yet/);
		assert.equal(t.groupedBy, undefined);
	});

	it('writes each column by group and orders the gap by how far apart the groups are', () => {
		const roles = { version: 1 as const, sensitive: { column: 'sex', minority: ['f'] }, label: { column: 'job', favourable: ['chef'] } };
		const t = buildProfileTable(
			{
				...base,
				roles,
				profile: { rows: 4, columns: [ageColumn, jobColumn] },
				byGroup: [
					{
						column: 'age',
						summary: 'mean',
						groups: [
							{ group: 'f', rows: 2, missing: 1, mean: { value: 20 }, sd: { value: null, reason: 'fewer than two' } },
							{ group: 'm', rows: 2, missing: 0, mean: { value: 35 }, sd: { value: 5 } },
						],
					},
					{
						column: 'job',
						summary: 'top',
						groups: [
							{ group: 'f', rows: 2, missing: 0, top: [{ value: 'clerk', count: 2 }] },
							{
								group: 'm',
								rows: 2,
								missing: 0,
								top: [
									{ value: 'clerk', count: 1 },
									{ value: 'chef', count: 1 },
								],
							},
						],
					},
				],
			},
			'd.csv',
			[{ column: 'job', kind: 'leak', message: "'job' predicts 'job'" }],
		);
		assert.deepEqual(t.columns[0]!.byGroup, [
			{ group: 'f', text: 'mean 20, 1 missing' },
			{ group: 'm', text: 'mean 35 (sd 5)' },
		]);
		// (35 − 20) / 5: one group's sd defined.
		assert.equal(t.columns[0]!.groupGap, 3);
		assert.deepEqual(t.columns[1]!.byGroup[1], { group: 'm', text: 'clerk 50.0% · chef 50.0%' });
		// clerk: 100 % vs 50 %; chef: 50 % vs (not listed) 0 %.
		assert.equal(t.columns[1]!.groupGap, 0.5);
		assert.deepEqual(
			t.columns[1]!.flags.map((f) => f.kind),
			['label', 'leak'],
		);
		assert.equal(t.groupedBy, 'sex');
		assert.deepEqual(t.notes, []);
	});

	it('reads findings from diagnostics by their data, or by the quoted column that opens the message', () => {
		assert.deepEqual(
			findingsFromDiagnostics([
				{ code: 'proxy-column', message: "'zip' is a proxy for 'race'", column: 'zip' },
				{ code: 'label-leak', message: "'outcome date' predicts 'label' almost perfectly" },
				{ code: 'missing-token', message: "'x' looks like a placeholder" },
			]),
			[
				{ column: 'zip', kind: 'proxy', message: "'zip' is a proxy for 'race'" },
				{ column: 'outcome date', kind: 'leak', message: "'outcome date' predicts 'label' almost perfectly" },
			],
		);
	});

	it('formats numbers for cells without exponents', () => {
		assert.deepEqual(
			[formatValue(32561), formatValue(1234.56), formatValue(38.5816), formatValue(0.000123)],
			['32,561', '1,235', '38.6', '0.000123'],
		);
	});
});
