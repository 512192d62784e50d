import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { CLI, cliAll, ensureBuilt, generated, tempDir, type CliRun } from './run';

interface Summary {
	mean: number | null;
	sd?: number;
	lo?: number;
	hi?: number;
	n: number;
}

describe('cli: simulate and generate', () => {
	let dir: string;
	let data: string;
	let cleanup = (): void => undefined;
	let json: CliRun, csv: CliRun, text: CliRun, overInput: CliRun, gen: CliRun;
	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		data = generated(dir, 1500);
		const quick = ['--seeds', '2', '--flips', '3', '--workers', '1', '--methods', 'rb-prob,random'];
		[json, csv, text, overInput, gen] = await cliAll(
			[
				['simulate', data, '--experiment', 'flips', ...quick, '--json'],
				['simulate', data, '--experiment', 'flips', ...quick, '--csv'],
				['simulate', data, '--experiment', 'size', '--alphas', '0.001,0.3', ...quick],
				['simulate', data, '--experiment', 'flips', ...quick, '--out', data],
				['generate', '--out', path.join(dir, 'gen.csv'), '--rows', '250', '--seed', '9', '--json'],
			],
			3,
		);
	});
	after(() => cleanup());

	it('--json has the documented shape', () => {
		assert.equal(json.status, 0, json.stderr);
		assert.doesNotMatch(json.stdout, /NaN|Infinity/);
		const r = JSON.parse(json.stdout) as Record<string, unknown> & {
			dataset: { file: string; rows: number };
			roles: Record<string, unknown>;
			params: { experiment: string; seeds: number };
			base: Record<string, Summary>;
			rows: Array<
				Record<string, unknown> & {
					method: string;
					alpha: number;
					flips: number;
					seeds: number;
					error: Summary;
					spd: Summary;
					eqod: Summary;
				}
			>;
			timings: { seconds: number; fits: number };
			warnings: string[];
		};
		assert.equal(r.dataset.file, data);
		assert.equal(r.dataset.rows, 1500);
		assert.deepEqual(Object.keys(r.roles).sort(), ['favourable', 'label', 'majority', 'minority', 'sensitive']);
		assert.equal(r.params.experiment, 'flips');
		assert.equal(r.params.seeds, 2);
		for (const m of ['error', 'spd', 'eqod', 'success', 'counterfactualGap']) {
			assert.equal(typeof r.base[m]!.mean, 'number', `base.${m}`);
		}
		// 3 coarse points, then the refinement pass's points around each method's best M and target crossing.
		const refined = (r['gridRefinement'] as number[]).length;
		assert.ok(refined > 0 && refined <= 2 * 2 * 2, `refinement points: ${refined}`);
		assert.equal(r.rows.length, 2 * (3 + refined));
		for (const row of r.rows) {
			assert.ok(['rb-prob', 'random'].includes(row.method));
			assert.equal(row.alpha, 0.3);
			assert.equal(typeof row.flips, 'number');
			assert.equal(row.seeds, 2);
			for (const m of [row.error, row.spd, row.eqod]) {
				assert.deepEqual(Object.keys(m).sort(), ['hi', 'lo', 'mean', 'n', 'sd']);
				assert.ok(m.lo! <= m.mean! && m.mean! <= m.hi!);
			}
		}
		assert.ok(r.timings.seconds > 0);
		assert.equal(r.timings.fits, 2 * 2 * (2 + refined));
		assert.deepEqual(r.warnings, []);
		assert.deepEqual(r['failures'], []);
	});

	it('--csv output parses: one header, a base row, one line per row, every line the same width', () => {
		assert.equal(csv.status, 0, csv.stderr);
		const parsed = Papa.parse<string[]>(csv.stdout.trimEnd(), { skipEmptyLines: true });
		assert.deepEqual(parsed.errors, []);
		const [header, ...lines] = parsed.data;
		assert.ok(header !== undefined);
		assert.deepEqual(header.slice(0, 6), ['experiment', 'method', 'knowledge', 'alpha', 'grid_index', 'flips']);
		assert.ok(header.includes('eqod_mean') && header.includes('success_mean'));
		const refined = (JSON.parse(json.stdout) as { gridRefinement: number[] }).gridRefinement.length;
		assert.equal(lines.length, 1 + 2 * (3 + refined), 'the same parameters as the --json run, so the same refined grid');
		assert.ok(lines.every((l) => l.length === header.length));
		assert.equal(lines[0]![1], 'base');
		const eqod = header.indexOf('eqod_mean');
		assert.ok(lines.every((l) => Number.isFinite(Number(l[eqod]))));
	});

	it('the text output prints the table and says when a collective is empty', () => {
		assert.equal(text.status, 0, text.stderr);
		assert.match(text.stdout, /Best EqOd over the M grid, per α:/);
		assert.match(text.stdout, /^Method\s+α\s+M\s+Pool\s+EqOd/m);
		assert.match(text.stdout, /^Note: α = 0\.001: the collective has 0 members \(round\(0\.001 × \d+\) = 0/m);
	});

	it('--out refuses to overwrite the input CSV', () => {
		assert.equal(overInput.status, 2);
		assert.match(overInput.stderr, /refusing to write .*data\.csv/);
	});

	it('Ctrl-C cancels a running simulation: "cancelled", exit 130, promptly', async () => {
		// Far longer than the test waits (minutes uncancelled), so the signal lands mid-run.
		const child = spawn(
			process.execPath,
			[CLI, 'simulate', data, '--experiment', 'flips', '--seeds', '50', '--flips', '60', '--workers', '2'],
			{ env: { ...process.env, CI: '1' } },
		);
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => {
			stderr += d.toString();
		});
		const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
			child.on('exit', (code) => resolve({ code, at: performance.now() })),
		);
		// The SIGINT handler is installed once the file is read; give it time, on a loaded machine too.
		await new Promise((resolve) => setTimeout(resolve, 2500));
		const sentAt = performance.now();
		child.kill('SIGINT');
		const { code, at } = await exited;
		assert.equal(code, 130, stderr);
		assert.match(stderr, /collective-fairness simulate: cancelled\n$/);
		assert.ok(at - sentAt < 2000, `exited ${(at - sentAt).toFixed(0)} ms after SIGINT`);
	});

	it('generate writes the CSV with cf_ columns and its sidecar', () => {
		assert.equal(gen.status, 0, gen.stderr);
		const summary = JSON.parse(gen.stdout) as { file: string; sidecar: string; rows: number; columns: number };
		assert.equal(summary.rows, 250);
		assert.equal(summary.sidecar, path.join(dir, 'gen.fairness.json'));
		const lines = readFileSync(path.join(dir, 'gen.csv'), 'utf8').trimEnd().split(/\r?\n/);
		assert.equal(lines.length, 1 + 250);
		const header = lines[0]!.split(',');
		assert.equal(header.length, summary.columns);
		assert.ok(header.includes('group') && header.includes('label') && header.includes('cf_label'));
		const side = JSON.parse(readFileSync(summary.sidecar, 'utf8')) as {
			version: number;
			sensitive: { column: string; minority: string[] };
			label: { column: string; favourable: string[] };
			features: { exclude: string[] };
		};
		assert.equal(side.version, 1);
		assert.equal(side.sensitive.column, 'group');
		assert.deepEqual(side.sensitive.minority, ['minority']);
		assert.deepEqual(side.label, { column: 'label', favourable: ['favourable'] });
		assert.deepEqual(
			side.features.exclude,
			header.filter((h) => h.startsWith('cf_')),
		);
	});
});
