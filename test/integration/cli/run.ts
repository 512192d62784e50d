/** Runs the built CLI (dist/cli.js) as a user would, and prepares its input files in a temp dir. */
import { execFile, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';

/** The repository root, from out/test/integration/cli/ (compiled) where this runs. */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** `npm test` builds before testing; a lone `node --test` run builds here if dist is missing. */
export function ensureBuilt(): void {
	if (!existsSync(CLI) || !existsSync(path.join(ROOT, 'dist', 'simulationWorker.js'))) {
		const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, encoding: 'utf8' });
		if (r.status !== 0) {
			throw new Error(`build failed: ${r.stderr}`);
		}
	}
}

export interface CliRun {
	readonly status: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** Runs `node dist/cli.js ...args` in `cwd`; no TTY, so no progress bar, and CI set for good measure. */
export function cli(args: readonly string[], cwd: string = os.tmpdir()): CliRun {
	const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, CI: '1' },
		timeout: 60_000,
	});
	if (r.error !== undefined) {
		throw r.error;
	}
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same, without blocking: most of a CLI run's wall time is Node starting up, so independent
 * runs overlap well even on two cores (the usage tests would take 15 s one after another).
 */
export function cliAsync(args: readonly string[], cwd: string = os.tmpdir()): Promise<CliRun> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[CLI, ...args],
			{ cwd, encoding: 'utf8', env: { ...process.env, CI: '1' }, timeout: 60_000 },
			(error, stdout, stderr) => {
				const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
				resolve({ status: code, stdout, stderr });
			},
		);
	});
}

/** Runs every argument list, `limit` at a time, results in order. */
export async function cliAll<const T extends ReadonlyArray<readonly string[]>>(
	runs: T,
	limit = 6,
): Promise<{ -readonly [K in keyof T]: CliRun }> {
	const out: CliRun[] = new Array(runs.length);
	let next = 0;
	const lane = async (): Promise<void> => {
		while (next < runs.length) {
			const i = next++;
			out[i] = await cliAsync(runs[i]!);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, runs.length) }, lane));
	// One result per argument list, in order: the tuple type says so to the destructuring callers.
	return out as { -readonly [K in keyof T]: CliRun };
}

/** A fresh directory under os.tmpdir(), and its removal. */
export function tempDir(): { dir: string; cleanup: () => void } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-cli-test-'));
	return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a synthetic dataset (and its sidecar) with `generate`; returns the CSV path. */
export function generated(dir: string, rows = 1500, name = 'data.csv'): string {
	const file = path.join(dir, name);
	const r = cli(['generate', '--out', file, '--rows', String(rows), '--seed', '3']);
	if (r.status !== 0) {
		throw new Error(`generate failed: ${r.stderr}`);
	}
	return file;
}

/**
 * Registers the hooks of a suite that runs the built CLI on one synthetic dataset: builds dist/ if
 * missing, generates `rows` rows into a fresh temporary folder before the tests and removes the
 * folder after them. Read `dir` and `data` inside the tests (they are set once `before` has run).
 */
export function generatedFixture(rows: number): { dir: string; data: string } {
	const fixture = { dir: '', data: '' };
	let cleanup = (): void => undefined;
	before(() => {
		ensureBuilt();
		({ dir: fixture.dir, cleanup } = tempDir());
		fixture.data = generated(fixture.dir, rows);
	});
	after(() => cleanup());
	return fixture;
}
