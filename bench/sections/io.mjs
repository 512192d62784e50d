// The input sections of `npm run bench`: ingest (bench/ingest.mjs: readCsvFile against papaparse's
// raw streaming parse, and peak RSS) and server (bench/server.ts, bundled: the language server over
// JSON-RPC on a generated 60 MiB CSV and on Adult).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { echo, lastJson, root, runChild } from '../lib/child.mjs';
import { round } from '../lib/figures.mjs';

export async function ingest(bench) {
	const out = await runChild(process.execPath, [join(root, 'bench', 'ingest.mjs'), '--json']);
	echo(out.stdout, { dropLast: true });
	const r = lastJson(out, 'bench/ingest.mjs');
	bench.target('ingest throughput (readCsvFile)', r.ingestMBps, 'MB/s', '≥ 40', r.ingestMBps >= 40);
	bench.target('ingest / papaparse raw streaming', r.ratio, '×', '≥ 0.8', r.ratio >= 0.8);
	bench.target(`ingest peak RSS / file size (${r.fileMB} MB)`, r.rssRatio, '×', '≤ 3', r.rssRatio <= 3);
	bench.info('papaparse raw streaming (baseline)', r.papaparseMBps, 'MB/s');
	bench.info('ingest per CPU-second (load-insensitive)', r.ingestCpuMBps, 'MB/s');
	return r;
}

export async function server(bench) {
	const script = join(root, 'dist', 'server.js');
	if (!existsSync(script)) {
		throw new Error(`${script} not found: run npm run build (npm run bench does it first)`);
	}
	const out = await runChild(process.execPath, [await bench.bundle('server'), root, bench.adultSkip === undefined ? bench.adult : '']);
	echo(out.stdout, { dropLast: true });
	const r = lastJson(out, 'bench/server.ts');
	const s = (ms) => round(ms / 1000, 3);
	bench.target(
		'60 MiB: first hover after a full-text didOpen (plain LSP client)',
		s(r.didOpen.firstHoverMedianMs),
		's',
		'< 3',
		r.didOpen.firstHoverMedianMs < 3000,
	);
	bench.info('  of which until the server has read the didOpen (JSON-RPC)', s(r.didOpen.receivedMedianMs), 's');
	bench.info('  of which in the server after that', s(r.didOpen.afterReceiptMedianMs), 's');
	if (r.didOpen.serverCpuMedianMs !== null) {
		bench.info(
			'  server CPU time to the first hover / after reading (load-insensitive)',
			`${s(r.didOpen.serverCpuMedianMs)} / ${s(r.didOpen.serverCpuAfterReceiptMedianMs)} s`,
			'',
		);
	}
	bench.info(
		'60 MiB: that first hover was Preliminary (from the head)',
		`${r.didOpen.preliminary.filter((p) => p).length} of ${r.didOpen.preliminary.length} runs`,
		'',
	);
	bench.info('60 MiB: full analysis after didOpen (diagnostics)', s(r.didOpen.fullMedianMs), 's');
	bench.info('60 MiB from disk by URI: profile request (VS Code > 50 MB; no hover there)', s(r.disk.profileMedianMs), 's');
	bench.info(
		'60 MiB from disk: SHA-1 / readCsvFile / profileTable',
		`${s(r.disk.breakdown.hashMs)} / ${s(r.disk.breakdown.parseMs)} / ${s(r.disk.breakdown.profileTableMs)} s`,
		'',
	);
	bench.target('hover p95 once parsed, 60 MiB (200 random cells)', r.bigHover.p95, 'ms', '< 20', r.bigHover.p95 < 20);
	bench.info('hover p50 once parsed, 60 MiB', r.bigHover.p50, 'ms');
	if (r.adult === null) {
		bench.skip('server: Adult hovers and the simulation', bench.adultSkip);
		bench.skipTargets('server');
		return r;
	}
	bench.target('hover p95 once parsed, Adult (200 random cells)', r.adult.hover.p95, 'ms', '< 20', r.adult.hover.p95 < 20);
	bench.info('hover p50 once parsed, Adult', r.adult.hover.p50, 'ms');
	const sim = r.adult.simulation.hovers;
	bench.target('hover during a simulation (Adult), max', sim.max, 'ms', '< 100', sim.max < 100);
	bench.info(
		`hover during a simulation, p50 / p95 (${sim.n} hovers, ${r.adult.simulation.seconds.toFixed(1)} s run)`,
		`${sim.p50} / ${sim.p95} ms`,
		'',
	);
	return r;
}
