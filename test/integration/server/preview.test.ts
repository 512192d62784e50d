/**
 * collectiveFairness/preview over stdio: a Parquet file written here with hyparquet-writer and
 * the same table as a .csv.gz and as an Arrow IPC file (apache-arrow), read by the server from disk
 * (no editor text), give the same schema, profiles and first rows; a bad row count and a file that
 * is not there are refused.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Float64, Table as ArrowTable, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { ColumnSource } from 'hyparquet-writer' with { 'resolution-mode': 'import' };
import type { PreviewResult } from '../../../src/shared/previewProtocol';
import { useFolderServer } from './lspClient';

const ROWS = 50;
const sex = Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? 'F' : 'M'));
const age = Array.from({ length: ROWS }, (_, i) => (i === 7 ? null : 20 + i));

/** The same table in the three binary or compressed forms; returns the Parquet file. */
async function writeTables(dir: string): Promise<string> {
	const { parquetWriteBuffer } = await import('hyparquet-writer');
	const columnData: ColumnSource[] = [
		{ name: 'sex', data: sex, type: 'STRING', nullable: true },
		{ name: 'age', data: age, type: 'DOUBLE', nullable: true },
	];
	writeFileSync(join(dir, 'people.parquet'), new Uint8Array(parquetWriteBuffer({ columnData })));
	const csv = ['sex,age', ...sex.map((s, i) => `${s},${age[i] ?? ''}`)].join('\n') + '\n';
	writeFileSync(join(dir, 'people.csv.gz'), gzipSync(Buffer.from(csv)));
	const arrow = new ArrowTable({ sex: vectorFromArray(sex, new Utf8()), age: vectorFromArray(age, new Float64()) });
	writeFileSync(join(dir, 'people.arrow'), tableToIPC(arrow, 'file'));
	return join(dir, 'people.parquet');
}

void describe('language server: preview of a binary dataset', () => {
	const server = useFolderServer('cf-preview-', writeTables);
	const preview = (file: string, rows?: number): Promise<PreviewResult> =>
		server.client.connection.sendRequest<PreviewResult>('collectiveFairness/preview', {
			uri: pathToFileURL(join(server.dir, file)).href,
			...(rows !== undefined ? { rows } : {}),
		});

	void it('answers with the schema, the column profiles and the first rows of a Parquet file', async () => {
		const r = await preview('people.parquet', 10);
		assert.equal(r.format, 'parquet');
		assert.equal(r.rowCount, ROWS);
		assert.deepEqual(
			r.columns.map((c) => [c.name, c.storage, c.missing, c.distinct]),
			[
				['sex', 'categorical', 0, 2],
				['age', 'numeric', 1, 49],
			],
		);
		assert.equal(r.head.length, 10);
		assert.deepEqual(r.head[0], ['F', '20']);
		assert.deepEqual(r.head[7], ['M', null], 'the missing age of row 8');
		assert.equal(r.roles, null);
	});

	for (const [file, format] of [
		['people.csv.gz', 'csv.gz'],
		['people.arrow', 'arrow'],
	] as const) {
		void it(`gives the same preview for the same table as ${format}`, async () => {
			const parquet = await preview('people.parquet');
			const other = await preview(file);
			assert.equal(other.format, format);
			assert.equal(other.rowCount, ROWS);
			assert.equal(other.head.length, 20, 'twenty rows by default');
			assert.deepEqual(other.head, parquet.head);
			assert.deepEqual(
				other.columns.map((c) => [c.name, c.storage, c.type, c.missing, c.distinct]),
				parquet.columns.map((c) => [c.name, c.storage, c.type, c.missing, c.distinct]),
			);
		});
	}

	void it('refuses a bad row count and names a file that cannot be read', async () => {
		await assert.rejects(preview('people.parquet', 1000), (e: { message: string }) =>
			/rows must be an integer in \[0, 200\], got 1000/.test(e.message),
		);
		await assert.rejects(preview('absent.parquet'), (e: { message: string }) => e.message.includes('absent.parquet'));
	});
});
