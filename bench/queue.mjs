// The distributed runner's speed-up on this machine: one `simulate --queue` run served by 1, 2
// and 3 local `collective-fairness worker` processes (one thread each), against a private
// redis-server on a free port, beside the same run on local threads. Prints the wall times, the
// CPU seconds spent (coordinator and workers, from /usr/bin/time and /proc: Linux) and the load
// average before each run (the machine may be shared: under load, CPU seconds compare better).
//
//   npm run build && node bench/queue.mjs [--rows N] [--seeds S] [--flips F]
//
// Needs redis-server on PATH (Debian: apt-get install redis-server).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runChild } from './lib/child.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist', 'cli.js');
const { values } = parseArgs({
	options: { rows: { type: 'string', default: '20000' }, seeds: { type: 'string', default: '3' }, flips: { type: 'string', default: '8' } },
});

if (spawnSync('redis-server', ['--version']).error !== undefined) {
	console.error('redis-server is not installed (apt-get install redis-server)');
	process.exit(2);
}
const port = await new Promise((resolve) => {
	const s = net.createServer().listen(0, '127.0.0.1', () => {
		const p = s.address().port;
		s.close(() => resolve(p));
	});
});
const url = `redis://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-queue-bench-'));
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
	stdio: 'ignore',
});
const started = [];
try {
	await new Promise((r) => setTimeout(r, 500));
	const data = path.join(dir, 'data.csv');
	await run(['generate', '--out', data, '--rows', values.rows, '--seed', '1']);
	const sim = ['simulate', data, '--experiment', 'flips', '--seeds', values.seeds, '--flips', values.flips, '--csv'];
	const rows = [];
	for (const threads of [1, 2]) {
		const load = os.loadavg()[0].toFixed(2);
		const t0 = performance.now();
		const local = await run([...sim, '--workers', String(threads)]);
		rows.push({
			how: `local, ${threads} thread${threads === 1 ? '' : 's'}`,
			seconds: (performance.now() - t0) / 1000,
			load,
			out: local.out,
			cpu: local.cpu,
		});
	}
	for (const workers of [1, 2, 3]) {
		while (started.length < workers) {
			const w = spawn(process.execPath, [cli, 'worker', '--queue', url, '--threads', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
			let err = '';
			w.stderr.on('data', (d) => {
				err += d;
			});
			started.push(w);
			while (!/waiting for units/.test(err)) {
				await new Promise((r) => setTimeout(r, 50));
			}
		}
		const load = os.loadavg()[0].toFixed(2);
		const before = started.reduce((sum, w) => sum + cpuOf(w.pid), 0);
		const t0 = performance.now();
		const coordinator = await run([...sim, '--queue', url]);
		const workerCpu = started.reduce((sum, w) => sum + cpuOf(w.pid), 0) - before;
		rows.push({
			how: `queue, ${workers} worker${workers === 1 ? '' : 's'} × 1 thread`,
			seconds: (performance.now() - t0) / 1000,
			load,
			out: coordinator.out,
			cpu: coordinator.cpu + workerCpu,
		});
	}
	const same = rows.every((r) => r.out === rows[0].out);
	console.log(
		`${values.rows} rows, flips, ${values.seeds} seeds × 4 methods = ${Number(values.seeds) * 4} units, ${values.flips} values of M; ${os.cpus().length} cores`,
	);
	for (const r of rows) {
		console.log(
			`${r.how.padEnd(28)} ${r.seconds.toFixed(1).padStart(6)} s wall  ${Number.isNaN(r.cpu) ? '   n/a' : r.cpu.toFixed(1).padStart(6)} s CPU   load ${r.load}`,
		);
	}
	console.log(`rows identical across all runs: ${same ? 'yes' : 'NO'}`);
} finally {
	for (const w of started) {
		w.kill('SIGTERM');
	}
	redis.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
}

/** Runs the CLI; `cpu` is its user + system seconds (threads included) when GNU time exists, else NaN. */
async function run(args) {
	const r = await runChild(process.execPath, [cli, ...args], { timed: true });
	return { out: r.stdout, cpu: r.cpuS ?? NaN };
}

/** User + system seconds of a running process and its threads (Linux /proc). */
function cpuOf(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
			.replace(/^.*\) /, '')
			.split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}
