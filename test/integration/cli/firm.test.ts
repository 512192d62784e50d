/**
 * The firm's awareness from the command line: the aware firm by default (the paper's protocol),
 * --exclude-sensitive for the blind one, the two flags refused together, --features never
 * dropping the attribute silently, and every output naming the firm.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from './run';

describe('cli: the firm sees the sensitive attribute unless told not to', () => {
	let dir: string;
	let data: string;
	let cleanup = (): void => undefined;
	let awareJson: CliRun, blindJson: CliRun, both: CliRun, featuresAware: CliRun, featuresBlind: CliRun, text: CliRun, auditText: CliRun;
	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		data = generated(dir, 1200);
		const quick = ['--experiment', 'flips', '--seeds', '3', '--flips', '4', '--workers', '1', '--methods', 'rb-prob,random'];
		[awareJson, blindJson, both, featuresAware, featuresBlind, text, auditText] = await cliAll(
			[
				['simulate', data, ...quick, '--json'],
				['simulate', data, ...quick, '--json', '--exclude-sensitive'],
				['audit', data, '--include-sensitive', '--exclude-sensitive'],
				['audit', data, '--features', 'age,income', '--json', '--resamples', '50'],
				['audit', data, '--features', 'age,income', '--json', '--resamples', '50', '--exclude-sensitive'],
				['simulate', data, ...quick],
				['audit', data, '--resamples', '50'],
			],
			4,
		);
	});
	after(() => cleanup());

	it('simulate --json names the firm and its features, and carries the efficiency list', () => {
		assert.equal(awareJson.status, 0, awareJson.stderr);
		const aware = JSON.parse(awareJson.stdout) as {
			firm: string;
			features: string[];
			roles: { sensitive: string };
			efficiency: Array<{ method: string; target: number; flipsToTarget: { reached: number; seeds: number }; vsRandom?: unknown }>;
		};
		assert.equal(aware.firm, 'aware');
		assert.ok(aware.features.includes(aware.roles.sensitive));
		assert.deepEqual(
			aware.efficiency.map((e) => e.method),
			['rb-prob', 'random'],
		);
		assert.equal(aware.efficiency[0]!.flipsToTarget.seeds, 3);
		assert.ok(aware.efficiency[0]!.vsRandom !== undefined);
		assert.equal(blindJson.status, 0, blindJson.stderr);
		const blind = JSON.parse(blindJson.stdout) as { firm: string; features: string[]; roles: { sensitive: string } };
		assert.equal(blind.firm, 'blind');
		assert.ok(!blind.features.includes(blind.roles.sensitive));
	});

	it('refuses both flags together, naming them (exit 2)', () => {
		assert.equal(both.status, 2);
		assert.match(both.stderr, /--include-sensitive and --exclude-sensitive contradict each other/);
	});

	it('--features adds the attribute for the aware firm and leaves it out for the blind one', () => {
		assert.equal(featuresAware.status, 0, featuresAware.stderr);
		const a = JSON.parse(featuresAware.stdout) as { firm: string; roles: { sensitive: string; features: string[] } };
		assert.deepEqual([...a.roles.features].sort(), [a.roles.sensitive, 'age', 'income'].sort());
		const b = JSON.parse(featuresBlind.stdout) as { firm: string; roles: { sensitive: string; features: string[] } };
		assert.equal(b.firm, 'blind');
		assert.deepEqual([...b.roles.features].sort(), ['age', 'income']);
	});

	it('the text outputs say which firm, and show the efficiency table and both firms', () => {
		assert.equal(text.status, 0, text.stderr);
		assert.match(text.stdout, /^Firm: aware — its model takes \S+ as an input/m);
		assert.match(text.stdout, /Relabelling efficiency: flips to reach EqOd ≤ 0\.\d{3}/);
		assert.match(
			text.stdout,
			/rb-prob .*(fewer flips than Random|more flips than Random|not distinguishable from Random at 3 seeds|does not reach)/,
		);
		assert.equal(auditText.status, 0, auditText.stderr);
		assert.match(auditText.stdout, /^Firm: aware/m);
		assert.match(auditText.stdout, /Both firms on the same split/);
		assert.match(auditText.stdout, /^aware − blind /m);
	});
});
