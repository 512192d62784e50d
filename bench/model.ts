/**
 * Child process of bench/run.mjs for the in-process sections: logistic regression, gradient
 * boosting and the neighbour query, all on real Adult. bench/run.mjs bundles this file with esbuild into
 * bench/.cache/model.cjs and runs each section in a fresh `node` process, so one section's JIT
 * state, heap and caches never help (or hurt) another.
 *
 *   node bench/.cache/model.cjs logistic ADULT_CSV [--export DIR]
 *   node bench/.cache/model.cjs boosting ADULT_CSV [--export DIR]
 *   node bench/.cache/model.cjs knn ADULT_CSV [--export DIR]
 *
 * Prints human-readable lines, then one JSON line last. With --export, writes the exact matrices
 * it timed (densified, float64, as .npy) into DIR, for bench/sklearn_timing.py to time
 * scikit-learn on the same numbers.
 *
 * Type-checked by bench/tsconfig.json (`npm run check-types`); esbuild strips the types. It imports
 * the engine straight from src/, so it measures the same code the CLI bundles, and poses the roles
 * the parity tests pose (test/support/realDataRoles.ts).
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { prepareDataset } from '../src/core/dataset';
import type { FeatureMatrix } from '../src/core/encoding/matrix';
import { fitLogistic, type LogisticFit } from '../src/core/models/logistic';
import { fitBoosting } from '../src/core/models/boosting';
import { kNearest } from '../src/core/collective/knn';
import { createRandom, deriveSeed, sampleWithoutReplacement } from '../src/core/random';
import { MAJORITY, MINORITY } from '../src/core/roles/resolve';
import { readCsvFile } from '../src/io/readCsvFile';
import { ADULT_RACE, ADULT_SEX } from '../test/support/realDataRoles';
import { median, round } from './lib/figures.mjs';

const LOGISTIC_RUNS = 7;
const FLIPS = 300;
const KNN_RUNS = 5;
const BOOSTING_RUNS = 5;
const K = 5;

const [mode, csv, ...rest] = process.argv.slice(2);
const exportIndex = rest.indexOf('--export');
const exportDir = exportIndex >= 0 ? rest[exportIndex + 1] : undefined;
if ((mode !== 'logistic' && mode !== 'knn' && mode !== 'boosting') || csv === undefined) {
	console.error('usage: model.cjs logistic|boosting|knn ADULT_CSV [--export DIR]');
	process.exit(2);
}

/**
 * Runs fn `runs` times; returns every wall time in ms, every CPU time (user + system) in ms, and
 * the last result. CPU time well below wall time means the shared machine took the core away.
 */
function timeRuns<T>(runs: number, fn: () => T): { ms: number[]; cpuMs: number[]; last: T } {
	const ms: number[] = [];
	const cpuMs: number[] = [];
	let last: T | undefined;
	for (let r = 0; r < runs; r++) {
		const c0 = process.cpuUsage();
		const t0 = performance.now();
		last = fn();
		ms.push(performance.now() - t0);
		const c = process.cpuUsage(c0);
		cpuMs.push((c.user + c.system) / 1000);
	}
	return { ms, cpuMs, last: last as T };
}

const loadStarted = performance.now();
const table = (await readCsvFile(csv)).table;
const loadMs = performance.now() - loadStarted;

if (mode === 'logistic') {
	await logistic();
} else if (mode === 'boosting') {
	boosting();
} else {
	await knn();
}

async function logistic(): Promise<void> {
	const data = prepareDataset(table, ADULT_SEX, { seed: 0 });
	const train = data.train;
	// ~300 flips as a collective would make them: minority training rows with the unfavourable
	// label, drawn with a fixed seed, relabelled favourable (1).
	const pool = Int32Array.from(Array.from(train).filter((i) => data.group[i] === MINORITY && data.y[i] === 0));
	const flipped = sampleWithoutReplacement(pool, Math.min(FLIPS, pool.length), createRandom(deriveSeed(0, 'bench-flips')));
	const yFlipped = Uint8Array.from(data.y);
	for (const i of flipped) {
		yFlipped[i] = 1;
	}
	console.log(
		`Adult by sex, seed 0: ${train.length} training rows × ${data.x.width} features (${data.x.denseWidth} dense + ${data.x.blockCount} one-hot blocks); ${flipped.length} of ${pool.length} minority unfavourable training labels flipped to 1; CSV read in ${loadMs.toFixed(0)} ms`,
	);

	// Cold: from zero on the base labels, what the firm does once per seed.
	const cold = timeRuns(LOGISTIC_RUNS, () => fitLogistic(data.x, data.y, { C: 1, rows: train }));
	const base = cold.last.model;
	// Warm: the refit after the flips, started from the base model (what the simulation does per M).
	const warm = timeRuns(LOGISTIC_RUNS, () => fitLogistic(data.x, yFlipped, { C: 1, rows: train, warmStart: base }));
	// For comparison only: the same refit from zero.
	const coldFlipped = timeRuns(LOGISTIC_RUNS, () => fitLogistic(data.x, yFlipped, { C: 1, rows: train }));

	const describe = (name: string, t: { ms: number[]; cpuMs: number[]; last: LogisticFit }): Record<string, unknown> => {
		console.log(
			`  ${name.padEnd(34)} median ${median(t.ms).toFixed(1).padStart(7)} ms (CPU ${median(t.cpuMs).toFixed(0)} ms)   runs ${t.ms.map((m) => m.toFixed(0)).join(' ')}   ${t.last.solver}, ${t.last.iterations} iterations, objective ${t.last.objective.toFixed(6)}${t.last.converged ? '' : ' (NOT converged)'}`,
		);
		return {
			medianMs: round(median(t.ms)),
			medianCpuMs: round(median(t.cpuMs)),
			runsMs: t.ms.map((m) => round(m)),
			solver: t.last.solver,
			iterations: t.last.iterations,
			objective: t.last.objective,
			converged: t.last.converged,
		};
	};
	const result = {
		trainingRows: train.length,
		width: data.x.width,
		denseWidth: data.x.denseWidth,
		blocks: data.x.blockCount,
		flipped: flipped.length,
		pool: pool.length,
		runs: LOGISTIC_RUNS,
		csvLoadMs: round(loadMs),
		cold: describe('cold fit (base labels)', cold),
		warm: describe('warm refit (flipped, from base)', warm),
		coldFlipped: describe('cold refit (flipped, from zero)', coldFlipped),
	};
	if (exportDir !== undefined) {
		exportTraining(exportDir, data.x, train, { y: data.y, yflip: yFlipped });
	}
	console.log(JSON.stringify(result));
}

/**
 * One cold fit of the boosting firm with scikit-learn's default parameters (100 trees of 31
 * leaves, learning rate 0.1, no early stopping), bins included, median of BOOSTING_RUNS.
 */
function boosting(): void {
	const data = prepareDataset(table, ADULT_SEX, { seed: 0 });
	const train = data.train;
	console.log(
		`Adult by sex, seed 0: ${train.length} training rows × ${data.x.width} features (${data.x.denseWidth} dense + ${data.x.blockCount} one-hot blocks); CSV read in ${loadMs.toFixed(0)} ms`,
	);
	const t = timeRuns(BOOSTING_RUNS, () => fitBoosting(data.x, data.y, { rows: train }));
	const fit = t.last;
	console.log(
		`  fitBoosting (bins + 100 trees)      median ${median(t.ms).toFixed(1).padStart(7)} ms (CPU ${median(t.cpuMs).toFixed(0)} ms)   runs ${t.ms.map((m) => m.toFixed(0)).join(' ')}   ${fit.iterations} trees, train log-loss ${fit.trainLoss.toFixed(6)}`,
	);
	const result = {
		trainingRows: train.length,
		width: data.x.width,
		runs: BOOSTING_RUNS,
		csvLoadMs: round(loadMs),
		medianMs: round(median(t.ms)),
		medianCpuMs: round(median(t.cpuMs)),
		runsMs: t.ms.map((m) => round(m)),
		iterations: fit.iterations,
		trainLoss: fit.trainLoss,
		params: fit.params,
	};
	if (exportDir !== undefined) {
		exportTraining(exportDir, data.x, train, { y: data.y });
	}
	console.log(JSON.stringify(result));
}

async function knn(): Promise<void> {
	const data = prepareDataset(table, ADULT_RACE, { seed: 0 });
	// Every row, not just the training part: each Black row queried against every White row.
	const queries: number[] = [];
	const reference: number[] = [];
	for (let i = 0; i < data.x.rows; i++) {
		if (data.group[i] === MINORITY) {
			queries.push(i);
		} else if (data.group[i] === MAJORITY) {
			reference.push(i);
		}
	}
	const q = Int32Array.from(queries);
	const r = Int32Array.from(reference);
	console.log(
		`Adult by race: ${q.length} Black query rows × ${r.length} White reference rows, ${data.x.width} features (${data.x.denseWidth} dense + ${data.x.blockCount} one-hot blocks), k = ${K}; CSV read in ${loadMs.toFixed(0)} ms`,
	);
	const t = timeRuns(KNN_RUNS, () => kNearest(data.x, q, data.x, r, K));
	console.log(
		`  kNearest (index build + all queries)  median ${median(t.ms).toFixed(1)} ms (CPU ${median(t.cpuMs).toFixed(0)} ms)   runs ${t.ms.map((m) => m.toFixed(0)).join(' ')}`,
	);
	const result = {
		queries: q.length,
		reference: r.length,
		width: data.x.width,
		k: K,
		runs: KNN_RUNS,
		medianMs: round(median(t.ms)),
		medianCpuMs: round(median(t.cpuMs)),
		runsMs: t.ms.map((m) => round(m)),
		csvLoadMs: round(loadMs),
	};
	if (exportDir !== undefined) {
		mkdirSync(exportDir, { recursive: true });
		writeNpy(join(exportDir, 'Q.npy'), densify(data.x, q), [q.length, data.x.width]);
		writeNpy(join(exportDir, 'R.npy'), densify(data.x, r), [r.length, data.x.width]);
		// Our answer, for an agreement check on the Python side: distances, and neighbours as
		// positions in R (matrix row → position among the reference rows).
		const position = new Map(reference.map((row, p) => [row, p]));
		writeNpy(join(exportDir, 'dist.npy'), t.last.distances, [q.length, K]);
		writeNpy(
			join(exportDir, 'idx.npy'),
			Float64Array.from(t.last.indices, (row) => position.get(row)!),
			[q.length, K],
		);
	}
	console.log(JSON.stringify(result));
}

/**
 * What bench/sklearn_timing.py fits on: the training rows of X as X.npy and, for each named label
 * vector (indexed by matrix row), its training rows as NAME.npy.
 */
function exportTraining(dir: string, x: FeatureMatrix, train: ArrayLike<number>, labels: Record<string, Uint8Array>): void {
	mkdirSync(dir, { recursive: true });
	writeNpy(join(dir, 'X.npy'), densify(x, train), [train.length, x.width]);
	for (const [name, y] of Object.entries(labels)) {
		writeNpy(
			join(dir, `${name}.npy`),
			Float64Array.from(train, (i) => y[i]!),
			[train.length],
		);
	}
}

/** The listed rows of a sparse matrix as a dense row-major float64 array (rows × width). */
function densify(x: FeatureMatrix, rows: ArrayLike<number>): Float64Array {
	const d = x.width;
	const out = new Float64Array(rows.length * d);
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		for (let j = 0; j < x.denseWidth; j++) {
			out[r * d + j] = x.dense[i * x.denseWidth + j]!;
		}
		for (let b = 0; b < x.blockCount; b++) {
			const f = x.active[i * x.blockCount + b]!;
			if (f >= 0) {
				out[r * d + f] = 1;
			}
		}
	}
	return out;
}

/** Writes a little-endian float64 C-order .npy file (format version 1.0). */
function writeNpy(path: string, values: Float64Array, shape: number[]): void {
	const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
	let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeText}, }`;
	// Magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64.
	const unpadded = 10 + header.length + 1;
	header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
	const prefix = Buffer.alloc(10);
	prefix.write('\x93NUMPY', 0, 'latin1');
	prefix[6] = 1;
	prefix[7] = 0;
	prefix.writeUInt16LE(header.length, 8);
	const fd = openSync(path, 'w');
	try {
		for (const bytes of [prefix, Buffer.from(header, 'latin1'), new Uint8Array(values.buffer, values.byteOffset, values.byteLength)]) {
			// writeSync may write less than asked; loop until the whole buffer is out.
			for (let done = 0; done < bytes.length;) {
				done += writeSync(fd, bytes, done, bytes.length - done);
			}
		}
	} finally {
		closeSync(fd);
	}
}
