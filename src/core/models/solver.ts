/** Options and result shared by the Newton and L-BFGS solvers. */

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
	if (signal?.aborted) {
		const error = new Error('logistic regression: fit aborted');
		error.name = 'AbortError';
		throw error;
	}
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
