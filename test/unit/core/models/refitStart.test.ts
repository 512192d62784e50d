import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { objectiveAndGradient } from '../../../../src/core/models/kernels';
import { fitLogistic } from '../../../../src/core/models/logistic';
import { REFIT_TOLERANCE_SHARE } from '../../../../src/core/models/newton';
import { objectiveFromEnd } from '../../../../src/core/models/refitStart';
import { rowScratch } from '../../../../src/core/models/scratch';
import { observeFits } from '../../../../src/core/models/solver';
import { prepareTraining } from '../../../../src/core/models/training';
import { adultLevels, generateProblem } from './data';

describe('a refit starts from where the previous fit ended (no pass over the rows)', () => {
	const { x, y } = generateProblem(23, 5000, 6, adultLevels);
	const rows = Int32Array.from({ length: 4000 }, (_, i) => i);
	const negatives = Array.from(rows).filter((i) => y[i] === 0);
	const base = fitLogistic(x, y, { rows, sampleWeight: Float64Array.from({ length: x.rows }, (_, i) => 1 + (i % 3)) });
	const end = base.hessianFactor?.end;

	function thetaOf(fit: typeof base): Float64Array {
		const theta = new Float64Array(x.width + 1);
		theta.set(fit.model.coef);
		theta[x.width] = fit.model.intercept;
		return theta;
	}

	it('gives the objective and gradient of a full pass after label flips (both directions)', () => {
		assert.ok(end !== undefined, 'a Newton fit of 105 parameters hands on where it ended');
		const labels = Uint8Array.from(y);
		for (let f = 0; f < 150; f++) {
			labels[negatives[f]!] = 1;
		}
		labels[Array.from(rows).find((i) => y[i] === 1)!] = 0;
		const weights = Float64Array.from({ length: x.rows }, (_, i) => 1 + (i % 3));
		const t = prepareTraining(x, labels, { C: 1, rows, sampleWeight: weights });
		const theta = thetaOf(base);
		const fromEnd = new Float64Array(t.dim);
		const value = objectiveFromEnd(end, t, theta, fromEnd);
		assert.ok(value !== undefined, 'same rows, weights and θ: the end applies');
		const pass = new Float64Array(t.dim);
		const direct = objectiveAndGradient(t, theta, new Float64Array(rows.length), pass);
		assert.ok(Math.abs(value - direct) <= 1e-12 * Math.abs(direct), `objective ${value} vs a full pass ${direct}`);
		const scale = Math.max(...Array.from(pass, Math.abs));
		assert.ok(scale > 100, 'the flips moved the gradient well away from the optimum');
		pass.forEach((g, j) => assert.ok(Math.abs(g - fromEnd[j]!) <= 1e-10 * scale, `∂f/∂θ${j}: ${fromEnd[j]} vs ${g}`));
	});

	it('does not apply to another θ, other weights or other rows', () => {
		assert.ok(end !== undefined);
		const weights = Float64Array.from({ length: x.rows }, (_, i) => 1 + (i % 3));
		const same = prepareTraining(x, y, { C: 1, rows, sampleWeight: weights });
		const moved = thetaOf(base);
		moved[0] = moved[0]! + 1e-9;
		const grad = new Float64Array(same.dim);
		assert.equal(objectiveFromEnd(end, same, moved, grad), undefined);
		const unweighted = prepareTraining(x, y, { C: 1, rows });
		assert.equal(objectiveFromEnd(end, unweighted, thetaOf(base), grad), undefined);
		const shifted = prepareTraining(x, y, { C: 1, rows: rows.map((i) => i + 1), sampleWeight: weights });
		assert.equal(objectiveFromEnd(end, shifted, thetaOf(base), grad), undefined);
	});

	it('makes a refit with unchanged labels free: no iteration, the same model bit for bit', () => {
		// a refit, so that it ended inside a refit's tolerance (a cold fit stops at 100 times it)
		const labels = Uint8Array.from(y);
		for (let f = 0; f < 100; f++) {
			labels[negatives[f]!] = 1;
		}
		const cold = fitLogistic(x, y, { rows });
		const fit = fitLogistic(x, labels, { rows, warmStart: cold.model, hessianFactor: cold.hessianFactor! });
		let iterations = 0;
		observeFits(() => iterations++);
		try {
			const again = fitLogistic(x, labels, { rows, warmStart: fit.model, hessianFactor: fit.hessianFactor! });
			assert.equal(iterations, 0);
			assert.ok(again.converged);
			assert.deepEqual(Array.from(again.model.coef), Array.from(fit.model.coef));
			assert.equal(again.model.intercept, fit.model.intercept);
			assert.equal(again.objective, fit.objective);
		} finally {
			observeFits(undefined);
		}
	});
});

describe('rowScratch', () => {
	it('hands out disjoint views of the requested length, and the same memory to the next fit', () => {
		const [a, b, c] = rowScratch(10, 3) as [Float64Array, Float64Array, Float64Array];
		assert.deepEqual([a.length, b.length, c.length], [10, 10, 10]);
		a.fill(1);
		b.fill(2);
		c.fill(3);
		assert.deepEqual([a[9], b[0], b[9], c[0]], [1, 2, 2, 3]);
		const [again] = rowScratch(10, 1) as [Float64Array];
		assert.equal(again.buffer, a.buffer, 'a second call of the same size reuses the buffer');
		const [larger] = rowScratch(100, 1) as [Float64Array];
		assert.equal(larger.length, 100);
	});
});

describe('a refit may take its last step without a pass', () => {
	// Adult-like: 6 dense columns and Adult's 8 one-hot blocks, refits along M as the simulation runs them.
	const { x, y } = generateProblem(17, 8000, 6, adultLevels);
	const rows = Int32Array.from({ length: 6000 }, (_, i) => i);
	const negatives = Array.from(rows).filter((i) => y[i] === 0);
	const grid = [40, 80, 120, 160, 200, 240, 280, 320, 360, 400];

	it('and then still meets the refit tolerance, by a full pass at the coefficients it returned', () => {
		const labels = Uint8Array.from(y);
		let previous = fitLogistic(x, labels, { rows });
		let flipped = 0;
		let withoutPass = 0;
		for (const m of grid) {
			for (; flipped < m; flipped++) {
				labels[negatives[flipped]!] = 1;
			}
			const fit = fitLogistic(x, labels, { rows, warmStart: previous.model, hessianFactor: previous.hessianFactor! });
			const end = fit.hessianFactor?.end;
			assert.ok(end !== undefined && fit.converged);
			const t = prepareTraining(x, labels, { C: 1, rows });
			const theta = new Float64Array(t.dim);
			theta.set(fit.model.coef);
			theta[x.width] = fit.model.intercept;
			const grad = new Float64Array(t.dim);
			const value = objectiveAndGradient(t, theta, new Float64Array(rows.length), grad);
			const tolerance = 1e-8 * t.lossMass * REFIT_TOLERANCE_SHARE;
			const gradNorm = Math.max(...Array.from(grad, Math.abs));
			assert.ok(gradNorm <= tolerance, `M = ${m}: ‖∇f‖∞ = ${gradNorm} at the returned coefficients, tolerance ${tolerance}`);
			if (end.lastStep !== undefined) {
				withoutPass++;
				// the same labels again, from that answer: it stands, with no step
				let iterations = 0;
				observeFits(() => iterations++);
				try {
					const again = fitLogistic(x, labels, { rows, warmStart: fit.model, hessianFactor: fit.hessianFactor! });
					assert.equal(iterations, 0);
					assert.deepEqual(Array.from(again.model.coef), Array.from(fit.model.coef));
					assert.equal(again.objective, fit.objective);
				} finally {
					observeFits(undefined);
				}
				assert.deepEqual(Array.from(end.lastStep.theta), Array.from(theta), 'the end records the coefficients returned');
				assert.ok(Math.abs(fit.objective - value) <= 1e-12 * value, `M = ${m}: predicted f ${fit.objective}, a pass gives ${value}`);
				assert.notDeepEqual(Array.from(end.theta), Array.from(theta), 'the end keeps the point before the step, where f and ∇f are known');
			}
			previous = fit;
		}
		assert.ok(withoutPass > 0, 'at least one refit of this curve stopped without a confirming pass');
	});
});
