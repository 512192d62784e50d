/**
 * Seeded, stratified percentile bootstrap (Efron & Tibshirani 1993, "An Introduction to the
 * Bootstrap", ch. 13) for every slot of the statistic vector.
 *
 * Why resample cells, not rows: every figure is a function of the per-group confusion cells, and
 * a row enters the cells only through its (group, y, ŷ) cell. Drawing n_g row indices uniformly
 * with replacement from group g and counting their cells therefore has exactly the distribution
 * of drawing n_g cells with probabilities count/n_g — so we draw an index with Random.int(n_g)
 * and map it to a cell by cumulative counts, with no row arrays and no allocation per resample.
 *
 * Why stratified (resampling within each group, keeping group sizes): the metrics are
 * conditional on group (rates *within* a group), and the group sizes of a test set are part of
 * the design rather than the noise we want to measure. Unstratified resampling would also
 * sometimes draw a small minority group empty, leaving every figure undefined in that resample
 * and biasing the interval towards resamples where the minority happened to be large. Rows
 * outside every group form their own stratum, so the overall error keeps its composition too.
 */
import type { Random } from '../random.js';
import { quantileSorted } from '../stats/summary.js';
import { CELLS_PER_STRATUM, stratumSize } from './confusion.js';
import { StatLayout, evaluateInto, fillWorstInto } from './metrics.js';

export interface BootstrapOptions {
	/** Number of resamples; 0 turns the bootstrap off. Default 1000. */
	readonly resamples?: number;
	/** Coverage of the percentile interval, in (0, 1). Default 0.95. */
	readonly level?: number;
	/** Seeded generator (createRandom(seed)); the same seed gives the same intervals. */
	readonly random: Random;
	/** The seed behind `random`, only to be echoed in the report. */
	readonly seed?: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_LEVEL = 0.95;
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
	const resamples = options.resamples ?? DEFAULT_RESAMPLES;
	const level = options.level ?? DEFAULT_LEVEL;
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

	// Cumulative cell counts per stratum: an index k in [0, n) falls in the first cell whose
	// cumulative count exceeds k.
	const sizes = new Float64Array(strata);
	const cumulative = new Float64Array(strata * 3);
	for (let s = 0; s < strata; s++) {
		const o = s * CELLS_PER_STRATUM;
		sizes[s] = stratumSize(cells, s);
		cumulative[s * 3] = cells[o]!;
		cumulative[s * 3 + 1] = cells[o]! + cells[o + 1]!;
		cumulative[s * 3 + 2] = cells[o]! + cells[o + 1]! + cells[o + 2]!;
	}

	const resampled = new Float64Array(strata * CELLS_PER_STRATUM);
	const row = new Float64Array(slots);
	// Column-major, so that each slot's resampled values are contiguous for sorting.
	const columns = new Float64Array(slots * resamples);
	for (let b = 0; b < resamples; b++) {
		resampled.fill(0);
		for (let s = 0; s < strata; s++) {
			const n = sizes[s]!;
			const o = s * CELLS_PER_STRATUM;
			if (n === 0) {
				continue;
			}
			const c0 = cumulative[s * 3]!;
			const c1 = cumulative[s * 3 + 1]!;
			const c2 = cumulative[s * 3 + 2]!;
			if (c0 === n || c1 - c0 === n || c2 - c1 === n || n - c2 === n) {
				// One occupied cell: every resample equals the original, no draws needed.
				for (let k = 0; k < CELLS_PER_STRATUM; k++) {
					resampled[o + k] = cells[o + k]!;
				}
				continue;
			}
			let n0 = 0;
			let n1 = 0;
			let n2 = 0;
			for (let i = 0; i < n; i++) {
				const k = random.int(n);
				if (k < c0) {
					n0++;
				} else if (k < c1) {
					n1++;
				} else if (k < c2) {
					n2++;
				}
			}
			resampled[o] = n0;
			resampled[o + 1] = n1;
			resampled[o + 2] = n2;
			resampled[o + 3] = n - n0 - n1 - n2;
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
