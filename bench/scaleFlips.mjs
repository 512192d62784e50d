// The sweep part of `npm run bench -- --only scale`: the flips experiment at a million generated
// rows, and the Adult flips sweep per fit against the scikit-learn reference, each in fresh
// `node dist/cli.js` children, with the load average and the children's CPU time beside every figure.
//
//   node bench/scaleFlips.mjs [--rows N] [--runs R] [--no-reference] [--json]
//
//   --rows N          rows of the generated data set (default 1,000,000)
//   --runs R          runs of each of our commands; figures are medians (default 3)
//   --no-reference    skip the scikit-learn reference (bench/run.mjs passes it under --quick)
//   --json            end with one JSON line holding every figure (what bench/run.mjs reads)
//
// 1. Generated rows: `collective-fairness generate --rows N --seed 0` (its sidecar gives the roles),
//    then `simulate … --experiment flips --flips 4 --seeds 1 --workers <cores>`: 4 methods × 4
//    values of M × 1 seed, plus the grid refinement the CLI adds by default. Target: ≤ 30 s wall.
// 2. Adult: `simulate adult.csv` by sex with the sweep of the issue (α = 0.3, 10 values of M,
//    5 seeds, all four methods, every core), against `aca_ref.py` with the same grid (run once: it
//    takes minutes). Per fit = the run's own seconds / its fits (ours: `timings`, which excludes
//    the CSV load; the reference's `seconds`, which includes its pandas load, a second or two of
//    minutes). Target: the reference's time per fit ≥ 50 × ours, at low load.
//
// The machine may be shared: a child's CPU time (user + system, from GNU time) is printed beside
// its wall time, since CPU time moves much less with the load than wall time does.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { root, runChild } from './lib/child.mjs';
import { DATASETS_DIR as DATASETS, PYTHON, REFERENCE } from './lib/environment.mjs';
import { CORES, median, round } from './lib/figures.mjs';
import { usageError as usageErrorOf, valueOf as valueIn } from './lib/options.mjs';

const cli = join(root, 'dist', 'cli.js');
/** The targets. */
const MILLION_TARGET_S = 30;
const RATIO_TARGET = 50;
/** The Adult sweep of the issue, shared by ours and the reference. */
const ADULT_ROLES = ['--sensitive', 'sex', '--minority', 'Female', '--label', 'income-per-year', '--positive', '>50K'];
const SWEEP = ['--alpha', '0.3', '--flips', '10', '--seeds', '5'];

const argv = process.argv.slice(2);
const rows = Number(valueOf('--rows') ?? 1_000_000);
const runs = Number(valueOf('--runs') ?? 3);
const withReference = !argv.includes('--no-reference');
const json = argv.includes('--json');
if (!Number.isInteger(rows) || rows < 1000) {
	usageError(`--rows takes an integer ≥ 1000, got ${valueOf('--rows')}`);
}
if (!Number.isInteger(runs) || runs < 1) {
	usageError(`--runs takes an integer ≥ 1, got ${valueOf('--runs')}`);
}
if (!existsSync(cli)) {
	usageError(`${cli} not found: run npm run build first`);
}

const result = { cores: CORES, rows, runs, million: null, adult: null, skipped: [] };
const dir = mkdtempSync(join(os.tmpdir(), 'cf-scale-flips-'));
try {
	result.million = await millionRows();
	result.adult = await adultSweep();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
if (json) {
	console.log(JSON.stringify(result));
}

async function millionRows() {
	const csv = join(dir, `generated-${rows}.csv`);
	const made = await measured(process.execPath, [cli, 'generate', '--rows', String(rows), '--seed', '0', '--out', csv]);
	console.log(`generated ${rows.toLocaleString('en-US')} rows in ${made.wallS} s`);
	const args = [cli, 'simulate', csv, '--experiment', 'flips', '--flips', '4', '--seeds', '1', '--workers', String(CORES), '--json'];
	console.log(
		`ours: node dist/cli.js simulate <generated ${rows} rows> --experiment flips --flips 4 --seeds 1 --workers ${CORES}   (${runs} runs)`,
	);
	const all = [];
	for (let r = 0; r < runs; r++) {
		const run = await measured(process.execPath, args);
		const report = JSON.parse(run.stdout);
		all.push({ ...strip(run), seconds: round(report.timings.seconds, 2), fits: report.timings.fits });
		console.log(`  run ${r + 1}: ${describe(all[r])}, ${report.timings.fits} fits`);
	}
	const summary = summarise(all);
	console.log(
		`  median wall ${summary.wallS} s (target ≤ ${MILLION_TARGET_S} s), CPU ${summary.cpuS ?? '?'} s, load before ${summary.loadBefore.join(' ')}`,
	);
	return { ...summary, targetS: MILLION_TARGET_S, pass: summary.wallS <= MILLION_TARGET_S };
}

async function adultSweep() {
	const adult = join(DATASETS, 'adult.csv');
	if (!existsSync(adult)) {
		return skipped(`Adult sweep: ${adult} not found (set COLLECTIVE_FAIRNESS_DATASETS to a folder holding adult.csv)`);
	}
	const args = [cli, 'simulate', adult, ...ADULT_ROLES, '--experiment', 'flips', ...SWEEP, '--workers', String(CORES), '--json'];
	console.log(
		`ours: node dist/cli.js simulate adult.csv ${ADULT_ROLES.join(' ')} --experiment flips ${SWEEP.join(' ')} --workers ${CORES}   (${runs} runs)`,
	);
	const all = [];
	for (let r = 0; r < runs; r++) {
		const run = await measured(process.execPath, args);
		const report = JSON.parse(run.stdout);
		const perFitMs = (1000 * report.timings.seconds) / report.timings.fits;
		all.push({ ...strip(run), seconds: round(report.timings.seconds, 2), fits: report.timings.fits, perFitMs: round(perFitMs, 2) });
		console.log(`  run ${r + 1}: ${describe(all[r])}, ${report.timings.fits} fits, ${round(perFitMs, 2)} ms per fit`);
	}
	const ours = { ...summarise(all), perFitMs: median(all.map((r) => r.perFitMs)), fits: all[0].fits };
	ours.cpuPerFitMs = ours.cpuS === null ? null : round((1000 * ours.cpuS) / ours.fits, 2);
	console.log(
		`  ours: median ${ours.perFitMs} ms per fit (CPU ${ours.cpuPerFitMs ?? '?'} ms per fit), load before ${ours.loadBefore.join(' ')}`,
	);
	if (!withReference) {
		return { ours, reference: skipped('Adult sweep: the scikit-learn reference (--no-reference)') };
	}
	const probe = await measured(PYTHON, ['-c', 'import sklearn, pandas']).catch((e) => e);
	if (!existsSync(REFERENCE) || probe instanceof Error) {
		const why = !existsSync(REFERENCE) ? `${REFERENCE} not found` : `${PYTHON} cannot import sklearn and pandas`;
		return { ours, reference: skipped(`Adult sweep: the scikit-learn reference (${why})`) };
	}
	const refArgs = [REFERENCE, adult, '--label', 'income-per-year', '--positive', '>50K', '--sensitive', 'sex', '--minority', 'Female'];
	refArgs.push('--exp', 'flips', ...SWEEP);
	console.log(`reference: ${PYTHON} aca_ref.py adult.csv … --exp flips ${SWEEP.join(' ')}   (once; minutes)`);
	const run = await measured(PYTHON, refArgs);
	const report = JSON.parse(run.stdout);
	const reference = {
		...strip(run),
		seconds: round(report.seconds, 2),
		fits: report.fits,
		perFitMs: round((1000 * report.seconds) / report.fits, 2),
	};
	reference.cpuPerFitMs = reference.cpuS === null ? null : round((1000 * reference.cpuS) / reference.fits, 2);
	console.log(`  reference: ${describe(reference)}, ${report.fits} fits, ${reference.perFitMs} ms per fit`);
	const ratio = round(reference.perFitMs / ours.perFitMs, 1);
	const cpuRatio = ours.cpuPerFitMs !== null && reference.cpuPerFitMs !== null ? round(reference.cpuPerFitMs / ours.cpuPerFitMs, 1) : null;
	console.log(
		`  per fit, reference / ours: ${ratio}× (target ≥ ${RATIO_TARGET}× at low load; load ${ours.loadBefore[0]} / ${reference.loadBefore[0]}); CPU time per fit: ${cpuRatio ?? '?'}×`,
	);
	return { ours, reference, ratio, cpuRatio, targetRatio: RATIO_TARGET, pass: ratio >= RATIO_TARGET };
}

/** Runs a child to completion under GNU time when present; wall, CPU (user + system) and the load around it. */
async function measured(command, args) {
	const run = await runChild(command, args, { timed: true });
	return { stdout: run.stdout, wallS: round(run.wallMs / 1000, 2), cpuS: run.cpuS, loadBefore: run.loadBefore, loadAfter: run.loadAfter };
}

function strip(run) {
	const { stdout: _stdout, ...rest } = run;
	return rest;
}

function summarise(all) {
	return {
		runs: all,
		wallS: median(all.map((r) => r.wallS)),
		seconds: median(all.map((r) => r.seconds)),
		cpuS: all.every((r) => r.cpuS !== null) ? median(all.map((r) => r.cpuS)) : null,
		loadBefore: all[0].loadBefore,
	};
}

function describe(run) {
	return `wall ${run.wallS} s, CPU ${run.cpuS ?? '?'} s, load ${run.loadBefore.join(' ')} → ${run.loadAfter.join(' ')}`;
}

function skipped(reason) {
	console.log(`  SKIP ${reason}`);
	result.skipped.push(reason);
	return { skipped: reason };
}

function valueOf(flag) {
	return valueIn(argv, flag);
}

function usageError(message) {
	usageErrorOf('bench/scaleFlips.mjs', message);
}
