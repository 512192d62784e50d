/**
 * Turns a table column into a {@link Coding} for the association measures. Categorical columns
 * keep their dictionary codes; numeric columns with few distinct values keep one code per value,
 * and the others are cut into quantile bins, so a continuous proxy (income, test score) is
 * measured by how its distribution shifts between groups rather than by exact values (which would
 * make every row its own level and V meaningless).
 */
import type { Column } from '../csv/table';
import type { Coding } from './contingency';

/** Default number of quantile bins for continuous columns. */
export const DEFAULT_BINS = 10;

export function codeColumn(column: Column, rowCount: number, bins: number = DEFAULT_BINS): Coding {
	if (!Number.isInteger(bins) || bins < 2) {
		throw new RangeError(`codeColumn: bins must be an integer ≥ 2, got ${bins}`);
	}
	if (column.kind === 'categorical') {
		return { codes: column.codes.subarray(0, rowCount), levels: column.levels.length };
	}
	const values = column.values;
	const present: number[] = [];
	for (let r = 0; r < rowCount; r++) {
		const v = values[r]!;
		if (!Number.isNaN(v)) {
			present.push(v);
		}
	}
	const sorted = Float64Array.from(present).sort();
	const distinct: number[] = [];
	for (let i = 0; i < sorted.length && distinct.length <= bins; i++) {
		if (i === 0 || sorted[i] !== sorted[i - 1]) {
			distinct.push(sorted[i]!);
		}
	}
	// Few values: each value is its own level. Otherwise the upper edges of quantile bins,
	// deduplicated (a value repeated across a quantile would give an empty bin).
	const uppers = distinct.length <= bins ? distinct : quantileUppers(sorted, bins);
	const codes = new Int32Array(rowCount);
	for (let r = 0; r < rowCount; r++) {
		const v = values[r]!;
		codes[r] = Number.isNaN(v) ? -1 : lowerBound(uppers, v);
	}
	return { codes, levels: uppers.length };
}

function quantileUppers(sorted: Float64Array, bins: number): number[] {
	const out: number[] = [];
	for (let k = 1; k < bins; k++) {
		const edge = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / bins))]!;
		if (out.length === 0 || edge > out[out.length - 1]!) {
			out.push(edge);
		}
	}
	const max = sorted[sorted.length - 1]!;
	if (out.length === 0 || max > out[out.length - 1]!) {
		out.push(max);
	}
	return out;
}

/** Index of the first upper edge ≥ v (values above every edge go to the last bin). */
function lowerBound(uppers: readonly number[], v: number): number {
	let lo = 0;
	let hi = uppers.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (uppers[mid]! >= v) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return lo;
}
