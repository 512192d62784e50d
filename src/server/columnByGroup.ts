/**
 * One column split by the sensitive attribute's groups, for the column hover: per group its rows,
 * missing cells, and either the mean and standard deviation (numeric columns) or the most frequent
 * values with their shares (categorical ones). A hover answers "does this column differ between
 * the groups?", which the column's overall profile cannot.
 *
 * Bounded time: at most {@link MAX_ROWS} rows are read, every k-th row of a larger table (a fixed
 * stride, so the same file always gives the same figures), and the result says it is a sample.
 * Every figure is finite or absent: a group with no values has no mean, never NaN.
 */
import type { Column } from '../core/csv/table';

/** Rows read per column at most; a larger table is read at a fixed stride. */
export const MAX_ROWS = 2_000_000;
/** Level × group counters allocated at most; a column with more distinct values is not split. */
const MAX_COUNTERS = 4_000_000;

export interface GroupRows {
	readonly groupNames: readonly string[];
	/** Group index per row, −1 for a row in no group. */
	readonly group: Int32Array;
}

export interface NumericByGroup {
	readonly group: string;
	/** Rows of the group read (all of them, or the sample's). */
	readonly rows: number;
	readonly missing: number;
	/** Absent when the group has no value. */
	readonly mean?: number;
	/** Sample standard deviation (n − 1); absent with fewer than two values. */
	readonly sd?: number;
}

export interface CategoricalByGroup {
	readonly group: string;
	readonly rows: number;
	readonly missing: number;
	/** The most frequent values, share = count / non-missing rows of the group. */
	readonly top: readonly { readonly value: string; readonly share: number }[];
}

export type ColumnByGroup =
	| { readonly kind: 'numeric'; readonly groups: readonly NumericByGroup[]; readonly sampled?: SampleNote }
	| { readonly kind: 'categorical'; readonly groups: readonly CategoricalByGroup[]; readonly sampled?: SampleNote }
	| { readonly kind: 'too-many-values'; readonly levels: number };

/** Set when only every `stride`-th row was read. */
export interface SampleNote {
	readonly read: number;
	readonly total: number;
}

export function columnByGroup(column: Column, rowCount: number, groups: GroupRows, topValues = 3): ColumnByGroup {
	const stride = Math.max(1, Math.ceil(rowCount / MAX_ROWS));
	const read = Math.ceil(rowCount / stride);
	const sampled = stride > 1 ? { sampled: { read, total: rowCount } } : {};
	const k = groups.groupNames.length;
	const rows = new Float64Array(k);
	const missing = new Float64Array(k);
	if (column.kind === 'numeric') {
		// Welford's update: one pass, no cancellation on columns with a large mean.
		const n = new Float64Array(k);
		const mean = new Float64Array(k);
		const m2 = new Float64Array(k);
		for (let i = 0; i < rowCount; i += stride) {
			const g = groups.group[i]!;
			if (g < 0) {
				continue;
			}
			rows[g]!++;
			const v = column.values[i]!;
			if (!Number.isFinite(v)) {
				missing[g]!++;
				continue;
			}
			n[g]!++;
			const d = v - mean[g]!;
			mean[g]! += d / n[g]!;
			m2[g]! += d * (v - mean[g]!);
		}
		return {
			kind: 'numeric',
			groups: groups.groupNames.map((name, g) => ({
				group: name,
				rows: rows[g]!,
				missing: missing[g]!,
				...(n[g]! > 0 ? { mean: mean[g]! } : {}),
				...(n[g]! > 1 ? { sd: Math.sqrt(m2[g]! / (n[g]! - 1)) } : {}),
			})),
			...sampled,
		};
	}
	const levels = column.levels.length;
	if (levels * k > MAX_COUNTERS) {
		return { kind: 'too-many-values', levels };
	}
	const counts = new Int32Array(levels * k);
	for (let i = 0; i < rowCount; i += stride) {
		const g = groups.group[i]!;
		if (g < 0) {
			continue;
		}
		rows[g]!++;
		const code = column.codes[i]!;
		if (code < 0) {
			missing[g]!++;
		} else {
			counts[g * levels + code]!++;
		}
	}
	return {
		kind: 'categorical',
		groups: groups.groupNames.map((name, g) => {
			const present = rows[g]! - missing[g]!;
			return {
				group: name,
				rows: rows[g]!,
				missing: missing[g]!,
				top: present > 0 ? topOf(counts, g * levels, levels, topValues, present, column.levels) : [],
			};
		}),
		...sampled,
	};
}

/** The `top` largest counters of one group's slice (ties: the value seen first in the file). */
function topOf(
	counts: Int32Array,
	offset: number,
	levels: number,
	top: number,
	present: number,
	names: readonly string[],
): { value: string; share: number }[] {
	const best: number[] = [];
	for (let c = 0; c < levels; c++) {
		const count = counts[offset + c]!;
		if (count === 0) {
			continue;
		}
		if (best.length < top || count > counts[offset + best[best.length - 1]!]!) {
			let at = best.length;
			while (at > 0 && counts[offset + best[at - 1]!]! < count) {
				at--;
			}
			best.splice(at, 0, c);
			if (best.length > top) {
				best.pop();
			}
		}
	}
	return best.map((c) => ({ value: names[c]!, share: counts[offset + c]! / present }));
}
