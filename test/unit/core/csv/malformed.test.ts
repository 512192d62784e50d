/**
 * Runs every file of the malformed corpus (test/fixtures/malformed, outcomes in expected.json)
 * through readCsvFile and through parseCsv fed in awkward chunk sizes, asserting: no crash, no hang,
 * the expected table and issues, and the input file untouched.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { CsvError, CsvIngest, cellText, type CsvOptions, type ParseResult } from '../../../../src/core/csv/index';
import { readCsvFile } from '../../../../src/io/readCsvFile';

const corpus = resolve(__dirname, '../../../../../test/fixtures/malformed');

interface Expected {
	options?: CsvOptions;
	rows?: number;
	columns?: string[];
	kinds?: string[];
	delimiter?: string;
	encoding?: string;
	bom?: boolean;
	hasHeader?: boolean;
	skippedRows?: number;
	rowLines?: number[];
	issues?: Array<{ code: string; line: number; column: number }>;
	cells?: Record<string, Array<string | null>>;
	error?: { code: string; line: number; column: number };
}

const manifest = JSON.parse(readFileSync(join(corpus, 'expected.json'), 'utf8')) as Record<string, Expected>;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function parseInChunks(bytes: Uint8Array, size: number, options: CsvOptions): ParseResult {
	const ingest = new CsvIngest(options);
	for (let at = 0; at < bytes.length; at += size) {
		ingest.push(bytes.subarray(at, at + size));
	}
	return ingest.finish();
}

function summary(result: ParseResult): unknown {
	return {
		rows: result.table.rowCount,
		columns: result.header,
		kinds: result.table.columns.map((c) => c.kind),
		cells: result.table.columns.map((c) => Array.from({ length: result.table.rowCount }, (_, i) => cellText(c, i) ?? null)),
		issues: result.issues.map((i) => [i.code, i.line, i.column]),
		skippedRows: result.skippedRows,
		rowLines: Array.from(result.rowLines),
	};
}

function assertNoStrayNaN(result: ParseResult): void {
	for (const column of result.table.columns) {
		if (column.kind === 'numeric') {
			const nan = column.values.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0);
			assert.equal(nan, column.missing, `${column.name}: NaN only for missing cells`);
		} else {
			assert.ok(column.codes.every((code) => code >= -1 && code < column.levels.length));
		}
	}
}

describe('malformed corpus', () => {
	it('has at least 25 files, each with an expected outcome', () => {
		const files = readdirSync(corpus).filter((f) => f !== 'expected.json');
		assert.ok(files.length >= 25, `${files.length} files`);
		assert.deepEqual(files.sort(), Object.keys(manifest).sort());
	});

	for (const [file, expected] of Object.entries(manifest)) {
		it(file, async () => {
			const path = join(corpus, file);
			const before = statSync(path);
			const bytes = readFileSync(path);
			const hash = createHash('sha256').update(bytes).digest('hex');
			const options: CsvOptions = { ...(expected.options ?? {}), fileName: file };
			if (expected.error !== undefined) {
				await assert.rejects(withTimeout(readCsvFile(path, options), 5000, file), (error: unknown) => {
					assert.ok(error instanceof CsvError);
					assert.equal(error.code, expected.error!.code);
					assert.equal(error.line, expected.error!.line);
					assert.equal(error.column, expected.error!.column);
					assert.ok(error.message.startsWith(`${file}:${expected.error!.line}:${expected.error!.column}:`), error.message);
					return true;
				});
			} else {
				const result = await withTimeout(readCsvFile(path, options), 5000, file);
				assert.equal(result.table.rowCount, expected.rows);
				assert.deepEqual(result.header, expected.columns);
				assert.deepEqual(
					result.table.columns.map((c) => c.kind),
					expected.kinds,
				);
				assert.equal(result.dialect.delimiter, expected.delimiter);
				assert.equal(result.dialect.encoding, expected.encoding);
				assert.equal(result.dialect.bom, expected.bom);
				assert.equal(result.dialect.hasHeader, expected.hasHeader);
				assert.equal(result.skippedRows, expected.skippedRows);
				assert.deepEqual(Array.from(result.rowLines), expected.rowLines);
				assert.deepEqual(
					result.issues.map((i) => ({ code: i.code, line: i.line, column: i.column })),
					expected.issues,
				);
				if (expected.cells !== undefined) {
					for (const [name, cells] of Object.entries(expected.cells)) {
						const column = result.table.columns.find((c) => c.name === name)!;
						assert.deepEqual(
							Array.from({ length: result.table.rowCount }, (_, i) => cellText(column, i) ?? null),
							cells,
							name,
						);
					}
				}
				assertNoStrayNaN(result);
				// Chunking must not change anything: 1-byte and 7-byte pushes give the same result.
				for (const size of [1, 7]) {
					assert.deepEqual(summary(parseInChunks(bytes, size, options)), summary(result), `chunk size ${size}`);
				}
			}
			const after = statSync(path);
			assert.equal(after.mtimeMs, before.mtimeMs);
			assert.equal(createHash('sha256').update(readFileSync(path)).digest('hex'), hash);
		});
	}
});

describe('generated large inputs', () => {
	const dir = mkdtempSync(join(tmpdir(), 'csv-large-'));
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

	it('reads 5,000 columns', async () => {
		const names = Array.from({ length: 5000 }, (_, j) => `c${j}`);
		const rows = Array.from({ length: 20 }, (_, i) => names.map((_, j) => (j % 2 === 0 ? String(i * j) : `v${(i + j) % 3}`)).join(','));
		const path = join(dir, 'wide.csv');
		writeFileSync(path, `${names.join(',')}\n${rows.join('\n')}\n`);
		const result = await withTimeout(readCsvFile(path), 10000, 'wide.csv');
		assert.equal(result.table.columns.length, 5000);
		assert.equal(result.table.rowCount, 20);
		assert.equal(result.table.columns[4998]!.kind, 'numeric');
		assert.equal(result.table.columns[4999]!.kind, 'categorical');
		assert.equal(cellText(result.table.columns[4998]!, 19), String(19 * 4998));
		assert.deepEqual(result.issues, []);
	});

	it('reads a 1 MB quoted field with doubled quotes and line breaks', async () => {
		const unit = 'ab,c""d\r\n';
		const big = unit.repeat(Math.ceil((1 << 20) / unit.length));
		const path = join(dir, 'big-field.csv');
		writeFileSync(path, `id,text,n\n1,"${big}",5\n2,small,6\n`);
		const result = await withTimeout(readCsvFile(path), 10000, 'big-field.csv');
		assert.equal(result.table.rowCount, 2);
		assert.equal(cellText(result.table.columns[1]!, 0), big.replaceAll('""', '"'));
		assert.equal(cellText(result.table.columns[2]!, 1), '6');
		const lineBreaks = big.split('\r\n').length - 1;
		assert.deepEqual(Array.from(result.rowLines), [2, 3 + lineBreaks]);
	});

	it('recovers from an unterminated quote near the start of a long file without hanging', async () => {
		const lines = Array.from({ length: 50000 }, (_, i) => `${i},x${i}`);
		const path = join(dir, 'open-quote.csv');
		writeFileSync(path, `a,b\n0,"open\n${lines.join('\n')}\n`);
		const started = Date.now();
		const result = await withTimeout(readCsvFile(path), 10000, 'open-quote.csv');
		assert.ok(Date.now() - started < 10000);
		assert.equal(result.skippedRows, 1);
		assert.equal(result.table.rowCount, 50000);
		assert.deepEqual(
			result.issues.map((i) => [i.code, i.line, i.column]),
			[['unterminated-quote', 2, 3]],
		);
	});
});
