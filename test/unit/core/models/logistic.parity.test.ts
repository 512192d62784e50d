/**
 * Parity with scikit-learn: fixtures written by test/reference/logistic_fixture.py from sklearn 1.2
 * with LogisticRegression(C, tol=1e-12, max_iter=10000) and two solvers: 'lbfgs' (the firm in the
 * reference protocol; stops ~1e-9 above the optimum on scipy's relative-decrease test) and
 * 'newton-cholesky' (exact Newton, at the optimum to rounding).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogistic, logisticObjective, type LogisticSolver } from '../../../../src/core/models/logistic';
import { densified, loadFixture, maxAbsDiff } from './data';

const solvers: LogisticSolver[] = ['newton', 'lbfgs'];

for (const name of ['unweighted', 'weighted'] as const) {
	describe(`logistic regression vs scikit-learn (${name})`, () => {
		const { fixture, x } = loadFixture(name);
		const options = { C: fixture.C, sampleWeight: fixture.sampleWeight ?? undefined };
		const lbfgs = fixture.sklearn.lbfgs;
		const exact = fixture.sklearn['newton-cholesky'];

		it("evaluates sklearn's solutions to the objective the script computed", () => {
			for (const solution of [lbfgs, exact]) {
				const model = { coef: Float64Array.from(solution.coef), intercept: solution.intercept };
				const ours = logisticObjective(model, x, fixture.y, options);
				assert.ok(Math.abs(ours - solution.objective) <= 1e-12 * solution.objective, `${ours} vs ${solution.objective}`);
			}
		});

		for (const solver of solvers) {
			it(`${solver} with the default tolerance is at least as good as sklearn lbfgs`, () => {
				const fit = fitLogistic(x, fixture.y, { ...options, solver });
				assert.ok(fit.converged);
				assert.ok(fit.objective <= lbfgs.objective * (1 + 1e-6), `objective ${fit.objective} > sklearn ${lbfgs.objective}`);
				assert.ok(maxAbsDiff(fit.model.coef, exact.coef) < 1e-4);
			});

			it(`${solver} with tol 1e-10 reaches sklearn's optimum`, () => {
				const fit = fitLogistic(x, fixture.y, { ...options, solver, tol: 1e-10 });
				const gapLbfgs = (fit.objective - lbfgs.objective) / lbfgs.objective;
				const gapExact = (fit.objective - exact.objective) / exact.objective;
				const coefExact = maxAbsDiff(fit.model.coef, exact.coef);
				const coefLbfgs = maxAbsDiff(fit.model.coef, lbfgs.coef);
				const interceptExact = Math.abs(fit.model.intercept - exact.intercept);
				console.log(
					`  ${name}/${solver}: objective ${fit.objective} in ${fit.iterations} iterations; ` +
						`vs sklearn lbfgs ${lbfgs.objective} (gap ${gapLbfgs.toExponential(2)}, max |Δcoef| ${coefLbfgs.toExponential(2)}), ` +
						`vs newton-cholesky ${exact.objective} (gap ${gapExact.toExponential(2)}, max |Δcoef| ${coefExact.toExponential(2)}, ` +
						`|Δintercept| ${interceptExact.toExponential(2)})`,
				);
				assert.equal(fit.solver, solver);
				assert.ok(fit.converged);
				// the acceptance bar: no worse than the firm's sklearn fit
				assert.ok(fit.objective <= lbfgs.objective * (1 + 1e-6), `objective ${fit.objective} > sklearn ${lbfgs.objective}`);
				assert.ok(coefLbfgs < 1e-3, `max |Δcoef| vs sklearn lbfgs = ${coefLbfgs}`);
				// and at the exact optimum to within rounding
				assert.ok(fit.objective <= exact.objective * (1 + 1e-12), `objective ${fit.objective} > newton-cholesky ${exact.objective}`);
				assert.ok(coefExact < 1e-6, `max |Δcoef| vs newton-cholesky = ${coefExact}`);
				assert.ok(interceptExact < 1e-6, `|Δintercept| vs newton-cholesky = ${interceptExact}`);
				// the reported objective is the objective of the returned model
				const recomputed = logisticObjective(fit.model, x, fixture.y, options);
				assert.ok(Math.abs(recomputed - fit.objective) <= 1e-12 * fit.objective);
			});
		}

		it('gives the same fit on the all-dense encoding of the same matrix', () => {
			const sparse = fitLogistic(x, fixture.y, { ...options, solver: 'newton' });
			const dense = fitLogistic(densified(x), fixture.y, { ...options, solver: 'newton' });
			assert.ok(maxAbsDiff(sparse.model.coef, dense.model.coef) < 1e-9);
			assert.ok(Math.abs(sparse.objective - dense.objective) <= 1e-12 * dense.objective);
		});
	});
}
