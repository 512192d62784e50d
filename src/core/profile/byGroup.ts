/**
 * One column split by the sensitive attribute's groups: the mean and standard deviation per group
 * for a numeric column, the most frequent values per group for a categorical one. This is what the
 * profile table shows beside each column, so a reader sees *how* a column differs between groups
 * (a proxy flag says only *that* it does). One pass over the rows per column.
 */
import type { Column } from '../csv/table';
import { defined, undefinedFigure, type Figure } from '../figure';
import type { GroupAssignment, TopValue } from './types';

/** Above this many (levels × groups) cells the categorical counts go to maps instead of one dense array. */
const DENSE_COUNT_LIMIT = 4_000_000;

export interface GroupColumnSummary {
	readonly group: string;
	/** Rows of the group. */
	readonly rows: number;
	/** Rows of the group where this column is missing (NaN or an empty cell). */
	readonly missing: number;
	/** Numeric columns: mean of the group's finite values. */
	readonly mean?: Figure;
	/** Numeric columns: sample standard deviation (n − 1) of the group's finite values. */
	readonly sd?: Figure;
	/** Categorical columns: most frequent values within the group, by count descending, ties by value. */
	readonly top?: readonly TopValue[];
}

export interface ColumnByGroup {
	readonly column: string;
	/** What each group's entry holds: `mean` (numeric storage) or `top` (categorical storage). */
	readonly summary: 'mean' | 'top';
	readonly groups: readonly GroupColumnSummary[];
}

/**
 * The column's distribution in each group of `groups` (rows with group −1 are left out).
 * @param topValues how many values to list per group for a categorical column, an integer in [1, 100].
 * @throws RangeError when `rowCount` or `topValues` is out of range or the assignment is shorter than `rowCount`.
 */
export function columnByGroup(column: Column, rowCount: number, groups: GroupAssignment, topValues = 3): ColumnByGroup {
	const length = column.kind === 'numeric' ? column.values.length : column.codes.length;
	if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > length || rowCount > groups.group.length) {
		throw new RangeError(
			`columnByGroup: rowCount must be an integer in [0, ${Math.min(length, groups.group.length)}] for '${column.name}'`,
		);
	}
	if (!Number.isInteger(topValues) || topValues < 1 || topValues > 100) {
		throw new RangeError(`columnByGroup: topValues must be an integer in [1, 100], got ${String(topValues)}`);
	}
	const k = groups.groupNames.length;
	const rows = new Float64Array(k);
	const missing = new Float64Array(k);
	for (let i = 0; i < rowCount; i++) {
		const g = groups.group[i]!;
		if (g >= 0 && g < k) {
			rows[g]! += 1;
		}
	}
	/** Every group's entry: its name, rows and missing cells, and what the column's kind adds. */
	const byGroup = (
		summary: ColumnByGroup['summary'],
		figures: (name: string, g: number) => Partial<GroupColumnSummary>,
	): ColumnByGroup => ({
		column: column.name,
		summary,
		groups: groups.groupNames.map((name, g) => ({ group: name, rows: rows[g]!, missing: missing[g]!, ...figures(name, g) })),
	});
	if (column.kind === 'numeric') {
		// Welford's update per group: one pass, no cancellation on large means.
		const n = new Float64Array(k);
		const mean = new Float64Array(k);
		const m2 = new Float64Array(k);
		for (let i = 0; i < rowCount; i++) {
			const g = groups.group[i]!;
			if (g < 0 || g >= k) {
				continue;
			}
			const v = column.values[i]!;
			if (Number.isNaN(v)) {
				missing[g]! += 1;
				continue;
			}
			if (!Number.isFinite(v)) {
				continue;
			}
			n[g]! += 1;
			const delta = v - mean[g]!;
			mean[g]! += delta / n[g]!;
			m2[g]! += delta * (v - mean[g]!);
		}
		return byGroup('mean', (name, g) => ({
			mean: n[g]! > 0 ? defined(mean[g]!) : undefinedFigure(`no finite values in group '${name}'`),
			sd: n[g]! > 1 ? defined(Math.sqrt(m2[g]! / (n[g]! - 1))) : undefinedFigure(`fewer than two finite values in group '${name}'`),
		}));
	}
	const levels = column.levels.length;
	const counts = countCodes(column.codes, rowCount, groups.group, k, levels, missing);
	return byGroup('top', (_, g) => ({ top: topOf(counts[g]!, column.levels, topValues) }));
}

/** Per group, [code, count] pairs of the codes present (missing cells counted into `missing`). */
function countCodes(
	codes: ArrayLike<number>,
	rowCount: number,
	group: Int32Array,
	k: number,
	levels: number,
	missing: Float64Array,
): Array<Array<[number, number]>> {
	if (levels * k <= DENSE_COUNT_LIMIT) {
		const dense = new Float64Array(levels * k);
		forEachGroupedCode(codes, rowCount, group, k, missing, (g, c) => {
			dense[g * levels + c]! += 1;
		});
		return Array.from({ length: k }, (_, g) => {
			const out: Array<[number, number]> = [];
			for (let c = 0; c < levels; c++) {
				const count = dense[g * levels + c]!;
				if (count > 0) {
					out.push([c, count]);
				}
			}
			return out;
		});
	}
	// Many distinct values (an identifier-like column): only the codes present are stored.
	const maps = Array.from({ length: k }, () => new Map<number, number>());
	forEachGroupedCode(codes, rowCount, group, k, missing, (g, c) => {
		const m = maps[g]!;
		m.set(c, (m.get(c) ?? 0) + 1);
	});
	return maps.map((m) => [...m.entries()]);
}

/** Each row of groups 0…k−1: a missing code (< 0) counted into `missing[g]`, any other handed to `count`. */
function forEachGroupedCode(
	codes: ArrayLike<number>,
	rowCount: number,
	group: Int32Array,
	k: number,
	missing: Float64Array,
	count: (g: number, code: number) => void,
): void {
	for (let i = 0; i < rowCount; i++) {
		const g = group[i]!;
		if (g < 0 || g >= k) {
			continue;
		}
		const c = codes[i]!;
		if (c < 0) {
			missing[g]! += 1;
		} else {
			count(g, c);
		}
	}
}

function topOf(pairs: ReadonlyArray<[number, number]>, levels: readonly string[], n: number): TopValue[] {
	return [...pairs]
		.sort((a, b) => b[1] - a[1] || (levels[a[0]]! < levels[b[0]]! ? -1 : levels[a[0]]! > levels[b[0]]! ? 1 : 0))
		.slice(0, n)
		.map(([c, count]) => ({ value: levels[c]!, count }));
}
