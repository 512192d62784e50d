/**
 * Writes a parsed table back out as Parquet (hyparquet-writer), Arrow IPC (apache-arrow) and
 * gzip-compressed CSV, so the tests can check that every reader gives the CSV reader's table.
 * Missing cells are written as nulls; numeric columns as DOUBLE, categorical ones as strings.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Float64, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import type { ColumnSource } from 'hyparquet-writer' with { 'resolution-mode': 'import' };
import type { Column, Table } from '../../../src/core/csv/table';

/** The cells of a column as JS values, null where missing. */
export function cellsOf(column: Column): Array<number | string | null> {
	if (column.kind === 'numeric') {
		return Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
	}
	return Array.from(column.codes, (c) => (c < 0 ? null : column.levels[c]!));
}

export async function writeParquet(
	file: string,
	table: Table,
	options: { rowGroupSize?: number; extra?: ColumnSource[]; codec?: string } = {},
): Promise<void> {
	const { parquetWriteBuffer } = await import('hyparquet-writer');
	const columnData: ColumnSource[] = table.columns.map((c) => ({
		name: c.name,
		data: cellsOf(c),
		type: c.kind === 'numeric' ? 'DOUBLE' : 'STRING',
		nullable: true,
	}));
	const buffer = parquetWriteBuffer({
		columnData: [...columnData, ...(options.extra ?? [])],
		...(options.rowGroupSize !== undefined ? { rowGroupSize: options.rowGroupSize } : {}),
		...(options.codec !== undefined
			? { codec: options.codec as 'SNAPPY', compressors: { [options.codec]: (bytes: Uint8Array) => bytes } }
			: {}),
	});
	writeFileSync(file, new Uint8Array(buffer));
}

export function writeArrow(file: string, table: Table): void {
	const vectors: Record<string, Vector> = {};
	for (const c of table.columns) {
		vectors[c.name] =
			c.kind === 'numeric'
				? vectorFromArray(cellsOf(c) as Array<number | null>, new Float64())
				: vectorFromArray(cellsOf(c) as Array<string | null>, new Utf8());
	}
	writeFileSync(file, tableToIPC(new ArrowTable(vectors), 'file'));
}

export function writeGzip(file: string, source: string): void {
	writeFileSync(file, gzipSync(readFileSync(source)));
}
