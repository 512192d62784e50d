import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clopperPearsonLower, clopperPearsonUpper, regularizedBeta } from '../../../../src/core/firm/clopperPearson';
import { solveLinearProgram } from '../../../../src/core/firm/simplex';
import { convexHull, rocPoints } from '../../../../src/core/firm/rocHull';
import { nonDominated } from '../../../../src/core/firm/pareto';
import { createRandom } from '../../../../src/core/random';

// Compiled to out/test/unit/core/firm/; the fixtures stay in the source tree.
const fixture = JSON.parse(
	readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'firm', 'clopper_pearson.json'), 'utf8'),
) as { cases: Array<{ k: number; n: number; delta: number; lower: number; upper: number }> };

describe('Clopper–Pearson', () => {
	it('matches SciPy beta quantiles (test/reference/firm_clopper_pearson.py) to 1e-9', () => {
		assert.ok(fixture.cases.length > 100);
		for (const c of fixture.cases) {
			assert.ok(Math.abs(clopperPearsonLower(c.k, c.n, c.delta) - c.lower) < 1e-9, `lower k=${c.k} n=${c.n} δ=${c.delta}`);
			assert.ok(Math.abs(clopperPearsonUpper(c.k, c.n, c.delta) - c.upper) < 1e-9, `upper k=${c.k} n=${c.n} δ=${c.delta}`);
		}
	});

	it('I_x(1, 1) = x and I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
		for (const x of [0.1, 0.37, 0.9]) {
			assert.ok(Math.abs(regularizedBeta(x, 1, 1) - x) < 1e-14);
			assert.ok(Math.abs(regularizedBeta(x, 7, 3) - (1 - regularizedBeta(1 - x, 3, 7))) < 1e-13);
		}
	});

	it('rejects k > n and δ outside (0, 1)', () => {
		assert.throws(() => clopperPearsonUpper(3, 2, 0.05), RangeError);
		assert.throws(() => clopperPearsonLower(1, 2, 0), RangeError);
	});
});

/** Brute force: every basis of m columns, solved by Gaussian elimination; the best feasible one. */
function bruteForce(c: number[], A: number[][], b: number[]): number | undefined {
	const m = A.length;
	const n = c.length;
	let best: number | undefined;
	const choose = (start: number, picked: number[]): void => {
		if (picked.length === m) {
			const M = A.map((row, i) => [...picked.map((j) => row[j]!), b[i]!]);
			for (let col = 0; col < m; col++) {
				let p = col;
				for (let r = col + 1; r < m; r++) {
					if (Math.abs(M[r]![col]!) > Math.abs(M[p]![col]!)) {
						p = r;
					}
				}
				if (Math.abs(M[p]![col]!) < 1e-12) {
					return;
				}
				[M[col], M[p]] = [M[p]!, M[col]!];
				for (let r = 0; r < m; r++) {
					if (r !== col) {
						const f = M[r]![col]! / M[col]![col]!;
						for (let k = col; k <= m; k++) {
							M[r]![k] = M[r]![k]! - f * M[col]![k]!;
						}
					}
				}
			}
			const x = M.map((row, i) => row[m]! / row[i]!);
			if (x.every((v) => v >= -1e-9)) {
				const value = x.reduce((s, v, i) => s + v * c[picked[i]!]!, 0);
				best = best === undefined ? value : Math.min(best, value);
			}
			return;
		}
		for (let j = start; j < n; j++) {
			choose(j + 1, [...picked, j]);
		}
	};
	choose(0, []);
	return best;
}

describe('simplex', () => {
	it('solves a worked example: min −x − y s.t. x + 2y ≤ 4, 3x + y ≤ 6 → (1.6, 1.2)', () => {
		const r = solveLinearProgram({
			c: [-1, -1, 0, 0],
			A: [
				[1, 2, 1, 0],
				[3, 1, 0, 1],
			],
			b: [4, 6],
		});
		assert.equal(r.status, 'optimal');
		if (r.status === 'optimal') {
			assert.ok(Math.abs(r.x[0]! - 1.6) < 1e-12 && Math.abs(r.x[1]! - 1.2) < 1e-12);
			assert.ok(Math.abs(r.objective + 2.8) < 1e-12);
		}
	});

	it('reports infeasible and unbounded problems', () => {
		assert.equal(solveLinearProgram({ c: [1, 1], A: [[1, 1]], b: [-1] }).status, 'infeasible');
		assert.equal(solveLinearProgram({ c: [-1, 0], A: [[1, -1]], b: [0] }).status, 'unbounded');
	});

	it('agrees with brute-force vertex enumeration on 300 random bounded LPs, constraints satisfied', () => {
		const random = createRandom(11);
		let compared = 0;
		for (let t = 0; t < 300; t++) {
			const m = 1 + random.int(3);
			const n = m + 1 + random.int(4);
			// Σx = 1 as the first row keeps every problem bounded; others random with b from a feasible point.
			const A = [
				Array.from({ length: n }, () => 1),
				...Array.from({ length: m - 1 }, () => Array.from({ length: n }, () => random.int(5) - 2)),
			];
			const x0 = Array.from({ length: n }, () => random.next());
			const s = x0.reduce((u, v) => u + v, 0);
			const feasible = x0.map((v) => v / s);
			const b = A.map((row) => row.reduce((u, a, j) => u + a * feasible[j]!, 0));
			const c = Array.from({ length: n }, () => random.int(11) - 5);
			const r = solveLinearProgram({ c, A, b });
			assert.equal(r.status, 'optimal');
			if (r.status === 'optimal') {
				A.forEach((row, i) => assert.ok(Math.abs(row.reduce((u, a, j) => u + a * r.x[j]!, 0) - b[i]!) < 1e-9, 'Ax = b'));
				assert.ok(r.x.every((v) => v >= 0));
				// Brute force needs full row rank; rank-deficient draws (which the simplex handles as
				// redundant rows) are checked for feasibility above only.
				const reference = bruteForce(c, A, b);
				if (reference !== undefined) {
					compared++;
					assert.ok(Math.abs(r.objective - reference) < 1e-9, `LP ${t}`);
				}
			}
		}
		assert.ok(compared > 250, `${compared} compared`);
	});
});

describe('ROC hull', () => {
	it('gives threshold points from (0,0) to (1,1) and their convex hull', () => {
		const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
		const y = [1, 0, 1, 1, 0, 0];
		const points = rocPoints(scores, y);
		assert.deepEqual(
			points.map((p) => [p.fpr, p.tpr]),
			[
				[0, 0],
				[0, 1 / 3],
				[1 / 3, 1 / 3],
				[1 / 3, 2 / 3],
				[1 / 3, 1],
				[2 / 3, 1],
				[1, 1],
			],
		);
		const hull = convexHull(points);
		// (1/3, 1/3) lies on the diagonal chord, (1/3, 2/3) inside, (2/3, 1) on the top edge.
		assert.deepEqual(
			hull.map((p) => [p.fpr, p.tpr]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!),
			[
				[0, 0],
				[0, 1 / 3],
				[1 / 3, 1],
				[1, 1],
			],
		);
	});

	it('ties share one threshold', () => {
		const points = rocPoints([0.5, 0.5, 0.2], [1, 0, 0]);
		assert.deepEqual(
			points.map((p) => [p.fpr, p.tpr]),
			[
				[0, 0],
				[0.5, 1],
				[1, 1],
			],
		);
	});
});

describe('nonDominated', () => {
	it('keeps points no other point beats on both axes; undefined points never', () => {
		const front = nonDominated([
			{ x: 0.1, y: 0.5 },
			{ x: 0.2, y: 0.2 },
			{ x: 0.3, y: 0.3 },
			{ x: 0.2, y: 0.2 },
			{ x: null, y: 0 },
			{ x: 0.4, y: 0.1 },
		]);
		assert.deepEqual(front, [true, true, false, true, false, true]);
	});
});
