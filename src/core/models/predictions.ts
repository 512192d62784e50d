/**
 * From a learner's margins (raw scores) to what callers ask for: probabilities σ(z) and labels at a
 * threshold. Shared so that every learner labels a row the same way: strictly above the threshold,
 * as scikit-learn's `predict` does (a margin of exactly 0 is class 0).
 */
import { sigmoid } from './softplus';

/** Overwrites each margin with σ(z) = P(y = 1 | x); returns the same array. */
export function probabilitiesInPlace(z: Float64Array): Float64Array {
	for (let r = 0; r < z.length; r++) {
		z[r] = sigmoid(z[r]!);
	}
	return z;
}

/**
 * The margin that P(y = 1 | x) = threshold corresponds to, logit(threshold), exactly 0 at 0.5 so that
 * the usual threshold needs no rounding. Throws, naming `learner`, when the threshold is outside [0, 1].
 */
function marginCut(threshold: number, learner: string): number {
	if (!(threshold >= 0 && threshold <= 1)) {
		throw new Error(`${learner}: threshold must be in [0, 1]; got ${threshold}`);
	}
	return threshold === 0.5 ? 0 : Math.log(threshold) - Math.log1p(-threshold);
}

/** 1 where the margin is strictly above `cut`, else 0. */
function labelsAbove(z: Float64Array, cut: number): Uint8Array {
	const out = new Uint8Array(z.length);
	for (let r = 0; r < z.length; r++) {
		out[r] = z[r]! > cut ? 1 : 0;
	}
	return out;
}

/**
 * 1 where P(y = 1 | x) > threshold, from a learner's margins: every learner's `predict`, comparing
 * margins with {@link marginCut} (which names `learner` when the threshold is out of range).
 */
export function labelsAtThreshold(margins: Float64Array, threshold: number, learner: string): Uint8Array {
	return labelsAbove(margins, marginCut(threshold, learner));
}
