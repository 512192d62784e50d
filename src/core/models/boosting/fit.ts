/**
 * Histogram gradient boosting for a binary label: the firm's second learner beside logistic
 * regression, following scikit-learn 1.2's HistGradientBoostingClassifier with the binary
 * log-loss (the parity test holds the two to the same accuracy and log-loss on Adult).
 *
 * Start from the log-odds of the weighted base rate; each iteration computes per row the gradient
 * g = s·(p − y) and hessian h = s·p(1 − p) of the log-loss at the current scores (s the sample
 * weight, p = σ(score)), grows one tree on them (grower.ts) and adds its shrunken leaf values to
 * the scores. With early stopping, a seeded, label-stratified share of the training rows is held
 * out and the fit stops once the held-out log-loss has not improved by more than `tolerance` on
 * the score `patience` iterations earlier (scikit-learn's `_should_stop` with scoring='loss');
 * every tree grown is kept.
 *
 * Bins can be built once and passed back in (`bins`), since refits on the same rows with other
 * labels or weights (a simulation's grid) see the same features: the edges depend on features only.
 */
import type { FeatureMatrix } from '../../encoding/matrix';
import { createRandom, deriveSeed, shuffleInPlace } from '../../random';
import { softplus, sigmoid } from '../softplus';
import { binFeatures, type BinnedFeatures } from './binning';
import { TreeGrower, type GrownTree } from './grower';
import type { BoostingModel } from './model';
import { checkedLabel, checkedWeight } from '../rowChecks';
import { MISSING_BIN, resolveBoostingParams, type BoostingParams, type BoostingParamsInput } from './options';
import { throwIfAborted } from '../../abort';

export interface BoostingFitOptions extends BoostingParamsInput {
	/** Non-negative weight per matrix row (default 1); scales each row's gradient and hessian. */
	readonly sampleWeight?: ArrayLike<number>;
	/** Train on these matrix rows only (repeats allowed); default all rows. Ignored when `bins` is given. */
	readonly rows?: Int32Array;
	/** Bins from {@link binFeatures} on the same matrix and rows, to skip rebuilding them. */
	readonly bins?: BinnedFeatures;
	/** Checked once per iteration; a set flag makes the fit throw an Error named 'AbortError'. */
	readonly signal?: { aborted: boolean };
}

export interface BoostingFit {
	readonly model: BoostingModel;
	readonly params: BoostingParams;
	/** Trees grown (= maxIterations unless early stopping stopped sooner). */
	readonly iterations: number;
	/** Leaves of each tree. */
	readonly leaves: readonly number[];
	/** Weighted mean log-loss on the rows trained on, at the returned model. */
	readonly trainLoss: number;
	/** Weighted mean log-loss on the held-out rows (early stopping only). */
	readonly validationLoss: number | null;
	readonly stoppedEarly: boolean;
	/** Rows the trees were grown on and rows held out (0 without early stopping). */
	readonly trainRows: number;
	readonly validationRows: number;
}

/**
 * Fits the model. Throws an Error naming the problem for: no rows, labels other than 0/1, a single
 * class among the rows with positive weight, negative or non-finite weights, infinite features,
 * bad parameters (see options.ts) or bins built on another matrix. A feature that is constant or
 * all missing is never split on; if no feature can split, every tree is one leaf and the model
 * predicts the base rate (a stated degenerate model, not an error). More leaves than rows is not
 * an error: a tree stops when no leaf holds 2 · minSamplesLeaf rows.
 */
export function fitBoosting(x: FeatureMatrix, y: ArrayLike<number>, options: BoostingFitOptions = {}): BoostingFit {
	const params = resolveBoostingParams(options);
	if (y.length !== x.rows) {
		throw new Error(`gradient boosting: ${y.length} labels for a matrix of ${x.rows} rows`);
	}
	const weights = options.sampleWeight;
	if (weights !== undefined && weights.length !== x.rows) {
		throw new Error(`gradient boosting: ${weights.length} sample weights for a matrix of ${x.rows} rows`);
	}
	const binned = options.bins ?? binFeatures(x, options.rows, params.maxBins, params.seed);
	if (binned.matrix !== x) {
		throw new Error('gradient boosting: the bins were built on another matrix');
	}
	if (binned.maxBins !== params.maxBins) {
		throw new Error(`gradient boosting: the bins were built with maxBins ${binned.maxBins}, the fit asks for ${params.maxBins}`);
	}
	const n = binned.rows.length;
	const label = new Float64Array(n);
	const weight = new Float64Array(n);
	for (let r = 0; r < n; r++) {
		const i = binned.rows[r]!;
		label[r] = checkedLabel(y, i, 'gradient boosting');
		weight[r] = checkedWeight(weights, i, 'gradient boosting');
	}
	const { train, validation } = params.earlyStopping
		? validationSplit(label, params)
		: { train: Int32Array.from({ length: n }, (_, r) => r), validation: new Int32Array(0) };
	const baseline = baselineScore(label, weight, train);

	const raw = new Float64Array(n).fill(baseline);
	const gradient = new Float64Array(n);
	const hessian = new Float64Array(n);
	const samples = new Int32Array(train.length);
	const grower = new TreeGrower(binned, {
		maxLeaves: params.maxLeaves,
		maxDepth: params.maxDepth,
		minSamplesLeaf: params.minSamplesLeaf,
		l2: params.l2Regularization,
		learningRate: params.learningRate,
	});
	const trees: GrownTree[] = [];
	const scores: number[] = params.earlyStopping ? [-meanLoss(raw, label, weight, validation)] : [];
	let stoppedEarly = false;
	for (let iteration = 0; iteration < params.maxIterations; iteration++) {
		throwIfAborted(options.signal, 'gradient boosting: fit aborted');
		for (let k = 0; k < train.length; k++) {
			const r = train[k]!;
			const p = sigmoid(raw[r]!);
			gradient[r] = weight[r]! * (p - label[r]!);
			hessian[r] = weight[r]! * p * (1 - p);
		}
		samples.set(train);
		const tree = grower.grow(samples, train.length, gradient, hessian, raw);
		trees.push(tree);
		if (params.earlyStopping) {
			for (let k = 0; k < validation.length; k++) {
				const r = validation[k]!;
				raw[r] = raw[r]! + binnedTreeValue(binned, tree, r);
			}
			scores.push(-meanLoss(raw, label, weight, validation));
			if (shouldStop(scores, params.patience, params.tolerance)) {
				stoppedEarly = true;
				break;
			}
		}
	}
	const trainLoss = meanLoss(raw, label, weight, train);
	const validationLoss = params.earlyStopping ? meanLoss(raw, label, weight, validation) : null;
	if (!Number.isFinite(trainLoss) || (validationLoss !== null && !Number.isFinite(validationLoss))) {
		throw new Error('gradient boosting: the fit produced non-finite scores');
	}
	return {
		model: assemble(binned, baseline, trees),
		params,
		iterations: trees.length,
		leaves: trees.map((t) => t.leaves),
		trainLoss,
		validationLoss,
		stoppedEarly,
		trainRows: train.length,
		validationRows: validation.length,
	};
}

/** Row positions held out for early stopping: `validationFraction` of each class, seeded. */
function validationSplit(label: Float64Array, params: BoostingParams): { train: Int32Array; validation: Int32Array } {
	const random = createRandom(deriveSeed(params.seed, 'boosting-validation'));
	const held = new Uint8Array(label.length);
	for (const cls of [0, 1]) {
		const members = Int32Array.from(Array.from(label.keys()).filter((r) => label[r] === cls));
		shuffleInPlace(members, random);
		// Keep at least one row of each class for training (the single-class check comes next).
		const take = Math.min(Math.round(params.validationFraction * members.length), Math.max(0, members.length - 1));
		for (let k = 0; k < take; k++) {
			held[members[k]!] = 1;
		}
	}
	const train: number[] = [];
	const validation: number[] = [];
	held.forEach((h, r) => (h === 1 ? validation : train).push(r));
	if (validation.length === 0) {
		throw new Error(
			`gradient boosting: early stopping needs held-out rows; validationFraction ${params.validationFraction} of ${label.length} rows holds out none`,
		);
	}
	return { train: Int32Array.from(train), validation: Int32Array.from(validation) };
}

/** log(p̄ / (1 − p̄)) for the weighted base rate p̄ of the training rows; throws on a single class. */
function baselineScore(label: Float64Array, weight: Float64Array, train: Int32Array): number {
	let positive = 0;
	let total = 0;
	for (let k = 0; k < train.length; k++) {
		const r = train[k]!;
		total += weight[r]!;
		positive += weight[r]! * label[r]!;
	}
	if (!(total > 0)) {
		throw new Error('gradient boosting: every training row has weight 0');
	}
	if (positive === 0 || positive === total) {
		throw new Error(
			`gradient boosting needs both classes among the training rows with positive weight; every one is labelled ${positive === 0 ? 0 : 1}`,
		);
	}
	const eps = 10 * Number.EPSILON;
	const rate = Math.min(Math.max(positive / total, eps), 1 - eps);
	return Math.log(rate) - Math.log1p(-rate);
}

/** Weighted mean of log(1 + exp(−ỹ·score)) over the listed positions (0 for none). */
function meanLoss(raw: Float64Array, label: Float64Array, weight: Float64Array, positions: Int32Array): number {
	let sum = 0;
	let total = 0;
	for (let k = 0; k < positions.length; k++) {
		const r = positions[k]!;
		sum += weight[r]! * softplus(label[r] === 1 ? -raw[r]! : raw[r]!);
		total += weight[r]!;
	}
	return total > 0 ? sum / total : 0;
}

/** scikit-learn's `_should_stop`: no score of the last `patience` beats the one before them by more than tol. */
function shouldStop(scores: readonly number[], patience: number, tolerance: number): boolean {
	const reference = patience + 1;
	if (scores.length < reference) {
		return false;
	}
	const bar = scores[scores.length - reference]! + tolerance;
	for (let k = scores.length - patience; k < scores.length; k++) {
		if (scores[k]! > bar) {
			return false;
		}
	}
	return true;
}

/** A grown tree's value for row position r, walking it on the bins. */
function binnedTreeValue(binned: BinnedFeatures, tree: GrownTree, r: number): number {
	const p = binned.matrix.denseWidth;
	const q = binned.matrix.blockCount;
	let node = 0;
	for (let f = tree.feature[0]!; f >= 0; f = tree.feature[node]!) {
		let goLeft: boolean;
		if (f < p) {
			const b = binned.bins[r * p + f]!;
			goLeft = b === MISSING_BIN ? tree.missingLeft[node] === 1 : b <= tree.bin[node]!;
		} else {
			goLeft = binned.active[r * q + binned.blockOf[f]!] !== f;
		}
		node = goLeft ? tree.left[node]! : tree.right[node]!;
	}
	return tree.value[node]!;
}

/** The trees in the model's flat layout, bins turned back into threshold values. */
function assemble(binned: BinnedFeatures, baseline: number, trees: readonly GrownTree[]): BoostingModel {
	const x = binned.matrix;
	const total = trees.reduce((s, t) => s + t.feature.length, 0);
	const treeStart = new Int32Array(trees.length + 1);
	const feature = new Int32Array(total);
	const block = new Int32Array(total).fill(-1);
	const threshold = new Float64Array(total);
	const missingLeft = new Uint8Array(total);
	const left = new Int32Array(total).fill(-1);
	const right = new Int32Array(total).fill(-1);
	let offset = 0;
	trees.forEach((tree, t) => {
		treeStart[t] = offset;
		for (let k = 0; k < tree.feature.length; k++) {
			const node = offset + k;
			const f = tree.feature[k]!;
			feature[node] = f;
			missingLeft[node] = tree.missingLeft[k]!;
			if (f < 0) {
				threshold[node] = tree.value[k]!;
				continue;
			}
			left[node] = offset + tree.left[k]!;
			right[node] = offset + tree.right[k]!;
			if (f < x.denseWidth) {
				threshold[node] = binned.thresholds[f]![tree.bin[k]!]!;
			} else {
				block[node] = binned.blockOf[f]!;
			}
		}
		offset += tree.feature.length;
	});
	treeStart[trees.length] = offset;
	return {
		baseline,
		width: x.width,
		denseWidth: x.denseWidth,
		blockCount: x.blockCount,
		treeStart,
		feature,
		block,
		threshold,
		missingLeft,
		left,
		right,
	};
}
