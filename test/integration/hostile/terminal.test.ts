/**
 * Review case C29 (F3): escape sequences in a CSV's header and values never reach the terminal
 * raw. The profile table, the audit header and the error messages show them escaped (\x1b), and
 * --json stays valid JSON that parses back to the original names.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cellForTerminal, forTerminal, jsonForTerminal } from '../../../src/cli/terminal';
import { cli, ensureBuilt, tempDir } from '../cli/run';

const ESC = '\x1b';
// eslint-disable-next-line no-control-regex -- looking for raw control characters is the test
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('hostile: terminal escapes', () => {
	let dir: string;
	let file: string;
	let cleanup = (): void => undefined;
	before(() => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		file = path.join(dir, 'ansi.csv');
		const lines = [`g${ESC}]0;PWNED\x07,y,${ESC}[2J${ESC}[31mred`];
		for (let i = 0; i < 300; i++) {
			lines.push(`${i % 3 === 0 ? `B${ESC}[5m` : 'A'},${i % 2},${i % 7}`);
		}
		writeFileSync(file, `${lines.join('\n')}\n`);
	});
	after(() => cleanup());

	it('the helpers escape C0 (but the line feed), DEL, C1 and bidi overrides, and keep JSON valid', () => {
		assert.equal(forTerminal(`a${ESC}[2Jb\x07c\nd\u009be\u202ef`), 'a\\x1b[2Jb\\x07c\nd\\x9be\\u202ef');
		assert.equal(cellForTerminal('two\nlines\r'), 'two\\x0alines\\x0d');
		const json = JSON.stringify({ name: `x\u009b${ESC}y` });
		assert.equal(JSON.parse(jsonForTerminal(json)).name, `x\u009b${ESC}y`);
		assert.doesNotMatch(jsonForTerminal(json), RAW_CONTROL);
	});

	it('profile prints the names and values escaped, with no raw control character', () => {
		const r = cli(['profile', file]);
		assert.equal(r.status, 0, r.stderr);
		assert.doesNotMatch(r.stdout, RAW_CONTROL);
		assert.match(r.stdout, /g\\x1b\]0;PWNED\\x07/);
		assert.match(r.stdout, /\\x1b\[2J\\x1b\[31mred/);
		assert.match(r.stdout, /B\\x1b\[5m/);
	});

	it('an error message listing the columns is escaped on stderr', () => {
		const r = cli(['audit', file, '--sensitive', 'nope', '--minority', 'B', '--label', 'y', '--positive', '1']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /nope/);
		assert.doesNotMatch(r.stderr, RAW_CONTROL);
		assert.match(r.stderr, /\\x1b\]0;PWNED\\x07/);
	});

	it('the audit text names the group escaped; --json parses back to the raw names', () => {
		const roles = [
			'--sensitive',
			`g${ESC}]0;PWNED\x07`,
			'--minority',
			`B${ESC}[5m`,
			'--label',
			'y',
			'--positive',
			'1',
			'--resamples',
			'10',
		];
		const text = cli(['audit', file, ...roles]);
		assert.equal(text.status, 0, text.stderr);
		assert.doesNotMatch(text.stdout, RAW_CONTROL);
		assert.match(text.stdout, /minority B\\x1b\[5m/);
		const json = cli(['audit', file, ...roles, '--json']);
		assert.equal(json.status, 0, json.stderr);
		assert.doesNotMatch(json.stdout, RAW_CONTROL);
		const parsed = JSON.parse(json.stdout) as { roles: { minority: string } };
		assert.equal(parsed.roles.minority, `B${ESC}[5m`);
	});
});
