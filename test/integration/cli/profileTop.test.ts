/**
 * `profile --top N`: the N most frequent values of each column, in the table (columns that are not
 * numeric) and in --json (every column); without it 3 in the table and 10 in --json; a bad N exits 2.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cliAll, generatedFixture } from './run';

interface Profile {
	readonly columns: ReadonlyArray<{
		readonly name: string;
		readonly type: string;
		readonly distinct: number;
		readonly topValues: readonly unknown[];
	}>;
}

describe('cli: profile --top', () => {
	const fx = generatedFixture(600);

	it('lists N values per column in the table and in --json, and refuses an N out of range', async () => {
		const [one, five, json2, json, zero, text] = await cliAll([
			['profile', fx.data, '--top', '1'],
			['profile', fx.data, '--top', '5'],
			['profile', fx.data, '--json', '--top', '2'],
			['profile', fx.data, '--json'],
			['profile', fx.data, '--top', '0'],
			['profile', fx.data, '--top', 'many'],
		]);
		for (const r of [one!, five!, json2!, json!]) {
			assert.equal(r.status, 0, r.stderr);
		}
		const full = JSON.parse(json!.stdout) as Profile;
		const categorical = full.columns.find((c) => c.type === 'categorical' && c.distinct > 2);
		assert.ok(categorical !== undefined, 'the fixture has a categorical column of 3 or more values');
		const rowOf = (out: string): string => out.split('\n').find((l) => l.startsWith(`${categorical.name} `))!;
		assert.equal(rowOf(one!.stdout).match(/ \(\d[\d,]*\)/g)?.length, 1, rowOf(one!.stdout));
		assert.match(rowOf(one!.stdout), /, …\s*$/, 'more values than listed: said');
		assert.equal(rowOf(five!.stdout).match(/ \(\d[\d,]*\)/g)?.length, Math.min(5, categorical.distinct), rowOf(five!.stdout));
		assert.equal(/…/.test(rowOf(five!.stdout)), categorical.distinct > 5);
		for (const c of (JSON.parse(json2!.stdout) as Profile).columns) {
			assert.equal(c.topValues.length, Math.min(2, c.distinct), c.name);
		}
		assert.ok(full.columns.every((c) => c.topValues.length === Math.min(10, c.distinct)));
		assert.equal(zero!.status, 2);
		assert.match(zero!.stderr, /--top must be an integer from 1 to 1000, got '0'/);
		assert.equal(text!.status, 2);
		assert.match(text!.stderr, /--top must be an integer/);
	});
});
