/**
 * Newton's method (iteratively reweighted least squares) for the L2 logistic objective.
 *
 * Each iteration forms the exact Hessian from the sparse rows (kernels.ts), solves H·d = −∇f by
 * Cholesky, and takes a Wolfe step starting at α = 1. The objective is strictly convex in w and its
 * Hessian is positive definite whenever both classes are present, so the Newton step is a descent
 * direction; with the line search the method converges globally and, near the optimum,
 * quadratically (Nocedal & Wright, "Numerical Optimization", 2nd ed., Thm 3.6 / §3.3). That is why
 * it is the default for the ~100-feature matrices this project fits thousands of times: 4–8
 * iterations from cold, each one Hessian pass over the rows plus an O(d³/3) factorisation that is
 * negligible for d ≲ 1,500.
 *
 * Refits after label flips (a collective's curve over M) reuse the previous fit's Cholesky factor:
 * the Hessian Σ_r c_r σ_r(1 − σ_r) x̃_r x̃_rᵀ + diag(1, …, 1, 0) does not depend on the labels, so at
 * the previous optimum the old factor *is* the new problem's Hessian and the first step is an exact
 * Newton step. Later steps keep the factor (a chord, or simplified, Newton method: linear
 * convergence with a rate set by how far the curvature has moved) and refresh it only when one step
 * fails to cut the gradient by {@link CHORD_REFRESH_RATIO}. A step then costs two passes over the rows
 * (margins, objective and gradient) and two triangular solves, instead of a Hessian pass and a
 * factorisation as well; the stopping test is unchanged, so the refit reaches the cold fit's
 * optimum to the same tolerance.
 */
import type { FeatureMatrix } from '../encoding/matrix';
import { solveSpd } from '../linalg/cholesky';
import { FactorBfgs } from './factorBfgs';
import { accumulateHessian, lineValue, objectiveAndGradient, penaltyLine } from './kernels';
import { wolfeLineSearch } from './lineSearch';
import { checkAborted, maxAbs, reportIteration, type SolverOptions, type SolverResult } from './solver';
import { BLIND_STEP_SHARE, objectiveFromEnd, sameFitAsEnd, type FitEnd } from './refitStart';
import { rowScratch } from './scratch';
import { computeMargins, type TrainingSet } from './training';

/**
 * A Cholesky factor L (L·Lᵀ = the Hessian at some θ, plus any ridge the factorisation needed) and
 * what it was computed on. Only a preconditioner: a factor from other rows or weights still gives
 * the right optimum (every step is line-searched and the stopping test is the gradient's), only
 * more slowly, so {@link factorFits} merely screens out the obvious mismatches.
 */
export interface HessianFactor {
	/** dim × dim row-major; the lower triangle holds L, the rest is zero. Never written after creation. */
	readonly lower: Float64Array;
	readonly dim: number;
	readonly matrix: FeatureMatrix;
	/** Training rows and C·Σ s_i of the fit it came from. */
	readonly rows: number;
	readonly lossMass: number;
	/** Where that fit ended, for a refit from the same θ to start without a pass over the rows (refitStart.ts). */
	readonly end?: FitEnd;
}

/** Above this many parameters a fit does not hand its factor on (it would hold dim² numbers, 2 MB at 512). */
export const FACTOR_KEEP_MAX_DIM = 512;

/**
 * Above this many training rows a fit does not hand on where it ended: the end keeps the fit's
 * training view alive (20 bytes a row), which at ten million rows would hold 200 MB for as long as
 * the caller keeps the fit. Refits along M run on far fewer rows (Adult 26,049; the 1M-row flips run 800,000).
 */
export const END_KEEP_MAX_ROWS = 2_000_000;

/**
 * With a reused factor, a step that leaves more than this share of ‖∇f‖∞ refreshes the factor:
 * a chord step costs about a third of a Newton step, so it must gain at least a factor of 4 to pay.
 */
export const CHORD_REFRESH_RATIO = 0.25;

/**
 * A refit from a reused factor stops at this share of the gradient tolerance. Why: from a cold start
 * Newton's last step overshoots the tolerance by orders of magnitude (quadratic convergence), so a
 * cold fit ends far inside it, while the refit's superlinear steps would stop just inside and could
 * differ from the cold answer by up to the tolerance; one more cheap step makes both land on the
 * same optimum. Measured on logistic.refit.test.ts's curve: coefficients within 8.7e-8 of the cold
 * fit's relative to the largest at 0.1, 1.0e-7 at 0.01 (the previous share), identical predictions;
 * the Adult flips sweep's output is identical at either share, and 0.1 saves 9 % of its passes
 * (1,580 instead of 1,732 over 340 fits).
 */
export const REFIT_TOLERANCE_SHARE = 0.1;

/** Strong-Wolfe constants of the full-step test (the line search's defaults). */
const C1 = 1e-4;
const C2 = 0.9;

/**
 * A solver result; after a last step taken without a pass (see {@link BLIND_STEP_SHARE}) its
 * objective is the quadratic model's value f + ½∇fᵀd at the returned θ, not a computed sum.
 */
export interface NewtonResult extends SolverResult {
	/** The last factor used (undefined above {@link FACTOR_KEEP_MAX_DIM} parameters). */
	readonly factor: HessianFactor | undefined;
}

/** True when `factor` was computed for a problem of this shape (same matrix, row count and loss mass). */
export function factorFits(factor: HessianFactor, t: TrainingSet): boolean {
	return factor.dim === t.dim && factor.matrix === t.x && factor.rows === t.index.length && factor.lossMass === t.lossMass;
}

/**
 * Minimises the objective from θ (updated in place). With `reuse` (a factor from an earlier fit
 * of the same rows), iterations start from it and keep it while it works; without, every
 * iteration factorises the Hessian at the current θ (plain Newton).
 */
export function newtonSolve(t: TrainingSet, theta: Float64Array, options: SolverOptions, reuse?: HessianFactor): NewtonResult {
	const dim = t.dim;
	const n = t.index.length;
	const rowArrays = rowScratch(n, 5);
	let z = rowArrays[0]!;
	let zTrial = rowArrays[1]!;
	let curvature = rowArrays[2]!;
	let curvatureTrial = rowArrays[3]!;
	const zd = rowArrays[4]!;
	let grad = new Float64Array(dim);
	let gradTrial = new Float64Array(dim);
	const trial = new Float64Array(dim);
	const direction = new Float64Array(dim);
	let hessian: Float64Array | undefined; // allocated at the first fresh Hessian: many refits need none
	const chord = reuse !== undefined && factorFits(reuse, t);
	let factor: Float64Array | undefined = chord ? reuse.lower : undefined;
	let lastFactor = factor;
	const pairs = new FactorBfgs(dim);
	const previousTheta = new Float64Array(dim);
	const previousGrad = new Float64Array(dim);

	const tolerance = chord ? options.gradientTolerance * REFIT_TOLERANCE_SHARE : options.gradientTolerance;
	if (chord && reuse.end?.lastStep !== undefined && sameFitAsEnd(reuse.end, t, theta)) {
		// The problem that fit solved, from its answer: the answer stands (as it does, through a pass
		// over the flipped rows only, when that fit ended on a pass).
		return { objective: reuse.end.lastStep.objective, iterations: 0, converged: true, factor: reuse };
	}
	const keepEnd = n <= END_KEEP_MAX_ROWS && dim <= FACTOR_KEEP_MAX_DIM;
	let lastStep: { theta: Float64Array; objective: number } | undefined;
	/** ‖∇f‖∞ after / before the last step, when that step was a full chord step on the current factor. */
	let chordContraction: number | undefined;
	const fromEnd = chord && reuse.end !== undefined ? objectiveFromEnd(reuse.end, t, theta, grad) : undefined;
	// z and curvature hold θ's margins and curvature weights only after a pass over the rows
	let rowsCurrent = fromEnd === undefined;
	let value = fromEnd ?? objectiveAndGradient(t, theta, z, grad, curvature);
	let iterations = 0;
	let gradNorm = maxAbs(grad);
	let converged = gradNorm <= tolerance;
	while (!converged && iterations < options.maxIterations) {
		checkAborted(options.signal);
		iterations++;
		reportIteration('newton', iterations, options.maxIterations);
		const fresh = factor === undefined;
		if (factor === undefined) {
			if (!rowsCurrent) {
				value = objectiveAndGradient(t, theta, z, grad, curvature);
				rowsCurrent = true;
			}
			for (let j = 0; j < dim; j++) {
				direction[j] = -grad[j]!;
			}
			hessian ??= new Float64Array(dim * dim);
			accumulateHessian(t, curvature, hessian);
			const work = new Float64Array(dim * dim);
			solveSpd(hessian, dim, direction, work);
			factor = work; // solveSpd leaves the factor it solved with in `work`
			lastFactor = factor;
			pairs.clear();
		} else {
			direction.set(grad);
			pairs.applyInverse(factor, direction);
			for (let j = 0; j < dim; j++) {
				direction[j] = -direction[j]!;
			}
		}
		let slope0 = 0;
		for (let j = 0; j < dim; j++) {
			slope0 += grad[j]! * direction[j]!;
		}
		if (!(slope0 < 0)) {
			if (!fresh) {
				factor = undefined; // a stale factor gave no descent: retry with the current Hessian
				continue;
			}
			break; // gradient numerically zero in the Newton metric: nothing left to gain
		}
		if (keepEnd && chord && !fresh && chordContraction !== undefined && gradNorm * chordContraction <= BLIND_STEP_SHARE * tolerance) {
			// The last chord step on this factor cut the gradient by 1/chordContraction; this one is
			// predicted to bring it below a tenth of the tolerance. Take it without the pass that would
			// only confirm that: the fit's end (for the next refit) stays at θ, where f and ∇f are known.
			lastStep = { theta: new Float64Array(dim), objective: value + 0.5 * slope0 };
			for (let j = 0; j < dim; j++) {
				lastStep.theta[j] = theta[j]! + direction[j]!;
			}
			converged = true;
			break;
		}
		// The full step first, judged on its own margins: near the optimum it is almost always
		// accepted, and this saves the line search's extra passes over the rows.
		for (let j = 0; j < dim; j++) {
			trial[j] = theta[j]! + direction[j]!;
		}
		const trialValue = objectiveAndGradient(t, trial, zTrial, gradTrial, curvatureTrial);
		let trialSlope = 0;
		for (let j = 0; j < dim; j++) {
			trialSlope += gradTrial[j]! * direction[j]!;
		}
		const previous = value;
		previousTheta.set(theta);
		previousGrad.set(grad);
		let wolfe: boolean;
		const fullStep = trialValue <= value + C1 * slope0 && Math.abs(trialSlope) <= -C2 * slope0;
		if (fullStep) {
			theta.set(trial);
			[z, zTrial] = [zTrial, z];
			[grad, gradTrial] = [gradTrial, grad];
			[curvature, curvatureTrial] = [curvatureTrial, curvature];
			value = trialValue;
			rowsCurrent = true;
			wolfe = true;
		} else {
			if (!rowsCurrent) {
				value = objectiveAndGradient(t, theta, z, grad, curvature);
				rowsCurrent = true;
			}
			computeMargins(t.x, t.index, direction, zd);
			const pen = penaltyLine(theta, direction, t.x.width);
			const step = wolfeLineSearch((alpha, out) => lineValue(t, z, zd, pen, alpha, out), value, slope0, 1);
			if (step.alpha === 0) {
				if (!fresh) {
					factor = undefined;
					continue;
				}
				break; // no decrease found: at the floating-point floor of the objective
			}
			for (let j = 0; j < dim; j++) {
				theta[j] = theta[j]! + step.alpha * direction[j]!;
			}
			// recompute margins from θ rather than z += α·zd, so rounding does not drift across steps
			value = objectiveAndGradient(t, theta, z, grad, curvature);
			wolfe = step.wolfe;
		}
		const previousNorm = gradNorm;
		gradNorm = maxAbs(grad);
		converged = gradNorm <= tolerance;
		chordContraction = !fresh && fullStep ? gradNorm / previousNorm : undefined;
		if (!converged && previous - value <= options.valueTolerance * Math.max(Math.abs(previous), Math.abs(value), 1)) {
			// the Newton decrement is below rounding level; further steps cannot improve f
			converged = wolfe;
			break;
		}
		// A refit's first step moves θ the furthest (it absorbs every flipped label), so the reused
		// curvature is most out of date right after it: one fresh factor at θ₁ then makes the chord
		// steps that follow gain ~30× each instead of ~10× (Adult: 5.1 steps and 1.1 Hessians per refit
		// instead of 6.5 and 0.7).
		if (!chord || iterations === 1 || gradNorm > CHORD_REFRESH_RATIO * previousNorm) {
			factor = undefined; // plain Newton, or the reused factor has stopped paying: refactorise at the new θ
		} else {
			for (let j = 0; j < dim; j++) {
				previousTheta[j] = theta[j]! - previousTheta[j]!;
				previousGrad[j] = grad[j]! - previousGrad[j]!;
			}
			pairs.record(previousTheta, previousGrad);
		}
	}
	const keep = lastFactor !== undefined && dim <= FACTOR_KEEP_MAX_DIM ? lastFactor : undefined;
	const end: FitEnd | undefined =
		keep !== undefined && keepEnd
			? {
					theta: Float64Array.from(theta),
					gradient: Float64Array.from(grad),
					objective: value,
					training: t,
					...(lastStep !== undefined ? { lastStep } : {}),
				}
			: undefined;
	if (lastStep !== undefined) {
		theta.set(lastStep.theta);
	}
	return {
		objective: lastStep?.objective ?? value,
		iterations,
		converged,
		factor:
			keep !== undefined
				? {
						lower: keep,
						dim,
						matrix: t.x,
						rows: n,
						lossMass: t.lossMass,
						...(end !== undefined ? { end } : {}),
					}
				: undefined,
	};
}
