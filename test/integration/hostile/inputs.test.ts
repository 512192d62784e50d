/**
 * Hostile and surprising inputs (review cases C01, C12, C31–C34, C40, C42, R02): each ends in a
 * clear message naming the file, line or field, exit code 2 where the command cannot go on, and
 * never "internal error"; warnings show in the text output, not only in --json.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../../../src/core/csv/index';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from '../cli/run';

/** 600 rows: a numeric column `good` and a copy `bad` with one odd cell at line 7 (row 6). */
function numericWith(odd: string): string {
	const lines = ['g,y,good,bad'];
	for (let i = 0; i < 600; i++) {
		const v = ((i * 7919) % 1000) / 100 - 5;
		lines.push(`${i % 3 === 0 ? 'B' : 'A'},${v > 0 ? 1 : 0},${v.toFixed(2)},${i === 5 ? odd : (2 * v).toFixed(2)}`);
	}
	return `${lines.join('\n')}\n`;
}

describe('hostile: inputs', () => {
	let dir: string;
	let cleanup = (): void => undefined;
	const runs = new Map<string, CliRun>();
	const ROLES = ['--sensitive', 'g', '--minority', 'B', '--label', 'y', '--positive', '1', '--resamples', '10'];
	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		const f = (name: string, content: string | Buffer): string => {
			const p = path.join(dir, name);
			writeFileSync(p, content);
			return p;
		};
		const lines = ['g,x,y'];
		for (let i = 1; i <= 800; i++) {
			lines.push(`${i % 3 === 0 ? 'B' : 'A'},${i % 7},yes`);
		}
		const one = f('one.csv', `${lines.join('\n')}\n`);
		const inf = f('inf.csv', numericWith('Infinity'));
		const big = f('big.csv', numericWith('1e999'));
		const sep = f('sep.csv', numericWith('"1,234"'));
		const empty = f('empty.csv', '');
		const data = generated(dir, 300);
		const u16 = f('u16.csv', Buffer.from(readFileSync(data, 'utf8'), 'utf16le'));
		writeFileSync(path.join(dir, 'u16.fairness.json'), readFileSync(path.join(dir, 'data.fairness.json')));
		mkdirSync(path.join(dir, 'folder.csv'));
		const cases: Record<string, string[]> = {
			R02: ['audit', one, '--sensitive', 'g', '--minority', 'B', '--label', 'y', '--positive', 'yes', '--resamples', '10'],
			C32: ['audit', inf, ...ROLES],
			C33: ['profile', big],
			C34: ['profile', sep, '--json'],
			C01: ['profile', empty],
			C12: ['audit', u16, '--resamples', '10'],
			C40: ['profile', path.join(dir, 'folder.csv')],
			C42: ['audit', path.join(dir, 'missing.csv')],
		};
		const results = await cliAll(Object.values(cases));
		Object.keys(cases).forEach((k, i) => runs.set(k, results[i]!));
	});
	after(() => cleanup());
	const run = (k: string): CliRun => runs.get(k)!;

	it('R02 (F8): audit of a single-class label is a one-line input error, exit 2', () => {
		assert.equal(run('R02').status, 2);
		assert.match(
			run('R02').stderr,
			/^collective-fairness audit: logistic regression needs both classes among the training rows; all 640 rows have label 1 \(favourable\): the label has a single class here/,
		);
		assert.doesNotMatch(run('R02').stderr, /internal error|Please report|\n\s+at /);
	});

	it('C32 (F12): one Infinity cell is reported with its line and field in the text output', () => {
		assert.equal(run('C32').status, 0, run('C32').stderr);
		assert.match(
			run('C32').stdout,
			/warning at line 7: column 'bad' holds numbers in 599 cells but one cell is not a number \(first: 'Infinity' at line 7, field 4\), so the whole column is read as text/,
		);
	});

	it('C33: one 1e999 cell is reported the same way in profile', () => {
		assert.equal(run('C33').status, 0, run('C33').stderr);
		assert.match(
			run('C33').stdout,
			/column 'bad' holds numbers in 599 cells but one cell is not a number \(first: '1e999' at line 7, field 4\)/,
		);
	});

	it('C34: a "1,234" cell is a numeric-with-text issue in --json', () => {
		const json = JSON.parse(run('C34').stdout) as {
			input: { issues: Array<{ code: string; line: number; severity: string; message: string }> };
		};
		const issue = json.input.issues.find((i) => i.code === 'numeric-with-text');
		assert.ok(issue !== undefined, run('C34').stdout.slice(0, 400));
		assert.equal(issue.line, 7);
		assert.equal(issue.severity, 'warning');
		assert.match(issue.message, /first: '1,234' at line 7, field 4/);
	});

	it('C01: an empty file says so in the text output', () => {
		assert.equal(run('C01').status, 0);
		assert.match(
			run('C01').stdout,
			/0 rows × 0 columns \(utf-8, ','-delimited; warning at line 1: the file is empty: no header and no rows\)/,
		);
	});

	it('C12 (F13): UTF-16LE without a BOM is detected and read (the roles match its columns)', () => {
		assert.equal(run('C12').status, 0, run('C12').stderr);
		assert.match(run('C12').stdout, /u16\.csv: 300 rows × \d+ columns \(utf-16le, ','-delimited\)/);
		assert.match(run('C12').stdout, /Roles: group — minority minority vs majority majority/);
	});

	it('C40, C42: a folder named .csv and a missing file are clear errors naming them, exit 2', () => {
		assert.equal(run('C40').status, 2);
		assert.match(run('C40').stderr, /folder\.csv: cannot read file: not a regular file/);
		assert.equal(run('C42').status, 2);
		assert.match(run('C42').stderr, /missing\.csv: cannot read file: ENOENT/);
	});

	it('the engine: a column of numbers stays quiet; text columns and NaN cells raise no numeric-with-text', () => {
		const clean = parseCsv('a,b\n1,x\n2,y\nNaN,z\n');
		assert.deepEqual(clean.issues, []);
		assert.equal(clean.table.columns[0]!.kind, 'numeric');
		const le = parseCsv(Buffer.from('a,b\n1,2\n3,4\n', 'utf16le'));
		assert.equal(le.dialect.encoding, 'utf-16le');
		assert.deepEqual(le.header, ['a', 'b']);
		const be = parseCsv(Buffer.from(Buffer.from('a,b\n1,2\n3,4\n', 'utf16le').swap16()));
		assert.equal(be.dialect.encoding, 'utf-16be');
		assert.deepEqual(be.header, ['a', 'b']);
	});
});
