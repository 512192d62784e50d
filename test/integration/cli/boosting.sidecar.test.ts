/**
 * The sidecar's `model` on the command line: without --model (or boosting flags) the sidecar's
 * learner is used and named in the output; a flag overrides it; an invalid model names its field.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from './run';

interface AuditJson {
	model: { kind: string; text: string; params?: { maxLeaves: number; maxIterations: number } };
}

describe('cli: the sidecar names the firm’s learner', () => {
	let cleanup = (): void => undefined;
	let fromSidecar: CliRun, overridden: CliRun, simulated: CliRun, invalid: CliRun;
	before(async () => {
		ensureBuilt();
		let dir: string;
		({ dir, cleanup } = tempDir());
		const data = generated(dir, 900);
		const bad = generated(dir, 300, 'bad.csv');
		const sidecarOf = (csv: string): string => csv.replace(/\.csv$/, '.fairness.json');
		const roles = JSON.parse(readFileSync(sidecarOf(data), 'utf8')) as Record<string, unknown>;
		writeFileSync(sidecarOf(data), JSON.stringify({ ...roles, model: { kind: 'boosting', maxIterations: 12, maxLeaves: 6 } }));
		writeFileSync(sidecarOf(bad), JSON.stringify({ ...roles, model: { kind: 'boosting', maxLeaves: 1 } }));
		const fast = ['--resamples', '10', '--json'];
		[fromSidecar, overridden, simulated, invalid] = await cliAll([
			['audit', data, ...fast],
			['audit', data, ...fast, '--model', 'logistic'],
			['simulate', data, '--experiment', 'flips', '--flips', '3', '--seeds', '1', '--methods', 'rb-prob', '--workers', '1'],
			['audit', bad, ...fast],
		]);
	});
	after(() => cleanup());

	it("audits with the sidecar's boosting parameters when no flag names a learner", () => {
		assert.equal(fromSidecar.status, 0, fromSidecar.stderr);
		const out = JSON.parse(fromSidecar.stdout) as AuditJson;
		assert.equal(out.model.kind, 'gradient-boosting');
		assert.equal(out.model.params?.maxIterations, 12);
		assert.equal(out.model.params?.maxLeaves, 6);
	});

	it('lets --model override the sidecar', () => {
		assert.equal(overridden.status, 0, overridden.stderr);
		assert.equal((JSON.parse(overridden.stdout) as AuditJson).model.kind, 'logistic-regression');
	});

	it("simulates against the sidecar's learner and names it", () => {
		assert.equal(simulated.status, 0, simulated.stderr);
		assert.match(simulated.stdout, /Firm's learner: gradient boosting \(12 trees, 6 leaves/);
	});

	it('rejects an invalid sidecar model naming the file and the field', () => {
		assert.notEqual(invalid.status, 0);
		assert.match(invalid.stderr, /bad\.fairness\.json: field 'model\.maxLeaves': must be an integer from 2 to 4096, got 1/);
	});
});
