/**
 * Numeric options (review cases P05–P16, F7, F16): each has a documented range, checked in one
 * place (NUMERIC_OPTIONS), so every command rejects the same values with exit 2 and a message
 * naming the option, before reading any file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SEED, NUMERIC_OPTIONS, parseNumberFlag } from '../../../src/cli/common';
import { cliAll, generatedFixture } from '../cli/run';

describe('hostile: numeric options', () => {
	const fx = generatedFixture(300);

	it('the shared table overrides a looser rule a command passes', () => {
		assert.equal(MAX_SEED, 4294967295);
		assert.deepEqual(NUMERIC_OPTIONS['resamples'], { integer: true, min: 0, max: 100_000 });
		assert.throws(
			() => parseNumberFlag('seed', '1e300', { integer: true, min: 0 }),
			/--seed must be an integer from 0 to 4294967295, got '1e300'/,
		);
		assert.equal(parseNumberFlag('seed', String(MAX_SEED)), MAX_SEED);
		assert.equal(parseNumberFlag('k', '7', { integer: true, min: 1 }), 7, 'flags outside the table keep their own rule');
	});

	it('F16, F7, P05, P07: out-of-range values exit 2 naming the option, on every command', async () => {
		const cases: Array<[string[], RegExp]> = [
			[['audit', fx.data, '--seed', '1e300'], /--seed must be an integer from 0 to 4294967295, got '1e300'/],
			[['audit', fx.data, '--seed', '4294967296'], /--seed must be an integer from 0 to 4294967295, got '4294967296'/],
			[['simulate', fx.data, '--experiment', 'flips', '--seed', '1e300'], /--seed must be an integer from 0 to 4294967295/],
			[['compare', fx.data, '--seed', '4294967296'], /--seed must be an integer from 0 to 4294967295/],
			[['audit', fx.data, '--resamples', '100000000'], /--resamples must be an integer from 0 to 100000, got '100000000'/],
			[['audit', fx.data, '--resamples', '1000000000'], /--resamples must be an integer from 0 to 100000/],
			[['audit', fx.data, '--max-eqod', '2'], /--max-eqod must be a number from 0 to 1, got '2'/],
			[['simulate', fx.data, '--experiment', 'flips', '--seeds', '1001'], /--seeds must be an integer from 1 to 1000, got '1001'/],
			[['simulate', fx.data, '--experiment', 'flips', '--flips', '100000'], /--flips must be an integer from 2 to 1000, got '100000'/],
			[['simulate', fx.data, '--experiment', 'flips', '--workers', '1.5'], /--workers must be an integer from 1 to 64, got '1.5'/],
			[['audit', fx.data, '--test-fraction', '1'], /--test-fraction must be a number from 0.01 to 0.99, got '1'/],
		];
		const runs = await cliAll(cases.map(([args]) => args));
		cases.forEach(([args, message], i) => {
			const r = runs[i]!;
			assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, message, args.join(' '));
			assert.doesNotMatch(r.stderr, /internal error|Invalid typed array/);
			assert.equal(r.stdout, '');
		});
	});
});
