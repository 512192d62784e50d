import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CategoricalColumn, NumericColumn } from '../../../../src/core/csv/table';
import { columnByGroup } from '../../../../src/core/profile/byGroup';

function num(values: number[]): NumericColumn {
	return { kind: 'numeric', name: 'age', values: Float64Array.from(values), missing: values.filter(Number.isNaN).length };
}
function cat(values: Array<string | undefined>): CategoricalColumn {
	const levels: string[] = [];
	const codes = Int32Array.from(values, (v) => (v === undefined ? -1 : levels.indexOf(v) >= 0 ? levels.indexOf(v) : levels.push(v) - 1));
	return { kind: 'categorical', name: 'job', codes, levels, missing: values.filter((v) => v === undefined).length };
}
// Rows 0–2 in group a, rows 3–5 in group b, row 6 in no group.
const groups = { group: Int32Array.from([0, 0, 0, 1, 1, 1, -1]), groupNames: ['a', 'b'] };

describe('columnByGroup', () => {
	it('gives the mean and sample sd of each group, counting missing cells and leaving ungrouped rows out', () => {
		const r = columnByGroup(num([1, 2, 3, 10, Number.NaN, 30, 1000]), 7, groups);
		assert.equal(r.summary, 'mean');
		const [a, b] = r.groups;
		assert.deepEqual([a!.rows, a!.missing, a!.mean?.value, a!.sd?.value], [3, 0, 2, 1]);
		assert.deepEqual([b!.rows, b!.missing, b!.mean?.value], [3, 1, 20]);
		assert.ok(Math.abs(b!.sd!.value! - Math.sqrt(200)) < 1e-12);
	});

	it('says why a group has no mean or sd instead of giving NaN', () => {
		const r = columnByGroup(num([5, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 1]), 7, groups);
		assert.equal(r.groups[0]!.mean?.value, 5);
		assert.equal(r.groups[0]!.sd?.value, null);
		assert.match(r.groups[0]!.sd?.reason ?? '', /fewer than two/);
		assert.equal(r.groups[1]!.mean?.value, null);
		assert.match(r.groups[1]!.mean?.reason ?? '', /no finite values in group 'b'/);
	});

	it('lists the top values per group by count, ties by value, with missing cells counted apart', () => {
		const r = columnByGroup(cat(['x', 'y', 'y', 'z', undefined, 'x', 'y']), 7, groups, 2);
		assert.equal(r.summary, 'top');
		assert.deepEqual(r.groups[0]!.top, [
			{ value: 'y', count: 2 },
			{ value: 'x', count: 1 },
		]);
		assert.deepEqual(r.groups[1]!.top, [
			{ value: 'x', count: 1 },
			{ value: 'z', count: 1 },
		]);
		assert.equal(r.groups[1]!.missing, 1);
	});

	it('rejects a row count longer than the column or the groups', () => {
		assert.throws(() => columnByGroup(num([1, 2]), 7, groups), /rowCount must be an integer in \[0, 2\] for 'age'/);
		assert.throws(() => columnByGroup(num([1, 2, 3, 4, 5, 6, 7]), 7, groups, 0), /topValues/);
	});
});
