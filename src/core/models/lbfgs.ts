/**
 * Limited-memory BFGS for the L2 logistic objective, for matrices too wide for a d × d Hessian.
 *
 * Two-loop recursion with the last `memory` curvature pairs (Nocedal & Wright, "Numerical
 * Optimization", 2nd ed., Algorithms 7.4 and 7.5). The initial inverse Hessian is the Jacobi
 * preconditioner H₀ = γ·D⁻¹, D = diag(∇²f) refreshed every `diagonalRefresh` iterations and
 * γ = sᵀy / yᵀD⁻¹y: one-hot levels range from a handful of rows to most of them, so the Hessian
 * diagonal spans orders of magnitude and plain γ·I scaling needs several times more iterations.
 * Any positive-definite H₀ keeps the method's guarantees (Nocedal & Wright §7.2, eq. 7.20).
 * The line search enforces the strong Wolfe conditions,
 * with a strong-Wolfe line search so that sᵀy > 0 and the inverse-Hessian model stays positive
 * definite. Each iteration costs one pass over the rows for X·d, a few O(rows) line-search trials
 * along the precomputed margins, and one pass for the new gradient: O(rows·(p + q) + memory·d).
 * More iterations than Newton (tens to hundreds) but no d² memory or d³ factorisation.
 */
import { axpy, dot } from '../linalg/vector';
import { hessianDiagonal, lineValue, objectiveAndGradient, penaltyLine } from './kernels';
import { wolfeLineSearch } from './lineSearch';
import { checkAborted, maxAbs, reportIteration, type SolverOptions, type SolverResult } from './solver';
import { rowScratch } from './scratch';
import { computeMargins, type TrainingSet } from './training';

/** Number of (s, y) pairs kept; 10 is the common default (scipy, sklearn via scipy). */
const memory = 10;
/** Iterations between recomputations of the diagonal preconditioner (one extra O(rows) pass). */
const diagonalRefresh = 10;

/** Minimises the objective from θ (updated in place). */
export function lbfgsSolve(t: TrainingSet, theta: Float64Array, options: SolverOptions): SolverResult {
	const dim = t.dim;
	const n = t.index.length;
	const [z, zd, curvature] = rowScratch(n, 3) as [Float64Array, Float64Array, Float64Array];
	const grad = new Float64Array(dim);
	const gradNew = new Float64Array(dim);
	const direction = new Float64Array(dim);
	const sNew = new Float64Array(dim);
	const yNew = new Float64Array(dim);
	const inverseDiagonal = new Float64Array(dim);
	const sHistory = Array.from({ length: memory }, () => new Float64Array(dim));
	const yHistory = Array.from({ length: memory }, () => new Float64Array(dim));
	const rho = new Float64Array(memory);
	const alphas = new Float64Array(memory);
	let stored = 0;
	let newest = -1;
	let gamma = 1;

	let value = objectiveAndGradient(t, theta, z, grad, curvature);
	let iterations = 0;
	let converged = maxAbs(grad) <= options.gradientTolerance;
	while (!converged && iterations < options.maxIterations) {
		checkAborted(options.signal);
		if (iterations % diagonalRefresh === 0) {
			hessianDiagonal(t, curvature, inverseDiagonal);
			for (let j = 0; j < dim; j++) {
				inverseDiagonal[j] = 1 / Math.max(inverseDiagonal[j]!, 1e-12);
			}
			if (stored > 0) {
				gamma = rescaledGamma(sHistory[newest]!, yHistory[newest]!, inverseDiagonal);
			}
		}
		iterations++;
		reportIteration('lbfgs', iterations, options.maxIterations);
		// two-loop recursion: direction = −H_k ∇f
		for (let j = 0; j < dim; j++) {
			direction[j] = -grad[j]!;
		}
		for (let k = 0; k < stored; k++) {
			const slot = (newest - k + memory) % memory;
			const a = rho[slot]! * dot(sHistory[slot]!, direction);
			alphas[slot] = a;
			axpy(-a, yHistory[slot]!, direction);
		}
		for (let j = 0; j < dim; j++) {
			direction[j] = gamma * inverseDiagonal[j]! * direction[j]!;
		}
		for (let k = stored - 1; k >= 0; k--) {
			const slot = (newest - k + memory) % memory;
			const b = rho[slot]! * dot(yHistory[slot]!, direction);
			axpy(alphas[slot]! - b, sHistory[slot]!, direction);
		}
		let slope0 = dot(grad, direction);
		if (!(slope0 < 0)) {
			// the model lost positive definiteness numerically: restart from steepest descent
			stored = 0;
			gamma = 1;
			for (let j = 0; j < dim; j++) {
				direction[j] = -inverseDiagonal[j]! * grad[j]!;
			}
			slope0 = dot(grad, direction);
		}
		// with no curvature pairs yet, the first trial is the preconditioned gradient step D⁻¹∇f
		// (a Newton step for a diagonal Hessian), so α = 1 is the natural first trial
		const alpha0 = 1;
		computeMargins(t.x, t.index, direction, zd);
		const pen = penaltyLine(theta, direction, t.x.width);
		const step = wolfeLineSearch((alpha, out) => lineValue(t, z, zd, pen, alpha, out), value, slope0, alpha0);
		if (step.alpha === 0) {
			break; // no decrease possible along this direction: at the floating-point floor
		}
		for (let j = 0; j < dim; j++) {
			theta[j] = theta[j]! + step.alpha * direction[j]!;
		}
		const previous = value;
		value = objectiveAndGradient(t, theta, z, gradNew, curvature);
		// curvature pair s = α·d, y = ∇f_new − ∇f; keep it only when sᵀy is safely positive
		let sy = 0;
		let yy = 0;
		let yDy = 0;
		for (let j = 0; j < dim; j++) {
			const sj = step.alpha * direction[j]!;
			const yj = gradNew[j]! - grad[j]!;
			sNew[j] = sj;
			yNew[j] = yj;
			sy += sj * yj;
			yy += yj * yj;
			yDy += yj * yj * inverseDiagonal[j]!;
		}
		if (sy > 1e-12 * yy && yy > 0) {
			const slot = (newest + 1) % memory;
			sHistory[slot]!.set(sNew);
			yHistory[slot]!.set(yNew);
			rho[slot] = 1 / sy;
			gamma = sy / yDy;
			newest = slot;
			stored = Math.min(stored + 1, memory);
		}
		grad.set(gradNew);
		converged = maxAbs(grad) <= options.gradientTolerance;
		if (!converged && previous - value <= options.valueTolerance * Math.max(Math.abs(previous), Math.abs(value), 1)) {
			converged = step.wolfe;
			break;
		}
	}
	return { objective: value, iterations, converged };
}

/** γ = sᵀy / yᵀD⁻¹y for the newest pair after the preconditioner changed. */
function rescaledGamma(s: Float64Array, y: Float64Array, inverseDiagonal: Float64Array): number {
	let sy = 0;
	let yDy = 0;
	for (let j = 0; j < s.length; j++) {
		sy += s[j]! * y[j]!;
		yDy += y[j]! * y[j]! * inverseDiagonal[j]!;
	}
	return yDy > 0 && sy > 0 ? sy / yDy : 1;
}
