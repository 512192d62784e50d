/**
 * The two hot loops of tree growing: filling a node's gradient histogram, and finding its best
 * split from that histogram. Follows scikit-learn 1.2's HistGradientBoosting (histogram.pyx,
 * splitting.pyx) so that the parity test can hold the two to the same figures:
 *
 * - gain of a split = −G²/(H+λ) + G_L²/(H_L+λ) + G_R²/(H_R+λ) (the second-order drop of the
 *   loss, written as scikit-learn writes it: loss(node) − loss(left) − loss(right), loss = G·value,
 *   value = −G/(H+λ)); a split must have gain > 0, ≥ minSamplesLeaf rows and hessian ≥ 1e-3 on
 *   each side;
 * - numeric features are scanned left to right with missing values sent right, then, when the
 *   feature has missing values, right to left with them sent left; features in matrix order, the
 *   first strictly best gain wins.
 *
 * A histogram is one Float64Array of (gradient sum, hessian sum, row count) per slot; see
 * binning.ts for the slot layout. The larger child's histogram is the parent's minus the smaller
 * child's (histogram subtraction), so only the smaller child's rows are read.
 */
import type { BinnedFeatures } from './binning';
import { BINS_PER_FEATURE, MISSING_BIN } from './options';

/** Smallest hessian sum a child may have (scikit-learn's min_hessian_to_split). */
export const MIN_HESSIAN_TO_SPLIT = 1e-3;

/** The best split of a node, or gain −1 when it has none. */
export interface SplitCandidate {
	gain: number;
	/** Matrix feature index. */
	feature: number;
	/** Dense feature: rows with bin ≤ bin go left. One-hot feature: −1. */
	bin: number;
	/** Dense feature: where missing values go (one-hot: false; the absent level goes left). */
	missingLeft: boolean;
	gradientLeft: number;
	hessianLeft: number;
	countLeft: number;
}

export function emptySplit(): SplitCandidate {
	return { gain: -1, feature: -1, bin: -1, missingLeft: false, gradientLeft: 0, hessianLeft: 0, countLeft: 0 };
}

/** Adds the rows samples[start … end) to a zeroed histogram. */
export function fillHistogram(
	binned: BinnedFeatures,
	samples: Int32Array,
	start: number,
	end: number,
	gradient: Float64Array,
	hessian: Float64Array,
	hist: Float64Array,
): void {
	hist.fill(0);
	const slots = binned.slots;
	const stride = binned.matrix.denseWidth + binned.matrix.blockCount;
	for (let k = start; k < end; k++) {
		const r = samples[k]!;
		const g = gradient[r]!;
		const h = hessian[r]!;
		const base = r * stride;
		for (let u = 0; u < stride; u++) {
			const s = slots[base + u]!;
			hist[s] = hist[s]! + g;
			hist[s + 1] = hist[s + 1]! + h;
			hist[s + 2]! += 1;
		}
	}
}

/** parent ← parent − child, in place (the sibling's histogram). */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
	for (let s = 0; s < parent.length; s++) {
		parent[s] = parent[s]! - child[s]!;
	}
}

export interface SplitSettings {
	readonly minSamplesLeaf: number;
	readonly l2: number;
}

/** The best split of a node with the given totals, written into `best` (gain −1 if none). */
export function findBestSplit(
	binned: BinnedFeatures,
	hist: Float64Array,
	G: number,
	H: number,
	count: number,
	settings: SplitSettings,
	best: SplitCandidate,
): void {
	const { minSamplesLeaf, l2 } = settings;
	const x = binned.matrix;
	const p = x.denseWidth;
	const lossNode = G * (-G / (H + l2));
	best.gain = -1;
	best.feature = -1;
	for (let j = 0; j < p; j++) {
		const nonMissing = binned.thresholds[j]!.length + 1;
		const missing = binned.hasMissing[j]!;
		const base = 3 * j * BINS_PER_FEATURE;
		let gl = 0;
		let hl = 0;
		let cl = 0;
		const end = nonMissing - 1 + missing;
		for (let b = 0; b < end; b++) {
			const s = base + 3 * b;
			gl += hist[s]!;
			hl += hist[s + 1]!;
			cl += hist[s + 2]!;
			const cr = count - cl;
			const hr = H - hl;
			if (cl < minSamplesLeaf) {
				continue;
			}
			if (cr < minSamplesLeaf) {
				break;
			}
			if (hl < MIN_HESSIAN_TO_SPLIT) {
				continue;
			}
			if (hr < MIN_HESSIAN_TO_SPLIT) {
				break;
			}
			const gr = G - gl;
			const gain = lossNode + (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2);
			if (gain > best.gain && gain > 0) {
				record(best, gain, j, b, false, gl, hl, cl);
			}
		}
		if (missing === 0) {
			continue;
		}
		let gr = 0;
		let hr = 0;
		let cr = 0;
		for (let b = nonMissing - 2; b >= 0; b--) {
			const s = base + 3 * (b + 1);
			gr += hist[s]!;
			hr += hist[s + 1]!;
			cr += hist[s + 2]!;
			const cl2 = count - cr;
			const hl2 = H - hr;
			if (cr < minSamplesLeaf) {
				continue;
			}
			if (cl2 < minSamplesLeaf) {
				break;
			}
			if (hr < MIN_HESSIAN_TO_SPLIT) {
				continue;
			}
			if (hl2 < MIN_HESSIAN_TO_SPLIT) {
				break;
			}
			const gl2 = G - gr;
			const gain = lossNode + (gl2 * gl2) / (hl2 + l2) + (gr * gr) / (hr + l2);
			if (gain > best.gain && gain > 0) {
				record(best, gain, j, b, true, gl2, hl2, cl2);
			}
		}
	}
	const blockOf = binned.blockOf;
	const oneHotBase = 3 * (p * BINS_PER_FEATURE - p);
	for (let f = p; f < x.width; f++) {
		if (blockOf[f]! < 0) {
			continue;
		}
		const s = oneHotBase + 3 * f;
		const cr = hist[s + 2]!;
		const cl = count - cr;
		if (cl < minSamplesLeaf || cr < minSamplesLeaf) {
			continue;
		}
		const gr = hist[s]!;
		const hr = hist[s + 1]!;
		const gl = G - gr;
		const hl = H - hr;
		if (hl < MIN_HESSIAN_TO_SPLIT || hr < MIN_HESSIAN_TO_SPLIT) {
			continue;
		}
		const gain = lossNode + (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2);
		if (gain > best.gain && gain > 0) {
			record(best, gain, f, -1, false, gl, hl, cl);
		}
	}
}

function record(
	best: SplitCandidate,
	gain: number,
	feature: number,
	bin: number,
	missingLeft: boolean,
	gl: number,
	hl: number,
	cl: number,
): void {
	best.gain = gain;
	best.feature = feature;
	best.bin = bin;
	best.missingLeft = missingLeft;
	best.gradientLeft = gl;
	best.hessianLeft = hl;
	best.countLeft = cl;
}

/** Whether row position r goes left at a split (binned values; see the split's fields). */
export function goesLeft(binned: BinnedFeatures, r: number, feature: number, bin: number, missingLeft: boolean): boolean {
	const p = binned.matrix.denseWidth;
	if (feature < p) {
		const b = binned.bins[r * p + feature]!;
		return b === MISSING_BIN ? missingLeft : b <= bin;
	}
	const q = binned.matrix.blockCount;
	return binned.active[r * q + binned.blockOf[feature]!] !== feature;
}
