/**
 * Exact binomial confidence bounds (Clopper & Pearson 1934, "The use of confidence or fiducial
 * limits illustrated in the case of the binomial", Biometrika 26(4)), for FARE's certificate.
 *
 * For k successes in n trials and a one-sided miss probability δ:
 *   lower(k, n, δ) = B⁻¹(δ; k, n − k + 1)        (0 when k = 0)
 *   upper(k, n, δ) = B⁻¹(1 − δ; k + 1, n − k)    (1 when k = n)
 * where B⁻¹(q; a, b) is the q-quantile of Beta(a, b). Each bound holds with probability ≥ 1 − δ
 * whatever the true p, because P(Bin(n, p) ≤ k) = 1 − I_p(k + 1, n − k) (DLMF 8.17.5).
 */
import { logFactorial } from '../fairness/binomial';

/** ln B(a, b) for positive integers a, b: ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function logBetaInt(a: number, b: number): number {
	return logFactorial(a - 1) + logFactorial(b - 1) - logFactorial(a + b - 1);
}

/**
 * The continued fraction of I_x(a, b) (DLMF 8.17.22), evaluated by the modified Lentz method
 * (Thompson & Barnett 1986): 1 / (1 + d₁/(1 + d₂/(1 + …))) with
 *   d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),  d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
 * Converges fast for x < (a+1)/(a+b+2); the caller uses the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
	const tiny = 1e-300;
	let f = 1;
	let c = 1;
	let d = 0;
	for (let j = 1; j <= 10_000; j++) {
		const m = Math.floor(j / 2);
		const coefficient =
			j % 2 === 1 ? -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)) : (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
		d = 1 + coefficient * d;
		d = Math.abs(d) < tiny ? tiny : d;
		c = 1 + coefficient / c;
		c = Math.abs(c) < tiny ? tiny : c;
		d = 1 / d;
		const delta = c * d;
		f *= delta;
		if (Math.abs(delta - 1) < 1e-15) {
			break;
		}
	}
	return 1 / f;
}

/** Regularised incomplete beta I_x(a, b) for positive integers a, b and x ∈ [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
	if (x <= 0) {
		return 0;
	}
	if (x >= 1) {
		return 1;
	}
	const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBetaInt(a, b));
	if (x < (a + 1) / (a + b + 2)) {
		return Math.min(1, (front * betaContinuedFraction(x, a, b)) / a);
	}
	return Math.max(0, 1 - (front * betaContinuedFraction(1 - x, b, a)) / b);
}

/** q-quantile of Beta(a, b) by bisection on the monotone I_x(a, b) (to ~1e-15 in x). */
export function betaQuantile(q: number, a: number, b: number): number {
	let lo = 0;
	let hi = 1;
	for (let it = 0; it < 200 && hi - lo > 1e-15; it++) {
		const mid = (lo + hi) / 2;
		if (regularizedBeta(mid, a, b) < q) {
			lo = mid;
		} else {
			hi = mid;
		}
	}
	return (lo + hi) / 2;
}

function checkCounts(k: number, n: number, delta: number): void {
	if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
		throw new RangeError(`Clopper–Pearson needs integers 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
	}
	if (!(delta > 0 && delta < 1)) {
		throw new RangeError(`Clopper–Pearson needs a miss probability in (0, 1), got ${delta}`);
	}
}

/** One-sided lower bound on p with miss probability δ (0 for k = 0; 0 for n = 0: nothing is known). */
export function clopperPearsonLower(k: number, n: number, delta: number): number {
	checkCounts(k, n, delta);
	return k === 0 ? 0 : betaQuantile(delta, k, n - k + 1);
}

/** One-sided upper bound on p with miss probability δ (1 for k = n, including n = 0). */
export function clopperPearsonUpper(k: number, n: number, delta: number): number {
	checkCounts(k, n, delta);
	return k === n ? 1 : betaQuantile(1 - delta, k + 1, n - k);
}
