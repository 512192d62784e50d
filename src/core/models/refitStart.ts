/**
 * Where a Newton fit ended — θ, ∇f(θ), f(θ) and its training rows — so that a refit of the same
 * rows from the same θ with some labels flipped can start without a pass over the rows.
 *
 * Why it is exact: at fixed margins m_r, flipping row r's label to ỹ' changes its loss from
 * c_r softplus(ỹ' m_r) to c_r softplus(−ỹ' m_r), a change of −c_r ỹ' m_r (softplus(t) − softplus(−t) = t),
 * and its gradient term c_r (σ(m_r) − [ỹ = 1]) x̃_r by −c_r ỹ' x̃_r (σ(m_r) does not involve the label).
 * Every other row, and the penalty, is unchanged. So the new f and ∇f at the old θ are the old ones
 * plus a sum over the flipped rows only: a refit along M, which flips a few hundred of ~26,000
 * Adult rows, saves one of its five or six passes (each an exp and a log1p per row).
 */
import type { TrainingSet } from './training';

export interface FitEnd {
	/** θ = (w, b) where the fit's last pass ran, and f and ∇f there, as that pass computed them. */
	readonly theta: Float64Array;
	readonly gradient: Float64Array;
	readonly objective: number;
	/** The fit's training view: its rows, labels and weights (never written after prepareTraining). */
	readonly training: TrainingSet;
	/**
	 * Present when the fit's last step was taken without a pass over the rows (newton.ts,
	 * {@link BLIND_STEP_SHARE}): the coefficients it returned, one chord step beyond θ above, and
	 * the objective the quadratic model predicts there. A refit from those coefficients starts
	 * from θ instead, where f and ∇f are known exactly.
	 */
	readonly lastStep?: { readonly theta: Float64Array; readonly objective: number };
}

/**
 * A refit may take its last step without the pass that would confirm it when the factor's last
 * contraction (the ratio of ‖∇f‖∞ after and before a chord step) predicts the gradient after the
 * step at or below this share of the tolerance: a margin of 10 over the prediction, which on the
 * Adult sweep was met with room to spare by every refit that stopped this way (the largest gradient
 * found after such a step, by a confirming pass, was 0.62 of the tolerance). It saves the pass
 * that would only have confirmed convergence: a third of the refits along M on Adult.
 */
export const BLIND_STEP_SHARE = 0.1;

/** The coefficients the fit behind `end` returned. */
function returnedTheta(end: FitEnd): Float64Array {
	return end.lastStep?.theta ?? end.theta;
}

/** True when `t` has the rows and weights of the fit behind `end`, and θ is exactly what that fit returned. */
function sameRowsAndStart(end: FitEnd, t: TrainingSet, theta: Float64Array): boolean {
	const before = end.training;
	const n = t.index.length;
	const returned = returnedTheta(end);
	if (before.x !== t.x || before.index.length !== n || returned.length !== theta.length) {
		return false;
	}
	for (let j = 0; j < theta.length; j++) {
		if (theta[j] !== returned[j]) {
			return false;
		}
	}
	const { index, weight } = t;
	if (index === before.index && weight === before.weight) {
		return true; // the same arrays: prepareTraining shares them between views of the same rows
	}
	for (let r = 0; r < n; r++) {
		if (index[r] !== before.index[r] || weight[r] !== before.weight[r]) {
			return false;
		}
	}
	return true;
}

/**
 * True when `t` is the very problem the fit behind `end` solved (same rows, weights and labels) and
 * θ is what it returned: that answer then stands as it is, with no step and no pass.
 */
export function sameFitAsEnd(end: FitEnd, t: TrainingSet, theta: Float64Array): boolean {
	if (!sameRowsAndStart(end, t, theta)) {
		return false;
	}
	const sign = t.sign;
	const before = end.training.sign;
	for (let r = 0, n = sign.length; r < n; r++) {
		if (sign[r] !== before[r]) {
			return false;
		}
	}
	return true;
}

/**
 * When `t` has the same rows and weights as `end` and θ is exactly what that fit returned, moves θ
 * to `end.theta` (the same θ unless the fit's last step was taken without a pass), writes ∇f(θ) for
 * t's labels into `grad` and returns f(θ); otherwise returns undefined and leaves θ alone (the
 * caller then makes the usual pass over the rows). Costs O(rows) comparisons plus O(row width) per
 * changed label.
 */
export function objectiveFromEnd(end: FitEnd, t: TrainingSet, theta: Float64Array, grad: Float64Array): number | undefined {
	if (!sameRowsAndStart(end, t, theta)) {
		return undefined;
	}
	theta.set(end.theta);
	const before = end.training;
	const n = t.index.length;
	const { index, sign, weight } = t;
	const x = t.x;
	const p = x.denseWidth;
	const q = x.blockCount;
	const width = x.width;
	grad.set(end.gradient);
	let value = end.objective;
	for (let r = 0; r < n; r++) {
		const y = sign[r]!;
		if (y === before.sign[r] || weight[r] === 0) {
			continue;
		}
		const i = index[r]!;
		// the margin summed in the order of computeMargins, so that it is the one a pass would see
		let m = theta[width]!;
		for (let j = 0, base = i * p; j < p; j++) {
			m += x.dense[base + j]! * theta[j]!;
		}
		for (let k = 0, base = i * q; k < q; k++) {
			const f = x.active[base + k]!;
			if (f >= 0) {
				m += theta[f]!;
			}
		}
		const c = weight[r]!;
		value -= c * y * m;
		const change = -c * y;
		for (let j = 0, base = i * p; j < p; j++) {
			grad[j] = grad[j]! + change * x.dense[base + j]!;
		}
		for (let k = 0, base = i * q; k < q; k++) {
			const f = x.active[base + k]!;
			if (f >= 0) {
				grad[f] = grad[f]! + change;
			}
		}
		grad[width] = grad[width]! + change;
	}
	return value;
}
