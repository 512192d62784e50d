/**
 * Seeded, stratified percentile bootstrap (Efron & Tibshirani 1993, "An Introduction to the
 * Bootstrap", ch. 13) for every slot of the statistic vector.
 *
 * Why resample cells, not rows: every figure is a function of the per-group confusion cells, and
 * a row enters the cells only through its (group, y, ŷ) cell. Drawing n_g rows uniformly with
 * replacement from group g and counting their cells therefore has exactly the distribution of a
 * Multinomial(n_g; cell counts / n_g) draw of the cells, which binomial.ts draws directly in
 * O(√n_g) work: no row arrays, no allocation per resample.
 *
 * Why stratified (resampling within each group, keeping group sizes): the metrics are
 * conditional on group (rates *within* a group), and the group sizes of a test set are part of
 * the design rather than the noise we want to measure. Unstratified resampling would also
 * sometimes draw a small minority group empty, leaving every figure undefined in that resample
 * and biasing the interval towards resamples where the minority happened to be large. Rows
 * outside every group form their own stratum, so the overall error keeps its composition too.
 */
import { RUN_DEFAULTS } from '../../shared/runParameters';
import type { Random } from '../random.js';
import { quantileSorted } from '../stats/summary.js';
import { sampleMultinomialInto } from './binomial.js';
import { CELLS_PER_STRATUM, stratumSize } from './confusion.js';
import { type StatLayout, evaluateInto, fillWorstInto } from './metrics.js';

export interface BootstrapOptions {
	/** Number of resamples; 0 turns the bootstrap off. Default 1000 (the run parameter's). */
	readonly resamples?: number;
	/** Coverage of the percentile interval, in (0, 1). Default 0.95. */
	readonly level?: number;
	/** Seeded generator (createRandom(seed)); the same seed gives the same intervals. */
	readonly random: Random;
	/** The seed behind `random`, only to be echoed in the report. */
	readonly seed?: number;
}

/** Defaults of {@link BootstrapOptions}; the resample count is the run parameter's (src/shared/runParameters.ts). */
export const BOOTSTRAP_DEFAULTS = { resamples: RUN_DEFAULTS.resamples, level: 0.95 } as const;
/**
 * An interval needs at least this fraction of the resamples to give a defined value (and at
 * least 2 of them). Below it, the resamples that happen to define the figure (e.g. those that
 * drew at least one favourable label in a tiny group) are a biased subset, so we say so instead.
 */
export const MIN_VALID_FRACTION = 0.5;

/** Per-slot percentile bounds (NaN where too few resamples were valid) and valid counts. */
export interface BootstrapResult {
	readonly resamples: number;
	readonly level: number;
	readonly minValid: number;
	readonly lo: Float64Array;
	readonly hi: Float64Array;
	readonly valid: Int32Array;
}

export function resolveBootstrapOptions(options: BootstrapOptions): { resamples: number; level: number } {
	const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
	const level = options.level ?? BOOTSTRAP_DEFAULTS.level;
	if (!Number.isInteger(resamples) || resamples < 0) {
		throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
	}
	if (!(level > 0 && level < 1)) {
		throw new RangeError(`level must be in (0, 1), got ${level}`);
	}
	return { resamples, level };
}

export function minValidResamples(resamples: number): number {
	return Math.max(2, Math.ceil(MIN_VALID_FRACTION * resamples));
}

/**
 * Draws `resamples` stratified resamples of the confusion cells and returns the percentile
 * interval of every slot. `included` is the worst-case inclusion mask of the point estimate
 * (see {@link fillWorstInto}), so a resampled worst case ranges over the same groups.
 */
export function bootstrapStatistics(
	cells: Float64Array,
	layout: StatLayout,
	included: Uint8Array,
	options: BootstrapOptions,
): BootstrapResult {
	const { resamples, level } = resolveBootstrapOptions(options);
	const { random } = options;
	const strata = layout.groupCount + 1;
	const slots = layout.length;

	const sizes = new Float64Array(strata);
	for (let s = 0; s < strata; s++) {
		sizes[s] = stratumSize(cells, s);
	}

	const resampled = new Float64Array(strata * CELLS_PER_STRATUM);
	const row = new Float64Array(slots);
	// Column-major, so that each slot's resampled values are contiguous for sorting.
	const columns = new Float64Array(slots * resamples);
	for (let b = 0; b < resamples; b++) {
		for (let s = 0; s < strata; s++) {
			sampleMultinomialInto(sizes[s]!, cells, s * CELLS_PER_STRATUM, CELLS_PER_STRATUM, random, resampled);
		}
		evaluateInto(resampled, layout, row);
		fillWorstInto(row, layout, included);
		for (let j = 0; j < slots; j++) {
			columns[j * resamples + b] = row[j]!;
		}
	}

	const minValid = minValidResamples(resamples);
	const lo = new Float64Array(slots).fill(NaN);
	const hi = new Float64Array(slots).fill(NaN);
	const valid = new Int32Array(slots);
	const finite = new Float64Array(resamples);
	const tail = (1 - level) / 2;
	for (let j = 0; j < slots; j++) {
		let count = 0;
		for (let b = 0; b < resamples; b++) {
			const v = columns[j * resamples + b]!;
			if (!Number.isNaN(v)) {
				finite[count++] = v;
			}
		}
		valid[j] = count;
		if (count < minValid) {
			continue;
		}
		const sorted = finite.subarray(0, count).sort();
		lo[j] = quantileSorted(sorted, tail)!;
		hi[j] = quantileSorted(sorted, 1 - tail)!;
	}
	return { resamples, level, minValid, lo, hi, valid };
}
