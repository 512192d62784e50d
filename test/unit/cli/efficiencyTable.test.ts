/**
 * The efficiency sentences the CLI prints under its table: each names the α it speaks of (the
 * table's rows do; the sentences did not, four identical-looking lines per α on a grid of ten),
 * and a restricted knowledge arm; a paired interval rounding to zero prints 0, never "-0".
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { efficiencyConclusion, type EfficiencyEntry } from '../../../src/core/collective/efficiency';
import { renderEfficiency } from '../../../src/cli/efficiencyTable';

function entry(
	alpha: number,
	median: number | null,
	paired: { mean: number; lo: number; hi: number },
	knowledge: 'all' | number = 'all',
): EfficiencyEntry {
	const body = {
		method: 'rb-prob' as const,
		knowledge,
		alpha,
		target: 0.157,
		flipsToTarget: { median, lo: median, hi: null, reached: median === null ? 2 : 4, seeds: 5 },
		best: { flips: 60, eqod: 0.12, error: 0.26 },
		vsRandom: { flipsToTarget: { ...paired, n: 5, censored: 0 }, eqodByFlips: [] },
	};
	return { ...body, conclusion: efficiencyConclusion(body) };
}

describe('cli: efficiency sentences', () => {
	it('name their α, and print a rounded -0.3 as 0', () => {
		const lines = renderEfficiency([entry(0.2, null, { mean: 1, lo: -0.3, hi: 2 }), entry(0.3, 60, { mean: 3, lo: -2, hi: 8 })], 0.157);
		const sentences = lines.slice(2);
		assert.deepEqual(sentences, [
			'  rb-prob reaches EqOd ≤ 0.157 at α = 0.2 in only 2 of 5 seeds: not distinguishable from Random at 5 seeds (paired 95 % CI 0 to 2 flips, 5 seeds)',
			'  rb-prob reaches EqOd ≤ 0.157 at α = 0.3 with a median of ≈ 60 flips (4 of 5 seeds): not distinguishable from Random at 5 seeds (paired 95 % CI -2 to 8 flips, 5 seeds)',
		]);
	});

	it('name a restricted knowledge arm, and print the engine sentence as it is', () => {
		const arm = entry(0.3, 60, { mean: -5, lo: -9, hi: -1 }, 10);
		assert.deepEqual(renderEfficiency([arm], 0.157).slice(2), [`  ${arm.conclusion}`]);
		assert.match(
			arm.conclusion,
			/^rb-prob knowing 10 reaches EqOd ≤ 0\.157 at α = 0\.3 with a median of ≈ 60 flips \(4 of 5 seeds\): 5 fewer flips than Random/,
		);
	});
});
