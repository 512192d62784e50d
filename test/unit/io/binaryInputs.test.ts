/**
 * Parquet, Arrow IPC and gzip-compressed CSV read into the same typed-column table as the CSV,
 * and the CLI's audit gives the same figures on each; damaged and unsupported inputs are clear
 * errors that name the file (and column), exit 2 and write nothing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { readCsvFile } from '../../../src/io/readCsvFile';
import { readParquetFile } from '../../../src/io/readParquetFile';
import { readArrowFile } from '../../../src/io/readArrowFile';
import { loadDataset } from '../../../src/io/loadDataset';
import { datasetFormatOf, isDatasetFileName, type DatasetFormat } from '../../../src/io/datasetFormat';
import { parseFile, readHead } from '../../../src/server/parse';
import type { Column, Table } from '../../../src/core/csv/table';
import {
	Bool,
	DateDay,
	Dictionary,
	Int32,
	Int64,
	Table as ArrowTable,
	TimestampMicrosecond,
	Utf8,
	tableToIPC,
	vectorFromArray,
} from 'apache-arrow';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from '../../integration/cli/run';
import { cellsOf, writeArrow, writeGzip, writeParquet } from './writeFormats';

/** File names and the reader each gets: the extension decides, in any letter case, `.gz` over the CSV's own extension. */
const READER_BY_NAME: ReadonlyArray<readonly [name: string, format: DatasetFormat]> = [
	['a/b.CSV.GZ', 'csv.gz'],
	['b.tsv.gz', 'csv.gz'],
	['b.parquet', 'parquet'],
	['b.feather', 'arrow'],
	['b.arrow', 'arrow'],
	['b.tsv', 'csv'],
];

/** The table's content as plain values, for deep comparison across readers. */
function contentOf(table: Table): unknown {
	return {
		rows: table.rowCount,
		columns: table.columns.map((c) => ({
			name: c.name,
			kind: c.kind,
			missing: c.missing,
			levels: c.kind === 'categorical' ? c.levels : undefined,
			cells: cellsOf(c),
		})),
	};
}

/** An audit's JSON without the fields that describe the input file rather than the figures, and the fit's time. */
function figuresOf(run: CliRun): unknown {
	assert.equal(run.status, 0, run.stderr);
	const { file: _file, sidecar: _sidecar, input: _input, ...figures } = JSON.parse(run.stdout) as Record<string, unknown>;
	const model = figures.model as Record<string, unknown> | undefined;
	assert.equal(typeof model?.seconds, 'number');
	delete model!.seconds;
	return figures;
}

describe('io: Parquet, Arrow and gzip inputs', () => {
	let dir: string;
	let cleanup = (): void => undefined;
	let csv: string;
	let csvTable: Table;
	const at = (name: string): string => path.join(dir, name);
	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		csv = generated(dir, 1200);
		// Blank out a few cells so missing values travel through every format.
		const lines = readFileSync(csv, 'utf8').split('\r\n');
		lines[5] = lines[5]!.replace(/^([^,]*),[^,]*,/, '$1,,');
		lines[9] = lines[9]!.replace(/,[^,]*$/, ',NA');
		writeFileSync(csv, lines.join('\r\n'));
		csvTable = (await readCsvFile(csv)).table;
		// Row groups of 500 rows: the reader must stitch three groups back together in order.
		await writeParquet(at('data.parquet'), csvTable, { rowGroupSize: 500 });
		writeArrow(at('data.arrow'), csvTable);
		writeGzip(at('data.csv.gz'), csv);
		// The gzip file's sidecar is named after 'data.csv' (its name without the last extension).
		copyFileSync(at('data.fairness.json'), at('data.csv.fairness.json'));
	});
	after(() => cleanup());

	for (const [name, format] of READER_BY_NAME) {
		it(`picks the ${format} reader for ${name} from its extension`, () => {
			assert.equal(datasetFormatOf(name), format);
		});
	}

	it('takes dataset files by name, not sidecars or other compressed files', () => {
		assert.ok(isDatasetFileName('x.parquet') && isDatasetFileName('x.tsv.gz') && isDatasetFileName('x.csv'));
		assert.ok(!isDatasetFileName('x.fairness.json') && !isDatasetFileName('x.gz.txt'));
	});

	it('the CSV table has missing cells in a numeric and a categorical column', () => {
		assert.ok(csvTable.columns.some((c) => c.kind === 'numeric' && c.missing > 0));
		assert.ok(csvTable.columns.some((c) => c.kind === 'categorical' && c.missing > 0));
	});

	it("Parquet (three row groups), Arrow and .csv.gz give the CSV reader's table, cell for cell", async () => {
		const expected = contentOf(csvTable);
		const parquet = await readParquetFile(at('data.parquet'));
		assert.deepEqual(contentOf(parquet.table), expected);
		assert.deepEqual(
			parquet.header,
			csvTable.columns.map((c) => c.name),
		);
		assert.deepEqual(contentOf((await readArrowFile(at('data.arrow'))).table), expected);
		assert.deepEqual(contentOf((await readCsvFile(at('data.csv.gz'))).table), expected);
		// The language server reads files from disk with the same readers (its Datasets view lists them).
		const signal = new AbortController().signal;
		assert.deepEqual(contentOf((await parseFile(at('data.parquet'), {}, signal)).table), expected);
		assert.deepEqual(contentOf((await parseFile(at('data.arrow'), {}, signal)).table), expected);
		assert.deepEqual(contentOf((await parseFile(at('data.csv.gz'), {}, signal)).table), expected);
		assert.equal(await readHead(at('data.parquet')), '', 'a binary file has no header text for lenses');
		const loaded = await loadDataset(at('data.parquet'));
		assert.equal(loaded.format, 'parquet');
		assert.equal(loaded.sidecarPath, at('data.fairness.json'));
	});

	it('the CLI audit gives the same figures on CSV, Parquet, Arrow and .csv.gz', async () => {
		const args = (file: string): string[] => ['audit', at(file), '--json', '--resamples', '100'];
		const [fromCsv, fromParquet, fromArrow, fromGzip] = await cliAll([
			args('data.csv'),
			args('data.parquet'),
			args('data.arrow'),
			args('data.csv.gz'),
		]);
		const expected = figuresOf(fromCsv!);
		assert.ok((expected as { summary?: unknown }).summary !== undefined);
		assert.deepEqual(figuresOf(fromParquet!), expected);
		assert.deepEqual(figuresOf(fromArrow!), expected);
		assert.deepEqual(figuresOf(fromGzip!), expected);
	});

	it('typed columns: integers numeric, booleans, dates, timestamps and dictionary strings categorical; NA and nulls missing', async () => {
		const when = new Date(Date.UTC(2020, 0, 2, 3, 4, 5));
		writeFileSync(
			at('types.arrow'),
			tableToIPC(
				new ArrowTable({
					day: vectorFromArray([when, null, when], new DateDay()),
					at: vectorFromArray([when, when, null], new TimestampMicrosecond()),
					ok: vectorFromArray([true, null, false], new Bool()),
					n: vectorFromArray([5n, null, -7n], new Int64()),
					s: vectorFromArray(['x', 'NA', ' y '], new Dictionary(new Utf8(), new Int32())),
				}),
				'file',
			),
		);
		const expected = [
			{ name: 'day', kind: 'categorical', cells: ['2020-01-02', null, '2020-01-02'] },
			{ name: 'at', kind: 'categorical', cells: ['2020-01-02T03:04:05.000Z', '2020-01-02T03:04:05.000Z', null] },
			{ name: 'ok', kind: 'categorical', cells: ['true', null, 'false'] },
			{ name: 'n', kind: 'numeric', cells: [5, null, -7] },
			{ name: 's', kind: 'categorical', cells: ['x', null, 'y'] },
		];
		const shape = (c: Column): unknown => ({ name: c.name, kind: c.kind, cells: cellsOf(c) });
		assert.deepEqual((await readArrowFile(at('types.arrow'))).table.columns.map(shape), expected);
		await writeParquet(
			at('types.parquet'),
			{ columns: [], rowCount: 3 },
			{
				extra: [
					{ name: 'at', data: [when, when, null], type: 'TIMESTAMP', nullable: true },
					{ name: 'ok', data: [true, null, false], type: 'BOOLEAN', nullable: true },
					{ name: 'n', data: new BigInt64Array([5n, 0n, -7n]), type: 'INT64', nullable: false },
					{ name: 's', data: ['x', 'NA', ' y '], type: 'STRING', nullable: true },
				],
			},
		);
		const parquet = (await readParquetFile(at('types.parquet'))).table.columns.map(shape);
		assert.deepEqual(parquet, [expected[1], expected[2], { name: 'n', kind: 'numeric', cells: [5, 0, -7] }, expected[4]]);
	});

	it('damaged and unsupported inputs: one clear line naming the file (and column), exit 2, nothing written', async () => {
		const parquetBytes = readFileSync(at('data.parquet'));
		writeFileSync(at('cut.parquet'), parquetBytes.subarray(0, parquetBytes.length - 100));
		// The footer intact, a data page overwritten: the damage is found while decoding.
		const garbled = Buffer.from(parquetBytes);
		garbled.fill(0xff, 4, 600);
		writeFileSync(at('garbled.parquet'), garbled);
		await writeParquet(at('lzo.parquet'), { columns: csvTable.columns.slice(0, 2), rowCount: csvTable.rowCount }, { codec: 'LZO' });
		await writeParquet(
			at('json.parquet'),
			{ columns: csvTable.columns.slice(0, 2), rowCount: csvTable.rowCount },
			{
				extra: [{ name: 'payload', data: Array.from({ length: csvTable.rowCount }, (_, i) => ({ i })), type: 'JSON', nullable: true }],
			},
		);
		const gz = readFileSync(at('data.csv.gz'));
		writeFileSync(at('cut.csv.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
		writeFileSync(at('notarrow.arrow'), 'this is text, not Arrow\n');
		for (const name of ['cut.parquet', 'garbled.parquet', 'lzo.parquet', 'json.parquet', 'cut.csv.gz', 'notarrow.arrow']) {
			copyFileSync(at('data.fairness.json'), at(name.replace(/\.[^.]+$/, '.fairness.json')));
		}
		const before = readdirSync(dir).sort();
		const names = ['cut.parquet', 'garbled.parquet', 'lzo.parquet', 'json.parquet', 'cut.csv.gz', 'notarrow.arrow'];
		const runs = await cliAll(names.map((n) => ['audit', at(n), '--resamples', '50', '--out', at(`${n}.report.json`)]));
		const expectations: RegExp[] = [
			/cut\.parquet: not a readable Parquet file/,
			/garbled\.parquet: (corrupt Parquet data|not a readable Parquet file)/,
			/lzo\.parquet: column '[^']+' is compressed with LZO, which this reader does not decode/,
			/json\.parquet: column 'payload' is of Parquet (logical|converted) type JSON; supported column types are/,
			/cut\.csv\.gz: truncated or corrupt gzip data/,
			/notarrow\.arrow: not a readable Arrow IPC file/,
		];
		runs.forEach((run, i) => {
			assert.equal(run.status, 2, `${names[i]}: ${run.stderr}`);
			assert.match(run.stderr, expectations[i]!, names[i]);
			assert.doesNotMatch(run.stderr, /internal error|\n\s+at /, names[i]);
			assert.equal(run.stdout, '');
		});
		assert.deepEqual(readdirSync(dir).sort(), before, 'no report (or temporary file) was written');
		assert.ok(!existsSync(at('cut.parquet.report.json')));
	});
});
