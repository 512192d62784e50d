/**
 * Numeric column summary: sorting (counting sort for small-range integers), moments, type-7
 * quantiles and an equal-width histogram, all guaranteed finite — values near ±1.8e308 must not
 * turn a mean or an edge into Infinity, since profiles are JSON and NaN/Infinity are not.
 */
import { defined, undefinedFigure } from '../figure';
import { moments, neumaierSum, quantileSorted, standardDeviation } from '../stats/summary';
import type { Histogram, NumericSummary, NumericSummaryUnavailable } from './types';

/**
 * Sorted copy of the non-NaN values among the first `rowCount`. Integer columns with a small range
 * (ages, hours, counts, years: most numeric columns of tabular data) are counting-sorted in
 * O(n + range), several times faster than the comparison sort used otherwise.
 */
export function sortedPresent(values: Float64Array, rowCount: number): Float64Array {
	const out = new Float64Array(rowCount);
	let n = 0;
	let min = Infinity;
	let max = -Infinity;
	let integral = true;
	for (let i = 0; i < rowCount; i++) {
		const v = values[i]!;
		if (v === v) {
			out[n++] = v;
			if (v < min) {
				min = v;
			}
			if (v > max) {
				max = v;
			}
			// Math.trunc keeps ±Infinity equal to itself; the range test below rejects them.
			integral &&= Math.trunc(v) === v;
		}
	}
	const present = out.subarray(0, n);
	const range = max - min + 1;
	if (!integral || n === 0 || !(range <= 2 * n + 1024)) {
		return present.sort();
	}
	const counts = new Int32Array(range);
	for (let i = 0; i < n; i++) {
		counts[present[i]! - min]!++;
	}
	let j = 0;
	for (let k = 0; k < range; k++) {
		// Writing min + k also turns a −0 into +0, as the comparison sort would order them equal anyway.
		for (let c = counts[k]!; c > 0; c--) {
			present[j++] = min + k;
		}
	}
	return present;
}

export function summariseFinite(
	finite: Float64Array,
	nonFinite: number,
	integral: boolean,
	bins: number,
): NumericSummary | NumericSummaryUnavailable {
	if (finite.length === 0) {
		return { available: false, reason: nonFinite > 0 ? 'every value is ±Infinity' : 'every value is missing' };
	}
	const m = moments(finite)!;
	const sd = standardDeviation(m, 1);
	const q = (p: number): number => finiteQuantile(finite, p);
	return {
		available: true,
		count: finite.length,
		min: m.min,
		max: m.max,
		mean: finiteMean(finite, m.mean),
		sd:
			sd !== undefined && Number.isFinite(sd)
				? defined(sd)
				: undefinedFigure(
						sd === undefined ? 'a single value has no sample standard deviation' : 'values too large for a finite standard deviation',
					),
		quantiles: { p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95) },
		histogram: histogram(finite, m.min, m.max, bins),
		integral,
		nonFinite,
	};
}

/**
 * Type-7 quantile; when the library's x[lo] + f·(x[hi] − x[lo]) overflows (values of opposite sign
 * near ±1.8e308), the equivalent (1 − f)·x[lo] + f·x[hi], which cannot.
 */
function finiteQuantile(sorted: Float64Array, p: number): number {
	const q = quantileSorted(sorted, p)!;
	if (Number.isFinite(q)) {
		return q;
	}
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const f = h - lo;
	return (1 - f) * sorted[lo]! + f * sorted[Math.min(lo + 1, sorted.length - 1)]!;
}

/**
 * Welford's running mean overflows for values near ±1.8e308 (its deltas exceed the double range);
 * then the compensated sum of x/n, which cannot, and which is within [min, max].
 */
function finiteMean(finite: Float64Array, welfordMean: number): number {
	if (Number.isFinite(welfordMean)) {
		return welfordMean;
	}
	const n = finite.length;
	return neumaierSum(finite.map((v) => v / n));
}

/** Equal-width bins over [min, max] of sorted finite values (see {@link Histogram}). */
export function histogram(sorted: ArrayLike<number>, min: number, max: number, bins: number): Histogram {
	if (!(max > min)) {
		return { edges: [min, max], counts: [sorted.length] };
	}
	// (max − min) can overflow for values of opposite sign near the double range; min + k·(max/bins − min/bins) cannot.
	const width = max / bins - min / bins;
	const edges: number[] = [];
	for (let k = 0; k < bins; k++) {
		const edge = min + k * width;
		// k·width itself can overflow near the double range; the convex combination cannot.
		edges.push(Number.isFinite(edge) ? edge : (1 - k / bins) * min + (k / bins) * max);
	}
	edges.push(max);
	const counts = new Array<number>(bins).fill(0);
	for (let i = 0; i < sorted.length; i++) {
		const v = sorted[i]!;
		let k = Math.min(bins - 1, Math.floor((v - min) / width));
		// Floating-point division can land one bin off at an edge; the edges are the arbiter.
		while (k > 0 && v < edges[k]!) {
			k--;
		}
		while (k < bins - 1 && v >= edges[k + 1]!) {
			k++;
		}
		counts[k]!++;
	}
	return { edges, counts };
}
