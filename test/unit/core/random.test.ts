import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, deriveSeed, permutation, sampleWithoutReplacement } from '../../../src/core/random';

describe('seeded random', () => {
	it('gives the same stream for the same seed and a different one for another seed', () => {
		const a = createRandom(42);
		const b = createRandom(42);
		const c = createRandom(43);
		const sa = Array.from({ length: 5 }, () => a.next());
		const sb = Array.from({ length: 5 }, () => b.next());
		const sc = Array.from({ length: 5 }, () => c.next());
		assert.deepEqual(sa, sb);
		assert.notDeepEqual(sa, sc);
		for (const v of sa) {
			assert.ok(v >= 0 && v < 1);
		}
	});

	it('draws integers uniformly (chi-square within bounds) and rejects bad ranges', () => {
		const r = createRandom(7);
		const counts = new Array(6).fill(0) as number[];
		const n = 60000;
		for (let i = 0; i < n; i++) {
			counts[r.int(6)]!++;
		}
		const expected = n / 6;
		const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
		assert.ok(chi2 < 20.5, `chi-square ${chi2} (df 5, p = 0.001 critical value 20.5)`);
		assert.throws(() => r.int(0), /integer n/);
		assert.throws(() => r.int(1.5), /integer n/);
	});

	it('has mean 0 and variance 1 for normal deviates', () => {
		const r = createRandom(3);
		let s = 0;
		let s2 = 0;
		const n = 50000;
		for (let i = 0; i < n; i++) {
			const z = r.normal();
			s += z;
			s2 += z * z;
		}
		assert.ok(Math.abs(s / n) < 0.02);
		assert.ok(Math.abs(s2 / n - 1) < 0.03);
	});

	it('derives independent, order-sensitive child seeds', () => {
		assert.equal(deriveSeed(1, 'a', 2), deriveSeed(1, 'a', 2));
		assert.notEqual(deriveSeed(1, 'a', 2), deriveSeed(1, 2, 'a'));
		assert.notEqual(deriveSeed(1, 'ab'), deriveSeed(1, 'a', 'b'));
		assert.notEqual(deriveSeed(1, 'x'), deriveSeed(2, 'x'));
	});

	it('permutes and samples without replacement', () => {
		const p = permutation(100, createRandom(5));
		assert.deepEqual(
			[...p].sort((a, b) => a - b),
			Array.from({ length: 100 }, (_, i) => i),
		);
		const s = sampleWithoutReplacement([10, 20, 30, 40, 50], 3, createRandom(9));
		assert.equal(new Set(s).size, 3);
		for (const v of s) {
			assert.ok([10, 20, 30, 40, 50].includes(v));
		}
		assert.throws(() => sampleWithoutReplacement([1, 2], 3, createRandom(1)), /cannot draw 3 of 2/);
	});
});
