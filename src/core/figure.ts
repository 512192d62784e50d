/**
 * A number shown to a user, or the reason it cannot be computed. The engine never lets NaN or
 * ±Infinity out: a rate over an empty group is `{ value: null, reason: 'no … rows' }`.
 */
export type Figure = { readonly value: number; readonly reason?: undefined } | { readonly value: null; readonly reason: string };

/** A percentile interval around a figure (e.g. bootstrap 95 %). */
export interface Interval {
	readonly lo: number;
	readonly hi: number;
	/** Coverage, e.g. 0.95. */
	readonly level: number;
}

export function defined(value: number): Figure {
	if (!Number.isFinite(value)) {
		throw new RangeError(`internal error: non-finite figure ${value}; report undefined figures with a reason`);
	}
	return { value };
}

export function undefinedFigure(reason: string): Figure {
	return { value: null, reason };
}

/** value / count, or undefined with the reason when count is zero. */
export function ratio(numerator: number, denominator: number, reasonWhenEmpty: string): Figure {
	return denominator > 0 ? defined(numerator / denominator) : undefinedFigure(reasonWhenEmpty);
}
