/**
 * The collective against a defending firm, for one seed: the simulator's relabeling (same seed
 * context, scores, ranking and nested collective, via the exported pieces of src/core/collective)
 * at one α over an M grid, and for each M both the ordinary firm (retrains on everything) and the
 * defending firm (filters suspected flips with {@link filterSuspectedFlips}, then retrains on the
 * rows kept). The defending firm filters at M = 0 too: that is its own base, since the filter
 * also drops genuine rows and so moves EqOd even without any collective.
 */
import type { RunMetrics } from '../collective/evaluate';
import { flipGridFor, resolveParams, type Method } from '../collective/params';
import type { SeedContext } from '../collective/seedContext';
import { rankByScore, scoreCandidates } from '../collective/strategies';
import { fitLogistic, predictLabels } from '../models/logistic';
import type { LogisticModel } from '../models/logisticModel';
import { createRandom, deriveSeed } from '../random';
import { testMetrics } from './context';
import { filterSuspectedFlips } from './defense';

export interface DefenseRunOptions {
	readonly method: Method;
	readonly alpha: number;
	/** M grid points from 0 to the pool. */
	readonly flips: number;
	readonly k: number;
	readonly threshold: number;
	readonly folds: number;
	readonly C: number;
	readonly signal?: { aborted: boolean };
}

export interface DefensePoint {
	readonly gridIndex: number;
	readonly flips: number;
	readonly poolSize: number;
	readonly undefended: RunMetrics;
	readonly defended: RunMetrics;
	/** Of the M relabeled rows, how many the filter removed. */
	readonly flippedRemoved: number;
	/** Other training rows removed. */
	readonly otherRemoved: number;
}

export function* defendedCollectiveSteps(ctx: SeedContext, options: DefenseRunOptions): Generator<void, DefensePoint[], void> {
	const { x, y, train, test } = ctx.data;
	const universe = ctx.minorityOrder.filter((i) => y[i] === 0);
	const scores = scoreCandidates(options.method, ctx, universe, ctx.majorityTrain, options.k, options.signal);
	const ranking = rankByScore(scores, ctx.seed, options.method);
	const collectiveSize = Math.round(options.alpha * ctx.minorityOrder.length);
	const member = new Set(Array.from(ctx.minorityOrder.subarray(0, collectiveSize)));
	const pool = Int32Array.from(ranking, (p) => universe[p]!).filter((row) => member.has(row));
	const grid = flipGridFor(resolveParams({ experiment: 'flips', flips: options.flips }), pool.length);
	const relabeled = Uint8Array.from(y);
	const isFlipped = new Uint8Array(y.length);
	let flipped = 0;
	let model: LogisticModel = ctx.baseModel;
	let defendedModel: LogisticModel = ctx.baseModel;
	let foldModels: readonly LogisticModel[] | undefined;
	const signal = options.signal !== undefined ? { signal: options.signal } : {};
	const points: DefensePoint[] = [];
	for (let gridIndex = 0; gridIndex < grid.length; gridIndex++) {
		const m = grid[gridIndex]!;
		for (; flipped < m; flipped++) {
			relabeled[pool[flipped]!] = 1;
			isFlipped[pool[flipped]!] = 1;
		}
		let undefended = ctx.base;
		if (m > 0) {
			model = fitLogistic(x, relabeled, { C: options.C, rows: train, warmStart: model, ...signal }).model;
			undefended = testMetrics(ctx, predictLabels(model, x, test));
			yield;
		}
		// Same folds at every M (same seed), so fold models warm-start from the previous M's.
		const filter = filterSuspectedFlips(x, relabeled, train, {
			threshold: options.threshold,
			folds: options.folds,
			C: options.C,
			random: createRandom(deriveSeed(ctx.seed, 'defense-folds')),
			...(foldModels !== undefined ? { warmStart: foldModels } : {}),
			...signal,
		});
		foldModels = filter.models;
		yield;
		defendedModel = fitLogistic(x, relabeled, { C: options.C, rows: filter.kept, warmStart: defendedModel, ...signal }).model;
		yield;
		let flippedRemoved = 0;
		for (const i of filter.removed) {
			flippedRemoved += isFlipped[i]!;
		}
		points.push({
			gridIndex,
			flips: m,
			poolSize: pool.length,
			undefended,
			defended: testMetrics(ctx, predictLabels(defendedModel, x, test)),
			flippedRemoved,
			otherRemoved: filter.removed.length - flippedRemoved,
		});
	}
	return points;
}
