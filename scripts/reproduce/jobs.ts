/**
 * Runs the CLI once per (dataset, experiment), at most GRID.slots at a time (one core each), longest
 * first, and keeps each run's JSON, wall time and the machine's load average.
 */
import { spawn } from 'node:child_process';
import * as os from 'node:os';

export interface Job {
	readonly key: string;
	/** The script node runs (dist/cli.js, or the bundled compareRun.js). */
	readonly script: string;
	/** How the report prints the command. */
	readonly display: string;
	readonly args: readonly string[];
	/** Rough relative cost, for scheduling the longest runs first. */
	readonly cost: number;
}

export interface JobResult {
	readonly key: string;
	readonly seconds: number;
	readonly json: unknown;
	readonly command: string;
}

export async function runJobs(
	cwd: string,
	jobs: readonly Job[],
	slots: number,
	log: (line: string) => void,
): Promise<Map<string, JobResult>> {
	const queue = [...jobs].sort((a, b) => b.cost - a.cost);
	const results = new Map<string, JobResult>();
	const started = performance.now();
	async function worker(): Promise<void> {
		for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
			const t0 = performance.now();
			const stdout = await runChild(process.execPath, [job.script, ...job.args], cwd);
			const seconds = (performance.now() - t0) / 1000;
			results.set(job.key, { key: job.key, seconds, json: JSON.parse(stdout), command: `${job.display} ${job.args.map(quote).join(' ')}` });
			const elapsed = (performance.now() - started) / 1000;
			log(
				`  ${job.key.padEnd(28)} ${seconds.toFixed(1).padStart(6)} s   (elapsed ${elapsed.toFixed(0)} s, load ${os.loadavg()[0]!.toFixed(1)}, ${queue.length} queued)`,
			);
		}
	}
	await Promise.all(Array.from({ length: slots }, () => worker()));
	return results;
}

function runChild(command: string, args: readonly string[], cwd: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (d: Buffer) => out.push(d));
		child.stderr.on('data', (d: Buffer) => err.push(d));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) {
				resolve(Buffer.concat(out).toString('utf8'));
			} else {
				const tail = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-6).join('\n');
				reject(new Error(`collective-fairness ${args.slice(1, 3).join(' ')} exited with ${code ?? signal}:\n${tail}`));
			}
		});
	});
}

/** Shell quoting for the commands printed in the report. */
export function quote(a: string): string {
	return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** Rounds every number to 4 decimals and drops the CSV dialect details: the JSON stays a valid panel result. */
export function compact(value: unknown): unknown {
	if (typeof value === 'number') {
		return Number.isInteger(value) ? value : Math.round(value * 1e4) / 1e4;
	}
	if (Array.isArray(value)) {
		return value.map(compact);
	}
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			if (k !== 'input') {
				out[k] = compact(v);
			}
		}
		return out;
	}
	return value;
}
