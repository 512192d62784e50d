/**
 * collectiveFairness/preview over stdio: a Parquet file written here with hyparquet-writer and
 * the same table as a .csv.gz, read by the server from disk (no editor text), give the same
 * schema, profiles and first rows; a bad row count and a file that is not there are refused.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { ColumnSource } from 'hyparquet-writer' with { 'resolution-mode': 'import' };
import type { PreviewResult } from '../../../src/shared/previewProtocol';
import { TestClient } from './lspClient';

const ROWS = 50;
const sex = Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? 'F' : 'M'));
const age = Array.from({ length: ROWS }, (_, i) => (i === 7 ? null : 20 + i));

void describe('language server: preview of a binary dataset', () => {
	let client: TestClient;
	let dir: string;
	let parquetUri: string;
	let gzUri: string;

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cf-preview-'));
		const { parquetWriteBuffer } = await import('hyparquet-writer');
		const columnData: ColumnSource[] = [
			{ name: 'sex', data: sex, type: 'STRING', nullable: true },
			{ name: 'age', data: age, type: 'DOUBLE', nullable: true },
		];
		writeFileSync(join(dir, 'people.parquet'), new Uint8Array(parquetWriteBuffer({ columnData })));
		const csv = ['sex,age', ...sex.map((s, i) => `${s},${age[i] ?? ''}`)].join('\n') + '\n';
		writeFileSync(join(dir, 'people.csv.gz'), gzipSync(Buffer.from(csv)));
		parquetUri = pathToFileURL(join(dir, 'people.parquet')).href;
		gzUri = pathToFileURL(join(dir, 'people.csv.gz')).href;
		client = new TestClient();
		await client.initialize();
	});

	after(async () => {
		await client.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	void it('answers with the schema, the column profiles and the first rows of a Parquet file', async () => {
		const r = await client.connection.sendRequest<PreviewResult>('collectiveFairness/preview', { uri: parquetUri, rows: 10 });
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

	void it('gives the same preview for the same table as .csv.gz', async () => {
		const parquet = await client.connection.sendRequest<PreviewResult>('collectiveFairness/preview', { uri: parquetUri });
		const gz = await client.connection.sendRequest<PreviewResult>('collectiveFairness/preview', { uri: gzUri });
		assert.equal(gz.format, 'csv.gz');
		assert.equal(gz.head.length, 20, 'twenty rows by default');
		assert.deepEqual(gz.head, parquet.head);
		assert.deepEqual(
			gz.columns.map((c) => [c.name, c.type, c.missing, c.distinct]),
			parquet.columns.map((c) => [c.name, c.type, c.missing, c.distinct]),
		);
	});

	void it('refuses a bad row count and names a file that cannot be read', async () => {
		await assert.rejects(
			client.connection.sendRequest('collectiveFairness/preview', { uri: parquetUri, rows: 1000 }),
			(e: { message: string }) => /rows must be an integer in \[0, 200\], got 1000/.test(e.message),
		);
		const missing = pathToFileURL(join(dir, 'absent.parquet')).href;
		await assert.rejects(client.connection.sendRequest('collectiveFairness/preview', { uri: missing }), (e: { message: string }) =>
			e.message.includes('absent.parquet'),
		);
	});
});
