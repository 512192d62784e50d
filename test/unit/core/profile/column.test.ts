import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CategoricalColumn, NumericColumn } from '../../../../src/core/csv/table';
import { formatCount, histogram, profileColumn } from '../../../../src/core/profile/index';
import { sortedPresent } from '../../../../src/core/profile/numeric';
import type { NumericSummary } from '../../../../src/core/profile/index';

function num(values: number[], name = 'x'): NumericColumn {
	return { kind: 'numeric', name, values: Float64Array.from(values), missing: values.filter(Number.isNaN).length };
}
function cat(values: Array<string | undefined>, name = 'c'): CategoricalColumn {
	const levels: string[] = [];
	const codes = Int32Array.from(values, (v) => {
		if (v === undefined) {
			return -1;
		}
		const code = levels.indexOf(v);
		return code >= 0 ? code : levels.push(v) - 1;
	});
	return { kind: 'categorical', name, codes, levels, missing: values.filter((v) => v === undefined).length };
}
function summary(column: NumericColumn, options = {}): NumericSummary {
	const profile = profileColumn(column, column.values.length, options);
	assert.ok(profile.numeric?.available, 'numeric summary available');
	return profile.numeric as NumericSummary;
}
const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);

describe('profileColumn: numeric summary', () => {
	it('counts, moments, type-7 quantiles and histogram by hand (1 … 10 and a missing cell)', () => {
		const column = num([...range(10), Number.NaN]);
		const profile = profileColumn(column, 11, { histogramBins: 3 });
		assert.equal(profile.type, 'numeric');
		assert.equal(profile.reason, '10 distinct of 10 values');
		assert.equal(profile.rows, 11);
		assert.equal(profile.missing, 1);
		assert.deepEqual(profile.missingRate, { value: 1 / 11 });
		assert.equal(profile.distinct, 10);
		const s = profile.numeric as NumericSummary;
		assert.equal(s.count, 10);
		assert.equal(s.min, 1);
		assert.equal(s.max, 10);
		assert.equal(s.mean, 5.5);
		assert.ok(Math.abs(s.sd.value! - Math.sqrt(82.5 / 9)) < 1e-12);
		// h = 9p: p5 → 1 + 0.45, p25 → 3 + 0.25, p50 → 5.5, p75 → 7.75, p95 → 9 + 0.55
		const q = s.quantiles;
		assert.deepEqual(
			[q.p5, q.p25, q.p50, q.p75, q.p95].map((v) => Math.round(v * 1e9) / 1e9),
			[1.45, 3.25, 5.5, 7.75, 9.55],
		);
		assert.deepEqual(s.histogram, { edges: [1, 4, 7, 10], counts: [3, 3, 4] });
		assert.equal(s.integral, true);
	});

	it('puts values on an edge into the bin that starts there, and max into the last bin', () => {
		assert.deepEqual(histogram(Float64Array.from(range(11, 0)), 0, 10, 5), { edges: [0, 2, 4, 6, 8, 10], counts: [2, 2, 2, 2, 3] });
		assert.deepEqual(histogram(Float64Array.of(-1, -1, 3), -1, 3, 2), { edges: [-1, 1, 3], counts: [2, 1] });
	});

	it('gives one zero-width bin and an undefined sd for a single value', () => {
		const s = summary(num([7]));
		assert.deepEqual(s.histogram, { edges: [7, 7], counts: [1] });
		assert.equal(s.sd.value, null);
		assert.match(s.sd.reason!, /single value/);
	});

	it('keeps ±Infinity out of the summary but counts them as values', () => {
		const profile = profileColumn(num([1, 2, 3, Infinity, -Infinity]), 5);
		assert.equal(profile.distinct, 5);
		const s = profile.numeric as NumericSummary;
		assert.equal(s.count, 3);
		assert.equal(s.nonFinite, 2);
		assert.equal(s.max, 3);
		assert.equal(s.integral, false);
		assert.deepEqual(profileColumn(num([Infinity, Infinity, Number.NaN]), 3).numeric, {
			available: false,
			reason: 'every value is ±Infinity',
		});
	});

	it('stays finite for values near the double range', () => {
		const s = summary(num([-1.7e308, 1.7e308, 1e308]));
		assert.ok(Math.abs(s.mean - 1e308 / 3) < 1e293, String(s.mean));
		for (const v of [s.mean, s.quantiles.p50, s.quantiles.p5, ...s.histogram.edges]) {
			assert.ok(Number.isFinite(v), String(v));
		}
		assert.equal(
			s.histogram.counts.reduce((a, b) => a + b, 0),
			3,
		);
	});

	it('sorts integer columns by counting exactly as the comparison sort does', () => {
		let state = 12345;
		const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
		for (const spread of [3, 100, 1e6]) {
			const values = Float64Array.from({ length: 500 }, () => (next() < 0.1 ? Number.NaN : Math.floor((next() - 0.5) * spread)));
			const expected = values.filter((v) => !Number.isNaN(v)).sort();
			assert.deepEqual(Array.from(sortedPresent(values, 500)), Array.from(expected));
		}
		assert.deepEqual(Array.from(sortedPresent(Float64Array.of(2, 1, 9, 9), 3)), [1, 2, 9], 'only the first rowCount cells');
	});
});

describe('profileColumn: top values', () => {
	it('orders by count, ties by value (numbers numerically), and counts the rest', () => {
		const profile = profileColumn(num([3, 3, 10, 10, 2, 5, 5, 5, 0.1]), 9, { topValues: 3 });
		assert.deepEqual(profile.topValues, [
			{ value: '5', count: 3 },
			{ value: '3', count: 2 },
			{ value: '10', count: 2 },
		]);
		assert.equal(profile.otherCount, 2);
		assert.deepEqual(profileColumn(num([0.1 + 0.2, 1e21]), 2).topValues, [
			{ value: '0.30000000000000004', count: 1 },
			{ value: '1e+21', count: 1 },
		]);
	});

	it('orders categorical ties by value in code-unit order, whatever the level order', () => {
		const profile = profileColumn(cat(['b', 'a', 'b', 'a', 'c', 'c', 'c', undefined, 'B']), 9);
		assert.deepEqual(
			profile.topValues,
			[
				{ value: 'c', count: 3 },
				{ value: 'a', count: 2 },
				{ value: 'b', count: 2 },
				{ value: 'B', count: 1 },
			].sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1)),
		);
		assert.deepEqual(
			profile.topValues.map((t) => t.value),
			['c', 'a', 'b', 'B'],
		);
		assert.equal(profile.missing, 1);
		assert.equal(profileColumn(cat(['a', 'b']), 2, { topValues: 0 }).otherCount, 2);
	});

	it('ignores levels no row uses (e.g. after filtering)', () => {
		const column: CategoricalColumn = {
			kind: 'categorical',
			name: 'c',
			codes: Int32Array.of(1, 1, 2),
			levels: ['unused', 'x', 'y'],
			missing: 0,
		};
		const profile = profileColumn(column, 3);
		assert.equal(profile.distinct, 2);
		assert.equal(profile.type, 'binary');
		assert.deepEqual(profile.topValues, [
			{ value: 'x', count: 2 },
			{ value: 'y', count: 1 },
		]);
	});
});

describe('profileColumn: type inference', () => {
	it('binary: exactly two distinct values, numeric or not, missing cells aside', () => {
		assert.equal(profileColumn(num([0, 1, 1, 0, Number.NaN]), 5).type, 'binary');
		const profile = profileColumn(cat(['yes', undefined, 'no', 'yes']), 4);
		assert.equal(profile.type, 'binary');
		assert.equal(profile.reason, 'exactly 2 distinct values ("no", "yes")');
	});

	it('constant: one value, or nothing at all', () => {
		const one = profileColumn(cat(['x', 'x', undefined]), 3);
		assert.equal(one.type, 'constant');
		assert.equal(one.reason, 'a single value ("x") in 2 values');
		const allMissing = profileColumn(num([Number.NaN, Number.NaN, Number.NaN]), 3);
		assert.equal(allMissing.type, 'constant');
		assert.equal(allMissing.reason, 'all 3 values missing');
		assert.equal(allMissing.missing, 3);
		assert.deepEqual(allMissing.missingRate, { value: 1 });
		assert.deepEqual(allMissing.numeric, { available: false, reason: 'every value is missing' });
		assert.deepEqual(allMissing.topValues, []);
		const allMissingText = profileColumn(cat([undefined, undefined]), 2);
		assert.equal(allMissingText.meanLength?.value, null);
		const empty = profileColumn(num([]), 0);
		assert.equal(empty.reason, 'no rows');
		assert.deepEqual(empty.missingRate, { value: null, reason: 'the table has no rows' });
	});

	it('identifier: ≥ 95 % distinct among ≥ 20 values, integers when numeric', () => {
		const ids = profileColumn(num(range(25)), 25);
		assert.equal(ids.type, 'identifier');
		assert.equal(ids.reason, 'identifier-like: 25 distinct of 25 values, all integers');
		assert.equal(profileColumn(num([...range(23), 1, 1]), 25).type, 'numeric', '23 of 25 = 92 % distinct');
		assert.equal(profileColumn(num([...range(24), 1]), 25).type, 'identifier', '24 of 25 = 96 % distinct');
		assert.equal(profileColumn(num(range(19)), 19).type, 'numeric', 'fewer than 20 values');
		assert.equal(profileColumn(num(range(25).map((v) => v + 0.5)), 25).type, 'numeric', 'continuous values are not ids');
		const codes = profileColumn(cat(range(30).map((i) => `case-${String(i).padStart(4, '0')}`)), 30);
		assert.equal(codes.type, 'identifier');
		assert.equal(codes.reason, 'identifier-like: 30 distinct of 30 values');
	});

	it('text: long, mostly distinct values with spaces; short ones are categorical', () => {
		const sentences = range(25).map((i) => `Customer ${i} wrote a long complaint about the delivery.`);
		const text = profileColumn(cat(sentences), 25);
		assert.equal(text.type, 'text');
		assert.match(text.reason, /^free text: 25 distinct of 25 values, mean length 5\d\.\d, 100 % with spaces$/);
		assert.equal(profileColumn(cat(range(25).map((i) => `${i % 5} small words`)), 25).type, 'categorical');
		const longNoSpaces = profileColumn(cat(range(25).map((i) => `${'x'.repeat(40)}${i}`)), 25);
		assert.equal(longNoSpaces.type, 'identifier', 'long tokens without spaces are ids, not text');
	});

	it('measures mean length in code points', () => {
		assert.deepEqual(profileColumn(cat(['é', '😀', 'abc', undefined, 'abc']), 5).meanLength, { value: 2 });
	});

	it('formats counts with thousands separators independently of the locale', () => {
		assert.deepEqual([0, 999, 1000, 32561, 1234567, -4500].map(formatCount), ['0', '999', '1,000', '32,561', '1,234,567', '-4,500']);
	});
});

describe('profileColumn: groups and validation', () => {
	it('gives per-group missing rates, undefined for an empty group, and the largest gap', () => {
		const groups = { group: Int32Array.of(0, 0, 1, 1, -1), groupNames: ['maj', 'min', 'empty'] };
		const profile = profileColumn(num([1, Number.NaN, 2, 3, Number.NaN]), 5, { groups });
		assert.deepEqual(profile.groups, [
			{ group: 'maj', rows: 2, missing: 1, missingRate: { value: 0.5 } },
			{ group: 'min', rows: 2, missing: 0, missingRate: { value: 0 } },
			{ group: 'empty', rows: 0, missing: 0, missingRate: { value: null, reason: "group 'empty' has no rows" } },
		]);
		assert.deepEqual(profile.missingRateGap, { gap: { value: 0.5 }, highest: 'maj', lowest: 'min' });
		const equal = profileColumn(num([1, 2, 3, 4, 5]), 5, { groups });
		assert.deepEqual(equal.missingRateGap, { gap: { value: 0 }, highest: 'maj', lowest: 'min' });
	});

	it('rejects bad options and mismatched inputs with RangeErrors', () => {
		const column = num([1, 2, 3]);
		assert.throws(() => profileColumn(column, 4), /rowCount must be an integer in \[0, 3\]/);
		assert.throws(() => profileColumn(column, 3, { topValues: -1 }), /'topValues' must be an integer in \[0, 1000\], got -1/);
		assert.throws(() => profileColumn(column, 3, { histogramBins: 0 }), /'histogramBins'/);
		assert.throws(
			() => profileColumn(column, 3, { groups: { group: Int32Array.of(0, 0), groupNames: ['a'] } }),
			/groups.group has 2 entries for 3 rows/,
		);
		assert.throws(
			() => profileColumn(column, 3, { groups: { group: Int32Array.of(0, 2, 0), groupNames: ['a', 'b'] } }),
			/groups.group\[1\] = 2/,
		);
		assert.throws(
			() => profileColumn(column, 3, { groups: { group: Int32Array.of(0, 0, 0), groupNames: ['a'], favourable: Uint8Array.of(1) } }),
			/favourable has 1 entries/,
		);
		const bad: CategoricalColumn = { kind: 'categorical', name: 'c', codes: Int32Array.of(0, 5), levels: ['a'], missing: 0 };
		assert.throws(() => profileColumn(bad, 2), /row 1 has code 5 but only 1 levels/);
	});
});
