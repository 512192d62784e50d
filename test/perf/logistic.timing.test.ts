/**
 * Speed sanity check on an Adult-sized matrix: 26,000 rows × (6 dense + 8 one-hot blocks with
 * Adult's level counts, 105 features). Prints the timings; asserts only generous bounds so that
 * a loaded CI machine does not fail it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { fitLogistic } from '../../src/core/models/logistic';
import { createRandom } from '../../src/core/random';
import { adultLevels, generateProblem, maxAbsDiff } from '../unit/core/models/data';

describe('logistic regression timing (Adult-sized)', () => {
	const { x, y } = generateProblem(2025, 26000, 6, adultLevels);

	it('cold fit, then warm refits after flipping a few hundred labels', () => {
		fitLogistic(x, y, { maxIterations: 2 }); // JIT warm-up, excluded from the figures
		let t0 = performance.now();
		const cold = fitLogistic(x, y);
		const coldMs = performance.now() - t0;

		// flip 300 negative labels to positive, as a collective of minority rows would
		const random = createRandom(7);
		const flipped = Uint8Array.from(y);
		let flips = 0;
		while (flips < 300) {
			const i = random.int(x.rows);
			if (flipped[i] === 0) {
				flipped[i] = 1;
				flips++;
			}
		}
		t0 = performance.now();
		const warm = fitLogistic(x, flipped, { warmStart: cold.model });
		const warmMs = performance.now() - t0;
		t0 = performance.now();
		const reference = fitLogistic(x, flipped);
		const coldFlippedMs = performance.now() - t0;
		t0 = performance.now();
		const lbfgsCold = fitLogistic(x, y, { solver: 'lbfgs' });
		const lbfgsColdMs = performance.now() - t0;
		t0 = performance.now();
		const lbfgsWarm = fitLogistic(x, flipped, { solver: 'lbfgs', warmStart: cold.model });
		const lbfgsWarmMs = performance.now() - t0;

		console.log(`  ${x.rows} rows × ${x.width} features (${x.denseWidth} dense + ${x.blockCount} blocks)`);
		console.log(`  newton cold: ${coldMs.toFixed(1)} ms, ${cold.iterations} iterations, objective ${cold.objective}`);
		console.log(
			`  newton warm after 300 flips: ${warmMs.toFixed(1)} ms, ${warm.iterations} iterations ` +
				`(cold on the same labels: ${coldFlippedMs.toFixed(1)} ms, ${reference.iterations} iterations)`,
		);
		console.log(
			`  lbfgs cold: ${lbfgsColdMs.toFixed(1)} ms, ${lbfgsCold.iterations} iterations; ` +
				`warm: ${lbfgsWarmMs.toFixed(1)} ms, ${lbfgsWarm.iterations} iterations`,
		);

		assert.ok(warm.converged && reference.converged && lbfgsWarm.converged);
		assert.ok(warm.iterations < reference.iterations);
		assert.ok(maxAbsDiff(warm.model.coef, reference.model.coef) < 1e-6);
		assert.ok(maxAbsDiff(lbfgsWarm.model.coef, reference.model.coef) < 1e-4);
		assert.ok(Math.abs(lbfgsCold.objective - cold.objective) <= 1e-9 * cold.objective);
		assert.ok(coldMs < 5000, `cold fit took ${coldMs} ms`);
		assert.ok(warmMs < 1000, `warm fit took ${warmMs} ms`);
	});
});
