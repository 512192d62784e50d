// Benchmark children: every figure is measured in a fresh process (so no measurement warms the JIT
// for another), started from the repository root, with the load average before and after it.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage, round } from './figures.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GNU_TIME = '/usr/bin/time';
/** GNU time's line (user and system CPU seconds, peak RSS in KB) after the child's stderr, found by its marker. */
const TIME_LINE = /^CF_TIME ([\d.]+) ([\d.]+) (\d+)$/m;

/**
 * Runs COMMAND ARGS to completion. Resolves { stdout, stderr, status, wallMs, cpuS, peakKB,
 * loadBefore, loadAfter }; rejects with the end of its stderr when it exits non-zero (unless
 * `allowFailure`). Options:
 *   live        echo every complete stdout line as it comes, indented, but a JSON one (the figures,
 *               read from stdout at the end): for children that run for minutes
 *   timed       run under GNU time when installed, for the child's CPU time (user + system, which
 *               moves much less with the load than wall time) and peak RSS ("maximum resident set
 *               size"); without it cpuS is null and peakKB the child's VmHWM read from /proc every
 *               100 ms (a lower bound by at most the last 100 ms)
 *   stdoutFile  write stdout to this file instead of holding it (stdout is then '')
 */
export function runChild(command, args, { live = false, timed = false, stdoutFile, allowFailure = false } = {}) {
	const useTime = timed && existsSync(GNU_TIME);
	const loadBefore = loadAverage();
	return new Promise((resolvePromise, reject) => {
		const started = performance.now();
		const child = useTime
			? spawn(GNU_TIME, ['-f', 'CF_TIME %U %S %M', command, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
			: spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout = [];
		const stderr = [];
		const file = stdoutFile !== undefined ? createWriteStream(stdoutFile) : undefined;
		if (file !== undefined) {
			child.stdout.pipe(file);
		} else {
			child.stdout.on('data', (d) => stdout.push(d));
		}
		if (live) {
			let pending = '';
			child.stdout.on('data', (d) => {
				const lines = (pending + d.toString('utf8')).split('\n');
				pending = lines.pop() ?? '';
				for (const line of lines.filter((l) => !l.startsWith('{'))) {
					console.log(`  ${line}`);
				}
			});
		}
		child.stderr.on('data', (d) => stderr.push(d));
		let polledKB = 0;
		const poll =
			timed && !useTime
				? setInterval(() => {
						polledKB = Math.max(polledKB, vmHwmKB(child.pid));
					}, 100)
				: undefined;
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearInterval(poll);
			const wallMs = performance.now() - started;
			const errText = Buffer.concat(stderr).toString('utf8');
			const time = TIME_LINE.exec(errText);
			const result = {
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: time !== null ? errText.replace(TIME_LINE, '') : errText,
				status: code,
				wallMs,
				cpuS: time !== null ? round(Number(time[1]) + Number(time[2]), 2) : null,
				peakKB: time !== null ? Number(time[3]) : polledKB,
				loadBefore,
				loadAfter: loadAverage(),
			};
			const settle = () => {
				if (code !== 0 && !allowFailure) {
					const tail = result.stderr.trim().split('\n').slice(-8).join('\n');
					reject(new Error(`${command} ${args.slice(0, 2).join(' ')} … exited with ${code ?? signal}: ${tail}`));
				} else {
					resolvePromise(result);
				}
			};
			if (file !== undefined) {
				file.end(settle);
			} else {
				settle();
			}
		});
	});
}

function vmHwmKB(pid) {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match !== null ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** The JSON object on a child's last stdout line. */
export function lastJson(out, what) {
	const line = out.stdout.trim().split('\n').pop() ?? '';
	try {
		return JSON.parse(line);
	} catch {
		throw new Error(`${what} did not end with a JSON line; stdout ended with: ${line.slice(0, 300)}`);
	}
}

/** A child whose whole stdout is one JSON document. */
export function parseWhole(out, what) {
	try {
		return JSON.parse(out.stdout);
	} catch {
		throw new Error(`${what} did not print JSON; stdout began with: ${out.stdout.slice(0, 300)}; stderr: ${out.stderr.slice(0, 300)}`);
	}
}

/** Prints a child's human-readable lines, indented (without its final JSON line under dropLast). */
export function echo(text, { dropLast }) {
	const lines = text.trim().split('\n');
	for (const line of dropLast ? lines.slice(0, -1) : lines) {
		console.log(`  ${line}`);
	}
}
