/**
 * Options and result shared by the Newton and L-BFGS solvers, the rule that picks one by its
 * estimated cost, and a progress hook for long fits.
 */
import { throwIfAborted } from '../abort';

export interface SolverOptions {
	/** Stop when ‖∇f‖∞ ≤ this (absolute; the caller scales the user's relative tol). */
	readonly gradientTolerance: number;
	/**
	 * Also stop when one iteration lowers f by at most this fraction of |f| — the objective
	 * has reached its floating-point floor (scipy's L-BFGS-B "factr·ε" test, as sklearn uses).
	 */
	readonly valueTolerance: number;
	readonly maxIterations: number;
	readonly signal?: { readonly aborted: boolean } | undefined;
}

export interface SolverResult {
	readonly objective: number;
	readonly iterations: number;
	readonly converged: boolean;
}

/** Throws an Error named 'AbortError' once the caller's signal is set. */
export function checkAborted(signal: { readonly aborted: boolean } | undefined): void {
	throwIfAborted(signal, 'logistic regression: fit aborted');
}

/** max_j |v_j| */
export function maxAbs(v: Float64Array): number {
	let m = 0;
	for (let j = 0; j < v.length; j++) {
		const a = Math.abs(v[j]!);
		if (a > m) {
			m = a;
		}
	}
	return m;
}

/**
 * Typical iteration counts, measured on the project's datasets: Newton converges in 4–8 steps from
 * cold (8 taken here), L-BFGS in 100–300 (COMPAS: 163; 200 taken here).
 */
export const NEWTON_TYPICAL_ITERATIONS = 8;
export const LBFGS_TYPICAL_ITERATIONS = 200;
/** Above this many parameters Newton is never used: its d × d Hessian and factor would not fit well in memory. */
export const NEWTON_MAX_WIDTH = 1500;

export interface SolverShape {
	/** Training rows. */
	readonly rows: number;
	/** Parameters (features + intercept). */
	readonly dim: number;
	/** Stored entries per row: dense features + one-hot blocks + 1. */
	readonly perRow: number;
}

/**
 * Estimated multiply-adds of each solver to convergence. Newton: per step one Hessian pass,
 * rows · perRow² / 2, and a Cholesky factorisation, dim³ / 3. L-BFGS: per iteration about six
 * passes over the stored entries (margins, gradient, line search), 6 · rows · perRow, plus the
 * two-loop recursion. Both are linear in the rows, so tall data alone never makes Newton the
 * costly one: width does (the old rule switched to L-BFGS above ~3 million Adult rows, which then
 * ran for more than ten minutes where Newton takes seconds).
 */
export function solverCosts(shape: SolverShape): { newton: number; lbfgs: number } {
	const newtonStep = (shape.rows * shape.perRow * shape.perRow) / 2 + shape.dim ** 3 / 3 + 4 * shape.rows * shape.perRow;
	const lbfgsStep = 6 * shape.rows * shape.perRow + 40 * shape.dim;
	return { newton: NEWTON_TYPICAL_ITERATIONS * newtonStep, lbfgs: LBFGS_TYPICAL_ITERATIONS * lbfgsStep };
}

/** Newton when it is estimated cheaper (and the matrix is not too wide), else L-BFGS. */
export function chooseSolverByCost(shape: SolverShape): 'newton' | 'lbfgs' {
	if (shape.dim - 1 > NEWTON_MAX_WIDTH) {
		return 'lbfgs';
	}
	const cost = solverCosts(shape);
	return cost.newton <= cost.lbfgs ? 'newton' : 'lbfgs';
}

/** One solver iteration, for a progress display. */
export interface FitProgress {
	readonly solver: 'newton' | 'lbfgs';
	readonly iteration: number;
	readonly maxIterations: number;
}

let fitObserver: ((progress: FitProgress) => void) | undefined;

/**
 * Observes every fit's iterations in this thread (the CLI draws them, so a fit that takes
 * minutes is not a silent hang). Fits are synchronous, so a callback is the only way to report
 * from inside one; passing undefined stops observing.
 */
export function observeFits(observer: ((progress: FitProgress) => void) | undefined): void {
	fitObserver = observer;
}

/** Called by the solvers after each iteration. */
export function reportIteration(solver: 'newton' | 'lbfgs', iteration: number, maxIterations: number): void {
	fitObserver?.({ solver, iteration, maxIterations });
}
