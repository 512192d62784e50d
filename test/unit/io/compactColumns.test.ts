/**
 * The readers store a categorical column in the narrowest signed array its levels need (Int8Array
 * to 128 levels, codes 0 … 127; Int16Array to 32,768; Int32Array beyond), widening mid-column without losing a
 * cell, and hand over pre-sized columns as they are, with no final copy of the table.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cellText, parseCsv, type Column, type Table } from '../../../src/core/csv/index';
import { readCsvFile } from '../../../src/io/readCsvFile';
import { readParquetFile } from '../../../src/io/readParquetFile';
import { ValueColumnBuilder } from '../../../src/io/typedColumns';
import { cellsOf, writeParquet } from './writeFormats';

/** Row i's cell: `v${i mod levels}`, missing on a few rows after every level has appeared once. */
const cellOf = (i: number, levels: number): string | undefined => (i >= levels && i % 97 === 5 ? undefined : `v${i % levels}`);

/** A CSV with one text column of `levels` distinct values over `rows` rows. */
function csvWithLevels(levels: number, rows: number): string {
	const lines = ['id,level'];
	for (let i = 0; i < rows; i++) {
		lines.push(`${i},${cellOf(i, levels) ?? ''}`);
	}
	return `${lines.join('\n')}\n`;
}

const column = (table: Table, name: string): Column => table.columns.find((c) => c.name === name)!;

describe('io: compact category codes', () => {
	for (const [levels, width] of [
		[2, Int8Array],
		[128, Int8Array],
		[129, Int16Array],
		[32768, Int16Array],
		[32769, Int32Array],
	] as const) {
		it(`a CSV column of ${levels} levels is ${width.name}, every cell intact`, () => {
			const rows = Math.max(levels + 500, 1000);
			const level = column(parseCsv(csvWithLevels(levels, rows)).table, 'level');
			assert.equal(level.kind, 'categorical');
			assert.ok(
				level.kind === 'categorical' && level.codes instanceof width,
				`got ${level.kind === 'categorical' ? level.codes.constructor.name : ''}`,
			);
			assert.equal(level.kind === 'categorical' && level.levels.length, levels);
			for (let i = 0; i < rows; i++) {
				assert.equal(cellText(level, i), cellOf(i, levels), `row ${i}`);
			}
		});
	}

	it('a numeric column that turns text after 300 distinct numbers is re-encoded into Int16Array with its original texts', () => {
		const lines = ['x'];
		for (let i = 0; i < 300; i++) {
			lines.push(i === 3 ? '1.50' : String(i));
		}
		lines.push('abc', 'NA', '7');
		const x = column(parseCsv(`${lines.join('\n')}\n`).table, 'x');
		assert.ok(x.kind === 'categorical' && x.codes instanceof Int16Array);
		assert.equal(cellText(x, 3), '1.50');
		assert.equal(cellText(x, 299), '299');
		assert.equal(cellText(x, 300), 'abc');
		assert.equal(cellText(x, 301), undefined);
		assert.equal(cellText(x, 302), '7');
		assert.equal(x.missing, 1);
	});

	it('the binary readers’ builder widens the same way and hands a pre-sized column over without a copy', () => {
		const rows = 5000;
		const text = new ValueColumnBuilder('t', 'text', 'f.parquet', new Set(['NA']), rows);
		const numbers = new ValueColumnBuilder('n', 'numeric', 'f.parquet', new Set(['NA']), rows);
		for (let i = 0; i < rows; i++) {
			text.push(i === 10 ? 'NA' : `w${i % 300}`);
			numbers.push(i === 11 ? null : i / 4);
		}
		const t = text.build();
		const n = numbers.build();
		assert.ok(t.kind === 'categorical' && t.codes instanceof Int16Array);
		assert.equal(t.kind === 'categorical' && t.codes.buffer.byteLength, rows * 2, 'two bytes a row, no spare capacity');
		assert.ok(n.kind === 'numeric' && n.values.buffer.byteLength === rows * 8, 'the pre-sized Float64Array itself, not a copy');
		assert.equal(cellText(t, 10), undefined);
		assert.equal(cellText(t, 4999), `w${4999 % 300}`);
		assert.equal(cellText(n, 11), undefined);
		assert.equal(cellText(n, 4999), String(4999 / 4));
		assert.deepEqual([t.missing, n.missing], [1, 1]);
	});

	describe('Parquet and CSV agree on a 300-level column over several row groups', () => {
		let dir = '';
		before(() => {
			dir = mkdtempSync(path.join(os.tmpdir(), 'cf-compact-'));
		});
		after(() => rmSync(dir, { recursive: true, force: true }));

		it('same cells, same levels, both Int16Array', async () => {
			const csvFile = path.join(dir, 'levels.csv');
			writeFileSync(csvFile, csvWithLevels(300, 2500));
			const fromCsv = (await readCsvFile(csvFile)).table;
			const parquetFile = path.join(dir, 'levels.parquet');
			await writeParquet(parquetFile, fromCsv, { rowGroupSize: 700 });
			const fromParquet = (await readParquetFile(parquetFile)).table;
			for (const table of [fromCsv, fromParquet]) {
				const level = column(table, 'level');
				assert.ok(level.kind === 'categorical' && level.codes instanceof Int16Array);
			}
			assert.deepEqual(cellsOf(column(fromParquet, 'level')), cellsOf(column(fromCsv, 'level')));
			assert.deepEqual(cellsOf(column(fromParquet, 'id')), cellsOf(column(fromCsv, 'id')));
		});
	});
});
