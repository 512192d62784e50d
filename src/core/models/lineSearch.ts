/**
 * Line search along a descent direction: strong Wolfe conditions by bracketing and zooming
 * (Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithms 3.5 and 3.6), with cubic
 * interpolation safeguarded to the inner 80 % of the bracket.
 *
 * Near an optimum the objective changes by less than its rounding error, so the sufficient-decrease
 * test becomes a coin toss; there we also accept the "approximate Wolfe" conditions of Hager &
 * Zhang (SIAM J. Optim. 16(1), 2005, §4): a value within a relative 1e-12 of φ(0) and a slope in
 * [c2·φ'(0), (2c1 − 1)·φ'(0)]. They rely on the slope, which stays accurate when values do not.
 */

/** Evaluates φ(α) into out[0] and φ'(α) into out[1]. */
export type LineFunction = (alpha: number, out: Float64Array) => void;

export interface LineSearchResult {
	/** Step length (0 when no point with a lower value was found). */
	readonly alpha: number;
	readonly value: number;
	readonly slope: number;
	/** True when the returned step satisfies the (strong or approximate) Wolfe conditions. */
	readonly wolfe: boolean;
	readonly evaluations: number;
}

export interface LineSearchOptions {
	/** Sufficient-decrease constant (Armijo), default 1e-4. */
	readonly c1?: number;
	/** Curvature constant, default 0.9 (the usual choice for Newton and quasi-Newton steps). */
	readonly c2?: number;
	readonly maxEvaluations?: number;
}

/** Relative slack on φ(0) allowed by the approximate Wolfe conditions: a few hundred ulps. */
const valueNoise = 1e-12;

/**
 * Finds a step α > 0 along a direction with φ'(0) = slope0 < 0, trying `alpha0` first.
 * Never returns a point with φ(α) > φ(0) + noise; if the search fails it returns the best
 * point seen with φ < φ(0), or α = 0.
 */
export function wolfeLineSearch(
	phi: LineFunction,
	value0: number,
	slope0: number,
	alpha0: number,
	options: LineSearchOptions = {},
): LineSearchResult {
	const c1 = options.c1 ?? 1e-4;
	const c2 = options.c2 ?? 0.9;
	const maxEvaluations = options.maxEvaluations ?? 40;
	const noise = valueNoise * Math.abs(value0);
	const out = new Float64Array(2);
	let evaluations = 0;
	let best = { alpha: 0, value: value0, slope: slope0 };

	const evaluate = (alpha: number): { value: number; slope: number } => {
		phi(alpha, out);
		evaluations++;
		const value = out[0]!;
		const slope = out[1]!;
		if (value < best.value) {
			best = { alpha, value, slope };
		}
		return { value, slope };
	};
	const armijo = (alpha: number, value: number): boolean => value <= value0 + c1 * alpha * slope0;
	const strongWolfe = (alpha: number, value: number, slope: number): boolean => armijo(alpha, value) && Math.abs(slope) <= -c2 * slope0;
	const approximateWolfe = (value: number, slope: number): boolean =>
		value <= value0 + noise && slope >= c2 * slope0 && slope <= (2 * c1 - 1) * slope0;
	const accept = (alpha: number, value: number, slope: number): LineSearchResult => ({ alpha, value, slope, wolfe: true, evaluations });
	const giveUp = (): LineSearchResult => ({ alpha: best.alpha, value: best.value, slope: best.slope, wolfe: false, evaluations });

	if (!(slope0 < 0) || !Number.isFinite(value0)) {
		return giveUp();
	}

	// Zoom inside a bracket [lo, hi] (unordered) where lo has the lowest value so far that meets
	// sufficient decrease, and the bracket is known to contain acceptable points.
	const zoom = (lo: number, fLo: number, gLo: number, hi: number, fHi: number, gHi: number): LineSearchResult => {
		while (evaluations < maxEvaluations) {
			const a = cubicMinimiser(lo, fLo, gLo, hi, fHi, gHi);
			const { value, slope } = evaluate(a);
			if (strongWolfe(a, value, slope) || approximateWolfe(value, slope)) {
				return accept(a, value, slope);
			}
			if (!armijo(a, value) || value >= fLo) {
				hi = a;
				fHi = value;
				gHi = slope;
			} else {
				if (slope * (hi - lo) >= 0) {
					hi = lo;
					fHi = fLo;
					gHi = gLo;
				}
				lo = a;
				fLo = value;
				gLo = slope;
			}
			if (Math.abs(hi - lo) <= 1e-15 * Math.max(1, Math.abs(lo))) {
				break;
			}
		}
		return giveUp();
	};

	let prevAlpha = 0;
	let prevValue = value0;
	let prevSlope = slope0;
	let alpha = alpha0 > 0 && Number.isFinite(alpha0) ? alpha0 : 1;
	while (evaluations < maxEvaluations) {
		const { value, slope } = evaluate(alpha);
		if (!Number.isFinite(value) || !Number.isFinite(slope)) {
			// overflowed: shrink towards the last good point
			alpha = prevAlpha + 0.1 * (alpha - prevAlpha);
			continue;
		}
		if (strongWolfe(alpha, value, slope) || approximateWolfe(value, slope)) {
			return accept(alpha, value, slope);
		}
		if (!armijo(alpha, value) || (evaluations > 1 && value >= prevValue)) {
			return zoom(prevAlpha, prevValue, prevSlope, alpha, value, slope);
		}
		if (slope >= 0) {
			return zoom(alpha, value, slope, prevAlpha, prevValue, prevSlope);
		}
		prevAlpha = alpha;
		prevValue = value;
		prevSlope = slope;
		alpha *= 4;
	}
	return giveUp();
}

/**
 * Minimiser of the cubic through (a, fa, ga) and (b, fb, gb) (Nocedal & Wright eq. 3.59),
 * clamped to the inner 80 % of the interval; the midpoint when the cubic has no usable minimum.
 */
function cubicMinimiser(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
	const lo = Math.min(a, b);
	const hi = Math.max(a, b);
	const margin = 0.1 * (hi - lo);
	const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
	const disc = d1 * d1 - ga * gb;
	let x = Number.NaN;
	if (disc >= 0) {
		const d2 = Math.sign(b - a) * Math.sqrt(disc);
		x = b - ((b - a) * (gb + d2 - d1)) / (gb - ga + 2 * d2);
	}
	if (!Number.isFinite(x) || x < lo + margin || x > hi - margin) {
		return 0.5 * (lo + hi);
	}
	return x;
}
