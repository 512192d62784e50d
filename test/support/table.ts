/** Builds small Tables by hand for unit tests (no CSV parsing involved). */
import type { Column, Table } from '../../src/core/csv/table';

type Cell = string | number | null;

/** A column is numeric when every non-null cell is a number; null is missing. */
export function column(name: string, cells: readonly Cell[]): Column {
	const present = cells.filter((c) => c !== null);
	if (present.every((c) => typeof c === 'number')) {
		return {
			kind: 'numeric',
			name,
			values: Float64Array.from(cells, (c) => (c === null ? NaN : (c as number))),
			missing: cells.length - present.length,
		};
	}
	const levels: string[] = [];
	const codes = Int32Array.from(cells, (c) => {
		if (c === null) {
			return -1;
		}
		const text = String(c);
		let k = levels.indexOf(text);
		if (k < 0) {
			k = levels.length;
			levels.push(text);
		}
		return k;
	});
	return { kind: 'categorical', name, codes, levels, missing: cells.length - present.length };
}

export function table(columns: Record<string, readonly Cell[]>): Table {
	const cols = Object.entries(columns).map(([name, cells]) => column(name, cells));
	return { columns: cols, rowCount: cols[0]?.kind === 'numeric' ? cols[0].values.length : (cols[0]?.codes.length ?? 0) };
}
