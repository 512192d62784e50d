import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cli, ensureBuilt, generated, tempDir } from './run';

describe('cli compare', () => {
	let dir: { dir: string; cleanup: () => void };
	let file: string;
	const quick = ['--seeds', '1', '--alphas', '0.3', '--flips', '3', '--collective-methods', 'rb-prob', '--workers', '1'];
	before(() => {
		ensureBuilt();
		dir = tempDir();
		file = generated(dir.dir, 1200);
	});
	after(() => dir.cleanup());

	it("--json: rows shaped like simulate's with an approach, a variant, the sweep parameter and the front flags", () => {
		const r = cli(['compare', file, ...quick, '--methods', 'eqodds-thresholds,reweighing,collective', '--json']);
		assert.equal(r.status, 0, r.stderr);
		const out = JSON.parse(r.stdout) as {
			command: string;
			rows: Array<Record<string, unknown>>;
			base: Record<string, unknown>;
			defense: { rows: unknown[] } | null;
			summary: unknown[];
		};
		assert.equal(out.command, 'compare');
		assert.deepEqual([...new Set(out.rows.map((x) => x['approach']))], ['base', 'eqodds-thresholds', 'reweighing', 'collective']);
		for (const row of out.rows) {
			for (const key of ['approach', 'variant', 'parameter', 'seeds', 'error', 'spd', 'eqod', 'eqodMax', 'front']) {
				assert.ok(key in row, `row has ${key}`);
			}
			const eqod = row['eqod'] as { mean: number; sd: number; lo: number; hi: number; n: number };
			assert.ok(typeof eqod.mean === 'number' && typeof eqod.lo === 'number' && eqod.n === 1);
		}
		assert.ok(out.rows.some((x) => (x['parameter'] as Record<string, number>)['epsilon'] === 0));
		assert.ok(out.defense !== null && out.defense.rows.length === 5, 'defense: 5 M points by default');
		assert.ok(!r.stdout.includes('NaN'));
	});

	it('--csv: one header and a line per row; text output shows fronts and the defending firm', () => {
		const csv = cli(['compare', file, ...quick, '--methods', 'fare', '--no-defense', '--csv']);
		assert.equal(csv.status, 0, csv.stderr);
		const lines = csv.stdout.trim().split('\n');
		assert.ok(lines[0]!.startsWith('approach,variant,parameter,seeds,error_mean'));
		assert.ok(lines[0]!.endsWith('front_eqod,front_spd'));
		assert.ok(lines.slice(1).every((l) => l.startsWith('base') || l.startsWith('fare')));
		const text = cli(['compare', file, ...quick, '--methods', 'massaging,collective']);
		assert.equal(text.status, 0, text.stderr);
		assert.match(text.stdout, /Fronts on the \(error, EqOd\) plane/);
		assert.match(text.stdout, /Defending firm/);
	});

	it('usage errors: unknown method, both --json and --csv, bad threshold', () => {
		assert.equal(cli(['compare', file, '--methods', 'magic']).status, 2);
		assert.match(cli(['compare', file, '--methods', 'magic']).stderr, /unknown method 'magic'/);
		assert.equal(cli(['compare', file, '--json', '--csv']).status, 2);
		assert.equal(cli(['compare', file, '--defense-threshold', '0.5']).status, 2);
	});
});
