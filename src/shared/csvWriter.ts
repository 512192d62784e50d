/**
 * Writes a {@link Table} as CSV text following RFC 4180 (Shafranovich 2005, §2): a field is
 * enclosed in double quotes when it contains the delimiter, a double quote, CR or LF, and a quote
 * inside a quoted field is doubled. Nothing else is altered — in particular text that a
 * spreadsheet would treat as a formula (`=…`, `+…`, `@…`) is written verbatim, because this CSV is
 * data for the engine, not for a spreadsheet, and must read back exactly.
 *
 * Numbers use the shortest form that reads back to the same double (ECMAScript Number::toString),
 * missing cells are empty, and an empty-string level is written as `""` so it stays distinct
 * from a missing cell.
 */
import type { Table } from '../core/csv/table';

export interface CsvWriteOptions {
	/** One character other than `"`, CR or LF. Default `,`. */
	readonly delimiter?: string;
	/** `\r\n` (the RFC 4180 default), `\n` or `\r`. Written after every record, including the last. */
	readonly lineEnding?: string;
}

/** The whole table (header + one record per row) as CSV text. */
export function tableToCsv(table: Table, options: CsvWriteOptions = {}): string {
	const delimiter = options.delimiter ?? ',';
	const lineEnding = options.lineEnding ?? '\r\n';
	if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
		throw new RangeError(`CSV delimiter must be one character other than '"', CR or LF, got ${JSON.stringify(delimiter)}`);
	}
	if (lineEnding !== '\r\n' && lineEnding !== '\n' && lineEnding !== '\r') {
		throw new RangeError(`CSV line ending must be "\\r\\n", "\\n" or "\\r", got ${JSON.stringify(lineEnding)}`);
	}
	const columns = table.columns;
	for (const column of columns) {
		const length = column.kind === 'numeric' ? column.values.length : column.codes.length;
		if (length < table.rowCount) {
			throw new RangeError(`column '${column.name}' has ${length} cells but the table has ${table.rowCount} rows`);
		}
	}
	// Quote each categorical level once, not once per cell.
	const renderedLevels = columns.map((column) =>
		column.kind === 'categorical' ? column.levels.map((level) => csvField(level, delimiter)) : [],
	);
	const lines: string[] = [columns.map((column) => csvField(column.name, delimiter)).join(delimiter)];
	const cells: string[] = new Array<string>(columns.length);
	for (let row = 0; row < table.rowCount; row++) {
		for (let c = 0; c < columns.length; c++) {
			const column = columns[c]!;
			if (column.kind === 'numeric') {
				const v = column.values[row]!;
				cells[c] = Number.isNaN(v) ? '' : String(v);
			} else {
				const code = column.codes[row]!;
				cells[c] = code < 0 ? '' : renderedLevels[c]![code]!;
			}
		}
		lines.push(cells.join(delimiter));
	}
	return lines.join(lineEnding) + lineEnding;
}

/** One field, quoted when RFC 4180 requires it (or when empty, to tell "" from missing). */
export function csvField(text: string, delimiter = ','): string {
	if (text === '') {
		return '""';
	}
	if (text.includes(delimiter) || text.includes('"') || text.includes('\n') || text.includes('\r')) {
		return `"${text.replaceAll('"', '""')}"`;
	}
	return text;
}
