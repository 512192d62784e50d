import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { cli, cliAll, generatedFixture } from './run';

const COMMANDS = ['profile', 'audit', 'simulate', 'generate'];

describe('cli: help and usage errors', () => {
	const fx = generatedFixture(400);

	it('--help exits 0 with the command list, and every command has its own --help', async () => {
		const [top, version, ...each] = await cliAll([['--help'], ['--version'], ...COMMANDS.map((c) => [c, '--help'])]);
		assert.equal(top!.status, 0);
		assert.equal(version!.status, 0);
		for (const [i, c] of COMMANDS.entries()) {
			assert.match(top!.stdout, new RegExp(`^  ${c} `, 'm'));
			const r = each[i]!;
			assert.equal(r.status, 0, `${c} --help: ${r.stderr}`);
			assert.match(r.stdout, new RegExp(`^Usage: collective-fairness ${c}`));
			assert.equal(r.stderr, '');
		}
	});

	it('no command prints the usage and exits 2; an unknown command is named, exit 2', () => {
		const none = cli([]);
		assert.equal(none.status, 2);
		assert.match(none.stdout, /Usage: collective-fairness <command>/);
		const r = cli(['frobnicate']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /unknown command 'frobnicate'/);
	});

	it('a command without its FILE exits 2 asking for it', async () => {
		const runs = await cliAll([['profile'], ['audit'], ['simulate', '--experiment', 'flips']]);
		for (const [i, c] of ['profile', 'audit', 'simulate'].entries()) {
			const r = runs[i]!;
			assert.equal(r.status, 2, c);
			assert.match(r.stderr, new RegExp(`give the CSV FILE to ${c === 'simulate' ? 'simulate on' : c}`));
			assert.match(r.stderr, new RegExp(`Run 'collective-fairness ${c} --help'`));
		}
		const g = cli(['generate']);
		assert.equal(g.status, 2);
		assert.match(g.stderr, /--out FILE is required/);
	});

	it('bad flag values exit 2 with a message naming the flag and the value', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['audit', fx.data, '--seed', 'abc'], /--seed must be an integer from 0 to 4294967295, got 'abc'/],
			[['audit', fx.data, '--resamples', '1.5'], /--resamples must be an integer/],
			[['audit', fx.data, '--on-bad-row', 'maybe'], /--on-bad-row must be skip or fail, got 'maybe'/],
			[['audit', fx.data, '--bogus'], /Unknown option '--bogus'/],
			[['simulate', fx.data, '--experiment', 'everything'], /--experiment must be size, flips, knowledge or minimum, got 'everything'/],
			[['simulate', fx.data, '--experiment', 'flips', '--methods', 'rb-prob,rb-magic'], /unknown method 'rb-magic'/],
			[['simulate', fx.data, '--experiment', 'flips', '--alpha', '2'], /--alpha must be a number > 0 and ≤ 1, got '2'/],
			[['simulate', fx.data, '--experiment', 'flips', '--alpha', '0'], /--alpha must be a number > 0 and ≤ 1, got '0'/],
			[
				['simulate', fx.data, '--experiment', 'size', '--alphas', '0,0.2'],
				/simulation parameter 'alphas' must be fractions in \(0, 1\], got 0, 0.2/,
			],
			[['simulate', fx.data, '--experiment', 'flips', '--k', '0'], /--k must be an integer from 1 to 1000, got '0'/],
			[['simulate', fx.data, '--experiment', 'flips', '--workers', '0'], /--workers must be an integer from 1 to 64, got '0'/],
			[['simulate', fx.data, '--experiment', 'flips', '--json', '--csv'], /choose one of --json and --csv/],
			[['simulate', fx.data, '--experiment', 'size', '--alphas', '0.1,x'], /--alphas must be a number, got 'x'/],
			[['generate', '--out', path.join(fx.dir, 'x.csv'), '--rows', 'many'], /--rows must be a number, got 'many'/],
		];
		const runs = await cliAll(cases.map(([args]) => args));
		for (const [i, [args, message]] of cases.entries()) {
			const r = runs[i]!;
			assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message, args.join(' '));
			assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no stack trace for a usage error');
		}
	});

	it('a missing file exits 2 naming it', async () => {
		const missing = path.join(fx.dir, 'no-such-file.csv');
		const runs = await cliAll([
			['profile', missing],
			['audit', missing],
			['simulate', missing, '--experiment', 'flips'],
		]);
		for (const r of runs) {
			assert.equal(r.status, 2);
			assert.ok(r.stderr.includes(missing), r.stderr);
			assert.doesNotMatch(r.stderr, /internal error/);
		}
	});

	it('a malformed CSV under --on-bad-row fail exits 2 with file:line:column; skip reads the rest', () => {
		const bad = path.join(fx.dir, 'ragged.csv');
		writeFileSync(bad, 'g,x,y\nmaj,1,yes\nmin,2\nmaj,3,no\nmin,4,yes\nmaj,5,no\n');
		const roles = ['--sensitive', 'g', '--minority', 'min', '--label', 'y', '--positive', 'yes'];
		const r = cli(['profile', bad, '--on-bad-row', 'fail']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
		const a = cli(['audit', bad, ...roles, '--on-bad-row', 'fail']);
		assert.equal(a.status, 2);
		assert.ok(a.stderr.includes(`${bad}:3:`), a.stderr);
		const quote = path.join(fx.dir, 'quote.csv');
		writeFileSync(quote, 'g,x,y\nmaj,1,yes\nmin,"2,no\n');
		const q = cli(['profile', quote, '--on-bad-row', 'fail']);
		assert.equal(q.status, 2);
		assert.ok(q.stderr.includes(`${quote}:3:5:`), q.stderr);
		const skip = cli(['profile', bad, '--json']);
		assert.equal(skip.status, 0);
		assert.equal((JSON.parse(skip.stdout) as { input: { skippedRows: number } }).input.skippedRows, 1);
	});
});
