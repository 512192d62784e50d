// The scale section of `npm run bench`: profile and audit of 10 million generated rows as CSV and
// Parquet (bench/scaleMemory.mjs), then the flips experiment at a million rows and the Adult sweep
// per fit against aca_ref.py (bench/scaleFlips.mjs); 1 million rows, 1 run and no reference under
// --quick. Both children print their lines as they come: they run for minutes.
import { join } from 'node:path';
import { lastJson, root, runChild } from '../lib/child.mjs';

export async function scale(bench) {
	const memory = await scaleMemory(bench);
	const sweep = await scaleFlips(bench);
	return { memory, sweep };
}

/** The 1M-row flips run and the Adult sweep per fit against aca_ref.py (bench/scaleFlips.mjs). */
async function scaleFlips(bench) {
	const args = [join(root, 'bench', 'scaleFlips.mjs'), '--json', ...(bench.quick ? ['--no-reference', '--runs', '1'] : [])];
	console.log(
		`sweep: node bench/scaleFlips.mjs${bench.quick ? ' --no-reference --runs 1' : ''} (a 1M-row flips run, the Adult sweep and its reference; minutes)`,
	);
	const r = lastJson(await runChild(process.execPath, args, { live: true }), 'bench/scaleFlips.mjs');
	const m = r.million;
	bench.target(
		`flips at ${m.runs[0].fits} fits, 1M generated rows, 4 methods × 4 M × 1 seed (wall, load ${m.loadBefore[0]})`,
		m.wallS,
		's',
		'≤ 30',
		m.pass,
	);
	bench.info('  its CPU time (user + system)', m.cpuS ?? 'n/a', 's');
	if (r.adult?.ours !== undefined) {
		bench.info(`Adult flips sweep, ours per fit (load ${r.adult.ours.loadBefore[0]})`, r.adult.ours.perFitMs, 'ms');
	}
	if (r.adult?.ratio !== undefined) {
		const load = `load ${r.adult.ours.loadBefore[0]} / ${r.adult.reference.loadBefore[0]}`;
		bench.target(`Adult flips sweep per fit, aca_ref.py / ours (${load})`, r.adult.ratio, '×', '≥ 50 at low load', r.adult.pass);
		bench.info('  the same ratio in CPU time per fit', r.adult.cpuRatio ?? 'n/a', '×');
	} else {
		bench.skip('scale: Adult sweep ratio against aca_ref.py', r.skipped.join('; ') || 'not measured');
	}
	return r;
}

/** Profile and audit of 10M rows (1M under --quick), CSV and Parquet: wall time and peak RSS of each child. */
async function scaleMemory(bench) {
	const rows = bench.quick ? 1_000_000 : 10_000_000;
	const shown = `${rows / 1_000_000}M rows`;
	console.log(`memory: node bench/scaleMemory.mjs --rows ${rows} (generates the data, then four CLI runs; minutes)`);
	// Its lines are shown as they come: the section runs for many minutes at ten million rows.
	const out = await runChild(process.execPath, [join(root, 'bench', 'scaleMemory.mjs'), '--rows', String(rows), '--json'], { live: true });
	const r = lastJson(out, 'bench/scaleMemory.mjs');
	for (const run of r.runs) {
		const label = `${run.command} ${run.format}, ${shown} (${run.fileMB} MB)`;
		bench.target(`${label}: peak RSS`, run.peakRssMB, 'MB', '< 4096', run.peakRssMB < 4096);
		bench.info(`${label}: wall, load ${run.loadBefore[0]}`, run.wallS, 's');
	}
	bench.target(`audit CSV vs Parquet, ${shown}: same figures`, r.sameAuditFigures ? 'yes' : 'no', '', 'yes', r.sameAuditFigures);
	return r;
}
