/** Hand-checkable properties of the logistic-regression fit. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureMatrix } from '../../../../src/core/encoding/matrix';
import {
	chooseSolver,
	decisionFunction,
	fitLogistic,
	LogisticModel,
	logisticObjective,
	predictLabels,
	predictProba,
	type LogisticSolver,
} from '../../../../src/core/models/logistic';
import { generateProblem, maxAbsDiff } from './data';

const solvers: LogisticSolver[] = ['newton', 'lbfgs'];
const { x, y } = generateProblem(11, 400, 3, [4, 3, 6]);

/** Matrix made of the given rows of x (copies), as if the data had been written out that way. */
function takeRows(m: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
	const p = m.denseWidth;
	const q = m.blockCount;
	const dense = new Float64Array(rows.length * p);
	const active = new Int32Array(rows.length * q);
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		dense.set(m.dense.subarray(i * p, i * p + p), r * p);
		active.set(m.active.subarray(i * q, i * q + q), r * q);
	}
	return { ...m, rows: rows.length, dense, active };
}

describe('fitLogistic: optimality', () => {
	for (const solver of solvers) {
		it(`${solver}: the finite-difference gradient of logisticObjective vanishes at the fit`, () => {
			const C = 0.7;
			const fit = fitLogistic(x, y, { C, solver, tol: 1e-10 });
			assert.ok(fit.converged);
			const theta = [...fit.model.coef, fit.model.intercept];
			const f = (t: number[]): number =>
				logisticObjective({ coef: Float64Array.from(t.slice(0, -1)), intercept: t[t.length - 1]! }, x, y, { C });
			const h = 1e-5;
			let worst = 0;
			for (let j = 0; j < theta.length; j++) {
				const up = theta.slice();
				const down = theta.slice();
				up[j] = up[j]! + h;
				down[j] = down[j]! - h;
				worst = Math.max(worst, Math.abs((f(up) - f(down)) / (2 * h)));
			}
			// central differences on f ≈ 180 carry ~1e-9 rounding error; a non-optimal point has |∂f| ≫ 1e-4
			assert.ok(worst < 1e-5, `max |∂f/∂θ_j| = ${worst}`);
			assert.ok(Math.abs(f(theta) - fit.objective) <= 1e-12 * fit.objective);
		});
	}

	it('newton and lbfgs reach the same optimum', () => {
		const a = fitLogistic(x, y, { solver: 'newton', tol: 1e-10 });
		const b = fitLogistic(x, y, { solver: 'lbfgs', tol: 1e-10 });
		assert.ok(Math.abs(a.objective - b.objective) <= 1e-12 * a.objective);
		assert.ok(maxAbsDiff(a.model.coef, b.model.coef) < 1e-5);
	});

	it('a warm start from a nearby optimum converges in fewer iterations to the same optimum', () => {
		const flipped = Uint8Array.from(y);
		for (let i = 0, flips = 0; i < x.rows && flips < 10; i += 7) {
			if (flipped[i] === 0) {
				flipped[i] = 1;
				flips++;
			}
		}
		const before = fitLogistic(x, y);
		for (const solver of solvers) {
			const cold = fitLogistic(x, flipped, { solver, tol: 1e-10 });
			const warm = fitLogistic(x, flipped, { solver, tol: 1e-10, warmStart: before.model });
			assert.ok(warm.converged);
			assert.ok(warm.iterations < cold.iterations, `${solver}: warm ${warm.iterations} vs cold ${cold.iterations}`);
			assert.ok(maxAbsDiff(warm.model.coef, cold.model.coef) < 1e-5);
			assert.ok(Math.abs(warm.objective - cold.objective) <= 1e-12 * cold.objective);
		}
		// starting at the optimum itself: nothing to do
		const again = fitLogistic(x, y, { warmStart: before.model });
		assert.equal(again.iterations, 0);
		assert.ok(again.converged);
	});
});

describe('fitLogistic: rows and sample weights', () => {
	it('training on a row subset equals training on a copy of those rows', () => {
		const rows = Int32Array.from({ length: 150 }, (_, r) => (r * 37) % x.rows);
		const subset = fitLogistic(x, y, { rows });
		const copied = fitLogistic(
			takeRows(x, rows),
			Array.from(rows, (i) => y[i]!),
		);
		assert.ok(maxAbsDiff(subset.model.coef, copied.model.coef) < 1e-10);
		assert.ok(Math.abs(subset.model.intercept - copied.model.intercept) < 1e-10);
	});

	it('weight 2 equals a duplicated row, weight 0 equals a dropped row', () => {
		const weights = new Float64Array(x.rows).fill(1);
		const list: number[] = [];
		for (let i = 0; i < x.rows; i++) {
			if (i % 5 === 0) {
				weights[i] = 2;
				list.push(i, i);
			} else if (i % 7 === 0) {
				weights[i] = 0;
			} else {
				list.push(i);
			}
		}
		const weighted = fitLogistic(x, y, { sampleWeight: weights });
		const duplicated = fitLogistic(x, y, { rows: Int32Array.from(list) });
		assert.ok(maxAbsDiff(weighted.model.coef, duplicated.model.coef) < 1e-9);
		assert.ok(Math.abs(weighted.objective - duplicated.objective) <= 1e-11 * duplicated.objective);
	});

	it('scaling all weights by k is the same as scaling C by k', () => {
		const weights = new Float64Array(x.rows).fill(3);
		const a = fitLogistic(x, y, { sampleWeight: weights, C: 0.2 });
		const b = fitLogistic(x, y, { C: 0.6 });
		assert.ok(maxAbsDiff(a.model.coef, b.model.coef) < 1e-9);
	});
});

describe('predictions', () => {
	const fit = fitLogistic(x, y);

	it('predictProba lies in (0, 1) and matches σ(decision function)', () => {
		const p = predictProba(fit.model, x);
		const z = decisionFunction(fit.model, x);
		assert.equal(p.length, x.rows);
		for (let i = 0; i < x.rows; i++) {
			assert.ok(p[i]! > 0 && p[i]! < 1);
			assert.ok(Math.abs(p[i]! - 1 / (1 + Math.exp(-z[i]!))) < 1e-15);
		}
		// extreme margins stay finite and inside [0, 1]
		const extreme = { coef: new Float64Array(x.width).fill(400), intercept: 0 };
		for (const v of predictProba(extreme, x)) {
			assert.ok(v >= 0 && v <= 1 && !Number.isNaN(v));
		}
	});

	it('predictLabels thresholds the probabilities, on a row subset in order', () => {
		const rows = Int32Array.from([5, 3, 200, 3]);
		const p = predictProba(fit.model, x, rows);
		const labels = predictLabels(fit.model, x, rows);
		const strict = predictLabels(fit.model, x, rows, 0.9);
		for (let r = 0; r < rows.length; r++) {
			assert.equal(labels[r], p[r]! > 0.5 ? 1 : 0);
			assert.equal(strict[r], p[r]! > 0.9 ? 1 : 0);
		}
		assert.deepEqual(Array.from(predictLabels(fit.model, x, rows, 0)), [1, 1, 1, 1]);
		assert.deepEqual(Array.from(predictLabels(fit.model, x, rows, 1)), [0, 0, 0, 0]);
		// a margin of exactly 0 is class 0, like sklearn's predict
		assert.deepEqual(Array.from(predictLabels({ coef: new Float64Array(x.width), intercept: 0 }, x, rows)), [0, 0, 0, 0]);
	});

	it('training accuracy beats the majority class on learnable data', () => {
		const labels = predictLabels(fit.model, x);
		let correct = 0;
		let positives = 0;
		for (let i = 0; i < x.rows; i++) {
			correct += labels[i] === y[i] ? 1 : 0;
			positives += y[i]!;
		}
		assert.ok(correct / x.rows > Math.max(positives, x.rows - positives) / x.rows);
	});

	it('toJSON / fromJSON round-trips exactly through a JSON string', () => {
		const json = JSON.parse(JSON.stringify(LogisticModel.toJSON(fit.model))) as unknown;
		const back = LogisticModel.fromJSON(json);
		assert.deepEqual(Array.from(back.coef), Array.from(fit.model.coef));
		assert.equal(back.intercept, fit.model.intercept);
		assert.ok(back.coef instanceof Float64Array);
		assert.throws(() => LogisticModel.fromJSON({ coef: [1, null], intercept: 0 }), /coef must be an array of finite numbers/);
		assert.throws(() => LogisticModel.fromJSON({ coef: [1] }), /intercept must be a finite number/);
		assert.throws(() => LogisticModel.fromJSON('model'), /must be an object/);
	});
});

describe('degenerate input', () => {
	it('rejects a single class with a clear message', () => {
		const ones = new Uint8Array(x.rows).fill(1);
		assert.throws(() => fitLogistic(x, ones), /needs both classes among the training rows; all 400 rows have label 1 \(favourable\)/);
		const rows = Int32Array.from({ length: 120 }, (_, r) => r);
		const labels = Uint8Array.from(y);
		labels.fill(0, 0, 120);
		assert.throws(() => fitLogistic(x, labels, { rows }), /all 120 rows have label 0/);
		const weights = new Float64Array(x.rows);
		for (let i = 0; i < x.rows; i++) {
			weights[i] = y[i] === 1 ? 1 : 0;
		}
		assert.throws(() => fitLogistic(x, y, { sampleWeight: weights }), /rows with positive weight have label 1/);
		assert.throws(() => fitLogistic(x, y, { sampleWeight: new Float64Array(x.rows) }), /sample weight 0/);
	});

	it('rejects zero rows, mismatched lengths and bad values', () => {
		assert.throws(() => fitLogistic(x, y, { rows: new Int32Array(0) }), /at least one training row/);
		const empty: FeatureMatrix = { ...x, rows: 0, dense: new Float64Array(0), active: new Int32Array(0) };
		assert.throws(() => fitLogistic(empty, []), /at least one training row/);
		assert.throws(() => fitLogistic(x, y.subarray(1)), /399 labels for a matrix of 400 rows/);
		assert.throws(() => fitLogistic(x, y, { sampleWeight: [1, 2] }), /2 sample weights/);
		assert.throws(() => fitLogistic(x, y, { rows: Int32Array.from([0, 400]) }), /outside/);
		const twos = Uint8Array.from(y);
		twos[3] = 2;
		assert.throws(() => fitLogistic(x, twos), /labels must be 0 or 1; row 3 has 2/);
		const nan: FeatureMatrix = { ...x, dense: Float64Array.from(x.dense) };
		(nan.dense as Float64Array)[7] = Number.NaN;
		assert.throws(() => fitLogistic(nan, y), /row 2 is NaN \(features must be finite\)/);
		const badIndex: FeatureMatrix = { ...x, active: Int32Array.from(x.active) };
		(badIndex.active as Int32Array)[0] = 1;
		assert.throws(() => fitLogistic(badIndex, y), /feature index 1/);
		const weights = new Float64Array(x.rows).fill(1);
		weights[9] = -1;
		assert.throws(() => fitLogistic(x, y, { sampleWeight: weights }), /row 9 has -1/);
		weights[9] = Infinity;
		assert.throws(() => fitLogistic(x, y, { sampleWeight: weights }), /row 9 has Infinity/);
		assert.throws(() => fitLogistic(x, y, { C: 0 }), /C > 0/);
		assert.throws(() => fitLogistic(x, y, { tol: Number.NaN }), /tol > 0/);
		assert.throws(() => fitLogistic(x, y, { warmStart: { coef: new Float64Array(2), intercept: 0 } }), /warm start has 2 coefficients/);
		assert.throws(() => predictProba({ coef: new Float64Array(x.width), intercept: Number.NaN }, x), /non-finite/);
	});

	it('separable data still gives a finite model (the penalty bounds w)', () => {
		const labels = new Uint8Array(x.rows);
		for (let i = 0; i < x.rows; i++) {
			labels[i] = x.dense[i * x.denseWidth]! > 0 ? 1 : 0;
		}
		for (const solver of solvers) {
			const fit = fitLogistic(x, labels, { solver, C: 1000 });
			assert.ok(fit.converged, solver);
			assert.ok(Number.isFinite(fit.objective) && fit.model.coef.every(Number.isFinite));
		}
	});

	it('honours the abort signal', () => {
		assert.throws(
			() => fitLogistic(x, y, { signal: { aborted: true } }),
			(e: Error) => e.name === 'AbortError',
		);
	});

	it('auto picks Newton for narrow data and L-BFGS for wide data', () => {
		assert.equal(fitLogistic(x, y).solver, 'newton');
		assert.equal(chooseSolver({ ...x, width: 5000 }, 100), 'lbfgs');
		assert.equal(chooseSolver({ ...x, denseWidth: 300 }, 26000), 'lbfgs');
	});
});
