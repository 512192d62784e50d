/** src/core/linalg/cholesky.ts (tested here because the linalg folder serves the models). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { choleskyInPlace, choleskySolveInPlace, solveSpd } from '../../../../src/core/linalg/cholesky';
import { createRandom } from '../../../../src/core/random';

/** A = BᵀB + shift·I for a random n × n B. */
function randomSpd(n: number, seed: number, shift: number): Float64Array {
	const random = createRandom(seed);
	const b = Float64Array.from({ length: n * n }, () => random.normal());
	const a = new Float64Array(n * n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			let s = 0;
			for (let k = 0; k < n; k++) {
				s += b[k * n + i]! * b[k * n + j]!;
			}
			a[i * n + j] = s + (i === j ? shift : 0);
		}
	}
	return a;
}

function multiply(a: Float64Array, n: number, x: Float64Array): Float64Array {
	const out = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			out[i] = out[i]! + a[i * n + j]! * x[j]!;
		}
	}
	return out;
}

describe('cholesky', () => {
	it('factorises a hand-checkable matrix', () => {
		// [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]
		const a = Float64Array.from([4, 2, 2, 3]);
		assert.ok(choleskyInPlace(a, 2));
		assert.deepEqual(Array.from(a), [2, 0, 1, Math.SQRT2]);
		const b = Float64Array.from([2, 5]); // A·(−0.25, 1.5)… solve and check A x = b
		choleskySolveInPlace(a, 2, b);
		assert.ok(Math.abs(4 * b[0]! + 2 * b[1]! - 2) < 1e-15 && Math.abs(2 * b[0]! + 3 * b[1]! - 5) < 1e-15);
	});

	it('solves random SPD systems to near machine precision', () => {
		const n = 40;
		const a = randomSpd(n, 3, 0.5);
		const xTrue = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
		const b = multiply(a, n, xTrue);
		const result = solveSpd(a, n, b, new Float64Array(n * n));
		assert.equal(result.jitter, 0);
		for (let i = 0; i < n; i++) {
			assert.ok(Math.abs(b[i]! - xTrue[i]!) < 1e-9, `x[${i}]`);
		}
	});

	it('reports an indefinite matrix and solveSpd falls back to a small ridge', () => {
		assert.equal(choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2), false);
		// singular PSD matrix [[1, 1], [1, 1]]: the ridge makes it solvable, and A x ≈ b for b in the range
		const a = Float64Array.from([1, 1, 1, 1]);
		const b = Float64Array.from([2, 2]);
		const result = solveSpd(a, 2, b, new Float64Array(4));
		assert.ok(result.jitter > 0 && result.jitter < 1e-6);
		assert.ok(Number.isFinite(b[0]!) && Number.isFinite(b[1]!));
		assert.ok(Math.abs(b[0]! + b[1]! - 2) < 1e-6);
		assert.deepEqual(Array.from(a), [1, 1, 1, 1]); // input untouched
	});

	it('throws on non-finite entries', () => {
		assert.throws(() => solveSpd(Float64Array.from([Number.NaN]), 1, new Float64Array(1), new Float64Array(1)), /not positive definite/);
	});
});
