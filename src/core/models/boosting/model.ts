/**
 * A fitted gradient-boosting model: a baseline log-odds plus the sum of its trees' leaf values,
 * stored as flat typed arrays (all trees' nodes one after another), and its plain-JSON form for
 * reports, caches and messages between the language server, workers and the webview.
 *
 * Prediction reads the raw feature values, not bins: a numeric split sends x ≤ threshold left
 * (threshold = the bin edge, so training and prediction agree) and NaN the way the split chose
 * (for a feature with no missing training value, the side that had more rows, as scikit-learn
 * does); a one-hot split sends the rows whose block has that level right and every other row left.
 */
import type { FeatureMatrix } from '../../encoding/matrix';
import { labelsAtThreshold, probabilitiesInPlace } from '../predictions';

export interface BoostingModel {
	/** Log-odds of the weighted training base rate: every prediction starts here. */
	readonly baseline: number;
	/** Shape of the matrix the model was fitted on; prediction checks the matrix it is given. */
	readonly width: number;
	readonly denseWidth: number;
	readonly blockCount: number;
	/** Node index of each tree's root; trees = treeStart.length − 1, the last entry is the node count. */
	readonly treeStart: Int32Array;
	/** Per node: split feature, or −1 for a leaf. */
	readonly feature: Int32Array;
	/** Per node: one-hot block of a one-hot split feature, −1 otherwise. */
	readonly block: Int32Array;
	/** Per node: numeric split threshold (x ≤ threshold goes left); leaf value for a leaf. */
	readonly threshold: Float64Array;
	/** Per node: 1 when missing values go left. */
	readonly missingLeft: Uint8Array;
	/** Per node: children as absolute node indices (−1 for leaves). */
	readonly left: Int32Array;
	readonly right: Int32Array;
}

export interface BoostingModelJSON {
	readonly baseline: number;
	readonly width: number;
	readonly denseWidth: number;
	readonly blockCount: number;
	readonly treeStart: number[];
	readonly feature: number[];
	readonly block: number[];
	readonly threshold: number[];
	readonly missingLeft: number[];
	readonly left: number[];
	readonly right: number[];
}

export function treeCount(model: BoostingModel): number {
	return model.treeStart.length - 1;
}

/** Raw scores (log-odds) baseline + Σ trees for the requested matrix rows (default all), in row order. */
export function boostingDecisionFunction(model: BoostingModel, x: FeatureMatrix, rows?: Int32Array): Float64Array {
	if (x.width !== model.width || x.denseWidth !== model.denseWidth || x.blockCount !== model.blockCount) {
		throw new Error(
			`gradient boosting: the model was fitted on ${model.width} features (${model.denseWidth} numeric, ${model.blockCount} one-hot blocks); this matrix has ${x.width} (${x.denseWidth}, ${x.blockCount})`,
		);
	}
	const n = rows === undefined ? x.rows : rows.length;
	const out = new Float64Array(n).fill(model.baseline);
	const { feature, block, threshold, missingLeft, left, right, treeStart } = model;
	const p = x.denseWidth;
	const q = x.blockCount;
	const trees = treeCount(model);
	for (let r = 0; r < n; r++) {
		const i = rows === undefined ? r : rows[r]!;
		if (!(i >= 0 && i < x.rows)) {
			throw new Error(`gradient boosting: row ${i} is outside the matrix of ${x.rows} rows`);
		}
		let s = model.baseline;
		for (let t = 0; t < trees; t++) {
			let node = treeStart[t]!;
			let f = feature[node]!;
			while (f >= 0) {
				let goLeft: boolean;
				if (f < p) {
					const v = x.dense[i * p + f]!;
					goLeft = Number.isNaN(v) ? missingLeft[node] === 1 : v <= threshold[node]!;
				} else {
					goLeft = x.active[i * q + block[node]!] !== f;
				}
				node = goLeft ? left[node]! : right[node]!;
				f = feature[node]!;
			}
			s += threshold[node]!;
		}
		out[r] = s;
	}
	return out;
}

/** P(y = 1 | x) = σ(raw score) for the requested rows. */
export function boostingPredictProba(model: BoostingModel, x: FeatureMatrix, rows?: Int32Array): Float64Array {
	return probabilitiesInPlace(boostingDecisionFunction(model, x, rows));
}

/** 1 where P(y = 1 | x) > threshold (strict, as scikit-learn's predict labels p = 0.5 as class 0). */
export function boostingPredictLabels(model: BoostingModel, x: FeatureMatrix, rows?: Int32Array, threshold = 0.5): Uint8Array {
	return labelsAtThreshold(boostingDecisionFunction(model, x, rows), threshold, 'gradient boosting');
}

export function boostingModelToJSON(model: BoostingModel): BoostingModelJSON {
	return {
		baseline: model.baseline,
		width: model.width,
		denseWidth: model.denseWidth,
		blockCount: model.blockCount,
		treeStart: Array.from(model.treeStart),
		feature: Array.from(model.feature),
		block: Array.from(model.block),
		threshold: Array.from(model.threshold),
		missingLeft: Array.from(model.missingLeft),
		left: Array.from(model.left),
		right: Array.from(model.right),
	};
}

/**
 * Model from its JSON form; throws when the shape is wrong, a number is not finite or a child
 * index points outside its tree, so a corrupt cache can neither slip NaN in nor loop forever.
 */
export function boostingModelFromJSON(json: unknown): BoostingModel {
	if (typeof json !== 'object' || json === null) {
		throw new Error('gradient boosting model JSON must be an object');
	}
	const o = json as Record<string, unknown>;
	const num = (key: string): number => {
		const v = o[key];
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			throw new Error(`gradient boosting model JSON: ${key} must be a finite number`);
		}
		return v;
	};
	const list = (key: string): number[] => {
		const v = o[key];
		if (!Array.isArray(v) || !v.every((e): e is number => typeof e === 'number' && Number.isFinite(e))) {
			throw new Error(`gradient boosting model JSON: ${key} must be an array of finite numbers`);
		}
		return v;
	};
	const nodes = list('feature').length;
	const model: BoostingModel = {
		baseline: num('baseline'),
		width: num('width'),
		denseWidth: num('denseWidth'),
		blockCount: num('blockCount'),
		treeStart: Int32Array.from(list('treeStart')),
		feature: Int32Array.from(list('feature')),
		block: Int32Array.from(list('block')),
		threshold: Float64Array.from(list('threshold')),
		missingLeft: Uint8Array.from(list('missingLeft')),
		left: Int32Array.from(list('left')),
		right: Int32Array.from(list('right')),
	};
	for (const key of ['block', 'threshold', 'missingLeft', 'left', 'right'] as const) {
		if (model[key].length !== nodes) {
			throw new Error(`gradient boosting model JSON: ${key} has ${model[key].length} entries for ${nodes} nodes`);
		}
	}
	const trees = treeCount(model);
	if (trees < 0 || model.treeStart[0] !== 0 || model.treeStart[trees] !== nodes) {
		throw new Error('gradient boosting model JSON: treeStart must run from 0 to the node count');
	}
	for (let t = 0; t < trees; t++) {
		const lo = model.treeStart[t]!;
		const hi = model.treeStart[t + 1]!;
		for (let node = lo; node < hi; node++) {
			const f = model.feature[node]!;
			const badBlock = f >= model.denseWidth && !(model.block[node]! >= 0 && model.block[node]! < model.blockCount);
			if (
				f >= model.width ||
				badBlock ||
				(f >= 0 && !(model.left[node]! > node && model.left[node]! < hi && model.right[node]! > node && model.right[node]! < hi))
			) {
				throw new Error(`gradient boosting model JSON: node ${node} has a feature or child outside its tree`);
			}
		}
	}
	return model;
}
