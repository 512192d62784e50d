import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CsvError, cellText, parseCsv } from '../../../src/core/csv/index';
import { readCsvFile } from '../../../src/io/readCsvFile';

const dir = mkdtempSync(join(tmpdir(), 'read-csv-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** ~3 MB: several 1 MiB chunks. */
function writeBigFile(name: string): string {
	const rows = Array.from({ length: 120000 }, (_, i) => `${i},"name ${i % 97}",${(i * 0.25).toFixed(2)},${i % 3 === 0 ? 'NA' : 'ok'}`);
	const path = join(dir, name);
	writeFileSync(path, `id,name,score,flag\n${rows.join('\n')}\n`);
	return path;
}

describe('readCsvFile', () => {
	it('streams a multi-chunk file into the same table as parseCsv, reporting progress', async () => {
		const path = writeBigFile('big.csv');
		const size = statSync(path).size;
		const progress: Array<[number, number]> = [];
		const result = await readCsvFile(path, { onProgress: (read, total) => progress.push([read, total]) });
		assert.equal(result.table.rowCount, 120000);
		assert.ok(progress.length >= 3);
		assert.deepEqual(progress[progress.length - 1], [size, size]);
		assert.ok(progress.every(([read], i) => i === 0 || read > progress[i - 1]![0]));
		const inMemory = parseCsv(readFileSync(path));
		for (let j = 0; j < 4; j++) {
			for (const row of [0, 1, 65535, 119999]) {
				assert.equal(cellText(result.table.columns[j]!, row), cellText(inMemory.table.columns[j]!, row));
			}
		}
		assert.equal(cellText(result.table.columns[2]!, 119999), '29999.75');
	});

	it('never modifies the file', async () => {
		const path = writeBigFile('untouched.csv');
		const before = statSync(path);
		const bytes = readFileSync(path);
		await readCsvFile(path);
		const afterStat = statSync(path);
		assert.equal(afterStat.mtimeMs, before.mtimeMs);
		assert.equal(afterStat.size, before.size);
		assert.ok(readFileSync(path).equals(bytes));
	});

	it('rejects promptly when aborted', async () => {
		const path = writeBigFile('abort.csv');
		const controller = new AbortController();
		const started = Date.now();
		const promise = readCsvFile(path, {
			signal: controller.signal,
			onProgress: () => controller.abort(),
		});
		await assert.rejects(promise, (error: unknown) => error instanceof Error && error.name === 'AbortError');
		assert.ok(Date.now() - started < 2000);
		const already = new AbortController();
		already.abort();
		await assert.rejects(readCsvFile(path, { signal: already.signal }), { name: 'AbortError' });
	});

	it('names the file in I/O errors and in bad-row errors', async () => {
		const missing = join(dir, 'nope.csv');
		await assert.rejects(readCsvFile(missing), (error: unknown) => {
			assert.ok(error instanceof CsvError);
			assert.ok(error.message.startsWith(missing), error.message);
			return true;
		});
		await assert.rejects(readCsvFile(dir), CsvError);
		const ragged = join(dir, 'ragged.csv');
		writeFileSync(ragged, 'a,b\n1,2\n3,4,5\n');
		await assert.rejects(readCsvFile(ragged, { onBadRow: 'fail' }), (error: unknown) => {
			assert.ok(error instanceof CsvError);
			assert.equal(error.message.split(': ')[0], `${ragged}:3:5`);
			return true;
		});
	});
});
