// The flips section of `npm run bench`: the flips experiment of the issue (Adult by sex, α = 0.3,
// 10 values of M, 5 seeds, all four methods) through `collective-fairness simulate` (median of
// 3 runs) against ../shared/reference/aca_ref.py with the same grid (1 run, 2 if under a minute).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseWhole, root, runChild } from '../lib/child.mjs';
import { PYTHON, REFERENCE } from '../lib/environment.mjs';
import { CORES, fmtNum, median, round } from '../lib/figures.mjs';

/** The flips experiment of the issue: Adult by sex, α = 0.3, 10 values of M, 5 seeds, all four methods. */
const FLIPS_ROLES = ['--sensitive', 'sex', '--minority', 'Female', '--label', 'income-per-year', '--positive', '>50K'];
const OUR_RUNS = 3;
/** A reference run shorter than this is repeated once (median of 2); a longer one runs once. */
const REFERENCE_REPEAT_BELOW_S = 60;

export async function flips(bench) {
	if (bench.skipWithoutAdult('flips')) {
		return { skipped: bench.adultSkip };
	}
	const cli = join(root, 'dist', 'cli.js');
	if (!existsSync(cli)) {
		throw new Error(`${cli} not found: run npm run build (npm run bench does it first)`);
	}
	const grid = ['--alpha', '0.3', '--flips', '10', '--seeds', '5'];
	const oursArgs = [cli, 'simulate', bench.adult, ...FLIPS_ROLES, '--experiment', 'flips', ...grid, '--workers', String(CORES), '--json'];
	console.log(
		`ours: node dist/cli.js simulate ${bench.adult} ${FLIPS_ROLES.join(' ')} --experiment flips ${grid.join(' ')} --workers ${CORES} --json   (${OUR_RUNS} runs)`,
	);
	const runs = [];
	for (let r = 0; r < OUR_RUNS; r++) {
		const out = await runChild(process.execPath, oursArgs);
		const json = parseWhole(out, 'collective-fairness simulate');
		runs.push({
			wallS: round(out.wallMs / 1000, 3),
			seconds: round(json.timings.seconds, 3),
			fits: json.timings.fits,
			workers: json.timings.workers,
			baseEqod: json.base?.eqod?.mean ?? null,
		});
		console.log(
			`  run ${r + 1}: wall ${(out.wallMs / 1000).toFixed(2)} s, timings.seconds ${json.timings.seconds.toFixed(2)} s, ${json.timings.fits} fits on ${json.timings.workers} workers`,
		);
	}
	const ours = {
		runs,
		wallS: median(runs.map((r) => r.wallS)),
		seconds: median(runs.map((r) => r.seconds)),
		fits: runs[0].fits,
		workers: runs[0].workers,
	};
	ours.fitsPerSecond = round(ours.fits / ours.seconds, 1);
	console.log(
		`  ours: median wall ${ours.wallS.toFixed(2)} s, median timings.seconds ${ours.seconds.toFixed(2)} s, ${ours.fits} fits → ${ours.fitsPerSecond} fits/s`,
	);
	bench.info('flips experiment, ours (wall)', ours.wallS, 's');
	bench.info('flips experiment, ours fits/s', ours.fitsPerSecond, 'fits/s');
	const result = { ours };

	if (bench.quick) {
		bench.skip('flips: reference aca_ref.py run', '--quick');
		bench.skipTargets('flips');
		return result;
	}
	const pythonProblem = !existsSync(REFERENCE)
		? `${REFERENCE} not found`
		: bench.python.sklearn === undefined || !bench.python.pandas
			? bench.python.reason
			: undefined;
	if (pythonProblem !== undefined) {
		bench.skip('flips: reference aca_ref.py run, and the speed-up target', pythonProblem);
		bench.skipTargets('flips');
		return result;
	}
	const refArgs = [
		REFERENCE,
		bench.adult,
		'--label',
		'income-per-year',
		'--positive',
		'>50K',
		'--sensitive',
		'sex',
		'--minority',
		'Female',
		'--exp',
		'flips',
		...grid,
	];
	console.log(
		`reference: ${PYTHON} ${REFERENCE} ${bench.adult} --label income-per-year --positive '>50K' --sensitive sex --minority Female --exp flips ${grid.join(' ')}`,
	);
	console.log(
		`  running the scikit-learn reference once — it takes minutes (repeated once if it finishes in under ${REFERENCE_REPEAT_BELOW_S} s) …`,
	);
	const refRuns = [];
	for (;;) {
		const out = await runChild(PYTHON, refArgs);
		const json = parseWhole(out, 'aca_ref.py');
		const base = json.rows.find((row) => row.method === 'base');
		refRuns.push({
			wallS: round(out.wallMs / 1000, 3),
			seconds: round(json.seconds, 3),
			fits: json.fits,
			baseEqod: base?.eqod?.mean ?? null,
		});
		console.log(
			`  reference run ${refRuns.length}: wall ${(out.wallMs / 1000).toFixed(1)} s, its own seconds ${json.seconds.toFixed(1)} s, ${json.fits} fits`,
		);
		if (refRuns.length >= 2 || out.wallMs / 1000 >= REFERENCE_REPEAT_BELOW_S) {
			break;
		}
	}
	const reference = {
		runs: refRuns,
		wallS: median(refRuns.map((r) => r.wallS)),
		seconds: median(refRuns.map((r) => r.seconds)),
		fits: refRuns[0].fits,
	};
	reference.fitsPerSecond = round(reference.fits / reference.seconds, 2);
	result.reference = reference;
	result.ratios = {
		wall: round(reference.wallS / ours.wallS, 1),
		reported: round(reference.seconds / ours.seconds, 1),
		fitsPerSecond: round(ours.fitsPerSecond / reference.fitsPerSecond, 1),
	};
	console.log(
		`  reference: ${refRuns.length === 1 ? 'one run' : `median of ${refRuns.length}`}: wall ${reference.wallS.toFixed(1)} s, its own seconds ${reference.seconds.toFixed(1)} s, ${reference.fits} fits → ${reference.fitsPerSecond} fits/s`,
	);
	console.log(
		`  base-model EqOd (mean over the 5 seeds; different random streams, so close, not equal): ours ${fmtNum(runs[0].baseEqod, 4)}, reference ${fmtNum(refRuns[0].baseEqod, 4)}`,
	);
	console.log(
		`  speed-up ours vs reference: wall ${result.ratios.wall}×, self-reported seconds ${result.ratios.reported}×, fits/s ${result.ratios.fitsPerSecond}×`,
	);
	console.log(
		"  (wall = whole process incl. start-up and CSV load; ours also spawns workers. Self-reported: ours timings.seconds excludes the CSV load, the reference's includes its pandas load.)",
	);
	bench.target('flips experiment speed-up vs aca_ref.py (wall)', result.ratios.wall, '×', '≥ 20', result.ratios.wall >= 20);
	bench.info('flips speed-up, self-reported seconds', result.ratios.reported, '×');
	bench.info('flips experiment, reference fits/s', reference.fitsPerSecond, 'fits/s');
	return result;
}
