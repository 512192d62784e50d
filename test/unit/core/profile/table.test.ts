import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Table } from '../../../../src/core/csv/table';
import { profileTable, type ColumnProfile } from '../../../../src/core/profile/index';
import { generateSynthetic } from '../../../../src/core/synthetic/index';

/** Fails on NaN, ±Infinity, typed arrays or undefined-valued numbers anywhere in a profile. */
function assertPlainJson(value: unknown, path = '$'): void {
	if (typeof value === 'number') {
		assert.ok(Number.isFinite(value), `${path} = ${value}`);
	} else if (ArrayBuffer.isView(value)) {
		assert.fail(`${path} is a typed array`);
	} else if (Array.isArray(value)) {
		value.forEach((v, i) => assertPlainJson(v, `${path}[${i}]`));
	} else if (value !== null && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			assertPlainJson(v, `${path}.${k}`);
		}
	}
}

const small: Table = {
	rowCount: 6,
	columns: [
		{ kind: 'numeric', name: 'score', values: Float64Array.of(1, Number.NaN, 3, 4, Number.NaN, 6), missing: 2 },
		{ kind: 'categorical', name: 'city', codes: Int32Array.of(0, 1, -1, 0, 1, 2), levels: ['Oslo', 'Bergen', 'Tromsø'], missing: 1 },
	],
};

describe('profileTable', () => {
	it('profiles every column in order', () => {
		const profile = profileTable(small);
		assert.equal(profile.rows, 6);
		assert.deepEqual(
			profile.columns.map((c) => [c.name, c.type, c.missing, c.distinct]),
			[
				['score', 'numeric', 2, 4],
				['city', 'categorical', 1, 3],
			],
		);
		assert.equal(profile.groups, undefined);
		assert.equal(profile.columns[0]!.groups, undefined);
	});

	it('gives favourable rates per group, undefined with reasons for unlabelled and empty groups', () => {
		const groups = {
			group: Int32Array.of(0, 0, 0, 1, 1, -1),
			groupNames: ['majority', 'minority', 'other'],
			favourable: Uint8Array.of(1, 0, 1, 255, 255, 1),
		};
		const profile = profileTable(small, { groups });
		assert.deepEqual(profile.groups, {
			groups: [
				{ group: 'majority', rows: 3, labelled: 3, favourable: 2, favourableRate: { value: 2 / 3 } },
				{
					group: 'minority',
					rows: 2,
					labelled: 0,
					favourable: 0,
					favourableRate: { value: null, reason: "group 'minority' has no labelled rows" },
				},
				{
					group: 'other',
					rows: 0,
					labelled: 0,
					favourable: 0,
					favourableRate: { value: null, reason: "group 'other' has no labelled rows" },
				},
			],
			ungroupedRows: 1,
			favourableRateGap: {
				gap: { value: null, reason: 'needs a defined rate in at least two groups, found 1' },
				highest: null,
				lowest: null,
			},
			// score: majority 1/3 missing, minority 1/2 → gap 1/6; city: majority 1/3, minority 0 → gap 1/3.
			largestMissingRateGap: { column: 'city', gap: 1 / 3, highest: 'majority', lowest: 'minority' },
		});
		const score = profile.columns[0]!;
		assert.deepEqual(
			score.groups!.map((g) => g.missingRate),
			[{ value: 1 / 3 }, { value: 0.5 }, { value: null, reason: "group 'other' has no rows" }],
		);
		assert.deepEqual(score.missingRateGap, { gap: { value: 0.5 - 1 / 3 }, highest: 'minority', lowest: 'majority' });
		assertPlainJson(profile);
	});

	it('reports a favourable-rate gap between labelled groups, and says when no label was given', () => {
		const labelled = profileTable(small, {
			groups: { group: Int32Array.of(0, 0, 1, 1, 1, 1), groupNames: ['a', 'b'], favourable: Uint8Array.of(1, 1, 1, 0, 0, 0) },
		});
		assert.deepEqual(labelled.groups!.favourableRateGap, { gap: { value: 0.75 }, highest: 'a', lowest: 'b' });
		const unlabelled = profileTable(small, { groups: { group: Int32Array.of(0, 0, 1, 1, 1, 1), groupNames: ['a', 'b'] } });
		assert.deepEqual(unlabelled.groups!.groups[0]!.favourableRate, { value: null, reason: 'no label given' });
		assert.deepEqual(unlabelled.groups!.favourableRateGap.gap, { value: null, reason: 'no label given' });
	});

	it('rejects a group assignment that does not fit, and short columns', () => {
		assert.throws(() => profileTable(small, { groups: { group: new Int32Array(5), groupNames: ['a'] } }), RangeError);
		assert.throws(() => profileTable({ rowCount: 7, columns: small.columns }), /'score' has 6 cells but the table has 7 rows/);
	});

	it('profiles the synthetic dataset: inferred types, group rates matching the data, plain JSON, fast', () => {
		const { table } = generateSynthetic({ rows: 32_561, seed: 1, missingRate: 0.02 });
		const groupColumn = table.columns.find((c) => c.name === 'group')!;
		const labelColumn = table.columns.find((c) => c.name === 'label')!;
		assert.ok(groupColumn.kind === 'categorical' && labelColumn.kind === 'categorical');
		const minority = groupColumn.levels.indexOf('minority');
		const favourableCode = labelColumn.levels.indexOf('favourable');
		const groups = {
			group: Int32Array.from(groupColumn.codes, (c) => (c === minority ? 1 : 0)),
			groupNames: ['majority', 'minority'],
			favourable: Uint8Array.from(labelColumn.codes, (c) => (c === favourableCode ? 1 : 0)),
		};
		profileTable(table, { groups }); // warm-up (JIT)
		// CPU time, not wall time: a shared 2-core machine can stall this process for a while.
		// Typically ~25 ms (15 columns × 32,561 rows); the bound is generous so noise cannot fail it.
		const started = process.cpuUsage();
		const profile = profileTable(table, { groups });
		const used = process.cpuUsage(started);
		const elapsed = (used.user + used.system) / 1000;
		assert.ok(elapsed < 500, `profiling took ${elapsed.toFixed(1)} ms of CPU`);
		const byName = new Map<string, ColumnProfile>(profile.columns.map((c) => [c.name, c]));
		assert.equal(byName.get('group')!.type, 'binary');
		assert.equal(byName.get('label')!.type, 'binary');
		assert.equal(byName.get('age')!.type, 'numeric');
		assert.equal(byName.get('income')!.type, 'numeric');
		assert.equal(byName.get('education')!.type, 'categorical');
		const [majority, minorityGroup] = profile.groups!.groups;
		assert.equal(majority!.rows + minorityGroup!.rows, 32_561);
		assert.ok(majority!.favourableRate.value! > minorityGroup!.favourableRate.value! + 0.1);
		assert.equal(profile.groups!.favourableRateGap.highest, 'majority');
		assert.ok(Math.abs(byName.get('age')!.missingRate.value! - 0.02) < 0.005);
		assertPlainJson(profile);
		assert.deepEqual(JSON.parse(JSON.stringify(profile)), profile);
	});
});
