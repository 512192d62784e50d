/**
 * Reads an Arrow IPC file (the random-access "file" format, `.arrow`/`.feather` v2, or the
 * streaming format, `.arrows`) into the engine's typed-column table. Read-only. The file's bytes
 * are read whole (Arrow's reader wants them in memory), then decoded record batch by record batch
 * straight into the typed columns, so peak memory is about the file plus the table. Integers and floats stay numeric; strings (plain or dictionary-encoded),
 * booleans, dates and timestamps become categorical; anything else is refused by column name.
 */
import { readFile } from 'node:fs/promises';
import { DataType, RecordBatchReader, type Field } from 'apache-arrow';
import { DEFAULT_MISSING_TOKENS, type ParseResult } from '../core/csv/options';
import { binaryParseResult } from './binaryParse';
import { DatasetFileError, UnsupportedColumnError, ValueColumnBuilder, type ValueKind } from './typedColumns';

export interface ReadArrowOptions {
	readonly fileName?: string;
	readonly missingTokens?: readonly string[];
	readonly signal?: AbortSignal;
	/** Called after each record batch with the bytes of the file and the rows read so far. */
	readonly onProgress?: (rowsRead: number, totalRows: number) => void;
}

export async function readArrowFile(path: string, options: ReadArrowOptions = {}): Promise<ParseResult> {
	const fileName = options.fileName ?? path;
	const { signal } = options;
	signal?.throwIfAborted();
	let bytes: Uint8Array;
	try {
		bytes = await readFile(path, { flag: 'r' });
	} catch (error) {
		throw new DatasetFileError(fileName, `cannot read file: ${detailOf(error)}`);
	}
	const missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
	let builders: ValueColumnBuilder[] | undefined;
	let rows = 0;
	try {
		const reader = RecordBatchReader.from(bytes);
		reader.open();
		builders = reader.schema.fields.map((field) => new ValueColumnBuilder(field.name, kindOf(field, fileName), fileName, missing, 1024));
		for (const batch of reader) {
			signal?.throwIfAborted();
			builders.forEach((builder, i) => {
				const vector = batch.getChildAt(i);
				for (let row = 0; row < batch.numRows; row++) {
					builder.push(vector?.get(row));
				}
			});
			rows += batch.numRows;
			options.onProgress?.(rows, rows);
		}
	} catch (error) {
		if (error instanceof UnsupportedColumnError || signal?.aborted === true) {
			throw error;
		}
		throw new DatasetFileError(fileName, `not a readable Arrow IPC file (${detailOf(error)})`);
	}
	return binaryParseResult(
		'arrow',
		builders.map((b) => b.build()),
		rows,
	);
}

function kindOf(field: Field, fileName: string): ValueKind {
	const type = field.type as DataType;
	if (DataType.isInt(type) || DataType.isFloat(type)) {
		return 'numeric';
	}
	if (
		DataType.isUtf8(type) ||
		DataType.isLargeUtf8(type) ||
		(DataType.isDictionary(type) && (DataType.isUtf8(type.dictionary) || DataType.isLargeUtf8(type.dictionary)))
	) {
		return 'text';
	}
	if (DataType.isBool(type)) {
		return 'boolean';
	}
	if (DataType.isDate(type)) {
		return 'date';
	}
	if (DataType.isTimestamp(type)) {
		return 'timestamp';
	}
	throw new UnsupportedColumnError(fileName, field.name, `is of Arrow type ${String(type)}`);
}

function detailOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
