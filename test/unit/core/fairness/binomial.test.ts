import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { logFactorial, sampleBinomial, sampleMultinomialInto } from '../../../../src/core/fairness/binomial';
import { createRandom } from '../../../../src/core/random';

describe('binomial and multinomial draws', () => {
	it('computes ln k! to near double precision on both sides of the table', () => {
		let exact = 0;
		for (let k = 1; k <= 2000; k++) {
			exact += Math.log(k);
			if (k === 10 || k === 255 || k === 256 || k === 300 || k === 2000) {
				assert.ok(Math.abs(logFactorial(k) - exact) < 1e-9 * Math.max(1, exact), `k = ${k}`);
			}
		}
		assert.equal(logFactorial(0), 0);
		assert.equal(logFactorial(1), 0);
	});

	it('matches the binomial pmf for a small case (every outcome within 4.5 standard errors)', () => {
		const random = createRandom(8);
		const trials = 6;
		const p = 0.3;
		const draws = 60000;
		const counts = new Array<number>(trials + 1).fill(0);
		for (let i = 0; i < draws; i++) {
			counts[sampleBinomial(trials, p, random)]!++;
		}
		let choose = 1;
		for (let k = 0; k <= trials; k++) {
			const pmf = choose * p ** k * (1 - p) ** (trials - k);
			const se = Math.sqrt(draws * pmf * (1 - pmf));
			assert.ok(Math.abs(counts[k]! - draws * pmf) < 4.5 * se + 1, `k = ${k}: ${counts[k]} vs ${draws * pmf}`);
			choose = (choose * (trials - k)) / (k + 1);
		}
	});

	it('has the binomial mean and variance for a large case', () => {
		const random = createRandom(9);
		const trials = 4550;
		const p = 0.27;
		const draws = 20000;
		let sum = 0;
		let sumSq = 0;
		for (let i = 0; i < draws; i++) {
			const x = sampleBinomial(trials, p, random);
			assert.ok(Number.isInteger(x) && x >= 0 && x <= trials);
			sum += x;
			sumSq += x * x;
		}
		const mean = sum / draws;
		const variance = sumSq / draws - mean * mean;
		const expectedVariance = trials * p * (1 - p);
		assert.ok(Math.abs(mean - trials * p) < 4 * Math.sqrt(expectedVariance / draws), `mean ${mean}`);
		assert.ok(Math.abs(variance / expectedVariance - 1) < 0.05, `variance ${variance} vs ${expectedVariance}`);
	});

	it('handles the edges without consuming randomness needlessly', () => {
		const random = createRandom(1);
		assert.equal(sampleBinomial(0, 0.5, random), 0);
		assert.equal(sampleBinomial(10, 0, random), 0);
		assert.equal(sampleBinomial(10, 1, random), 10);
		assert.equal(random.next(), createRandom(1).next());
	});

	it('keeps the stratum size: multinomial counts sum to the trials, empty cells stay empty', () => {
		const random = createRandom(3);
		const weights = Float64Array.of(99, 5, 0, 13, 2, 0, 0, 0);
		const out = new Float64Array(8);
		for (let i = 0; i < 500; i++) {
			sampleMultinomialInto(117, weights, 0, 4, random, out);
			sampleMultinomialInto(2, weights, 4, 4, random, out);
			assert.equal(out[0]! + out[1]! + out[2]! + out[3]!, 117);
			assert.equal(out[2], 0);
			assert.deepEqual([...out.subarray(4)], [2, 0, 0, 0]);
		}
	});
});
