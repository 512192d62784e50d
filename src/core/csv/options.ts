/**
 * Options, result and error types of the CSV ingestion engine.
 */
import type { CsvIssue, Dialect, Table } from './table';

export type Delimiter = Dialect['delimiter'];
export type Encoding = Dialect['encoding'];

export interface CsvOptions {
	/** Force a delimiter instead of sniffing one among `,` `;` TAB `|`. */
	readonly delimiter?: Delimiter;
	/** Force header presence instead of detecting it (the default guess is "header present"). */
	readonly hasHeader?: boolean;
	/** Force an encoding; by default a BOM decides, else UTF-8 with a Windows-1252 fallback. */
	readonly encoding?: Encoding;
	/** Cell texts (after trimming) that mean "missing". Default {@link DEFAULT_MISSING_TOKENS}. */
	readonly missingTokens?: readonly string[];
	/** Trim spaces around unquoted fields (default true). Quoted content is never trimmed. */
	readonly trimFields?: boolean;
	/** What to do with a malformed row: skip it and report (default) or throw a {@link CsvError}. */
	readonly onBadRow?: 'skip' | 'fail';
	/** Named in issue messages and errors. */
	readonly fileName?: string;
	/** Expected input size in bytes (e.g. from fs.stat); lets the columns be allocated once. */
	readonly expectedBytes?: number;
	/** Issues kept per issue code (default 100); the rest are counted in an `issues-truncated` issue. */
	readonly maxIssuesPerCode?: number;
}

/**
 * Limits that bound memory on pathological files. Each column costs a builder and its typed
 * arrays, so a 45 MB file that is one header line of 5.8 million columns once exhausted a 4 GB
 * heap. Past either limit the read stops with a {@link CsvError} naming the file (code
 * `too-many-columns` or `header-too-large`); ordinary wide files (100,000 columns) stay well inside.
 */
export const MAX_COLUMNS = 200_000;
/** Bytes of the first record (the header) that are read before giving up on finding its end. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** The tokens pandas and R users most often write for "no value"; the empty cell is always missing. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', '?', 'NaN', 'null', 'None'];

export interface ParseResult {
	readonly table: Table;
	/** Column names as used in `table` (deduplicated, empty names filled in). */
	readonly header: string[];
	readonly dialect: Dialect;
	readonly issues: CsvIssue[];
	/** Rows dropped because they were malformed (ragged, unterminated quote). */
	readonly skippedRows: number;
	/** 1-based physical line where each kept row starts, so findings can point into the file. */
	readonly rowLines: Int32Array;
}

/**
 * The only exception the engine throws: a malformed row under `onBadRow: 'fail'`.
 * The message reads `file:line:column: what`.
 */
export class CsvError extends Error {
	readonly fileName: string;
	readonly line: number;
	readonly column: number;
	readonly code: string;

	constructor(fileName: string | undefined, line: number, column: number, code: string, detail: string) {
		const where = fileName ?? '<input>';
		super(line > 0 ? `${where}:${line}:${column}: ${detail}` : `${where}: ${detail}`);
		this.name = 'CsvError';
		this.fileName = where;
		this.line = line;
		this.column = column;
		this.code = code;
	}
}
