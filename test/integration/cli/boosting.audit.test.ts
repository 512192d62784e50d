/** `audit --model boosting` as a user runs it: the boosting model's figures, named with its parameters. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/datasets';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from './run';

/**
 * The `--json` run's parameters: the four it sets on the command line, every other one the
 * engine's documented default. Written down as data rather than spread from BOOSTING_DEFAULTS, so
 * that a changed default fails here.
 */
const expectedParams = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'cli', 'boosting-audit-params.json'), 'utf8')) as unknown;

interface AuditJson {
	model: { kind: string; text: string; params?: Record<string, unknown>; iterations: number };
	summary: Record<string, { value: number | null }>;
}

describe('cli: audit --model boosting', () => {
	let cleanup = (): void => undefined;
	let text: CliRun, json: CliRun, logistic: CliRun, strayFlag: CliRun, unknown: CliRun, badRate: CliRun;
	before(async () => {
		ensureBuilt();
		let dir: string;
		({ dir, cleanup } = tempDir());
		const data = generated(dir, 1200);
		const fast = ['--resamples', '20'];
		[text, json, logistic, strayFlag, unknown, badRate] = await cliAll([
			['audit', data, ...fast, '--model', 'boosting', '--iterations', '25', '--max-leaves', '8'],
			[
				'audit',
				data,
				...fast,
				'--model',
				'boosting',
				'--iterations',
				'25',
				'--max-leaves',
				'8',
				'--learning-rate',
				'0.2',
				'--l2',
				'1',
				'--json',
			],
			['audit', data, ...fast, '--json'],
			['audit', data, ...fast, '--iterations', '25'],
			['audit', data, ...fast, '--model', 'xgboost'],
			['audit', data, ...fast, '--model', 'boosting', '--learning-rate', '0'],
		]);
	});
	after(() => cleanup());

	it('names the boosting model and its parameters in the text output', () => {
		assert.equal(text.status, 0, text.stderr);
		assert.match(
			text.stdout,
			/Classifier: gradient boosting \(25 trees, 8 leaves, learning rate 0\.1, L2 0, min 20 rows per leaf\): 25 trees grown/,
		);
	});

	it("reports the parameters in --json, and figures that differ from the logistic firm's", () => {
		assert.equal(json.status, 0, json.stderr);
		const boosting = JSON.parse(json.stdout) as AuditJson;
		assert.equal(boosting.model.kind, 'gradient-boosting');
		assert.deepEqual({ ...boosting.model.params }, expectedParams);
		assert.equal(boosting.model.iterations, 25);
		const linear = JSON.parse(logistic.stdout) as AuditJson;
		assert.equal(linear.model.kind, 'logistic-regression');
		assert.match(linear.model.text, /^logistic regression \(C = 1\)/);
		assert.ok(boosting.summary['error']!.value !== null);
		// Another learner, other predictions: the headline figures cannot all coincide.
		assert.notDeepEqual(boosting.summary, linear.summary);
	});

	it('rejects boosting parameters without --model boosting, unknown learners and a learning rate ≤ 0, naming the flag', () => {
		assert.equal(strayFlag.status, 2);
		assert.match(strayFlag.stderr, /--iterations applies to --model boosting only/);
		assert.equal(unknown.status, 2);
		assert.match(unknown.stderr, /--model must be one of logistic, boosting; got 'xgboost'/);
		assert.equal(badRate.status, 2);
		assert.match(badRate.stderr, /--learning-rate must be a number > 0/);
	});
});
