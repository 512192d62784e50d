/**
 * Role defaults on the real datasets: the favourable value comes from names only (COMPAS's
 * two_year_recid = 1 is a re-offence, not favourable), the minority is the group with the lower
 * favourable rate, sensitive columns are ranked by name and never the label.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvFile } from '../../../src/io/readCsvFile';
import { profileTable } from '../../../src/core/profile/index';
import type { Table } from '../../../src/core/csv/table';
import { groupRates } from '../../../src/core/roles/groupRates';
import { advantagedWarning, guessFavourable, nameWords, rankSensitiveColumns, suggestMinority } from '../../../src/shared/roleSuggest';
import { locateDataset } from '../../support/datasets';
import { table } from '../../support/table';

type Loaded = { table: Table; columns: ReturnType<typeof profileTable>['columns'] };
const loaded = new Map<string, Promise<Loaded>>();

/** A real dataset's table and profile, read once however many tests ask for it. */
function load(path: string): Promise<Loaded> {
	let pending = loaded.get(path);
	if (pending === undefined) {
		pending = readCsvFile(path).then(({ table: t }) => ({
			table: t,
			columns: profileTable(t, { topValues: 10, histogramBins: 2 }).columns,
		}));
		loaded.set(path, pending);
	}
	return pending;
}

const valuesOf = (columns: ReturnType<typeof profileTable>['columns'], name: string): string[] =>
	columns.find((c) => c.name === name)!.topValues.map((t) => t.value);

describe('guessFavourable: names, never rarity', () => {
	it('a deny yes/no label is favourable when no (whichever value is rarer)', () => {
		assert.deepEqual(guessFavourable('deny', ['no', 'yes'])?.values, ['no']);
		assert.deepEqual(guessFavourable('deny', ['yes', 'no'])?.values, ['no']);
		assert.match(guessFavourable('deny', ['no', 'yes'])!.reason, /guessed from the name.*check/);
	});

	it('values naming an outcome decide by themselves', () => {
		assert.deepEqual(guessFavourable('outcome', ['denied', 'approved'])?.values, ['approved']);
		assert.deepEqual(guessFavourable('class', ['good', 'bad'])?.values, ['good']);
		assert.deepEqual(guessFavourable('label', ['unfavourable', 'favourable'])?.values, ['favourable']);
		assert.deepEqual(guessFavourable('status', ['rejected', 'waitlisted'])?.values, ['waitlisted']);
	});

	it('asks (no guess) when nothing in the names says which outcome is good', () => {
		assert.equal(guessFavourable('y', ['no', 'yes']), undefined);
		assert.equal(guessFavourable('target', ['0', '1']), undefined);
		assert.equal(guessFavourable('passed_and_failed', ['0', '1']), undefined, 'contradicting words');
		assert.equal(guessFavourable('grade', ['>50K', '<=50K']), undefined, '> only means favourable for an income');
	});

	it('splits names into words', () => {
		assert.deepEqual(nameWords('two_year_recid'), ['two', 'year', 'recid']);
		assert.deepEqual(nameWords('isRecid'), ['is', 'recid']);
		assert.deepEqual(nameWords('default payment'), ['default', 'payment']);
	});
});

describe('rankSensitiveColumns', () => {
	it('ranks named columns first and never the label or the other role', () => {
		const cols = [
			{ name: 'deny', distinct: 2, type: 'binary' },
			{ name: 'dir', distinct: 10, type: 'categorical' },
			{ name: 'single', distinct: 2, type: 'binary' },
			{ name: 'afam', distinct: 2, type: 'binary' },
			{ name: 'mortgage_rate', distinct: 5, type: 'categorical' },
		];
		const ranked = rankSensitiveColumns(cols, []).map((s) => s.name);
		assert.equal(ranked[0], 'afam');
		assert.ok(!ranked.includes('deny'), 'a label-like name is not suggested');
		assert.ok(!rankSensitiveColumns(cols, ['afam']).some((s) => s.name === 'afam'));
		assert.equal(rankSensitiveColumns(cols, [])[0]!.why, 'named like race or ethnicity');
		assert.equal(rankSensitiveColumns(cols, []).find((s) => s.name === 'mortgage_rate')!.score, 0, "'mortgage' is not an age");
	});
});

describe('suggestMinority and advantagedWarning', () => {
	it('suggests the lowest favourable rate and says when that group is the largest', () => {
		const s = suggestMinority('race', [
			{ value: 'A', labelled: 300, favourable: 100 },
			{ value: 'B', labelled: 200, favourable: 150 },
		]);
		assert.equal(s?.value, 'A');
		assert.equal(s?.largest, true);
		assert.match(s!.reason, /largest group/);
		assert.equal(suggestMinority('race', [{ value: 'A', labelled: 10, favourable: 5 }]), undefined);
	});

	it('warns when the chosen minority is the advantaged group', () => {
		const groups = [
			{ value: 'A', labelled: 100, favourable: 30 },
			{ value: 'B', labelled: 100, favourable: 70 },
		];
		assert.match(advantagedWarning('g', ['B'], groups) ?? '', /advantaged group.*widen the gap/);
		assert.equal(advantagedWarning('g', ['A'], groups), undefined);
	});

	it('counts rates from a table, numeric labels included', () => {
		const t = table({ g: ['a', 'a', 'b', 'b', null], y: [1, 0, 1, 1, 1] });
		assert.deepEqual(groupRates(t, 'g', { column: 'y', favourable: ['1'] }), [
			{ value: 'a', labelled: 2, favourable: 1 },
			{ value: 'b', labelled: 2, favourable: 2 },
		]);
	});
});

/** The label of each real dataset and the favourable value guessed for it (undefined: asked for, not guessed). */
const FAVOURABLE_ON_REAL_DATA: ReadonlyArray<[file: string, label: string, expected: string[] | undefined]> = [
	// A recidivism label: 1 is a re-offence, so it must not default to favourable.
	['compas.csv', 'two_year_recid', ['0']],
	['adult.csv', 'income-per-year', ['>50K']],
	['german-credit.csv', 'class', ['good']],
	['credit-default.csv', 'default payment', ['0']],
	['law-school.csv', 'pass_bar', ['1']],
	['bank.csv', 'y', undefined],
];
for (const [file, label, expected] of FAVOURABLE_ON_REAL_DATA) {
	const ds = locateDataset(file);
	describe(`${file} (real data)`, { skip: ds.skip }, () => {
		it(`the favourable value of '${label}' is ${expected === undefined ? 'asked for, not guessed' : expected.join(', ')}`, async () => {
			const { columns } = await load(ds.path!);
			assert.deepEqual(guessFavourable(label, valuesOf(columns, label))?.values, expected);
		});
	});
}

const compas = locateDataset('compas.csv');
describe('COMPAS (real data)', { skip: compas.skip }, () => {
	it('race defaults to African-American (the larger group); the label is never a sensitive suggestion', async () => {
		const { table: t, columns } = await load(compas.path!);
		const rates = groupRates(t, 'race', { column: 'two_year_recid', favourable: ['0'] });
		const minority = suggestMinority('race', rates);
		assert.equal(minority?.value, 'African-American');
		assert.equal(minority?.largest, true);
		assert.match(advantagedWarning('race', ['Caucasian'], rates) ?? '', /advantaged/);
		const ranked = rankSensitiveColumns(columns, ['two_year_recid']).map((s) => s.name);
		assert.deepEqual(ranked.slice(0, 3), ['sex', 'race', 'age_cat']);
		assert.ok(!ranked.includes('two_year_recid') && !ranked.includes('is_recid'));
	});
});

const adult = locateDataset('adult.csv');
describe('Adult (real data)', { skip: adult.skip }, () => {
	it('sex and race come before workclass; Female is the lower rate', async () => {
		const { table: t, columns } = await load(adult.path!);
		const ranked = rankSensitiveColumns(columns, ['income-per-year']).map((s) => s.name);
		assert.deepEqual(ranked.slice(0, 3), ['sex', 'race', 'marital-status']);
		assert.ok(ranked.indexOf('workclass') > ranked.indexOf('race'));
		assert.equal(suggestMinority('sex', groupRates(t, 'sex', { column: 'income-per-year', favourable: ['>50K'] }))?.value, 'Female');
	});
});
