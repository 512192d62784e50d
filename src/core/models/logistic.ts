/**
 * The firm's classifier: exact L2-regularised logistic regression on a {@link FeatureMatrix}.
 *
 * Minimises scikit-learn's LogisticRegression(penalty='l2', C) objective (scikit-learn user guide,
 * §1.1.11.3 "Solvers" / "Mathematical formulation", https://scikit-learn.org/stable/modules/linear_model.html#logistic-regression):
 *
 *   f(w, b) = C · Σ_i s_i · log(1 + exp(−ỹ_i (w·x_i + b))) + ½‖w‖²,   ỹ_i ∈ {−1, +1},
 *
 * with sample weights s_i (default 1) and the intercept b not penalised, so that for the same data
 * and C it reaches the same optimum as `LogisticRegression(C=C).fit(X, y, sample_weight=s)`.
 * f is strictly convex in (w, b) once both classes have positive weight, so the optimum is unique
 * and any solver that drives the gradient to zero finds it; tests compare against sklearn 1.2.
 *
 * Solvers: Newton with an exact sparse Hessian and Cholesky (newton.ts) by default, L-BFGS
 * (lbfgs.ts) for wide matrices where a d × d Hessian is too costly. Both stop on the relative
 * gradient test ‖∇f‖∞ ≤ tol · max(1, C·Σ s_i).
 */
import type { FeatureMatrix } from '../encoding/matrix';
import { objectiveAndGradient } from './kernels';
import { lbfgsSolve } from './lbfgs';
import { newtonSolve, type HessianFactor } from './newton';
import { labelsAtThreshold, probabilitiesInPlace } from './predictions';
import { chooseSolverByCost, NEWTON_MAX_WIDTH, type SolverOptions, type SolverResult } from './solver';
import { computeMargins, prepareTraining } from './training';
import type { LogisticModel } from './logisticModel';

export type { HessianFactor } from './newton';
export { LogisticModel, logisticModelFromJSON, logisticModelToJSON, type LogisticModelJSON } from './logisticModel';

export type LogisticSolver = 'newton' | 'lbfgs';

export interface LogisticOptions {
	/** Inverse regularisation strength, as in sklearn (default 1). */
	C?: number;
	/**
	 * Relative gradient tolerance: stop when ‖∇f‖∞ ≤ tol · max(1, C·Σ s_i), i.e. when the largest
	 * gradient component is tol times the total loss weight (default 1e-8).
	 */
	tol?: number;
	/** Iteration cap (default 100 for Newton, 2,000 for L-BFGS). */
	maxIterations?: number;
	/** 'auto' (default) picks Newton unless the Hessian would be too costly; see {@link chooseSolver}. */
	solver?: 'auto' | LogisticSolver;
	/** Start from this model instead of zero (same width as the matrix). */
	warmStart?: LogisticModel;
	/**
	 * The Hessian factor of an earlier Newton fit on the same matrix, rows and weights (its
	 * `hessianFactor`), typically the fit `warmStart` came from: refits after label flips then
	 * cost a few gradient passes instead of a Hessian per step (newton.ts). Ignored by L-BFGS and
	 * when it was computed for another matrix, row count or loss mass. The optimum is the same
	 * with or without it, to the solver's tolerance.
	 */
	hessianFactor?: HessianFactor;
	/** Non-negative weight per matrix row (default 1); weight 2 is the same as duplicating the row. */
	sampleWeight?: ArrayLike<number>;
	/** Train on these matrix rows only (repeats allowed); default all rows. */
	rows?: Int32Array;
	/** Checked once per iteration; a set flag makes the fit throw an Error named 'AbortError'. */
	signal?: { aborted: boolean };
}

export interface LogisticFit {
	readonly model: LogisticModel;
	/** f(w, b) at the returned model (the sklearn-form objective above). */
	readonly objective: number;
	readonly iterations: number;
	/**
	 * True when the gradient test passed, or when f stopped decreasing at floating-point
	 * precision after a successful line search (the optimum to within rounding).
	 */
	readonly converged: boolean;
	readonly solver: LogisticSolver;
	/** Newton's last Cholesky factor, to pass as a refit's `hessianFactor` (undefined for L-BFGS and very wide matrices). */
	readonly hessianFactor?: HessianFactor;
}

/** Above this many parameters 'auto' uses L-BFGS (see {@link NEWTON_MAX_WIDTH}). */
export const newtonMaxWidth = NEWTON_MAX_WIDTH;

/**
 * The solver 'auto' picks: the one with the lower estimated cost ({@link chooseSolverByCost}).
 * Width decides (Cholesky d³/3, Hessian rows · perRow² / 2 against L-BFGS's ~200 cheap passes);
 * the number of rows scales both alike. COMPAS one-hot (1,174 parameters) gets L-BFGS, as
 * measured (Newton 5.2 s, L-BFGS 0.3 s); Adult (about 100) gets Newton at any number of rows.
 */
export function chooseSolver(x: FeatureMatrix, trainingRows: number): LogisticSolver {
	return chooseSolverByCost({ rows: trainingRows, dim: x.width + 1, perRow: x.denseWidth + x.blockCount + 1 });
}

/**
 * Fits the model. Throws an Error with a descriptive message for degenerate input (no rows,
 * a single class, mismatched lengths, non-finite values, bad options); never returns NaN.
 */
export function fitLogistic(x: FeatureMatrix, y: ArrayLike<number>, options: LogisticOptions = {}): LogisticFit {
	const C = options.C ?? 1;
	const tol = options.tol ?? 1e-8;
	if (!(tol > 0) || !Number.isFinite(tol)) {
		throw new Error(`logistic regression needs a finite tol > 0; got ${tol}`);
	}
	const training = prepareTraining(x, y, { C, sampleWeight: options.sampleWeight, rows: options.rows });
	const solver = options.solver === undefined || options.solver === 'auto' ? chooseSolver(x, training.index.length) : options.solver;
	if (solver !== 'newton' && solver !== 'lbfgs') {
		throw new Error(`logistic regression: unknown solver '${String(solver)}'`);
	}
	const maxIterations = options.maxIterations ?? (solver === 'newton' ? 100 : 2000);
	if (!Number.isInteger(maxIterations) || maxIterations < 0) {
		throw new Error(`logistic regression: maxIterations must be an integer ≥ 0; got ${maxIterations}`);
	}
	const theta = new Float64Array(training.dim);
	if (options.warmStart !== undefined) {
		theta.set(checkedParameters(options.warmStart, x.width, 'warm start'));
	}
	const solverOptions: SolverOptions = {
		gradientTolerance: tol * Math.max(1, training.lossMass),
		valueTolerance: 64 * Number.EPSILON,
		maxIterations,
		signal: options.signal,
	};
	let factor: HessianFactor | undefined;
	let result: SolverResult;
	if (solver === 'newton') {
		const newton = newtonSolve(training, theta, solverOptions, options.hessianFactor);
		factor = newton.factor;
		result = newton;
	} else {
		result = lbfgsSolve(training, theta, solverOptions);
	}
	if (!Number.isFinite(result.objective) || theta.some((v) => !Number.isFinite(v))) {
		throw new Error('logistic regression: the solver produced non-finite values (features too large to fit?)');
	}
	return {
		model: { coef: theta.slice(0, x.width), intercept: theta[x.width]! },
		objective: result.objective,
		iterations: result.iterations,
		converged: result.converged,
		solver,
		...(factor !== undefined ? { hessianFactor: factor } : {}),
	};
}

/** Options of {@link logisticObjective}: the same C, weights and row subset as the fit. */
export interface LogisticObjectiveOptions {
	C?: number;
	sampleWeight?: ArrayLike<number>;
	rows?: Int32Array;
}

/** f(w, b) of a model on the given data (the quantity {@link fitLogistic} minimises). */
export function logisticObjective(
	model: LogisticModel,
	x: FeatureMatrix,
	y: ArrayLike<number>,
	options: LogisticObjectiveOptions = {},
): number {
	const training = prepareTraining(x, y, { C: options.C ?? 1, sampleWeight: options.sampleWeight, rows: options.rows });
	const theta = checkedParameters(model, x.width, 'model');
	const z = new Float64Array(training.index.length);
	return objectiveAndGradient(training, theta, z, new Float64Array(training.dim));
}

/** P(y = 1 | x_i) = σ(w·x_i + b) for each requested matrix row (default all), in row order. */
export function predictProba(model: LogisticModel, x: FeatureMatrix, rows?: Int32Array): Float64Array {
	return probabilitiesInPlace(decisionFunction(model, x, rows));
}

/**
 * 1 where P(y = 1 | x) > threshold, else 0 (strict, like sklearn's `predict`, which labels a
 * margin of exactly 0 as class 0). Compares margins with logit(threshold) so that 0.5 is exact.
 */
export function predictLabels(model: LogisticModel, x: FeatureMatrix, rows?: Int32Array, threshold = 0.5): Uint8Array {
	return labelsAtThreshold(decisionFunction(model, x, rows), threshold, 'predictLabels');
}

/** Margins w·x_i + b for the requested rows (sklearn's `decision_function`). */
export function decisionFunction(model: LogisticModel, x: FeatureMatrix, rows?: Int32Array): Float64Array {
	const theta = checkedParameters(model, x.width, 'model');
	const index = rows ?? Int32Array.from({ length: x.rows }, (_, i) => i);
	for (let r = 0; r < index.length; r++) {
		const i = index[r]!;
		if (!(i >= 0 && i < x.rows)) {
			throw new Error(`logistic regression: row ${i} is outside the matrix of ${x.rows} rows`);
		}
	}
	const z = new Float64Array(index.length);
	computeMargins(x, index, theta, z);
	return z;
}

/** θ = (coef, intercept) after checking width and finiteness. */
function checkedParameters(model: LogisticModel, width: number, what: string): Float64Array {
	if (model.coef.length !== width) {
		throw new Error(`logistic regression: ${what} has ${model.coef.length} coefficients, the matrix has ${width} features`);
	}
	const theta = new Float64Array(width + 1);
	theta.set(model.coef);
	theta[width] = model.intercept;
	if (theta.some((v) => !Number.isFinite(v))) {
		throw new Error(`logistic regression: ${what} has non-finite coefficients or intercept`);
	}
	return theta;
}
