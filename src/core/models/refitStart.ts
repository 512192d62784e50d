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
	/** θ = (w, b) the fit returned, and f and ∇f there, as computed by the fit's last pass. */
	readonly theta: Float64Array;
	readonly gradient: Float64Array;
	readonly objective: number;
	/** The fit's training view: its rows, labels and weights (never written after prepareTraining). */
	readonly training: TrainingSet;
}

/**
 * When `t` has the same rows and weights as `end` and θ is exactly `end.theta`, writes ∇f(θ) for
 * t's labels into `grad` and returns f(θ); otherwise returns undefined (the caller then makes the
 * usual pass over the rows). Costs O(rows) comparisons plus O(row width) per changed label.
 */
export function objectiveFromEnd(end: FitEnd, t: TrainingSet, theta: Float64Array, grad: Float64Array): number | undefined {
	const before = end.training;
	const n = t.index.length;
	if (before.x !== t.x || before.index.length !== n || end.theta.length !== theta.length) {
		return undefined;
	}
	for (let j = 0; j < theta.length; j++) {
		if (theta[j] !== end.theta[j]) {
			return undefined;
		}
	}
	const { index, sign, weight } = t;
	for (let r = 0; r < n; r++) {
		if (index[r] !== before.index[r] || weight[r] !== before.weight[r]) {
			return undefined;
		}
	}
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
