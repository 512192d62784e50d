/**
 * One unit of simulation work: a seed × method × knowledge arm, over every α and every M of
 * the run. A unit depends on nothing but its key and the run's parameters, so units can run in
 * any order on any number of workers and give the same numbers (the determinism guarantee).
 * Within a unit the firm's refits are warm-started along increasing M (flips are nested: the
 * top M ⊂ the top M′ for M < M′), which is what makes a whole curve cost a few Newton steps per point.
 */
import type { Table } from '../csv/table';
import { firmPredictLabels, fitFirmModel, type FittedFirmModel } from '../models/firmModel';
import { createRandom, deriveSeed, sampleWithoutReplacement } from '../random';
import type { Sidecar } from '../roles/sidecar';
import { defendedFit, evaluate, type DefendedFit, type RunMetrics } from './evaluate';
import { alphasOf, firmModelOf, flipGridFor, type Knowledge, type Method, type SimulationParams } from './params';
import { buildSeedContext, rememberSeedContext, type SeedContext } from './seedContext';
import { rankByScore, scoreCandidates, StrategyError } from './strategies';

export interface UnitKey {
	readonly seed: number;
	readonly method: Method;
	readonly knowledge: Knowledge;
}

export interface UnitPoint {
	readonly alpha: number;
	/** Position in the M grid (seeds are averaged by position). */
	readonly gridIndex: number;
	/** M actually flipped. */
	readonly flips: number;
	/** Candidate pool size at this α. */
	readonly poolSize: number;
	/** Collective size round(α · minority training rows). */
	readonly collectiveSize: number;
	readonly metrics: RunMetrics;
}

export interface UnitResult {
	readonly key: UnitKey;
	readonly base: RunMetrics;
	readonly points: readonly UnitPoint[];
	/** Why the method could not run (then `points` is empty). */
	readonly failure?: string;
	readonly fits: number;
	/** Known majority rows actually used. */
	readonly knownRows: number;
	/** The minority's training rows (α is a fraction of these). */
	readonly minorityRows: number;
	/** Of those, the unfavourable ones: the candidate pool at α = 1. */
	readonly unfavourableMinorityRows: number;
}

/**
 * A unit's order of its candidates, or why its method cannot rank them: the part of a unit that
 * does not depend on M, so the passes of one run (see refine.ts) can share it.
 */
export type UnitRanking = { readonly ranking: Int32Array } | { readonly failure: string };

export interface UnitRunOptions {
	readonly signal?: { aborted: boolean };
	/** Called after each refit. */
	readonly onFit?: () => void;
	/** Seed contexts kept between units of the same seed (e.g. inside one worker). */
	readonly cache?: Map<number, SeedContext>;
	/** Seed contexts the cache keeps (default 1: units arrive seed-major). */
	readonly cacheCapacity?: number;
	/** This unit's ranking from an earlier pass with the same preparationKey (params.ts): no scoring. */
	readonly ranking?: UnitRanking;
	/** Receives the unit's ranking, given or computed, for a later pass. */
	readonly onRanking?: (ranking: UnitRanking) => void;
	/** Receives the seed's context when this unit had to build it (to share it with other workers). */
	readonly onSeedContext?: (context: SeedContext) => void;
}

/** The units of a run, in a fixed order (seed-major, so one worker can reuse a seed's context). */
export function planUnits(params: SimulationParams): UnitKey[] {
	const units: UnitKey[] = [];
	const arms: readonly Knowledge[] = params.experiment === 'knowledge' ? [params.knowledgeRows, 'all'] : [params.knowledge];
	for (let s = 0; s < params.seeds; s++) {
		for (const knowledge of arms) {
			for (const method of params.methods) {
				units.push({ seed: params.firstSeed + s, method, knowledge });
			}
		}
	}
	return units;
}

/** Refits a unit performs (for progress totals): one per nonzero M per α. */
export function fitsPerUnit(params: SimulationParams): number {
	const perAlpha =
		params.gridFractions !== undefined
			? params.gridFractions.filter((f) => f > 0).length
			: params.flipGrid !== undefined
				? params.flipGrid.filter((m) => m > 0).length
				: params.flips - 1;
	return alphasOf(params).length * perAlpha;
}

/** Runs a unit to the end in this thread (what a worker does). */
export function runUnit(table: Table, sidecar: Sidecar, params: SimulationParams, key: UnitKey, options: UnitRunOptions = {}): UnitResult {
	const steps = unitSteps(table, sidecar, params, key, options);
	for (;;) {
		const step = steps.next();
		if (step.done === true) {
			return step.value;
		}
	}
}

/**
 * A unit as a sequence of steps, pausing after each refit: the in-process executor drives it one
 * step per turn of the event loop, so an abort() from a timer or a UI event is seen within one
 * refit rather than one whole unit (a synchronous unit never lets the abort handler run).
 */
export function* unitSteps(
	table: Table,
	sidecar: Sidecar,
	params: SimulationParams,
	key: UnitKey,
	options: UnitRunOptions = {},
): Generator<void, UnitResult, void> {
	let cached = options.cache?.get(key.seed);
	if (cached === undefined) {
		cached = buildSeedContext(table, sidecar, params, key.seed);
		if (options.cache !== undefined) {
			rememberSeedContext(options.cache, cached, options.cacheCapacity ?? 1);
		}
		options.onSeedContext?.(cached);
		yield;
	}
	const ctx: SeedContext = cached;
	const known = knownMajorityRows(ctx, key.knowledge);
	const { x, y, train, test } = ctx.data;
	// Candidate universe: every unfavourable minority training row, in the collective order.
	const universe = ctx.minorityOrder.filter((i) => y[i] === 0);
	const counts = { knownRows: known.length, minorityRows: ctx.minorityOrder.length, unfavourableMinorityRows: universe.length };
	const ranked = options.ranking ?? rankCandidates(ctx, params, key, universe, known, options.signal);
	options.onRanking?.(ranked);
	if ('failure' in ranked) {
		return { key, base: ctx.base, points: [], failure: ranked.failure, fits: 0, ...counts };
	}
	const { ranking } = ranked;
	// Position of each matrix row in the collective order, to test membership at any α (a typed
	// array over the matrix rows: no hashing, where a Map held a million rows' worth of entries).
	const orderPosition = new Int32Array(y.length).fill(-1);
	for (let pos = 0; pos < ctx.minorityOrder.length; pos++) {
		orderPosition[ctx.minorityOrder[pos]!] = pos;
	}
	const points: UnitPoint[] = [];
	let fits = 0;
	const relabeled = new Uint8Array(y.length);
	for (const alpha of alphasOf(params)) {
		const collectiveSize = Math.round(alpha * ctx.minorityOrder.length);
		const pool = Int32Array.from(ranking, (p) => universe[p]!).filter((row) => orderPosition[row]! < collectiveSize);
		const grid = flipGridFor(params, pool.length);
		relabeled.set(y);
		let flipped = 0;
		let model: FittedFirmModel = ctx.firm;
		let defended: DefendedFit | undefined = ctx.defendedBase;
		for (let gridIndex = 0; gridIndex < grid.length; gridIndex++) {
			const m = grid[gridIndex]!;
			if (m === 0) {
				points.push({ alpha, gridIndex, flips: 0, poolSize: pool.length, collectiveSize, metrics: ctx.base });
				continue;
			}
			const previous = points[points.length - 1];
			if (previous !== undefined && previous.alpha === alpha && previous.flips === m) {
				// A pool smaller than the grid repeats M (round(i · pool / (n − 1))): the same labels
				// give the same model, so the point is the previous one, not another fit.
				points.push({ ...previous, gridIndex });
				options.onFit?.(); // progress counts grid points, so it still reaches its total
				continue;
			}
			for (; flipped < m; flipped++) {
				relabeled[pool[flipped]!] = 1;
			}
			// Logistic refits warm-start from the previous M; boosting refits reuse the seed's bins
			// and grow new trees (docs/methods.md, "Gradient boosting").
			model = fitFirmModel(firmModelOf(params), x, relabeled, {
				rows: train,
				warmStart: model,
				...(ctx.bins !== undefined ? { bins: ctx.bins } : {}),
				...(options.signal !== undefined ? { signal: options.signal } : {}),
			});
			fits++;
			options.onFit?.();
			const metrics = evaluate(ctx, model, firmPredictLabels(model, x, test));
			if (params.defense !== undefined && model.kind === 'logistic') {
				defended = defendedFit(ctx, relabeled, params.defense, params.C, model.model, defended, options.signal);
				fits += defended.fits;
				metrics.defended = defended.metrics;
			}
			points.push({ alpha, gridIndex, flips: m, poolSize: pool.length, collectiveSize, metrics });
			yield;
		}
	}
	return { key, base: ctx.base, points, fits, ...counts };
}

/** Scores a unit's candidates and orders them (positions in `universe`, best first). */
function rankCandidates(
	ctx: SeedContext,
	params: SimulationParams,
	key: UnitKey,
	universe: Int32Array,
	known: Int32Array,
	signal: { aborted: boolean } | undefined,
): UnitRanking {
	// Only candidates inside the largest collective of the run can ever flip. Scoring just them (a
	// prefix of the universe: both follow the collective order) gives the same pools, since a score
	// depends on its own row alone, Random's draws are a prefix of the same stream, and the ties are
	// broken by the permutation of the whole universe (rankByScore's tieBreakLength); the flips
	// experiment at α = 0.3 then scores 30 % of the rows it used to.
	const y = ctx.data.y;
	const largestCollective = Math.round(Math.max(...alphasOf(params)) * ctx.minorityOrder.length);
	const scored = universe.subarray(0, ctx.minorityOrder.subarray(0, largestCollective).filter((i) => y[i] === 0).length);
	try {
		const scores = scoreCandidates(key.method, ctx, scored, known, params.k, signal, params.collectiveModel);
		return { ranking: rankByScore(scores, key.seed, key.method, universe.length) };
	} catch (e) {
		if (e instanceof StrategyError) {
			return { failure: e.message };
		}
		throw e;
	}
}

/** The majority training rows the collective knows: all, or n drawn per seed (fewer if fewer exist). */
function knownMajorityRows(ctx: SeedContext, knowledge: Knowledge): Int32Array {
	if (knowledge === 'all' || knowledge >= ctx.majorityTrain.length) {
		return ctx.majorityTrain;
	}
	const drawn = sampleWithoutReplacement(ctx.majorityTrain, knowledge, createRandom(deriveSeed(ctx.seed, 'knowledge', knowledge)));
	return drawn.sort();
}
