import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from './run';

interface AuditJson {
	command: string;
	summary: { eqodAverage: { value: number | null; interval?: { lo: number; hi: number; level: number } } };
	gates?: Array<{ metric: string; passed: boolean }>;
}

describe('cli: audit', () => {
	let dir: string;
	let data: string;
	let sidecar: string;
	let cleanup = (): void => undefined;
	let text: CliRun, json: CliRun, strict: CliRun, lenient: CliRun, out: CliRun, overInput: CliRun, overSidecar: CliRun;
	let dataBefore: string, sidecarBefore: string;
	const report = (): string => path.join(dir, 'report.json');
	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		data = generated(dir, 1200);
		sidecar = path.join(dir, 'data.fairness.json');
		dataBefore = readFileSync(data, 'utf8');
		sidecarBefore = readFileSync(sidecar, 'utf8');
		// An older, longer report of ours: --force replaces it atomically, leaving none of it behind.
		writeFileSync(report(), `{\n  "tool": "collective-fairness",\n  "old": "${'x'.repeat(500_000)}"\n}\n`);
		const fast = ['--resamples', '100'];
		[text, json, strict, lenient, out, overInput, overSidecar] = await cliAll([
			['audit', data, ...fast],
			['audit', data, ...fast, '--json'],
			['audit', data, ...fast, '--max-eqod', '0'],
			['audit', data, ...fast, '--max-eqod', '1'],
			['audit', data, ...fast, '--out', report(), '--force'],
			['audit', data, ...fast, '--out', data],
			['audit', data, ...fast, '--out', sidecar],
		]);
	});
	after(() => cleanup());

	it('prints the group table and the summary with intervals', () => {
		assert.equal(text.status, 0, text.stderr);
		assert.match(text.stdout, /^Group\s+Test rows\s+Base rate\s+Selection rate\s+TPR\s+FPR\s+Error$/m);
		assert.match(text.stdout, /^majority \(reference\)\s+\d+/m);
		assert.match(text.stdout, /^minority\s+\d+/m);
		assert.match(text.stdout, /^Equalized odds, average \(paper's EqOd\)\s+\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]$/m);
		assert.equal(text.stderr, '');
	});

	it('--json has summary.eqodAverage with its bootstrap interval', () => {
		assert.equal(json.status, 0, json.stderr);
		const r = JSON.parse(json.stdout) as AuditJson;
		assert.equal(r.command, 'audit');
		const e = r.summary.eqodAverage;
		assert.equal(typeof e.value, 'number');
		assert.ok(e.interval !== undefined);
		assert.ok(e.interval.lo <= e.value! && e.value! <= e.interval.hi);
		assert.equal(e.interval.level, 0.95);
		assert.deepEqual(r.gates, []);
		assert.doesNotMatch(json.stdout, /NaN|Infinity/);
	});

	it('--max-eqod 0 fails the gate (exit 1); --max-eqod 1 passes it (exit 0)', () => {
		assert.equal(strict.status, 1, strict.stderr);
		assert.match(strict.stdout, /^FAIL: equalized odds \(average\) \d\.\d{4} > 0$/m);
		assert.equal(lenient.status, 0, lenient.stderr);
		assert.match(lenient.stdout, /^PASS: equalized odds \(average\) \d\.\d{4} ≤ 1$/m);
	});

	it('--out writes the whole report, replacing the old file in one piece', () => {
		assert.equal(out.status, 0, out.stderr);
		assert.match(out.stdout, /Report written to .*report\.json/);
		const written = readFileSync(report(), 'utf8');
		assert.ok(written.endsWith('}\n'));
		const r = JSON.parse(written) as AuditJson;
		assert.equal(r.command, 'audit');
		assert.equal(r.summary.eqodAverage.value, (JSON.parse(json.stdout) as AuditJson).summary.eqodAverage.value, 'same seed, same numbers');
		assert.deepEqual(
			readdirSync(dir).filter((f) => f.endsWith('.tmp')),
			[],
			'no temporary file left behind',
		);
	});

	it('--out refuses to overwrite the input CSV or its sidecar (exit 2, both unchanged)', () => {
		assert.equal(overInput.status, 2);
		assert.match(overInput.stderr, /refusing to write .*data\.csv: it is an input dataset/);
		assert.equal(overSidecar.status, 2);
		assert.match(overSidecar.stderr, /refusing to write .*data\.fairness\.json/);
		assert.equal(readFileSync(data, 'utf8'), dataBefore);
		assert.equal(readFileSync(sidecar, 'utf8'), sidecarBefore);
		assert.deepEqual(
			readdirSync(dir).filter((f) => f.endsWith('.tmp')),
			[],
		);
	});
});
