/**
 * Review cases C06, C09 (F5): the audit switched to L-BFGS above about 3 million training rows
 * (the rule read tall data as "Hessian too costly") and then ran for more than ten minutes with
 * nothing shown. The rule now compares both solvers' estimated cost, in which rows scale both
 * alike, and every fit reports its iterations to an observer (the CLI's progress line).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSolver, fitLogistic } from '../../../src/core/models/logistic';
import { chooseSolverByCost, observeFits, solverCosts, type FitProgress } from '../../../src/core/models/solver';
import { generateProblem } from '../../unit/core/models/data';

/** Adult one-hot: 6 numeric columns and 8 categorical blocks, about 100 parameters. */
const adult = (rows: number): { rows: number; dim: number; perRow: number } => ({ rows, dim: 104, perRow: 6 + 8 + 1 });

describe('hostile: the solver rule', () => {
	it('Adult-shaped data gets Newton at any height (2.3 M, 3.9 M, 9.8 M rows)', () => {
		for (const rows of [30_000, 2_300_000, 3_910_000, 9_770_000]) {
			assert.equal(chooseSolverByCost(adult(rows)), 'newton', `${rows} rows`);
			const cost = solverCosts(adult(rows));
			assert.ok(
				cost.newton < cost.lbfgs / 5,
				`${rows} rows: Newton ${cost.newton.toExponential(2)} vs L-BFGS ${cost.lbfgs.toExponential(2)}`,
			);
		}
	});

	it('more rows never turn Newton into L-BFGS: both costs grow linearly with the rows', () => {
		for (const shape of [
			{ dim: 104, perRow: 15 },
			{ dim: 1175, perRow: 12 },
			{ dim: 301, perRow: 301 },
			{ dim: 1500, perRow: 40 },
		]) {
			const choices = [1e3, 1e4, 1e5, 1e6, 1e7, 1e8].map((rows) => chooseSolverByCost({ rows, ...shape }));
			const firstNewton = choices.indexOf('newton');
			if (firstNewton >= 0) {
				assert.ok(
					choices.slice(firstNewton).every((c) => c === 'newton'),
					`${JSON.stringify(shape)}: ${choices.join(' ')}`,
				);
			}
		}
	});

	it('wide one-hot data (COMPAS: 1,174 features) and very wide matrices get L-BFGS', () => {
		assert.equal(chooseSolverByCost({ rows: 4920, dim: 1175, perRow: 12 }), 'lbfgs');
		assert.equal(chooseSolverByCost({ rows: 100, dim: 5001, perRow: 3 }), 'lbfgs');
		const { x } = generateProblem(3, 50, 3, [4]);
		assert.equal(chooseSolver(x, 5_000_000), 'newton', 'a narrow matrix is Newton however tall');
	});

	it('every fit reports its iterations to the observer, then stops when unobserved', () => {
		const { x, y } = generateProblem(11, 400, 3, [4, 3, 6]);
		const seen: FitProgress[] = [];
		observeFits((p) => seen.push(p));
		let fit;
		try {
			fit = fitLogistic(x, y);
		} finally {
			observeFits(undefined);
		}
		assert.equal(fit.solver, 'newton');
		assert.equal(seen.length, fit.iterations);
		assert.deepEqual(
			seen.map((p) => p.iteration),
			Array.from({ length: fit.iterations }, (_, i) => i + 1),
		);
		assert.ok(seen.every((p) => p.solver === 'newton' && p.maxIterations === 100));
		const lbfgs = fitLogistic(x, y, { solver: 'lbfgs' });
		assert.ok(lbfgs.iterations > 0);
		assert.equal(seen.length, fit.iterations, 'nothing reported once the observer is removed');
	});
});
