// The memory part of `npm run bench -- --only scale`: profile and audit of a large generated
// dataset, as CSV and as the same rows in Parquet, each in a fresh `node dist/cli.js` child whose
// wall time and peak RSS are measured, with the load average beside every figure.
//
//   node bench/scaleMemory.mjs [--rows N] [--keep DIR] [--json]
//
//   --rows N    rows to generate (default 10,000,000; bench/run.mjs passes 1,000,000 under --quick)
//   --keep DIR  write the data into DIR and leave it there, or measure the data already there
//               (default: a temporary folder, deleted; $BENCH_SCALE_DATA is the same as --keep)
//   --json      end with one JSON line holding every figure (what bench/run.mjs reads)
//
// The data comes from the bundled generator, one million rows at a time with seeds 1, 2, …
// (`collective-fairness generate` holds its rows in memory, so one 10M-row call would measure the
// generator, not the readers): the chunks are appended into one CSV with a single header, and
// each chunk becomes one Parquet row group of the same rows (numbers as DOUBLE, text as STRING,
// Snappy), written incrementally with hyparquet-writer. Both files share one sidecar (the roles
// the generator wrote), so the CSV and the Parquet audit must give the same figures; the
// script checks that they do.
//
// Peak RSS is GNU time's "maximum resident set size" of the child; without GNU time it is the
// child's VmHWM read from /proc every 100 ms, a lower bound by at most the last 100 ms
// (bench/lib/child.mjs).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, statfsSync } from 'node:fs';
import * as os from 'node:os';
import { join, resolve } from 'node:path';
import { root, runChild } from './lib/child.mjs';
import { CORES, mb, round } from './lib/figures.mjs';
import { usageError, valueOf } from './lib/options.mjs';

const SCRIPT = 'bench/scaleMemory.mjs';
const cli = join(root, 'dist', 'cli.js');
const CHUNK_ROWS = 1_000_000;
/** The issue's bound on every run's peak RSS. */
const RSS_LIMIT_MB = 4096;
/** Bytes per row on disk, measured on the generator's output (≈ 102 CSV + ≈ 40 Parquet), rounded up. */
const DISK_BYTES_PER_ROW = 160;

const argv = process.argv.slice(2);
const rows = Number(valueOf(argv, '--rows') ?? 10_000_000);
if (!Number.isInteger(rows) || rows < 1000) {
	usageError(SCRIPT, `--rows takes an integer ≥ 1000, got ${valueOf(argv, '--rows')}`);
}
const keep = valueOf(argv, '--keep') ?? (process.env.BENCH_SCALE_DATA || undefined);
const json = argv.includes('--json');
if (!existsSync(cli)) {
	usageError(SCRIPT, `${cli} not found: run npm run build first`);
}

const dir = keep !== undefined ? resolve(keep) : mkdtempSync(join(os.tmpdir(), 'cf-scale-'));
mkdirSync(dir, { recursive: true });
const csv = join(dir, `scale-${rows}.csv`);
const parquet = join(dir, `scale-${rows}.parquet`);
/** Written once both files are complete: a run stopped half-way is never reused. */
const doneMarker = join(dir, `scale-${rows}.complete`);
const result = { rows, chunkRows: CHUNK_ROWS, cores: CORES, runs: [] };
try {
	const made = existsSync(doneMarker) ? reuseData() : await makeData();
	result.data = made;
	console.log(
		`data: ${rows.toLocaleString('en-US')} rows; CSV ${mb(made.csvBytes)} MB, Parquet ${mb(made.parquetBytes)} MB (${made.rowGroups} row groups, Snappy); ${made.reused ? 'made by an earlier run' : `made in ${made.seconds.toFixed(0)} s`}`,
	);
	for (const [format, file] of [
		['csv', csv],
		['parquet', parquet],
	]) {
		for (const command of ['profile', 'audit']) {
			const run = await measure(command, format, file);
			result.runs.push(run);
			console.log(
				`${command.padEnd(7)} ${format.padEnd(7)} wall ${run.wallS.toFixed(1).padStart(7)} s   peak RSS ${String(run.peakRssMB).padStart(5)} MB   ${run.peakRssMB < RSS_LIMIT_MB ? '<' : '≥'} ${RSS_LIMIT_MB} MB   load ${run.loadBefore.join(' ')} → ${run.loadAfter.join(' ')}${run.summary !== undefined ? `   EqOd ${run.summary.eqodAverage}, SPD ${run.summary.spd}, error ${run.summary.error}` : ''}`,
			);
		}
	}
	const audits = result.runs.filter((r) => r.command === 'audit');
	result.sameAuditFigures = audits.length === 2 && JSON.stringify(audits[0].figures) === JSON.stringify(audits[1].figures);
	console.log(`CSV and Parquet audits give the same figures: ${result.sameAuditFigures ? 'yes' : 'NO'}`);
} catch (error) {
	console.error(`${SCRIPT}: ${error instanceof BenchError ? error.message : (error?.stack ?? String(error))}`);
	process.exitCode = 2;
} finally {
	if (keep === undefined) {
		rmSync(dir, { recursive: true, force: true });
	}
}
if (json && process.exitCode === undefined) {
	for (const run of result.runs) {
		delete run.figures;
	}
	console.log(JSON.stringify(result));
}

// ---------------------------------------------------------------- data

/** Generates the rows chunk by chunk into one CSV and one Parquet file with the same rows. */
async function makeData() {
	const free = statfsSync(dir);
	const freeBytes = free.bavail * free.bsize;
	if (freeBytes < rows * DISK_BYTES_PER_ROW) {
		fail(`${dir} has ${mb(freeBytes)} MB free; ${rows.toLocaleString('en-US')} rows need about ${mb(rows * DISK_BYTES_PER_ROW)} MB`);
	}
	// A run stopped half-way leaves partial files: start over.
	rmSync(doneMarker, { force: true });
	rmSync(csv, { force: true });
	rmSync(parquet, { force: true });
	rmSync(sidecarOf(csv), { force: true });
	const started = performance.now();
	const { ParquetWriter, fileWriter, schemaFromColumnData } = await import('hyparquet-writer');
	const out = createWriteStream(csv, { flags: 'wx' });
	let writer;
	let kinds;
	let header;
	let done = 0;
	let rowGroups = 0;
	for (let chunk = 0; done < rows; chunk++) {
		const n = Math.min(CHUNK_ROWS, rows - done);
		const chunkFile = join(dir, `chunk-${chunk}.csv`);
		const gen = spawnSync(process.execPath, [cli, 'generate', '--rows', String(n), '--seed', String(chunk + 1), '--out', chunkFile], {
			cwd: root,
			encoding: 'utf8',
		});
		if (gen.status !== 0) {
			fail(`collective-fairness generate exited with ${gen.status ?? gen.signal}: ${gen.stderr.trim().slice(-500)}`);
		}
		const sidecar = chunkFile.replace(/\.csv$/, '.fairness.json');
		if (chunk === 0) {
			// One sidecar beside both files (the same stem): the roles the generator wrote.
			const roles = JSON.parse(readFileSync(sidecar, 'utf8'));
			roles.description = `${rows} rows: ${Math.ceil(rows / CHUNK_ROWS)} chunks of collective-fairness generate (seeds 1, 2, …) appended; ${roles.description ?? ''}`;
			await writeText(sidecarOf(csv), `${JSON.stringify(roles, null, 2)}\n`);
		}
		const text = readFileSync(chunkFile, 'utf8');
		const firstNewline = text.indexOf('\n');
		// The CSV: the first chunk with its header, the others without.
		await writeChunk(out, chunk === 0 ? text : text.slice(firstNewline + 1));
		const lines = text.slice(firstNewline + 1).split('\n');
		if (lines[lines.length - 1] === '') {
			lines.pop();
		}
		if (chunk === 0) {
			header = text.slice(0, firstNewline).replace(/\r$/, '').split(',');
			kinds = header.map((_, j) => (lines.every((line) => isNumberCell(cellAt(line, j))) ? 'DOUBLE' : 'STRING'));
		}
		const columnData = header.map((name, j) => ({ name, type: kinds[j], nullable: true, data: columnOf(lines, j, kinds[j]) }));
		writer ??= new ParquetWriter({ writer: fileWriter(parquet), schema: schemaFromColumnData({ columnData }) });
		await writer.write({ columnData, rowGroupSize: n });
		rowGroups++;
		rmSync(chunkFile);
		rmSync(sidecar);
		done += n;
		process.stdout.write(`  generated ${done.toLocaleString('en-US')} of ${rows.toLocaleString('en-US')} rows\n`);
	}
	await writer.finish();
	await new Promise((resolvePromise, reject) => out.end((error) => (error ? reject(error) : resolvePromise())));
	await writeText(doneMarker, `${new Date().toISOString()}\n`);
	return {
		csvBytes: statSync(csv).size,
		parquetBytes: statSync(parquet).size,
		rowGroups,
		seconds: (performance.now() - started) / 1000,
	};
}

/** The files a complete earlier run with --keep left. */
function reuseData() {
	console.log(`  reusing the data in ${dir}`);
	return {
		csvBytes: statSync(csv).size,
		parquetBytes: statSync(parquet).size,
		rowGroups: Math.ceil(rows / CHUNK_ROWS),
		seconds: 0,
		reused: true,
	};
}

function sidecarOf(file) {
	return file.replace(/\.(csv|parquet)$/, '.fairness.json');
}

/** The generator writes no quoted fields: a cell is the text between commas. */
function cellAt(line, j) {
	let start = 0;
	for (let k = 0; k < j; k++) {
		start = line.indexOf(',', start) + 1;
	}
	const end = line.indexOf(',', start);
	return line.slice(start, end < 0 ? line.length : end).replace(/\r$/, '');
}

function isNumberCell(cell) {
	return cell === '' || Number.isFinite(Number(cell));
}

function columnOf(lines, j, kind) {
	const values = new Array(lines.length);
	for (let i = 0; i < lines.length; i++) {
		const cell = cellAt(lines[i], j);
		values[i] = cell === '' ? null : kind === 'DOUBLE' ? Number(cell) : cell;
	}
	return values;
}

function writeChunk(stream, text) {
	return new Promise((resolvePromise, reject) => {
		if (stream.write(text)) {
			resolvePromise();
		} else {
			stream.once('drain', resolvePromise);
			stream.once('error', reject);
		}
	});
}

async function writeText(path, text) {
	const { writeFile } = await import('node:fs/promises');
	await writeFile(path, text, { flag: 'wx' });
}

// ---------------------------------------------------------------- measuring

/** Runs one CLI command on the file in a fresh child; wall time, peak RSS and the load average around it. */
async function measure(command, format, file) {
	const outFile = join(dir, `${command}-${format}.json`);
	const child = await runChild(process.execPath, [cli, command, file, '--json'], { timed: true, stdoutFile: outFile, allowFailure: true });
	if (child.status !== 0) {
		fail(`node dist/cli.js ${command} ${file} exited with ${child.status}: ${child.stderr.trim().split('\n').slice(-6).join('\n')}`);
	}
	const report = JSON.parse(readFileSync(outFile, 'utf8'));
	const run = {
		command,
		format,
		rows: command === 'audit' ? report.dataset.rows : report.rows,
		fileMB: mb(statSync(file).size),
		wallS: round(child.wallMs / 1000, 1),
		peakRssMB: Math.round(child.peakKB / 1024),
		loadBefore: child.loadBefore,
		loadAfter: child.loadAfter,
	};
	if (command === 'audit') {
		const s = report.summary;
		run.summary = { eqodAverage: fig(s.eqodAverage), spd: fig(s.spd), error: fig(s.error) };
		run.solver = report.model?.text;
		// Everything but what describes the file and the fit's clock: the figures CSV and Parquet must share.
		const figures = { ...report, model: { ...report.model } };
		for (const key of ['file', 'sidecar', 'input']) {
			delete figures[key];
		}
		delete figures.model.seconds;
		run.figures = figures;
	}
	return run;
}

// ---------------------------------------------------------------- helpers

function fig(estimate) {
	return estimate?.value === null || estimate?.value === undefined ? null : Math.round(estimate.value * 1e4) / 1e4;
}

/** Ends the run with a message on stderr and exit code 2 (the temporary folder is removed first). */
function fail(message) {
	throw new BenchError(message);
}

class BenchError extends Error {}
