/** `generate --toy` as a user runs it: the shipped sample's bytes, its sidecar, and refusals that name the option. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, ensureBuilt, ROOT, tempDir } from './run';

describe('collective-fairness generate --toy', () => {
	const { dir, cleanup } = tempDir();
	before(() => ensureBuilt());
	after(cleanup);

	it('writes exactly samples/toy.csv and its sidecar with the defaults, and says how to simulate it', () => {
		const out = path.join(dir, 'toy.csv');
		const r = cli(['generate', '--toy', '--out', out]);
		assert.equal(r.status, 0, r.stderr);
		assert.match(r.stdout, /Wrote the toy \(3,000 rows × 7 columns\)/);
		assert.match(r.stdout, /--test-fraction 0\.8/);
		assert.equal(readFileSync(out, 'utf8'), readFileSync(path.join(ROOT, 'samples', 'toy.csv'), 'utf8'));
		assert.equal(
			readFileSync(path.join(dir, 'toy.fairness.json'), 'utf8'),
			readFileSync(path.join(ROOT, 'samples', 'toy.fairness.json'), 'utf8'),
		);
	});

	it('takes --rows, --seed and the group options; --json reports them', () => {
		const r = cli([
			'generate',
			'--toy',
			'--rows',
			'200',
			'--seed',
			'4',
			'--label-bias',
			'1',
			'--json',
			'--out',
			path.join(dir, 'small.csv'),
		]);
		assert.equal(r.status, 0, r.stderr);
		const summary = JSON.parse(r.stdout) as { rows: number; columns: number; options: Record<string, number> };
		assert.equal(summary.rows, 200);
		assert.equal(summary.columns, 7);
		assert.deepEqual(summary.options, { rows: 200, seed: 4, minorityFraction: 0.2, shift: 1, labelBias: 1, noise: 0.45 });
	});

	it('refuses options that do not apply or are out of range, naming them', () => {
		const missing = cli(['generate', '--toy', '--missing-rate', '0.1', '--out', path.join(dir, 'm.csv')]);
		assert.equal(missing.status, 2);
		assert.match(missing.stderr, /--missing-rate does not apply to --toy/);
		const rows = cli(['generate', '--toy', '--rows', '5', '--out', path.join(dir, 'r.csv')]);
		assert.notEqual(rows.status, 0);
		assert.match(rows.stderr, /toy option 'rows' must be an integer in \[20, 1000000\], got 5/);
	});
});
