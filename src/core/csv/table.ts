/**
 * Columnar storage of a parsed CSV file. Numeric columns are Float64Array (NaN = missing);
 * everything else is dictionary-encoded (codes into `levels`, −1 = missing, in the narrowest
 * signed array that holds them: 1 byte a cell up to 128 levels, 2 up to 32,768, else 4), so a
 * 50 MB file costs a few bytes per cell instead of a JS string per cell.
 */
export interface NumericColumn {
	readonly kind: 'numeric';
	readonly name: string;
	/** One value per row; NaN where the cell was empty or a missing-value token. */
	readonly values: Float64Array;
	/** Number of missing cells. */
	readonly missing: number;
}

export interface CategoricalColumn {
	readonly kind: 'categorical';
	readonly name: string;
	/** One code per row, indexing `levels`; −1 where the cell was missing. */
	readonly codes: CategoryCodes;
	/** Distinct non-missing values in order of first appearance. */
	readonly levels: readonly string[];
	readonly missing: number;
}

/** Category codes, −1 = missing; see codes.ts for how the width is chosen. */
export type CategoryCodes = Int8Array | Int16Array | Int32Array;

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
	readonly columns: readonly Column[];
	readonly rowCount: number;
}

/** How the file was written, as detected (or as forced by options). */
export interface Dialect {
	readonly delimiter: ',' | ';' | '\t' | '|';
	readonly quote: '"';
	readonly hasHeader: boolean;
	readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
	readonly bom: boolean;
	/** The line ending seen first (files may mix them; all are accepted). */
	readonly lineEnding: '\r\n' | '\n' | '\r';
}

/**
 * What went wrong. `encoding-fallback`: the bytes were not valid UTF-8 and were read as Windows-1252;
 * `header-only`: the file has a header and no data rows; `issues-truncated`: more issues of one code
 * than the report keeps (the message gives the total).
 */
export type CsvIssueCode =
	| 'ragged-row'
	| 'unterminated-quote'
	| 'undecodable-bytes'
	| 'stray-quote'
	| 'empty-file'
	| 'duplicate-header'
	| 'empty-header'
	| 'nul-byte'
	| 'encoding-fallback'
	| 'header-only'
	| 'numeric-with-text'
	| 'issues-truncated';

/** A problem found while reading, located for the user (1-based line and column). */
export interface CsvIssue {
	readonly code: CsvIssueCode;
	readonly message: string;
	/** 1-based physical line where the record (or problem) starts. */
	readonly line: number;
	/** 1-based column (character offset in the line) of the problem. */
	readonly column: number;
	readonly severity: 'error' | 'warning';
}

export function findColumn(table: Table, name: string): Column | undefined {
	return table.columns.find((c) => c.name === name);
}

/** The cell as text (levels for categorical, shortest round-trip form for numbers), or undefined when missing. */
export function cellText(column: Column, row: number): string | undefined {
	if (column.kind === 'numeric') {
		const v = column.values[row]!;
		return Number.isNaN(v) ? undefined : String(v);
	}
	const code = column.codes[row]!;
	return code < 0 ? undefined : column.levels[code];
}
