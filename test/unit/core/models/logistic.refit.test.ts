import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogistic, predictLabels, type LogisticFit } from '../../../../src/core/models/logistic';
import { observeFits } from '../../../../src/core/models/solver';
import { createRandom, permutation } from '../../../../src/core/random';
import { adultLevels, generateProblem } from './data';

/** max_j |a_j − b_j| / max_j |b_j| over coefficients and intercept. */
function relativeGap(a: LogisticFit, b: LogisticFit): number {
	let gap = Math.abs(a.model.intercept - b.model.intercept);
	let scale = Math.abs(b.model.intercept);
	for (let j = 0; j < b.model.coef.length; j++) {
		gap = Math.max(gap, Math.abs(a.model.coef[j]! - b.model.coef[j]!));
		scale = Math.max(scale, Math.abs(b.model.coef[j]!));
	}
	return gap / scale;
}

/** Newton iterations of `fit` (counted through the progress hook). */
function countingIterations<T>(fit: () => T): { result: T; iterations: number } {
	let iterations = 0;
	observeFits(() => iterations++);
	try {
		return { result: fit(), iterations };
	} finally {
		observeFits(undefined);
	}
}

describe('logistic refits along M reuse the Hessian factor', () => {
	// Adult-like: 6 dense columns and Adult's 8 one-hot blocks (105 parameters), 6,000 training rows.
	const { x, y } = generateProblem(17, 8000, 6, adultLevels);
	const rows = Int32Array.from({ length: 6000 }, (_, i) => i);
	const negatives = Int32Array.from(rows).filter((i) => y[i] === 0);
	const order = permutation(negatives.length, createRandom(3));
	const grid = [40, 120, 300, 600, 1000];
	const test = Int32Array.from({ length: 2000 }, (_, i) => 6000 + i);

	/** The curve over M the simulation fits: each refit warm-started, with or without the previous factor. */
	function curve(reuseFactor: boolean): { fits: LogisticFit[]; iterations: number[] } {
		const labels = Uint8Array.from(y);
		let previous = fitLogistic(x, labels, { rows });
		let flipped = 0;
		const fits: LogisticFit[] = [];
		const iterations: number[] = [];
		for (const m of grid) {
			for (; flipped < m; flipped++) {
				labels[negatives[order[flipped]!]!] = 1;
			}
			const warm = previous;
			const run = countingIterations(() =>
				fitLogistic(x, labels, {
					rows,
					warmStart: warm.model,
					...(reuseFactor && warm.hessianFactor !== undefined ? { hessianFactor: warm.hessianFactor } : {}),
				}),
			);
			fits.push(run.result);
			iterations.push(run.iterations);
			previous = run.result;
		}
		return { fits, iterations };
	}

	it('lands on the cold fit: coefficients within 1e-6 relative, identical test predictions, converged', () => {
		const { fits } = curve(true);
		const labels = Uint8Array.from(y);
		let flipped = 0;
		grid.forEach((m, g) => {
			for (; flipped < m; flipped++) {
				labels[negatives[order[flipped]!]!] = 1;
			}
			const cold = fitLogistic(x, labels, { rows });
			const refit = fits[g]!;
			assert.equal(refit.solver, 'newton');
			assert.ok(refit.converged, `refit at M = ${m} did not converge`);
			const gap = relativeGap(refit, cold);
			assert.ok(gap <= 1e-6, `M = ${m}: coefficients differ from the cold fit by ${gap.toExponential(2)} of the largest`);
			assert.ok(Math.abs(refit.objective - cold.objective) <= 1e-9 * Math.abs(cold.objective));
			assert.deepEqual(predictLabels(refit.model, x, test), predictLabels(cold.model, x, test));
		});
	});

	it('is deterministic: the same curve twice gives bit-identical models', () => {
		const a = curve(true).fits;
		const b = curve(true).fits;
		a.forEach((fit, g) => {
			assert.deepEqual(Array.from(fit.model.coef), Array.from(b[g]!.model.coef));
			assert.equal(fit.model.intercept, b[g]!.model.intercept);
		});
	});

	it('hands each refit a factor and never writes into the one it was given', () => {
		const base = fitLogistic(x, y, { rows });
		assert.ok(base.hessianFactor !== undefined, 'a Newton fit of 105 parameters keeps its factor');
		const before = Float64Array.from(base.hessianFactor.lower);
		const labels = Uint8Array.from(y);
		for (let f = 0; f < 200; f++) {
			labels[negatives[order[f]!]!] = 1;
		}
		const refit = fitLogistic(x, labels, { rows, warmStart: base.model, hessianFactor: base.hessianFactor });
		assert.deepEqual(base.hessianFactor.lower, before);
		assert.ok(refit.hessianFactor !== undefined);
		assert.equal(refit.hessianFactor.dim, x.width + 1);
	});

	it('still finds the optimum with a factor from other rows (it is only a preconditioner), and ignores one of another shape', () => {
		const other = fitLogistic(x, y, { rows: rows.subarray(0, 3000) });
		const labels = Uint8Array.from(y);
		for (let f = 0; f < 300; f++) {
			labels[negatives[order[f]!]!] = 1;
		}
		const cold = fitLogistic(x, labels, { rows });
		// Same row count, different rows: accepted as a preconditioner, and the answer is unchanged.
		const shifted = fitLogistic(x, y, { rows: Int32Array.from({ length: 6000 }, (_, i) => i + 2000) });
		const preconditioned = fitLogistic(x, labels, { rows, hessianFactor: shifted.hessianFactor! });
		assert.ok(relativeGap(preconditioned, cold) <= 1e-6);
		// Another row count: the factor is not used at all, so the fit is the plain Newton fit.
		const ignored = fitLogistic(x, labels, { rows, hessianFactor: other.hessianFactor! });
		assert.deepEqual(Array.from(ignored.model.coef), Array.from(cold.model.coef));
	});

	it('converges in a handful of steps at every M (each step a gradient pass, not a Hessian)', () => {
		const reused = curve(true).iterations;
		const plain = curve(false).iterations;
		// A reused-factor step costs about a third of a Newton step, so it pays while the step count
		// stays within a small multiple of plain Newton's; the refresh rule keeps it there.
		const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
		assert.ok(sum(reused) <= 3 * sum(plain), `reused ${reused.join(',')} vs plain Newton ${plain.join(',')}`);
		assert.ok(Math.max(...reused) <= 12, `a refit took ${Math.max(...reused)} steps`);
	});
});
