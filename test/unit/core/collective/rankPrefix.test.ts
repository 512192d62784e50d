import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rankByScore } from '../../../../src/core/collective/strategies';
import { createRandom } from '../../../../src/core/random';

describe('rankByScore on a scored prefix (units score only the largest collective)', () => {
	it('ranks a prefix exactly as the whole list ranks those entries, ties included', () => {
		const random = createRandom(11);
		// Integer scores 0…5, as RB-label gives: most ranks are decided by the seeded tie-break.
		const all = Float64Array.from({ length: 500 }, () => Math.floor(random.next() * 6));
		for (const prefix of [0, 1, 37, 250, 499, 500]) {
			const whole = rankByScore(all, 4, 'rb-label');
			const expected = Array.from(whole).filter((position) => position < prefix);
			const ranked = rankByScore(all.subarray(0, prefix), 4, 'rb-label', all.length);
			assert.deepEqual(Array.from(ranked), expected, `prefix of ${prefix}`);
		}
	});

	it('refuses a tie-break list shorter than the scores', () => {
		assert.throws(() => rankByScore(new Float64Array(3), 0, 'random', 2), /tieBreakLength 2 is shorter than the 3 scores/);
	});
});
