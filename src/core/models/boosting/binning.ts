/**
 * Feature binning for histogram gradient boosting: every training row's features turned, once,
 * into small integers, so that a tree node's split search reads a histogram of ≤ 256 bins per
 * feature instead of sorting values.
 *
 * Numeric (dense) features: bin edges are scikit-learn's (`_find_binning_thresholds` in
 * sklearn/ensemble/_hist_gradient_boosting/binning.py, version 1.2): from the training rows'
 * non-missing values, the midpoints between consecutive distinct values when there are at most
 * maxBins of them, otherwise the (k / maxBins)-quantiles k = 1 … maxBins − 1 by numpy's 'midpoint'
 * rule. A value's bin is the number of edges below it (a value equal to an edge falls left);
 * NaN goes to bin 255, its own. A feature with one distinct value (or none: all missing) gets no
 * edge, so it is never split on. Above 200,000 training rows the edges come from a seeded sample
 * of 200,000, as scikit-learn does.
 *
 * One-hot blocks are not binned: a row already names its active feature (or none), and a split on
 * one-hot feature f sends the rows whose active level is f one way and every other row the other,
 * exactly as a tree on the dense 0/1 column would. The histogram therefore needs one slot per
 * one-hot feature, filled once per block per row: Adult's 102 features cost 14 additions per row.
 */
import type { FeatureMatrix } from '../../encoding/matrix';
import { createRandom, deriveSeed, sampleWithoutReplacement } from '../../random';
import { BINNING_SAMPLE, BINS_PER_FEATURE, MISSING_BIN } from './options';

export interface BinnedFeatures {
	/** The matrix these bins were built from (a fit checks it is handed the same one). */
	readonly matrix: FeatureMatrix;
	/** Matrix row of each training position (repeats allowed). */
	readonly rows: Int32Array;
	readonly maxBins: number;
	/** Bin edges per dense feature, ascending (length = non-missing bins − 1). */
	readonly thresholds: readonly Float64Array[];
	/** 1 when the feature has a missing value among the training rows. */
	readonly hasMissing: Uint8Array;
	/** positions × denseWidth bins, row-major. */
	readonly bins: Uint8Array;
	/** positions × blockCount active one-hot feature (or −1), row-major: the matrix's, copied in position order. */
	readonly active: Int32Array;
	/**
	 * positions × (denseWidth + blockCount): the histogram offset (3 × slot) each of a row's
	 * features adds to; a missing one-hot block points at a spare slot no split reads.
	 */
	readonly slots: Int32Array;
	/** Slots per histogram: 256 per dense feature, one per one-hot feature, one spare. */
	readonly slotCount: number;
	/** Block of each one-hot feature (−1 for dense features and levels no training row has). */
	readonly blockOf: Int32Array;
}

/** Bins the training rows of x (default all rows). Throws on an empty row set or a row out of range. */
export function binFeatures(x: FeatureMatrix, rows?: Int32Array, maxBins = 255, seed = 0): BinnedFeatures {
	const index = rows ?? Int32Array.from({ length: x.rows }, (_, i) => i);
	const n = index.length;
	if (n === 0) {
		throw new Error('gradient boosting: no training rows');
	}
	for (let r = 0; r < n; r++) {
		const i = index[r]!;
		if (!(i >= 0 && i < x.rows)) {
			throw new Error(`gradient boosting: training row ${i} is outside the matrix of ${x.rows} rows`);
		}
	}
	const p = x.denseWidth;
	const q = x.blockCount;
	const sample =
		n > BINNING_SAMPLE ? sampleWithoutReplacement(index, BINNING_SAMPLE, createRandom(deriveSeed(seed, 'boosting-binning'))) : index;
	const thresholds: Float64Array[] = [];
	const hasMissing = new Uint8Array(p);
	const column = new Float64Array(sample.length);
	for (let j = 0; j < p; j++) {
		let m = 0;
		for (let r = 0; r < sample.length; r++) {
			const v = x.dense[sample[r]! * p + j]!;
			if (Number.isNaN(v)) {
				hasMissing[j] = 1;
			} else if (!Number.isFinite(v)) {
				throw new Error(`gradient boosting: feature '${x.names[j] ?? j}' has an infinite value in matrix row ${sample[r]}`);
			} else {
				column[m++] = v;
			}
		}
		thresholds.push(binThresholds(column.subarray(0, m), maxBins));
	}
	if (sample !== index) {
		// The sample decides the edges; whether a feature has missing values is a fact about all rows.
		for (let j = 0; j < p; j++) {
			for (let r = 0; r < n && hasMissing[j] === 0; r++) {
				hasMissing[j] = Number.isNaN(x.dense[index[r]! * p + j]!) ? 1 : 0;
			}
		}
	}
	const bins = new Uint8Array(n * p);
	const active = new Int32Array(n * q);
	const stride = p + q;
	const slots = new Int32Array(n * stride);
	const oneHotSlot = p * BINS_PER_FEATURE - p; // slot of one-hot feature f is oneHotSlot + f
	const spare = p * BINS_PER_FEATURE + (x.width - p);
	const blockOf = new Int32Array(x.width).fill(-1);
	for (let r = 0; r < n; r++) {
		const i = index[r]!;
		for (let j = 0; j < p; j++) {
			const b = binOf(x.dense[i * p + j]!, thresholds[j]!);
			bins[r * p + j] = b;
			slots[r * stride + j] = 3 * (j * BINS_PER_FEATURE + b);
		}
		for (let t = 0; t < q; t++) {
			const f = x.active[i * q + t]!;
			active[r * q + t] = f;
			if (f >= 0) {
				blockOf[f] = t;
			}
			slots[r * stride + p + t] = 3 * (f >= 0 ? oneHotSlot + f : spare);
		}
	}
	return { matrix: x, rows: index, maxBins, thresholds, hasMissing, bins, active, slots, slotCount: spare + 1, blockOf };
}

/** Bin edges of one feature's non-missing values (see the file comment); sorts `values` in place. */
export function binThresholds(values: Float64Array, maxBins: number): Float64Array {
	values.sort();
	const n = values.length;
	let distinct = 0;
	for (let r = 0; r < n; r++) {
		if (r === 0 || values[r] !== values[r - 1]) {
			distinct++;
		}
	}
	if (distinct <= maxBins) {
		const edges = new Float64Array(Math.max(0, distinct - 1));
		let k = 0;
		let previous = values[0]!;
		for (let r = 1; r < n; r++) {
			const v = values[r]!;
			if (v !== previous) {
				edges[k++] = (previous + v) * 0.5;
				previous = v;
			}
		}
		return edges;
	}
	// numpy.percentile(values, linspace(0, 100, maxBins + 1)[1:-1], method='midpoint')
	const edges = new Float64Array(maxBins - 1);
	const step = 100 / maxBins;
	for (let k = 1; k < maxBins; k++) {
		const v = ((k * step) / 100) * (n - 1);
		const lo = Math.floor(v);
		if (lo === Math.ceil(v)) {
			edges[k - 1] = values[lo]!;
		} else {
			const a = values[lo]!;
			const b = values[lo + 1]!;
			edges[k - 1] = b - (b - a) * 0.5;
		}
	}
	return edges;
}

/** Number of edges strictly below v (binary search), or the missing bin for NaN. */
export function binOf(v: number, edges: Float64Array): number {
	if (Number.isNaN(v)) {
		return MISSING_BIN;
	}
	let lo = 0;
	let hi = edges.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (v <= edges[mid]!) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return lo;
}
