/**
 * A defending firm: before training, drop the training rows whose label disagrees with a
 * confident cross-validated prediction (the "prune by noise rate" idea of confident learning,
 * Northcutt, Jiang & Chuang 2021, JAIR 70, with one fixed confidence threshold θ instead of
 * per-class thresholds). Answers reviewers' strongest criticism of collective action: the firm can
 * try to undo relabeling (a concern the paper's reviewers raised).
 *
 * The training rows are split into K folds by a seeded shuffle; each fold is scored by a logistic
 * regression fitted on the other K − 1 folds (out-of-fold P̂(y = 1 | x)). Row i is removed when
 *   y_i = 1 and P̂ ≤ 1 − θ,   or   y_i = 0 and P̂ ≥ θ,
 * i.e. when the model gives the other label probability ≥ θ. The firm cannot tell relabeled rows
 * from others, so the filter sees every row of both groups and both labels.
 */
import type { FeatureMatrix } from '../encoding/matrix';
import { fitLogistic, predictProba } from '../models/logistic';
import type { LogisticModel } from '../models/logisticModel';
import { permutation, type Random } from '../random';

export interface DefenseOptions {
	/** θ ∈ (0.5, 1): confidence in the other label needed to drop a row (default 0.8). */
	readonly threshold?: number;
	/** K ≥ 2 folds (default 5). */
	readonly folds?: number;
	/** Shuffles the folds. */
	readonly random: Random;
	/** The firm's C (default 1). */
	readonly C?: number;
	/** Models per fold from a previous call on similar labels, to warm-start (same folds needed). */
	readonly warmStart?: readonly LogisticModel[];
	readonly signal?: { aborted: boolean };
}

export interface DefenseResult {
	/** Training rows kept, ascending. */
	readonly kept: Int32Array;
	/** Training rows removed, ascending. */
	readonly removed: Int32Array;
	/** Out-of-fold P̂(y = 1 | x), aligned with `trainRows`. */
	readonly outOfFold: Float64Array;
	/** The K fold models (for warm starts). */
	readonly models: readonly LogisticModel[];
}

export const DEFENSE_DEFAULTS = { threshold: 0.8, folds: 5 } as const;

/** Fold of each position of `trainRows`: a seeded shuffle, dealt round-robin. */
export function foldAssignment(count: number, folds: number, random: Random): Int32Array {
	const order = permutation(count, random);
	const fold = new Int32Array(count);
	order.forEach((position, k) => {
		fold[position] = k % folds;
	});
	return fold;
}

export function filterSuspectedFlips(
	x: FeatureMatrix,
	y: ArrayLike<number>,
	trainRows: Int32Array,
	options: DefenseOptions,
): DefenseResult {
	const threshold = options.threshold ?? DEFENSE_DEFAULTS.threshold;
	const folds = options.folds ?? DEFENSE_DEFAULTS.folds;
	if (!(threshold > 0.5 && threshold < 1)) {
		throw new RangeError(`defense threshold must be in (0.5, 1), got ${threshold}`);
	}
	if (!Number.isInteger(folds) || folds < 2 || folds > trainRows.length) {
		throw new RangeError(`defense folds must be an integer in [2, ${trainRows.length}], got ${folds}`);
	}
	const fold = foldAssignment(trainRows.length, folds, options.random);
	const outOfFold = new Float64Array(trainRows.length);
	const models: LogisticModel[] = [];
	for (let k = 0; k < folds; k++) {
		const fitRows = trainRows.filter((_, r) => fold[r] !== k);
		const scoreRows = trainRows.filter((_, r) => fold[r] === k);
		const warm = options.warmStart?.[k];
		const fit = fitLogistic(x, y, {
			C: options.C ?? 1,
			rows: fitRows,
			...(warm !== undefined ? { warmStart: warm } : {}),
			...(options.signal !== undefined ? { signal: options.signal } : {}),
		});
		models.push(fit.model);
		const p = predictProba(fit.model, x, scoreRows);
		let s = 0;
		for (let r = 0; r < trainRows.length; r++) {
			if (fold[r] === k) {
				outOfFold[r] = p[s++]!;
			}
		}
	}
	const kept: number[] = [];
	const removed: number[] = [];
	trainRows.forEach((i, r) => {
		const p = outOfFold[r]!;
		const suspicious = y[i] === 1 ? p <= 1 - threshold : p >= threshold;
		(suspicious ? removed : kept).push(i);
	});
	return { kept: Int32Array.from(kept), removed: Int32Array.from(removed), outOfFold, models };
}
