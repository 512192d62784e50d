/**
 * The preview page of a dataset file, built from a real profile: names and values from the file
 * are escaped (a column named like a tag stays text), a missing cell says so, each column's
 * summary line, and the command links carry the file's URI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CategoricalColumn, NumericColumn } from '../../../src/core/csv/table';
import { profileColumn } from '../../../src/core/profile';
import { columnSummary, previewHtml } from '../../../src/preview/previewHtml';
import type { PreviewResult } from '../../../src/shared/previewProtocol';

const tagged: CategoricalColumn = {
	kind: 'categorical',
	name: '<img src=x>',
	codes: Int32Array.from([0, 1, 0, -1]),
	levels: ['a&b', '"q"'],
	missing: 1,
};
const age: NumericColumn = { kind: 'numeric', name: 'age', values: Float64Array.from([20, 30, 40, 50]), missing: 0 };

const result: PreviewResult = {
	uri: 'file:///data/people%20x.parquet',
	format: 'parquet',
	rowCount: 4,
	columns: [profileColumn(tagged, 4), profileColumn(age, 4)],
	head: [
		['a&b', '20'],
		[null, '50'],
	],
	roles: null,
	rolesError: null,
};

void describe('previewHtml', () => {
	void it('escapes names and values from the file and marks missing cells', () => {
		const html = previewHtml(result, 'people x.parquet', 'vscode-resource:');
		assert.ok(!html.includes('<img src=x>'), 'a column name is never markup');
		assert.match(html, /<th scope="row">&lt;img src=x&gt;<\/th>/);
		assert.match(html, /<tr><td class="n">1<\/td><td>a&amp;b<\/td><td>20<\/td><\/tr>/);
		assert.match(html, /<tr><td class="n">2<\/td><td class="na">missing<\/td><td>50<\/td><\/tr>/);
		assert.match(html, /Parquet · 4 rows × 2 columns · read-only preview/);
		assert.match(html, /First 2 of 4 rows/);
		assert.match(html, /Roles: none yet/);
		assert.doesNotMatch(html, /<script/);
	});

	void it('links the commands with the file as their argument', () => {
		const html = previewHtml(result, 'people x.parquet', 'vscode-resource:');
		const arg = encodeURIComponent(JSON.stringify([{ uri: result.uri }]));
		assert.ok(html.includes(`href="command:collectiveFairness.auditDataset?${arg}"`));
		assert.ok(html.includes(`href="command:collectiveFairness.changeRoles?${arg}"`));
	});

	void it('summarises a numeric column by its range and mean, a categorical one by its top values', () => {
		assert.equal(columnSummary(profileColumn(age, 4)), 'min 20 · median 35 · max 50 · mean 35');
		// 3 present values: a&b twice (66.7 %), "q" once (33.3 %).
		assert.equal(columnSummary(profileColumn(tagged, 4)), 'a&b 66.7% · "q" 33.3%');
	});
});
