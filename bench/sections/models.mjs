// The model sections of `npm run bench`: logistic, boosting and knn. Each times our fit in
// bench/model.ts (bundled, in a fresh child) on Adult by sex and, unless --quick or without
// scikit-learn, the matching scikit-learn call on the same matrix (bench/sklearn_timing.py).
import { join } from 'node:path';
import { echo, lastJson, root, runChild } from '../lib/child.mjs';
import { PYTHON } from '../lib/environment.mjs';
import { round } from '../lib/figures.mjs';

export const logistic = modelSection('logistic', async (bench, ours, sk) => {
	bench.target('warm refit, ~300 flips (Adult sex)', ours.warm.medianMs, 'ms', '≤ 150', ours.warm.medianMs <= 150);
	bench.info('warm refit CPU time (load-insensitive)', ours.warm.medianCpuMs, 'ms');
	bench.info('cold fit (Adult sex, 26k rows)', ours.cold.medianMs, 'ms');
	const result = { ours };
	if (sk) {
		const py = await sklearnFit(bench, 'logistic', 'LogisticRegression(C=1, lbfgs, max_iter=1000).fit on the same matrix, median of 5 …');
		result.sklearn = py;
		result.ratios = { cold: round(py.base.medianMs / ours.cold.medianMs), refit: round(py.flipped.medianMs / ours.warm.medianMs) };
		console.log(
			`  sklearn fit (base labels)          median ${py.base.medianMs.toFixed(1).padStart(7)} ms   runs ${py.base.runsMs.map((m) => m.toFixed(0)).join(' ')}   ${py.base.iterations} iterations, objective ${py.base.objective.toFixed(6)}`,
		);
		console.log(
			`  sklearn fit (flipped labels)       median ${py.flipped.medianMs.toFixed(1).padStart(7)} ms   runs ${py.flipped.runsMs.map((m) => m.toFixed(0)).join(' ')}   ${py.flipped.iterations} iterations, objective ${py.flipped.objective.toFixed(6)}`,
		);
		console.log(
			`  BLAS threads: ${JSON.stringify(py.blas)}; sklearn's default tol=1e-4 stops at an objective ${relGap(py.base.objective, ours.cold.objective)} above ours (tol 1e-8)`,
		);
		console.log(
			`  ratio sklearn/ours: cold fit ${result.ratios.cold}×, refit after flips (sklearn from zero, as aca_ref.py does; ours warm) ${result.ratios.refit}×`,
		);
		bench.info('cold fit: sklearn / ours', result.ratios.cold, '×');
		bench.info('refit after flips: sklearn / ours (warm)', result.ratios.refit, '×');
	}
	return result;
});

export const boosting = modelSection('boosting', async (bench, ours, sk) => {
	bench.info('boosting fit, ours (Adult sex, 100 trees)', ours.medianMs, 'ms');
	bench.info('boosting fit CPU time, ours (load-insensitive)', ours.medianCpuMs, 'ms');
	const result = { ours };
	if (!sk) {
		bench.skipTargets('boosting');
		return result;
	}
	const py = await sklearnFit(
		bench,
		'boosting',
		'HistGradientBoostingClassifier(early_stopping=False).fit on the same matrix (one OpenMP thread, then the default) …',
	);
	result.sklearn = py;
	for (const [name, r] of [
		['one thread', py.oneThread],
		['default threads', py.defaultThreads],
	]) {
		console.log(
			r.skipped !== undefined
				? `  sklearn fit, ${name}: not timed (${r.skipped}; OpenMP's waiting threads spin, so a loaded machine measures contention)`
				: `  sklearn fit, ${name.padEnd(16)} median ${r.medianMs.toFixed(1).padStart(8)} ms (CPU ${r.medianCpuMs.toFixed(0)} ms)   runs ${r.runsMs.map((m) => m.toFixed(0)).join(' ')}   ${r.iterations} trees, train log-loss ${r.trainLoss.toFixed(6)}`,
		);
	}
	const fastest = Math.min(py.oneThread.medianMs, py.defaultThreads.medianMs ?? Infinity);
	result.ratios = { wall: round(ours.medianMs / fastest), cpuOneThread: round(ours.medianCpuMs / py.oneThread.medianCpuMs) };
	console.log(`  train log-loss ours ${ours.trainLoss.toFixed(6)} vs sklearn ${py.oneThread.trainLoss.toFixed(6)}`);
	console.log(
		`  ratio ours/sklearn: wall ${result.ratios.wall}× (against sklearn's faster setting), CPU ${result.ratios.cpuOneThread}× (against one thread)`,
	);
	bench.target(
		'boosting fit / sklearn HistGradientBoosting fit (Adult sex, wall)',
		result.ratios.wall,
		'×',
		'≤ 2',
		result.ratios.wall <= 2,
	);
	bench.info('boosting fit CPU: ours / sklearn one thread', result.ratios.cpuOneThread, '×');
	return result;
});

export const knn = modelSection('knn', async (bench, ours, sk) => {
	bench.target(
		`kNN ${ours.queries} Black × ${ours.reference} White, k=5`,
		round(ours.medianMs / 1000, 3),
		's',
		'≤ 2',
		ours.medianMs <= 2000,
	);
	bench.info('kNN CPU time (load-insensitive)', round(ours.medianCpuMs / 1000, 3), 's');
	const result = { ours };
	if (sk) {
		const py = await sklearnFit(bench, 'knn', 'NearestNeighbors(algorithm=brute).kneighbors on the same matrix, median of 5 …');
		result.sklearn = py;
		result.ratio = round(py.medianMs / ours.medianMs);
		console.log(
			`  sklearn kneighbors                     median ${py.medianMs.toFixed(1)} ms   runs ${py.runsMs.map((m) => m.toFixed(0)).join(' ')}   BLAS threads: ${JSON.stringify(py.blas)}`,
		);
		console.log(
			`  agreement: same neighbour set for ${py.sameNeighbourSets} of ${py.queries} queries; largest distance difference ${py.maxDistanceDiff.toExponential(1)}`,
		);
		console.log(`  ratio sklearn/ours: ${result.ratio}×`);
		bench.info('kNN: sklearn brute / ours', result.ratio, '×');
	}
	return result;
});

/**
 * A model section: skipped without Adult; otherwise our timing of KIND, exporting the matrix when
 * scikit-learn is to be timed too (sk), then MEASURE(bench, ours, sk) for the rest of its figures.
 */
function modelSection(kind, measure) {
	return async (bench) => {
		if (bench.skipWithoutAdult(kind)) {
			return { skipped: bench.adultSkip };
		}
		const sk = bench.sklearnWanted(kind);
		return measure(bench, await ourFit(bench, kind, sk), sk);
	};
}

/** Our timing of KIND (bench/model.ts) on Adult, its lines echoed; with SK it also exports the matrix for scikit-learn. */
async function ourFit(bench, kind, sk) {
	const args = [await bench.bundle('model'), kind, bench.adult, ...(sk ? ['--export', bench.exportDir] : [])];
	const out = await runChild(process.execPath, args);
	echo(out.stdout, { dropLast: true });
	return lastJson(out, `model ${kind}`);
}

/** scikit-learn's timing of KIND on the matrix ourFit exported (bench/sklearn_timing.py). */
async function sklearnFit(bench, kind, what) {
	console.log(`  scikit-learn ${what}`);
	const out = await runChild(PYTHON, [join(root, 'bench', 'sklearn_timing.py'), kind, bench.exportDir]);
	return lastJson(out, `sklearn_timing.py ${kind}`);
}

function relGap(theirs, ours) {
	return `${((theirs - ours) / Math.abs(ours)).toExponential(1)} (relative)`;
}
