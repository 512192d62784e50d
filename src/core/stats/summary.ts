/**
 * Numerically careful descriptive statistics over typed arrays. NaN entries are skipped
 * (they mark missing values in numeric columns); an empty input returns undefined rather
 * than NaN so that callers must say why a figure is missing.
 */

/**
 * Compensated sum (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation
 * endlicher Summen", ZAMM 54). Error bound O(ε) independent of n, unlike the naive O(nε).
 * @example neumaierSum([1e100, 1, -1e100]) === 1
 */
export function neumaierSum(values: ArrayLike<number>): number {
	let sum = 0;
	let compensation = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		if (Number.isNaN(v)) {
			continue;
		}
		const t = sum + v;
		compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
		sum = t;
	}
	return sum + compensation;
}

/** Running moments by Welford's algorithm (Welford 1962, Technometrics 4(3)); stable for large offsets. */
export interface Moments {
	readonly count: number;
	readonly mean: number;
	/** Sum of squared deviations from the mean (M2). */
	readonly m2: number;
	readonly min: number;
	readonly max: number;
}

/** Count, mean, M2, min and max of the non-NaN values, in one pass. Undefined when there are none. */
export function moments(values: ArrayLike<number>): Moments | undefined {
	let count = 0;
	let mean = 0;
	let m2 = 0;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		if (Number.isNaN(v)) {
			continue;
		}
		count++;
		const delta = v - mean;
		mean += delta / count;
		m2 += delta * (v - mean);
		if (v < min) {
			min = v;
		}
		if (v > max) {
			max = v;
		}
	}
	return count === 0 ? undefined : { count, mean, m2, min, max };
}

/** Arithmetic mean of the non-NaN values (compensated sum / n), or undefined when there are none. */
export function mean(values: ArrayLike<number>): number | undefined {
	let n = 0;
	for (let i = 0; i < values.length; i++) {
		if (!Number.isNaN(values[i]!)) {
			n++;
		}
	}
	return n === 0 ? undefined : neumaierSum(values) / n;
}

/**
 * Standard deviation from moments: sample (ddof = 1, the default) or population (ddof = 0).
 * Undefined when count ≤ ddof.
 */
export function standardDeviation(m: Moments, ddof: 0 | 1 = 1): number | undefined {
	return m.count > ddof ? Math.sqrt(Math.max(0, m.m2 / (m.count - ddof))) : undefined;
}

/** Sorted copy of the non-NaN values. */
export function sortedFinite(values: ArrayLike<number>): Float64Array {
	let n = 0;
	for (let i = 0; i < values.length; i++) {
		if (!Number.isNaN(values[i]!)) {
			n++;
		}
	}
	const out = new Float64Array(n);
	let j = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		if (!Number.isNaN(v)) {
			out[j++] = v;
		}
	}
	return out.sort();
}

/**
 * Quantile of sorted data by linear interpolation between order statistics (Hyndman & Fan 1996,
 * "Sample quantiles in statistical packages", type 7 — the default of R, NumPy and pandas):
 * h = (n − 1)·p, Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) === 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | undefined {
	const n = sorted.length;
	if (n === 0) {
		return undefined;
	}
	if (!(p >= 0 && p <= 1)) {
		throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
	}
	const h = (n - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, n - 1);
	return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
