/**
 * `compare --model boosting` as a user runs it: every firm-side approach runs against the boosting
 * firm (its figures differ from the logistic firm's on the same seeds), the output names the
 * learner, and the defending firm, which is defined for the logistic firm only, is reported as not
 * run with the reason instead of silently missing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from './run';

interface Summary {
	mean: number | null;
}
interface CompareJson {
	model: { kind: string; text: string };
	params: { firm: { model?: { kind: string } }; collective: { defense: boolean } | null };
	base: { error: Summary; eqod: Summary };
	rows: Array<{ approach: string; variant: string; parameter: Record<string, number>; error: Summary; eqod: Summary }>;
	defense: { rows: unknown[] } | null;
	failures: Array<{ approach: string; reason: string }>;
	warnings: string[];
}

describe('cli: compare --model boosting', () => {
	let cleanup = (): void => undefined;
	let boostingJson: CliRun, logisticJson: CliRun, boostingText: CliRun, strayFlag: CliRun;
	const quick = ['--seeds', '1', '--alphas', '0.3', '--flips', '3', '--collective-methods', 'rb-prob', '--workers', '1'];
	const approaches = 'calibrated-eqodds,eqodds-thresholds,fare,reweighing,massaging,collective';
	const boosting = ['--model', 'boosting', '--iterations', '15', '--max-leaves', '8'];
	before(async () => {
		ensureBuilt();
		let dir: string;
		({ dir, cleanup } = tempDir());
		const data = generated(dir, 1200);
		[boostingJson, logisticJson, boostingText, strayFlag] = await cliAll([
			['compare', data, ...quick, '--methods', approaches, ...boosting, '--json'],
			['compare', data, ...quick, '--methods', approaches, '--json'],
			['compare', data, ...quick, '--methods', 'reweighing,collective', ...boosting],
			['compare', data, ...quick, '--max-leaves', '8'],
		]);
	});
	after(() => cleanup());

	it('runs every approach against the boosting firm and names it in --json', () => {
		assert.equal(boostingJson.status, 0, boostingJson.stderr);
		const out = JSON.parse(boostingJson.stdout) as CompareJson;
		assert.equal(out.model.kind, 'boosting');
		assert.match(out.model.text, /^gradient boosting \(15 trees, 8 leaves, learning rate 0\.1/);
		assert.equal(out.params.firm.model?.kind, 'boosting');
		assert.deepEqual(out.failures, []);
		const ran = new Set(out.rows.map((r) => r.approach));
		for (const a of ['base', ...approaches.split(',')]) {
			assert.ok(ran.has(a), `${a} has rows against the boosting firm`);
		}
		for (const r of out.rows) {
			assert.ok(r.error.mean !== null && r.error.mean >= 0 && r.error.mean <= 1, `${r.approach} ${r.variant}: an error in [0, 1]`);
		}
		assert.ok(!boostingJson.stdout.includes('NaN'));
	});

	it("differs from the logistic firm's comparison on the same seed (another learner was refitted)", () => {
		assert.equal(logisticJson.status, 0, logisticJson.stderr);
		const linear = JSON.parse(logisticJson.stdout) as CompareJson;
		const trees = JSON.parse(boostingJson.stdout) as CompareJson;
		assert.equal(linear.model.kind, 'logistic');
		assert.equal(linear.params.firm.model, undefined, 'the logistic firm keeps its parameters without a model field');
		assert.notEqual(trees.base.error.mean, linear.base.error.mean, 'the base models differ');
		const reweighed = (r: CompareJson): Array<number | null> => r.rows.filter((x) => x.approach === 'reweighing').map((x) => x.error.mean);
		assert.notDeepEqual(reweighed(trees), reweighed(linear), 'reweighing refits the boosting firm, not a logistic one');
	});

	it('says the defending firm was not run against boosting and why, in JSON and text', () => {
		const trees = JSON.parse(boostingJson.stdout) as CompareJson;
		const linear = JSON.parse(logisticJson.stdout) as CompareJson;
		assert.ok(linear.defense !== null && linear.defense.rows.length > 0, 'the logistic firm is defended');
		assert.equal(trees.defense, null);
		assert.equal(trees.params.collective?.defense, false);
		assert.ok(
			trees.warnings.some((w) => /defending firm was not run: .*logistic fold models.*logistic firm only/.test(w)),
			trees.warnings.join('\n'),
		);
		assert.equal(boostingText.status, 0, boostingText.stderr);
		assert.match(boostingText.stdout, /Firm's learner: gradient boosting \(15 trees, 8 leaves/);
		assert.match(boostingText.stdout, /Note: the defending firm was not run/);
		assert.doesNotMatch(boostingText.stdout, /^Defending firm \(drops rows/m);
	});

	it('refuses boosting parameters without --model boosting, naming the flag', () => {
		assert.equal(strayFlag.status, 2);
		assert.match(strayFlag.stderr, /--max-leaves applies to --model boosting only/);
	});
});
