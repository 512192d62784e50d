/**
 * Numerically stable pieces of the logistic loss, shared by the fitting kernels and prediction.
 *
 * For a margin m = w·x + b and label ỹ ∈ {−1, +1} the loss is softplus(t) = log(1 + eᵗ) with
 * t = −ỹ·m. Writing e = exp(−|t|) ∈ (0, 1] avoids overflow for either sign of t:
 *   softplus(t) = max(t, 0) + log1p(e)
 *   σ(t)        = 1 / (1 + e)   if t ≥ 0,   e / (1 + e)   otherwise
 *   σ(t)(1−σ(t)) = e / (1 + e)²
 * (see e.g. Mächler, "Accurately Computing log(1 − exp(−|a|))", CRAN Rmpfr vignette, 2012, §4,
 * for why log1p matters when eᵗ is tiny). One exp and one log1p per row.
 */

/** log(1 + exp(t)) without overflow or loss of precision for large |t|. */
export function softplus(t: number): number {
	return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

/** The logistic function 1 / (1 + exp(−t)), in (0, 1) except where it rounds to 0 or 1. */
export function sigmoid(t: number): number {
	if (t >= 0) {
		return 1 / (1 + Math.exp(-t));
	}
	const e = Math.exp(t);
	return e / (1 + e);
}
