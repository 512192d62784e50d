/**
 * The training view of a logistic-regression fit: which matrix rows take part, their signed labels
 * and their loss weights, checked once so that the solver kernels can run without branches for
 * bad input.
 */
import type { FeatureMatrix } from '../encoding/matrix';
import { RolesError } from '../roles/errors';
import { checkedLabel, checkedWeight } from './rowChecks';
import { wasmMargins } from './wasm/wasmKernels';

/** How error messages name this learner. */
const LEARNER = 'logistic regression';

/**
 * Matrix rows already found valid (1) by {@link rowIsValid}, per matrix. Why: a sweep along M
 * refits the same training rows of one matrix hundreds of times with other labels, and checking
 * each row's features again was about a fifth of a pass per refit (0.6 ms on Adult's 26,049 rows).
 * Sound because a FeatureMatrix is never written after it is built (nothing in src/ writes into
 * `dense` or `active`); held weakly, so it goes with its matrix.
 */
const validRowsOf = new WeakMap<FeatureMatrix, Uint8Array>();

/**
 * The rows and weights of the last view built on each matrix. Why: a sweep along M builds a view of
 * the same rows with the same weights for every refit, only the labels differ; sharing the last
 * view's `index` and `weight` arrays (never written after they are built) spares two row-length
 * arrays a refit, and lets the refit's start (refitStart.ts) and the WebAssembly kernels see that
 * the rows are the same by identity instead of comparing them row by row. The request's rows and
 * weights are still compared with these, value by value: a caller may reuse and rewrite its arrays.
 */
interface RowsOfLastView {
	readonly C: number;
	readonly weighted: boolean;
	readonly index: Int32Array;
	readonly weight: Float64Array;
	readonly weightSum: number;
}
const lastRowsOf = new WeakMap<FeatureMatrix, RowsOfLastView>();

/** The last view's rows and weights when `input` asks for exactly those (same C, rows and sample weights). */
function sameRowsAsLast(x: FeatureMatrix, input: TrainingInput): RowsOfLastView | undefined {
	const last = lastRowsOf.get(x);
	const { C, sampleWeight, rows } = input;
	if (last === undefined || last.C !== C || last.weighted !== (sampleWeight !== undefined)) {
		return undefined;
	}
	const { index, weight } = last;
	const n = rows === undefined ? x.rows : rows.length;
	if (index.length !== n) {
		return undefined;
	}
	for (let r = 0; r < n; r++) {
		const i = rows === undefined ? r : rows[r]!;
		if (index[r] !== i || (sampleWeight !== undefined && weight[r] !== C * sampleWeight[i]!)) {
			return undefined;
		}
	}
	return last;
}

/** What the solvers need about the training rows. */
export interface TrainingSet {
	readonly x: FeatureMatrix;
	/** Matrix row of each training row (a row may repeat, e.g. in a bootstrap sample). */
	readonly index: Int32Array;
	/** ỹ ∈ {−1, +1} per training row. */
	readonly sign: Float64Array;
	/** C · s_i per training row: the per-row factor of the loss in the objective. */
	readonly weight: Float64Array;
	/** Number of parameters: width coefficients + 1 intercept (stored last). */
	readonly dim: number;
	/** C · Σ s_i, the scale the relative gradient tolerance refers to. */
	readonly lossMass: number;
}

/** Input of {@link prepareTraining}, mirroring the public LogisticOptions. */
export interface TrainingInput {
	readonly C: number;
	readonly sampleWeight?: ArrayLike<number> | undefined;
	readonly rows?: Int32Array | undefined;
}

/**
 * Validates the input and builds the training view. Throws an Error with a message that names
 * the problem (and the first offending row) for: zero training rows, length mismatches, labels
 * other than 0/1, negative or non-finite weights, non-finite features, one-hot indices outside
 * their range, row indices outside the matrix, a non-positive C, or a single class among the
 * rows with positive weight (the unpenalised intercept would then run off to ±∞).
 */
export function prepareTraining(x: FeatureMatrix, y: ArrayLike<number>, input: TrainingInput): TrainingSet {
	const { C, sampleWeight, rows } = input;
	if (!(C > 0) || !Number.isFinite(C)) {
		throw new Error(`logistic regression needs a finite C > 0; got ${C}`);
	}
	if (y.length !== x.rows) {
		throw new Error(`logistic regression: ${y.length} labels for a matrix of ${x.rows} rows`);
	}
	if (sampleWeight !== undefined && sampleWeight.length !== x.rows) {
		throw new Error(`logistic regression: ${sampleWeight.length} sample weights for a matrix of ${x.rows} rows`);
	}
	if (x.dense.length < x.rows * x.denseWidth || x.active.length < x.rows * x.blockCount) {
		throw new Error('logistic regression: feature matrix storage is shorter than rows × width');
	}
	const n = rows === undefined ? x.rows : rows.length;
	if (n === 0) {
		throw new Error('logistic regression needs at least one training row; got 0');
	}
	const same = sameRowsAsLast(x, input);
	if (same !== undefined) {
		return labelledView(x, y, same, sampleWeight !== undefined);
	}
	const index = new Int32Array(n);
	const sign = new Float64Array(n);
	const weight = new Float64Array(n);
	let positives = 0;
	let negatives = 0;
	let weightSum = 0;
	let validRows = validRowsOf.get(x);
	if (validRows === undefined) {
		validRows = new Uint8Array(x.rows);
		validRowsOf.set(x, validRows);
	}
	for (let r = 0; r < n; r++) {
		const i = rows === undefined ? r : rows[r]!;
		if (!(i >= 0 && i < x.rows)) {
			throw new Error(`logistic regression: training row ${r} points at matrix row ${i}, outside 0…${x.rows - 1}`);
		}
		if (validRows[i] === 0) {
			if (!rowIsValid(x, i)) {
				checkRow(x, i); // names the offending value
			}
			validRows[i] = 1;
		}
		const label = checkedLabel(y, i, LEARNER);
		const s = checkedWeight(sampleWeight, i, LEARNER);
		index[r] = i;
		sign[r] = label === 1 ? 1 : -1;
		weight[r] = C * s;
		weightSum += s;
		if (s > 0) {
			if (label === 1) {
				positives++;
			} else {
				negatives++;
			}
		}
	}
	checkBothClasses(positives, negatives, n, sampleWeight !== undefined);
	lastRowsOf.set(x, { C, weighted: sampleWeight !== undefined, index, weight, weightSum });
	return { x, index, sign, weight, dim: x.width + 1, lossMass: C * weightSum };
}

/** A view on the rows and weights of `rows` with y's labels: the same as a full build, one loop. */
function labelledView(x: FeatureMatrix, y: ArrayLike<number>, rows: RowsOfLastView, weighted: boolean): TrainingSet {
	const { index, weight } = rows;
	const n = index.length;
	const sign = new Float64Array(n);
	let positives = 0;
	let negatives = 0;
	for (let r = 0; r < n; r++) {
		const label = checkedLabel(y, index[r]!, LEARNER);
		sign[r] = label === 1 ? 1 : -1;
		if (weight[r]! > 0) {
			if (label === 1) {
				positives++;
			} else {
				negatives++;
			}
		}
	}
	checkBothClasses(positives, negatives, n, weighted);
	return { x, index, sign, weight, dim: x.width + 1, lossMass: rows.C * rows.weightSum };
}

/** Throws when the rows with positive weight hold a single class (the unpenalised intercept would run off to ±∞). */
function checkBothClasses(positives: number, negatives: number, n: number, weighted: boolean): void {
	if (positives > 0 && negatives > 0) {
		return;
	}
	const counted = weighted ? 'rows with positive weight' : 'rows';
	const total = positives + negatives;
	if (total === 0) {
		throw new Error(`logistic regression: all ${n} training rows have sample weight 0`);
	}
	// An input problem, not a bug: a RolesError, which the CLI reports in one line (exit 2).
	throw new RolesError(
		'label.favourable',
		`logistic regression needs both classes among the training rows; all ${total} ${counted} have label ${positives > 0 ? '1 (favourable)' : '0 (unfavourable)'}: the label has a single class here (check the label column and its favourable values)`,
	);
}

/**
 * Whether matrix row i has finite dense values and in-range one-hot indices. A tight loop with no
 * message building: refits validate every training row on every fit, and this check is a tenth of
 * a gradient pass where the throwing check below cost more than the pass itself.
 */
function rowIsValid(x: FeatureMatrix, i: number): boolean {
	const p = x.denseWidth;
	const dense = x.dense;
	let finite = 0;
	for (let j = i * p, end = j + p; j < end; j++) {
		finite += dense[j]! - dense[j]!; // 0 for a finite value, NaN for NaN and ±∞
	}
	if (finite !== 0) {
		return false;
	}
	const q = x.blockCount;
	const active = x.active;
	const width = x.width;
	for (let t = i * q, end = t + q; t < end; t++) {
		const f = active[t]!;
		if (f !== -1 && !(f >= p && f < width)) {
			return false;
		}
	}
	return true;
}

/** Throws on a non-finite dense value or an out-of-range one-hot index in matrix row i. */
function checkRow(x: FeatureMatrix, i: number): void {
	const p = x.denseWidth;
	for (let j = i * p, end = j + p; j < end; j++) {
		if (!Number.isFinite(x.dense[j]!)) {
			throw new Error(
				`logistic regression: feature ${x.names[j - i * p] ?? j - i * p} of row ${i} is ${x.dense[j]} (features must be finite)`,
			);
		}
	}
	const q = x.blockCount;
	for (let t = i * q, end = t + q; t < end; t++) {
		const f = x.active[t]!;
		if (f !== -1 && !(f >= p && f < x.width)) {
			throw new Error(`logistic regression: one-hot block ${t - i * q} of row ${i} has feature index ${f}, outside ${p}…${x.width - 1}`);
		}
	}
}

/**
 * Margins m_r = w·x_i + b of the matrix rows `index` for the parameter vector θ = (w, b)
 * (length width + 1). Linear in θ, so the same call gives the direction's margins X·d.
 */
export function computeMargins(x: FeatureMatrix, index: Int32Array, theta: Float64Array, out: Float64Array): void {
	if (!wasmMargins(x, index, theta, out)) {
		computeMarginsTs(x, index, theta, out);
	}
}

/** {@link computeMargins} in TypeScript (the WebAssembly kernel's reference, and the path of data above its budget). */
export function computeMarginsTs(x: FeatureMatrix, index: Int32Array, theta: Float64Array, out: Float64Array): void {
	const p = x.denseWidth;
	const q = x.blockCount;
	const dense = x.dense;
	const active = x.active;
	const b = theta[x.width]!;
	for (let r = 0, n = index.length; r < n; r++) {
		const i = index[r]!;
		let s = b;
		for (let j = 0, base = i * p; j < p; j++) {
			s += dense[base + j]! * theta[j]!;
		}
		for (let k = 0, base = i * q; k < q; k++) {
			const f = active[base + k]!;
			if (f >= 0) {
				s += theta[f]!;
			}
		}
		out[r] = s;
	}
}
