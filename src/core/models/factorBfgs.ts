/**
 * L-BFGS corrections on top of a Cholesky factor: the search direction −H⁻¹∇f where H⁻¹ is the
 * inverse of a (possibly stale) Hessian L·Lᵀ updated by the last few steps' curvature pairs
 * (s, y) = (Δθ, Δ∇f) — the two-loop recursion of Nocedal & Wright, "Numerical Optimization",
 * 2nd ed., Alg. 7.4, with the solve by L·Lᵀ as its initial matrix H₀⁻¹.
 *
 * Why: a refit after label flips starts from the previous optimum with that optimum's Hessian
 * factor (newton.ts). Its first step is an exact Newton step, but the curvature then moves a little;
 * the plain stale factor converges only linearly, while the pairs correct it step by step
 * (superlinearly, as BFGS does), each for the price of a few vector operations instead of a
 * Hessian pass and a factorisation.
 */
import { choleskySolveInPlace } from '../linalg/cholesky';
import { axpy, dot } from '../linalg/vector';

/** Curvature pairs kept: a few suffice, since the factor already carries most of the curvature. */
export const FACTOR_BFGS_PAIRS = 6;

export class FactorBfgs {
	private readonly s: Float64Array[] = [];
	private readonly y: Float64Array[] = [];
	private readonly rho: number[] = [];
	private readonly alpha: Float64Array;

	constructor(private readonly dim: number) {
		this.alpha = new Float64Array(FACTOR_BFGS_PAIRS);
	}

	/** Forgets every pair (after the factor is replaced, the pairs described the old one's errors). */
	clear(): void {
		this.s.length = 0;
		this.y.length = 0;
		this.rho.length = 0;
	}

	/**
	 * Records a step s = θ_new − θ_old with gradient change y. Skipped when sᵀy is not safely
	 * positive (the objective is strictly convex, so that only happens at rounding level), which
	 * keeps the implied inverse Hessian positive definite.
	 */
	record(step: Float64Array, gradientChange: Float64Array): void {
		let sy = 0;
		let yy = 0;
		for (let j = 0; j < this.dim; j++) {
			sy += step[j]! * gradientChange[j]!;
			yy += gradientChange[j]! * gradientChange[j]!;
		}
		if (!(sy > 1e-12 * yy) || !Number.isFinite(sy)) {
			return;
		}
		if (this.s.length === FACTOR_BFGS_PAIRS) {
			this.s.shift();
			this.y.shift();
			this.rho.shift();
		}
		this.s.push(Float64Array.from(step));
		this.y.push(Float64Array.from(gradientChange));
		this.rho.push(1 / sy);
	}

	/** Overwrites `v` (holding ∇f) with H⁻¹∇f; negate it for the search direction. */
	applyInverse(factor: Float64Array, v: Float64Array): void {
		const dim = this.dim;
		const count = this.s.length;
		for (let i = count - 1; i >= 0; i--) {
			const a = this.rho[i]! * dot(this.s[i]!, v);
			this.alpha[i] = a;
			axpy(-a, this.y[i]!, v);
		}
		choleskySolveInPlace(factor, dim, v);
		for (let i = 0; i < count; i++) {
			const b = this.rho[i]! * dot(this.y[i]!, v);
			axpy(this.alpha[i]! - b, this.s[i]!, v);
		}
	}
}
