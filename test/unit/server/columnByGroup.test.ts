/**
 * The hovered column by group, on worked examples: means and sample sds per group (numeric),
 * top values with shares per group (categorical), missing cells, rows in no group left out, a
 * fixed-stride sample past MAX_ROWS, and the Markdown table the hover shows.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CategoricalColumn, NumericColumn } from '../../../src/core/csv/table';
import { profileColumn } from '../../../src/core/profile';
import { columnByGroup, MAX_ROWS } from '../../../src/server/columnByGroup';
import { byGroupTable, grouped } from '../../../src/server/hoverText';

const groups = { groupNames: ['M', 'F'], group: Int32Array.from([0, 0, 0, 1, 1, 1, -1]) };

const numeric = (values: number[]): NumericColumn => ({
	kind: 'numeric',
	name: 'age',
	values: Float64Array.from(values),
	missing: values.filter((v) => Number.isNaN(v)).length,
});

const categorical = (name: string, cells: (string | undefined)[]): CategoricalColumn => {
	const levels: string[] = [];
	const codes = Int32Array.from(
		cells.map((c) => {
			if (c === undefined) {
				return -1;
			}
			if (!levels.includes(c)) {
				levels.push(c);
			}
			return levels.indexOf(c);
		}),
	);
	return { kind: 'categorical', name, codes, levels, missing: cells.filter((c) => c === undefined).length };
};

void describe('columnByGroup', () => {
	void it('gives each group its mean and sample sd, counting missing cells and leaving out rows in no group', () => {
		// M: 20, 30, 40 → mean 30, sd 10; F: 50, NaN, 70 → mean 60, sd √200; the last row (no group) is ignored.
		const split = columnByGroup(numeric([20, 30, 40, 50, Number.NaN, 70, 1000]), 7, groups);
		assert.equal(split.kind, 'numeric');
		assert.deepEqual(split.kind === 'numeric' ? split.groups : [], [
			{ group: 'M', rows: 3, missing: 0, mean: 30, sd: 10 },
			{ group: 'F', rows: 3, missing: 1, mean: 60, sd: Math.sqrt(200) },
		]);
		assert.equal(split.kind === 'numeric' ? split.sampled : 'x', undefined);
	});

	void it('has no mean for a group without values and no sd for a group with one value (never NaN)', () => {
		const split = columnByGroup(numeric([Number.NaN, Number.NaN, Number.NaN, 5, Number.NaN, Number.NaN, 0]), 7, groups);
		assert.deepEqual(split.kind === 'numeric' ? split.groups : [], [
			{ group: 'M', rows: 3, missing: 3 },
			{ group: 'F', rows: 3, missing: 2, mean: 5 },
		]);
	});

	void it("lists each group's most frequent values with their share of the group's non-missing rows", () => {
		const zone = categorical('zone', ['south', 'south', 'north', 'north', 'north', undefined, 'east']);
		const split = columnByGroup(zone, 7, groups, 2);
		assert.deepEqual(split.kind === 'categorical' ? split.groups : [], [
			{
				group: 'M',
				rows: 3,
				missing: 0,
				top: [
					{ value: 'south', share: 2 / 3 },
					{ value: 'north', share: 1 / 3 },
				],
			},
			{ group: 'F', rows: 3, missing: 1, top: [{ value: 'north', share: 1 }] },
		]);
	});

	void it('reads a fixed-stride sample past MAX_ROWS and says so', () => {
		const rows = MAX_ROWS * 2 + 2;
		const values = new Float64Array(rows);
		const group = new Int32Array(rows);
		for (let i = 0; i < rows; i++) {
			values[i] = i % 2 === 0 ? 1 : 1000; // stride 3 reads rows 0, 3, 6, …: both parities, so both values
			group[i] = 0;
		}
		const split = columnByGroup({ kind: 'numeric', name: 'v', values, missing: 0 }, rows, { groupNames: ['all'], group });
		assert.equal(split.kind, 'numeric');
		if (split.kind === 'numeric') {
			assert.deepEqual(split.sampled, { read: Math.ceil(rows / 3), total: rows });
			assert.equal(split.groups[0]!.rows, Math.ceil(rows / 3));
			assert.ok(Math.abs(split.groups[0]!.mean! - 500.5) < 1, `mean ${split.groups[0]!.mean}`);
		}
	});

	void it('writes large figures with thousands separators in 4 significant digits', () => {
		assert.equal(grouped(45710.37), '45,710');
		assert.equal(grouped(0.70710678), '0.7071');
		assert.equal(grouped(1234567), '1,235,000');
	});

	void it('renders the split as the hover table, with the sample note', () => {
		const zone = categorical('zone', ['south', 'south', 'north', 'north', 'north', undefined, 'east']);
		const profile = profileColumn(zone, 7, { groups });
		const text = byGroupTable(profile, columnByGroup(zone, 7, groups));
		assert.match(text, /^\| group \| rows \| missing \| most frequent zone \|/);
		assert.match(text, /\| M \| 3 \| 0 \| south 66\.7% · north 33\.3% \|/);
		assert.match(text, /\| F \| 3 \| 1 \| north 100\.0% \|/);
		const ages = numeric([20, 30, 40, 50, Number.NaN, 70, 1000]);
		const numericText = byGroupTable(profileColumn(ages, 7, { groups }), {
			...(columnByGroup(ages, 7, groups) as Extract<ReturnType<typeof columnByGroup>, { kind: 'numeric' }>),
			sampled: { read: 7, total: 14 },
		});
		assert.match(numericText, /\| M \| 3 \| 0 \| 30 ± 10 \|/);
		assert.match(numericText, /\| F \| 3 \| 1 \| 60 ± 14\.14 \|/);
		assert.match(numericText, /by group from 7 of 14 rows \(a fixed-stride sample\)/);
	});
});
