/**
 * The parse result of a binary input (Parquet, Arrow), shaped like the CSV reader's so every
 * command takes it unchanged. A binary file has no dialect and no lines: the dialect is the
 * neutral one (header present, comma, UTF-8) and `format` says what the file really was, and
 * `rowLines` holds 1-based row numbers, so a finding that points at "line N" names row N.
 */
import type { ParseResult } from '../core/csv/options';
import type { Column, Dialect } from '../core/csv/table';

export type BinaryFormat = 'parquet' | 'arrow';

export interface BinaryParseResult extends ParseResult {
	readonly format: BinaryFormat;
}

const NEUTRAL_DIALECT: Dialect = { delimiter: ',', quote: '"', hasHeader: true, encoding: 'utf-8', bom: false, lineEnding: '\n' };

export function binaryParseResult(format: BinaryFormat, columns: Column[], rowCount: number): BinaryParseResult {
	const rowLines = new Int32Array(rowCount);
	for (let row = 0; row < rowCount; row++) {
		rowLines[row] = row + 1;
	}
	return {
		format,
		table: { columns, rowCount },
		header: columns.map((c) => c.name),
		dialect: NEUTRAL_DIALECT,
		issues: [],
		skippedRows: 0,
		rowLines,
	};
}

/** 'parquet' or 'arrow' for a binary input's parse result, undefined for a CSV/TSV one. */
export function binaryFormatOf(parse: ParseResult): BinaryFormat | undefined {
	const format = (parse as Partial<BinaryParseResult>).format;
	return format === 'parquet' || format === 'arrow' ? format : undefined;
}
