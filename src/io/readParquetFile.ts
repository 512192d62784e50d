/**
 * Reads a Parquet file into the engine's typed-column table, one row group at a time: memory is
 * the typed columns plus one decoded row group. Pure-JavaScript decoding (hyparquet) with its
 * compressors for Snappy, gzip, Zstandard, Brotli and LZ4. Read-only.
 *
 * Everything is checked before the first row is decoded: the footer, every top-level column's
 * type (nested lists, maps and records, JSON, raw bytes and intervals are refused by name) and
 * every column chunk's codec, so a bad file fails fast and names the file and the column.
 */
import type { FileMetaData, SchemaElement, CompressionCodec, ColumnData } from 'hyparquet' with { 'resolution-mode': 'import' };
import { DEFAULT_MISSING_TOKENS, type ParseResult } from '../core/csv/options';
import { binaryParseResult } from './binaryParse';
import { DatasetFileError, UnsupportedColumnError, ValueColumnBuilder, type ValueKind } from './typedColumns';

export interface ReadParquetOptions {
	readonly fileName?: string;
	readonly missingTokens?: readonly string[];
	readonly signal?: AbortSignal;
	/** Called after each row group with the rows read so far and the file's row count. */
	readonly onProgress?: (rowsRead: number, totalRows: number) => void;
}

/** The codecs hyparquet (Snappy, uncompressed) and hyparquet-compressors decode. */
const SUPPORTED_CODECS: ReadonlySet<CompressionCodec> = new Set(['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'ZSTD', 'BROTLI', 'LZ4', 'LZ4_RAW']);

export async function readParquetFile(path: string, options: ReadParquetOptions = {}): Promise<ParseResult> {
	const fileName = options.fileName ?? path;
	const { signal } = options;
	signal?.throwIfAborted();
	// hyparquet is an ES module: a dynamic import keeps this CommonJS build (and the bundle) loading it.
	const hyparquet = await import('hyparquet');
	const { compressors } = await import('hyparquet-compressors');
	let file;
	let metadata: FileMetaData;
	try {
		file = await hyparquet.asyncBufferFromFile(path);
	} catch (error) {
		throw new DatasetFileError(fileName, `cannot read file: ${detailOf(error)}`);
	}
	try {
		metadata = await hyparquet.parquetMetadataAsync(file);
	} catch (error) {
		throw new DatasetFileError(fileName, `not a readable Parquet file (${detailOf(error)})`);
	}
	const tree = hyparquet.parquetSchema(metadata);
	const missing = new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
	const totalRows = Number(metadata.num_rows);
	const builders = tree.children.map(
		(child) =>
			new ValueColumnBuilder(child.element.name, kindOf(child.element, child.children.length > 0, fileName), fileName, missing, totalRows),
	);
	checkCodecs(metadata, fileName);
	const names = builders.map((b) => b.name);
	let groupStart = 0;
	for (const group of metadata.row_groups) {
		signal?.throwIfAborted();
		const groupRows = Number(group.num_rows);
		const chunks = new Map<string, ColumnData[]>(names.map((n) => [n, []]));
		try {
			await hyparquet.parquetRead({
				file,
				metadata,
				compressors,
				columns: names,
				rowStart: groupStart,
				rowEnd: groupStart + groupRows,
				onChunk: (chunk) => chunks.get(chunk.columnName)?.push(chunk),
			});
		} catch (error) {
			throw new DatasetFileError(fileName, `corrupt Parquet data in the row group starting at row ${groupStart + 1} (${detailOf(error)})`);
		}
		for (const builder of builders) {
			appendGroup(builder, chunks.get(builder.name)!, groupStart, groupRows, fileName);
		}
		groupStart += groupRows;
		options.onProgress?.(groupStart, totalRows);
	}
	signal?.throwIfAborted();
	return binaryParseResult(
		'parquet',
		builders.map((b) => b.build()),
		groupStart,
	);
}

/** Appends a row group's chunks of one column in row order (chunks may arrive in any order). */
function appendGroup(builder: ValueColumnBuilder, chunks: ColumnData[], groupStart: number, groupRows: number, fileName: string): void {
	chunks.sort((a, b) => a.rowStart - b.rowStart);
	const groupEnd = groupStart + groupRows;
	let row = groupStart;
	for (const chunk of chunks) {
		const data = chunk.columnData as ArrayLike<unknown>;
		for (let i = Math.max(0, row - chunk.rowStart); i < data.length && chunk.rowStart + i < groupEnd; i++) {
			builder.push(data[i]);
		}
		row = Math.max(row, Math.min(groupEnd, chunk.rowEnd));
	}
	if (row !== groupEnd) {
		throw new DatasetFileError(
			fileName,
			`corrupt Parquet data: column '${builder.name}' has ${row - groupStart} of the ${groupRows} rows of the row group starting at row ${groupStart + 1}`,
		);
	}
}

function checkCodecs(metadata: FileMetaData, fileName: string): void {
	for (const group of metadata.row_groups) {
		for (const chunk of group.columns) {
			const codec = chunk.meta_data?.codec;
			if (codec !== undefined && !SUPPORTED_CODECS.has(codec)) {
				const column = chunk.meta_data?.path_in_schema.join('.') ?? '?';
				throw new DatasetFileError(
					fileName,
					`column '${column}' is compressed with ${codec}, which this reader does not decode (supported: ${[...SUPPORTED_CODECS].join(', ')})`,
				);
			}
		}
	}
}

/** How a top-level Parquet column is stored, or an error naming it when the engine cannot use it. */
function kindOf(element: SchemaElement, nested: boolean, fileName: string): ValueKind {
	const refuse = (what: string): never => {
		throw new UnsupportedColumnError(fileName, element.name, `is ${what}`);
	};
	if (nested || element.converted_type === 'LIST' || element.converted_type === 'MAP' || element.converted_type === 'MAP_KEY_VALUE') {
		return refuse('a nested column (list, map or record)');
	}
	const logical = element.logical_type?.type;
	if (logical === 'STRING' || logical === 'ENUM' || logical === 'UUID') {
		return 'text';
	}
	if (logical === 'DATE') {
		return 'date';
	}
	if (logical === 'TIMESTAMP') {
		return 'timestamp';
	}
	if (logical === 'DECIMAL' || logical === 'INTEGER' || logical === 'FLOAT16') {
		return 'numeric';
	}
	if (logical !== undefined) {
		return refuse(`of Parquet logical type ${logical}`);
	}
	switch (element.converted_type) {
		case 'UTF8':
		case 'ENUM':
			return 'text';
		case 'DATE':
			return 'date';
		case 'TIMESTAMP_MILLIS':
		case 'TIMESTAMP_MICROS':
			return 'timestamp';
		case 'DECIMAL':
		case 'INT_8':
		case 'INT_16':
		case 'INT_32':
		case 'INT_64':
		case 'UINT_8':
		case 'UINT_16':
		case 'UINT_32':
		case 'UINT_64':
			return 'numeric';
		case undefined:
			break;
		default:
			return refuse(`of Parquet converted type ${element.converted_type}`);
	}
	switch (element.type) {
		case 'BOOLEAN':
			return 'boolean';
		case 'INT32':
		case 'INT64':
		case 'FLOAT':
		case 'DOUBLE':
			return 'numeric';
		case 'INT96':
			return 'timestamp';
		// Writers that predate the string annotation store text as plain byte arrays; hyparquet decodes them as UTF-8.
		case 'BYTE_ARRAY':
			return 'text';
		default:
			return refuse(`of Parquet type ${element.type ?? 'unknown'} without a string or decimal annotation (raw bytes)`);
	}
}

function detailOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
