/**
 * Two-sided confidence intervals for a mean from a small sample: the Student t interval
 * mean ± t_{0.975, n−1} · s / √n (Student 1908; e.g. Wasserman, *All of Statistics*, §10.4).
 * Used for paired differences over seeds, where n is often 3–10 and the normal quantile 1.96
 * would overstate what the seeds show.
 */
import { moments, standardDeviation } from './summary';

/** t_{0.975, df} for df = 1 … 30 (standard tables, to 4 decimals). */
const T975 = [
	12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098,
	2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];

const Z975 = 1.959963984540054;

/**
 * The 97.5 % quantile of Student's t with `df` degrees of freedom: the table up to 30, then the
 * Cornish–Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5), accurate to 1e-4 past df = 30.
 */
export function tQuantile975(df: number): number {
	if (!Number.isInteger(df) || df < 1) {
		throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
	}
	if (df <= T975.length) {
		return T975[df - 1]!;
	}
	const z = Z975;
	const z3 = z ** 3;
	const z5 = z ** 5;
	const z7 = z ** 7;
	return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
}

export interface MeanInterval {
	readonly mean: number;
	/** 95 % t interval; equal to the mean when every value is the same. */
	readonly lo: number;
	readonly hi: number;
	readonly n: number;
}

/** The 95 % t interval of the mean of finite values; undefined with fewer than two. */
export function meanInterval(values: readonly number[]): MeanInterval | undefined {
	const finite = Float64Array.from(values.filter((v) => Number.isFinite(v)));
	const m = moments(finite);
	if (m === undefined || m.count < 2) {
		return undefined;
	}
	const sd = standardDeviation(m) ?? 0;
	const half = tQuantile975(m.count - 1) * (sd / Math.sqrt(m.count));
	return { mean: m.mean, lo: m.mean - half, hi: m.mean + half, n: m.count };
}
