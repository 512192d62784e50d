/**
 * The hot loops of the logistic-regression solvers, over the sparse FeatureMatrix layout.
 *
 * Objective (scikit-learn's L2 LogisticRegression, intercept not penalised):
 *   f(w, b) = Σ_r c_r · softplus(−ỹ_r m_r) + ½‖w‖²,   m_r = w·x_r + b,   c_r = C·s_r
 * Gradient:  ∇_w f = Σ_r c_r (σ_r − [ỹ_r = 1]) x_r + w,   ∂f/∂b = Σ_r c_r (σ_r − [ỹ_r = 1])
 *   where σ_r = σ(m_r) is the predicted probability, equivalently c_r·(−ỹ_r σ(−ỹ_r m_r)).
 * Hessian:   H = Σ_r c_r σ_r(1−σ_r) x̃_r x̃_rᵀ + diag(1,…,1, 0),   x̃_r = (x_r, 1).
 * Sums of the loss use Neumaier compensation so that line searches can compare objective values
 * that differ only in the last few digits (near the optimum Newton steps change f by ~1e-15·f).
 */
import type { TrainingSet } from './training';
import { wasmKernelsFor } from './wasm/wasmKernels';

/**
 * softplus(t) = max(t, 0) + log1p(e) given e = exp(−|t|) (softplus.ts explains the form); the row
 * kernels compute e once and use it for the loss and for σ. Small enough for the JIT to inline.
 */
function softplusOf(t: number, e: number): number {
	return (t > 0 ? t : 0) + Math.log1p(e);
}

/** σ(t) given e = exp(−|t|). */
function sigmoidOf(t: number, e: number): number {
	return t >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/**
 * A sum of the per-row losses with Neumaier's compensation (the loss terms are ≥ 0), one per kernel
 * call: the objective pass and the line search's pass add their terms the same way. Bit-identical to
 * the two local variables it replaced, and as fast (micro-benchmark of the pass on Adult's rows).
 */
class LossSum {
	private sum = 0;
	private compensation = 0;

	add(term: number): void {
		const sum = this.sum;
		const acc = sum + term;
		this.compensation += Math.abs(sum) >= term ? sum - acc + term : term - acc + sum;
		this.sum = acc;
	}

	/** The compensated total. */
	total(): number {
		return this.sum + this.compensation;
	}
}

/** What every kernel reads of the training rows: their matrix indices and the matrix's two parts. */
interface RowLayout {
	readonly index: Int32Array;
	/** Dense features per row (feature indices 0 … p − 1). */
	readonly p: number;
	/** One-hot blocks per row. */
	readonly q: number;
	/** Coefficients (the intercept is θ[width]). */
	readonly width: number;
	readonly dense: Float64Array;
	readonly active: Int32Array;
}

function layoutOf(t: TrainingSet): RowLayout {
	const x = t.x;
	return { index: t.index, p: x.denseWidth, q: x.blockCount, width: x.width, dense: x.dense, active: x.active };
}

/**
 * Objective at θ, in one pass over the rows: writes the margins m_r = w·x_r + b into `z`, ∇f into
 * `grad` and, when `curvature` is given, the Hessian row weights c_r σ_r(1−σ_r) into it. One pass
 * instead of a margins pass and then a loss pass: each row's features are read once, while they
 * are in cache (the margins are summed in the same order as {@link computeMargins}, so they are
 * bit-identical to it).
 */
export function objectiveAndGradient(
	t: TrainingSet,
	theta: Float64Array,
	z: Float64Array,
	grad: Float64Array,
	curvature?: Float64Array,
): number {
	const fast = wasmKernelsFor(t);
	if (fast !== undefined) {
		return fast.objectiveAndGradient(theta, z, grad, curvature);
	}
	return objectiveAndGradientTs(t, theta, z, grad, curvature);
}

/** {@link objectiveAndGradient} in TypeScript. */
export function objectiveAndGradientTs(
	t: TrainingSet,
	theta: Float64Array,
	z: Float64Array,
	grad: Float64Array,
	curvature?: Float64Array,
): number {
	const { index, p, q, width, dense, active } = layoutOf(t);
	const { sign, weight } = t;
	const intercept = theta[width]!;
	grad.fill(0);
	const loss = new LossSum();
	let gb = 0;
	for (let r = 0, n = index.length; r < n; r++) {
		const i = index[r]!;
		const dBase = i * p;
		const aBase = i * q;
		let m = intercept;
		for (let j = 0; j < p; j++) {
			m += dense[dBase + j]! * theta[j]!;
		}
		for (let k = 0; k < q; k++) {
			const f = active[aBase + k]!;
			if (f >= 0) {
				m += theta[f]!;
			}
		}
		z[r] = m;
		const c = weight[r]!;
		if (c === 0) {
			if (curvature !== undefined) {
				curvature[r] = 0;
			}
			continue;
		}
		const yr = sign[r]!;
		const tr = -yr * m;
		const e = Math.exp(-Math.abs(tr));
		loss.add(c * softplusOf(tr, e));
		// σ(t) with t = −ỹ m: the derivative of softplus(−ỹ m) in m is −ỹ σ(t)
		const s = sigmoidOf(tr, e);
		const residual = -yr * c * s;
		if (curvature !== undefined) {
			const o = 1 + e;
			curvature[r] = (c * e) / (o * o);
		}
		gb += residual;
		for (let j = 0; j < p; j++) {
			grad[j] = grad[j]! + residual * dense[dBase + j]!;
		}
		for (let k = 0; k < q; k++) {
			const f = active[aBase + k]!;
			if (f >= 0) {
				grad[f] = grad[f]! + residual;
			}
		}
	}
	let penalty = 0;
	for (let j = 0; j < width; j++) {
		const w = theta[j]!;
		penalty += w * w;
		grad[j] = grad[j]! + w;
	}
	grad[width] = gb;
	return loss.total() + 0.5 * penalty;
}

/** The parts of ½‖w + αd‖² that a line search needs: ‖w‖², w·d and ‖d‖² over the coefficients. */
export interface PenaltyLine {
	readonly ww: number;
	readonly wd: number;
	readonly dd: number;
}

export function penaltyLine(theta: Float64Array, direction: Float64Array, width: number): PenaltyLine {
	let ww = 0;
	let wd = 0;
	let dd = 0;
	for (let j = 0; j < width; j++) {
		const w = theta[j]!;
		const d = direction[j]!;
		ww += w * w;
		wd += w * d;
		dd += d * d;
	}
	return { ww, wd, dd };
}

/**
 * φ(α) = f(θ + α d) and φ'(α), from the margins z of θ and zd of d (so O(rows), no feature
 * access). Writes φ into out[0] and φ' into out[1].
 */
export function lineValue(t: TrainingSet, z: Float64Array, zd: Float64Array, pen: PenaltyLine, alpha: number, out: Float64Array): void {
	const fast = wasmKernelsFor(t);
	if (fast === undefined) {
		lineValueTs(t, z, zd, pen, alpha, out);
		return;
	}
	fast.lineLoss(z, zd, alpha, out);
	withPenalty(out[0]!, out[1]!, pen, alpha, out);
}

/** φ(α) and φ'(α) into out: the loss part and its slope plus the penalty's, ½‖w + αd‖² and w·d + α‖d‖². */
function withPenalty(loss: number, slope: number, pen: PenaltyLine, alpha: number, out: Float64Array): void {
	out[0] = loss + 0.5 * (pen.ww + 2 * alpha * pen.wd + alpha * alpha * pen.dd);
	out[1] = slope + pen.wd + alpha * pen.dd;
}

/** {@link lineValue} in TypeScript. */
export function lineValueTs(t: TrainingSet, z: Float64Array, zd: Float64Array, pen: PenaltyLine, alpha: number, out: Float64Array): void {
	const { sign, weight } = t;
	const loss = new LossSum();
	let slope = 0;
	for (let r = 0, n = sign.length; r < n; r++) {
		const c = weight[r]!;
		if (c === 0) {
			continue;
		}
		const yr = sign[r]!;
		const tr = -yr * (z[r]! + alpha * zd[r]!);
		const e = Math.exp(-Math.abs(tr));
		loss.add(c * softplusOf(tr, e));
		const s = sigmoidOf(tr, e);
		slope -= yr * c * s * zd[r]!;
	}
	withPenalty(loss.total(), slope, pen, alpha, out);
}

/**
 * Writes the full Hessian Σ_r h_r x̃_r x̃_rᵀ + diag(1,…,1,0) into the lower triangle of `h`
 * (dim × dim, row-major; the solve reads only the lower triangle). Never forms a dense row:
 * each row contributes its dense outer product, dense × active-level cross terms, pairs of
 * active levels, and the intercept column — about (p + q + 1)²/2 updates per row for
 * p dense features and q blocks, instead of width²/2.
 */
export function accumulateHessian(t: TrainingSet, curvature: Float64Array, h: Float64Array): void {
	const fast = wasmKernelsFor(t);
	if (fast !== undefined) {
		fast.accumulateHessian(curvature, h);
		return;
	}
	accumulateHessianTs(t, curvature, h);
}

/** {@link accumulateHessian} in TypeScript. */
export function accumulateHessianTs(t: TrainingSet, curvature: Float64Array, h: Float64Array): void {
	const { index, p, q, width, dense, active } = layoutOf(t);
	const dim = t.dim;
	const rowB = width * dim; // intercept row of the lower triangle
	// per-row scratch, allocated once per call: c·x_j of the dense part and the active levels
	const cx = new Float64Array(p);
	const levels = new Int32Array(q);
	h.fill(0);
	for (let r = 0, n = index.length; r < n; r++) {
		const c = curvature[r]!;
		if (c === 0) {
			continue;
		}
		const i = index[r]!;
		const dBase = i * p;
		for (let j = 0; j < p; j++) {
			const cv = c * dense[dBase + j]!;
			cx[j] = cv;
			const row = j * dim;
			for (let k = 0; k <= j; k++) {
				h[row + k] = h[row + k]! + cv * dense[dBase + k]!;
			}
			h[rowB + j] = h[rowB + j]! + cv;
		}
		let m = 0;
		for (let a = 0, aBase = i * q; a < q; a++) {
			const f = active[aBase + a]!;
			if (f >= 0) {
				levels[m++] = f;
			}
		}
		for (let a = 0; a < m; a++) {
			const f = levels[a]!;
			const row = f * dim;
			// one-hot feature f (≥ p) against every dense feature: lower triangle since f > j
			for (let j = 0; j < p; j++) {
				h[row + j] = h[row + j]! + cx[j]!;
			}
			// against the active levels of the earlier blocks, and itself
			for (let b = 0; b < a; b++) {
				const g = levels[b]!;
				if (g < f) {
					h[row + g] = h[row + g]! + c;
				} else if (g > f) {
					h[g * dim + f] = h[g * dim + f]! + c;
				} else {
					// the same index active in two blocks acts as x_f = 2: this pair adds 2c, the diagonals c each
					h[row + f] = h[row + f]! + 2 * c;
				}
			}
			h[row + f] = h[row + f]! + c;
			h[rowB + f] = h[rowB + f]! + c;
		}
		h[rowB + width] = h[rowB + width]! + c;
	}
	for (let j = 0; j < width; j++) {
		h[j * dim + j] = h[j * dim + j]! + 1;
	}
}

/**
 * Diagonal of the Hessian, Σ_r h_r x̃_rj² + [j < width], from the row weights h_r = c_r σ_r(1−σ_r):
 * the Jacobi preconditioner of the L-BFGS path (one pass, no d × d storage).
 */
export function hessianDiagonal(t: TrainingSet, curvature: Float64Array, out: Float64Array): void {
	const { index, p, q, width, dense, active } = layoutOf(t);
	out.fill(0);
	let intercept = 0;
	for (let r = 0, n = index.length; r < n; r++) {
		const c = curvature[r]!;
		if (c === 0) {
			continue;
		}
		const i = index[r]!;
		for (let j = 0, base = i * p; j < p; j++) {
			const v = dense[base + j]!;
			out[j] = out[j]! + c * v * v;
		}
		for (let a = 0, base = i * q; a < q; a++) {
			const f = active[base + a]!;
			if (f >= 0) {
				out[f] = out[f]! + c;
			}
		}
		intercept += c;
	}
	for (let j = 0; j < width; j++) {
		out[j] = out[j]! + 1;
	}
	out[width] = intercept;
}
