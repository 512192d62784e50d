/**
 * Cholesky factorisation and solves for small dense symmetric positive-definite systems,
 * stored row-major in a Float64Array of n × n.
 *
 * A = L·Lᵀ with L lower triangular (Golub & Van Loan, "Matrix Computations", 4th ed., Alg. 4.2.1,
 * the row-oriented / Cholesky–Banachiewicz form). Backward stable for SPD matrices without
 * pivoting (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., Thm 10.3), which is
 * why the logistic-regression Newton step uses it rather than a general LU solve.
 */

/**
 * Factorises the symmetric matrix `a` (n × n, row-major; only the lower triangle incl. the diagonal
 * is read) in place: on success its lower triangle holds L and the strict upper triangle is zeroed.
 * Returns false, leaving `a` partly overwritten, when a pivot is not safely positive — i.e. the
 * matrix is not (numerically) positive definite. A pivot counts as unsafe when it is ≤ n·ε times
 * the original diagonal entry, since below that level it is rounding noise.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
	if (a.length < n * n) {
		throw new RangeError(`cholesky: matrix storage has ${a.length} entries, need ${n * n}`);
	}
	const noise = n * Number.EPSILON;
	for (let i = 0; i < n; i++) {
		const ri = i * n;
		for (let j = 0; j <= i; j++) {
			const rj = j * n;
			let s = a[ri + j]!;
			for (let k = 0; k < j; k++) {
				s -= a[ri + k]! * a[rj + k]!;
			}
			if (j === i) {
				const original = a[ri + i]!;
				if (!(s > noise * Math.abs(original)) || !Number.isFinite(s)) {
					return false;
				}
				a[ri + i] = Math.sqrt(s);
			} else {
				a[ri + j] = s / a[rj + j]!;
			}
		}
		for (let j = i + 1; j < n; j++) {
			a[ri + j] = 0;
		}
	}
	return true;
}

/**
 * Solves L·Lᵀ·x = b in place in `b`, given the factor from {@link choleskyInPlace}
 * (forward substitution with L, then back substitution with Lᵀ).
 */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
	for (let i = 0; i < n; i++) {
		const ri = i * n;
		let s = b[i]!;
		for (let k = 0; k < i; k++) {
			s -= l[ri + k]! * b[k]!;
		}
		b[i] = s / l[ri + i]!;
	}
	for (let i = n - 1; i >= 0; i--) {
		let s = b[i]!;
		for (let k = i + 1; k < n; k++) {
			s -= l[k * n + i]! * b[k]!;
		}
		b[i] = s / l[i * n + i]!;
	}
}

/** Outcome of {@link solveSpd}: the jitter actually added to the diagonal (0 when none was needed). */
export interface SpdSolveResult {
	readonly jitter: number;
}

/**
 * Solves A·x = b for symmetric positive (semi-)definite A, writing x into `b`.
 * `a` is read (lower triangle) and left unchanged; `work` (n × n) is scratch space.
 *
 * If A is not numerically positive definite, a ridge δ·I is added and the factorisation retried
 * with δ = 1e-12·max(1, mean diagonal), growing ×100 per attempt (a Levenberg–Marquardt style
 * shift; Nocedal & Wright, "Numerical Optimization", 2nd ed., §3.4 "Modified Newton"). A shifted
 * Newton matrix stays positive definite, so the resulting step is still a descent direction.
 * Throws only when even a large shift fails, which means the matrix holds non-finite values.
 */
export function solveSpd(a: Float64Array, n: number, b: Float64Array, work: Float64Array): SpdSolveResult {
	let diagonalMean = 0;
	for (let i = 0; i < n; i++) {
		diagonalMean += Math.abs(a[i * n + i]!);
	}
	diagonalMean = n > 0 ? diagonalMean / n : 0;
	const scale = Math.max(1, diagonalMean);
	let jitter = 0;
	for (let attempt = 0; attempt < 12; attempt++) {
		work.set(a.subarray(0, n * n));
		if (jitter > 0) {
			for (let i = 0; i < n; i++) {
				work[i * n + i] = work[i * n + i]! + jitter;
			}
		}
		if (choleskyInPlace(work, n)) {
			choleskySolveInPlace(work, n, b);
			return { jitter };
		}
		jitter = jitter === 0 ? 1e-12 * scale : jitter * 100;
	}
	throw new Error('cholesky: matrix is not positive definite even after adding a ridge (non-finite entries?)');
}
