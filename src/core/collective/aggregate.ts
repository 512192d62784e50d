/**
 * From per-seed points to the rows users read: mean, sample standard deviation and a percentile
 * interval over seeds for every figure, and the experiment-specific views (best EqOd per α,
 * the smallest collective reaching a target).
 */
import { moments, quantileSorted, sortedFinite, standardDeviation } from '../stats/summary';
import type { RunMetrics } from './evaluate';
import { computeEfficiency, type EfficiencyEntry } from './efficiency';
import type { Knowledge, Method, SimulationParams } from './params';
import type { UnitResult } from './unit';

/** A figure over seeds; `mean: null` with the reason when no seed defined it. */
export type SeedSummary =
	| { readonly mean: number; readonly sd: number; readonly lo: number; readonly hi: number; readonly n: number }
	| { readonly mean: null; readonly reason: string; readonly n: 0 };

export interface SimulationRow extends MetricSummaries {
	readonly method: Method | 'base';
	readonly knowledge: Knowledge;
	readonly alpha: number;
	readonly gridIndex: number;
	/** M, averaged over seeds (pool sizes differ between seeds). */
	readonly flips: number;
	readonly poolSize: number;
	readonly collectiveSize: number;
	readonly seeds: number;
}

/**
 * `none-measurable`: the seed intervals of both signed gaps cover zero — no measurable gap left at
 * this sample size, whatever EqOd (biased upward by noise near zero) says; `gap`: at least one
 * interval excludes zero; `unknown`: a gap is undefined on every seed.
 */
export type GapVerdict = 'gap' | 'none-measurable' | 'unknown';

export function gapVerdict(tpr: SeedSummary, fpr: SeedSummary): GapVerdict {
	if (tpr.mean === null || fpr.mean === null) {
		return 'unknown';
	}
	const covers = (s: { lo: number; hi: number }): boolean => s.lo <= 0 && s.hi >= 0;
	return covers(tpr) && covers(fpr) ? 'none-measurable' : 'gap';
}

/** The figures every row and the base carry, each summarised over seeds. */
export interface MetricSummaries {
	readonly error: SeedSummary;
	readonly spd: SeedSummary;
	readonly eqod: SeedSummary;
	readonly eqodMax: SeedSummary;
	/** Signed TPR(minority) − TPR(majority) over seeds, with its interval (see {@link GapVerdict}). */
	readonly tprGap: SeedSummary;
	/** Signed FPR(minority) − FPR(majority) over seeds. */
	readonly fprGap: SeedSummary;
	/** Whether a gap is left that this many seeds can measure (docs/methods.md, "The EqOd floor"). */
	readonly gapVerdict: GapVerdict;
	readonly success?: SeedSummary;
	readonly counterfactualGap?: SeedSummary;
	/** With a defending firm (params.defense): its figures and how much of the effect survives. */
	readonly defended?: DefendedSummary;
}

export interface BaseSummary extends MetricSummaries {
	readonly seeds: number;
}

export interface DefendedSummary {
	readonly error: SeedSummary;
	readonly spd: SeedSummary;
	readonly eqod: SeedSummary;
	readonly eqodMax: SeedSummary;
	/** Flipped rows the defending firm's filter dropped, per seed. */
	readonly removedFlips: SeedSummary;
	/** Other training rows it dropped, per seed. */
	readonly removedOther: SeedSummary;
	/**
	 * Share of the collective's EqOd improvement that survives the defence:
	 * (defended base EqOd − defended EqOd) / (base EqOd − EqOd), from the means over seeds.
	 * Undefined (with the reason) when the undefended improvement is below 0.01.
	 */
	readonly survival?: { readonly value: number } | { readonly value: null; readonly reason: string };
}

/** Below this undefended EqOd improvement a survival share is noise, not a finding. */
export const MIN_IMPROVEMENT_FOR_SURVIVAL = 0.01;

export interface MinimumCollective {
	readonly method: Method;
	readonly knowledge: Knowledge;
	readonly target: number;
	readonly reached: boolean;
	/** The smallest α on the grid whose mean EqOd reaches the target at some M, and that M. */
	readonly row?: SimulationRow;
	/** When not reached: the lowest mean EqOd seen, to say how far off the target is. */
	readonly best?: SimulationRow;
}

export interface Aggregated {
	readonly base: BaseSummary;
	/** The EqOd target of the efficiency statistics: `targetEqod`, or half the mean base EqOd. */
	readonly target: number;
	/** Relabelling efficiency per method, knowledge arm and α (see efficiency.ts). */
	readonly efficiency: EfficiencyEntry[];
	readonly rows: SimulationRow[];
	readonly grid?: SimulationRow[];
	readonly minimum?: MinimumCollective[];
	readonly failures: ReadonlyArray<{
		readonly method: Method;
		readonly knowledge: Knowledge;
		readonly seed: number;
		readonly reason: string;
	}>;
	/**
	 * What the numbers cannot show: α values where the collective is empty or has nobody to
	 * relabel (its rows are then the base model's, which looks like "no effect" but is "no
	 * collective"), and methods that ran on only some seeds. Plain sentences, in grid order.
	 */
	readonly warnings: string[];
	readonly fits: number;
}

/** Interval coverage over seeds (percentiles 2.5 and 97.5, type 7). */
export const SEED_INTERVAL_LEVEL = 0.95;

export function summarise(values: ReadonlyArray<number | undefined>, what: string): SeedSummary {
	// A non-finite figure is as undefined as a missing one, and must never reach JSON as null/NaN.
	const present = Float64Array.from(values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
	const m = moments(present);
	if (m === undefined) {
		return { mean: null, reason: `${what} is undefined for every seed (a group has no rows of a needed label in the test set)`, n: 0 };
	}
	const sorted = sortedFinite(present);
	const tail = (1 - SEED_INTERVAL_LEVEL) / 2;
	return {
		mean: m.mean,
		sd: standardDeviation(m) ?? 0,
		lo: quantileSorted(sorted, tail)!,
		hi: quantileSorted(sorted, 1 - tail)!,
		n: m.count,
	};
}

/** The four figures every kind of run reports, each a fairness or accuracy figure per seed. */
type RunFigures = Pick<RunMetrics, 'error' | 'spd' | 'eqod' | 'eqodMax'>;

/**
 * Error, SPD, EqOd and max EqOd summarised over seeds: the part every summary shares (a
 * simulation's base and defended rows here, a firm approach's comparison row in firm/pareto.ts).
 */
export function summariseRuns(list: readonly RunFigures[]): {
	error: SeedSummary;
	spd: SeedSummary;
	eqod: SeedSummary;
	eqodMax: SeedSummary;
} {
	return {
		error: summarise(
			list.map((m) => m.error),
			'error',
		),
		spd: summarise(
			list.map((m) => m.spd),
			'statistical parity',
		),
		eqod: summarise(
			list.map((m) => m.eqod),
			'equalized odds',
		),
		eqodMax: summarise(
			list.map((m) => m.eqodMax),
			'equalized odds (max)',
		),
	};
}

function summariseDefended(list: readonly RunMetrics[]): DefendedSummary | undefined {
	const defended = list.map((m) => m.defended).filter((d): d is NonNullable<RunMetrics['defended']> => d !== undefined);
	if (defended.length === 0) {
		return undefined;
	}
	return {
		...summariseRuns(defended),
		removedFlips: summarise(
			defended.map((d) => d.removedFlips),
			'removed flips',
		),
		removedOther: summarise(
			defended.map((d) => d.removedOther),
			'removed rows',
		),
	};
}

/** Adds the survival share to a row's defended summary, against the base. */
function withSurvival(row: SimulationRow, base: BaseSummary): SimulationRow {
	if (row.defended === undefined || base.defended === undefined) {
		return row;
	}
	const b = base.eqod.mean;
	const r = row.eqod.mean;
	const db = base.defended.eqod.mean;
	const dr = row.defended.eqod.mean;
	let survival: DefendedSummary['survival'];
	if (b === null || r === null || db === null || dr === null) {
		survival = { value: null, reason: 'equalized odds is undefined for every seed' };
	} else if (b - r < MIN_IMPROVEMENT_FOR_SURVIVAL) {
		survival = {
			value: null,
			reason: `the collective improves EqOd by ${(b - r).toFixed(4)} here, below ${MIN_IMPROVEMENT_FOR_SURVIVAL}: no effect to survive`,
		};
	} else {
		survival = { value: (db - dr) / (b - r) };
	}
	return { ...row, defended: { ...row.defended, survival } };
}

export function summariseMetrics(list: readonly RunMetrics[]): MetricSummaries {
	const withCf = list.some((m) => m.success !== undefined);
	const defended = summariseDefended(list);
	const tprGap = summarise(
		list.map((m) => m.tprGap),
		'the TPR gap',
	);
	const fprGap = summarise(
		list.map((m) => m.fprGap),
		'the FPR gap',
	);
	return {
		...summariseRuns(list),
		tprGap,
		fprGap,
		gapVerdict: gapVerdict(tprGap, fprGap),
		...(withCf
			? {
					success: summarise(
						list.map((m) => m.success),
						'collective success',
					),
					counterfactualGap: summarise(
						list.map((m) => m.counterfactualGap),
						'counterfactual gap',
					),
				}
			: {}),
		...(defended !== undefined ? { defended } : {}),
	};
}

const meanOf = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

export function aggregate(params: SimulationParams, results: readonly UnitResult[], baseEqodTarget?: number): Aggregated {
	// One base per seed (every unit of a seed shares it).
	const baseBySeed = new Map<number, RunMetrics>();
	for (const r of results) {
		baseBySeed.set(r.key.seed, r.base);
	}
	const base: BaseSummary = { seeds: baseBySeed.size, ...summariseMetrics([...baseBySeed.values()]) };
	const groups = new Map<
		string,
		{ method: Method; knowledge: Knowledge; alpha: number; gridIndex: number; points: UnitResult['points'][number][] }
	>();
	const failures: Array<{ method: Method; knowledge: Knowledge; seed: number; reason: string }> = [];
	let fits = 0;
	for (const r of results) {
		fits += r.fits;
		if (r.failure !== undefined) {
			failures.push({ method: r.key.method, knowledge: r.key.knowledge, seed: r.key.seed, reason: r.failure });
		}
		for (const p of r.points) {
			const id = `${r.key.method}|${r.key.knowledge}|${p.alpha}|${p.gridIndex}`;
			let g = groups.get(id);
			if (g === undefined) {
				g = { method: r.key.method, knowledge: r.key.knowledge, alpha: p.alpha, gridIndex: p.gridIndex, points: [] };
				groups.set(id, g);
			}
			g.points.push(p);
		}
	}
	const methodOrder = (m: Method): number => params.methods.indexOf(m);
	const all: SimulationRow[] = [...groups.values()]
		.sort(
			(a, b) =>
				methodOrder(a.method) - methodOrder(b.method) ||
				String(a.knowledge).localeCompare(String(b.knowledge)) ||
				a.alpha - b.alpha ||
				a.gridIndex - b.gridIndex,
		)
		.map((g) => ({
			method: g.method,
			knowledge: g.knowledge,
			alpha: g.alpha,
			gridIndex: g.gridIndex,
			flips: meanOf(g.points.map((p) => p.flips)),
			poolSize: meanOf(g.points.map((p) => p.poolSize)),
			collectiveSize: meanOf(g.points.map((p) => p.collectiveSize)),
			seeds: g.points.length,
			...summariseMetrics(g.points.map((p) => p.metrics)),
		}))
		.map((row) => withSurvival(row, base));
	const warnings = [...collectiveWarnings(results), ...partialFailureWarnings(results, failures)];
	const target = params.targetEqod ?? baseEqodTarget ?? (base.eqod.mean !== null ? base.eqod.mean / 2 : 0);
	const efficiency = computeEfficiency(results, params.methods, target);
	if (base.eqod.mean !== null && target >= base.eqod.mean) {
		warnings.push(
			`the EqOd target ${target.toFixed(4)} is at or above the base model's ${base.eqod.mean.toFixed(4)}: every method reaches it with 0 flips`,
		);
	} else if (efficiency.length > 0 && efficiency.every((e) => e.flipsToTarget.reached === 0)) {
		warnings.push(
			`the EqOd target ${target.toFixed(4)} is not reached by any method at ${[...new Set(efficiency.map((e) => `α = ${e.alpha}`))].join(', ')}`,
		);
	}
	const common = { base, target, efficiency, failures, warnings, fits };
	if (params.experiment === 'flips' || params.experiment === 'knowledge') {
		return { ...common, rows: all };
	}
	const best = bestPerAlpha(all);
	if (params.experiment === 'size') {
		return { ...common, rows: best, grid: all };
	}
	return { ...common, rows: best, grid: all, minimum: smallestCollective(all, params, target) };
}

/** Per method, knowledge and α: the grid point with the lowest mean EqOd (the paper's "best EqOd"). */
function bestPerAlpha(all: readonly SimulationRow[]): SimulationRow[] {
	const best = new Map<string, SimulationRow>();
	for (const row of all) {
		const id = `${row.method}|${row.knowledge}|${row.alpha}`;
		const current = best.get(id);
		if (row.eqod.mean !== null && (current === undefined || current.eqod.mean === null || row.eqod.mean < current.eqod.mean)) {
			best.set(id, row);
		} else if (current === undefined) {
			best.set(id, row);
		}
	}
	return [...best.values()];
}

function smallestCollective(all: readonly SimulationRow[], params: SimulationParams, target: number): MinimumCollective[] {
	const out: MinimumCollective[] = [];
	for (const method of params.methods) {
		const rows = all.filter((r) => r.method === method);
		if (rows.length === 0) {
			continue;
		}
		const hit = rows.find((r) => r.eqod.mean !== null && r.eqod.mean <= target);
		if (hit !== undefined) {
			out.push({ method, knowledge: hit.knowledge, target, reached: true, row: hit });
		} else {
			const lowest = rows.filter((r) => r.eqod.mean !== null).sort((a, b) => (a.eqod.mean as number) - (b.eqod.mean as number))[0];
			out.push({ method, knowledge: params.knowledge, target, reached: false, ...(lowest !== undefined ? { best: lowest } : {}) });
		}
	}
	return out;
}

/**
 * Empty collectives and empty candidate pools, per α. Both depend only on the seed (the
 * collective order and the labels), not on the method, so one unit per seed tells.
 */
function collectiveWarnings(results: readonly UnitResult[]): string[] {
	const bySeed = new Map<number, UnitResult>();
	for (const r of results) {
		if (r.points.length > 0 && !bySeed.has(r.key.seed)) {
			bySeed.set(r.key.seed, r);
		}
	}
	const seeds = [...bySeed.values()];
	if (seeds.length === 0) {
		return [];
	}
	const ofSeeds = (n: number): string => (n < seeds.length ? ` in ${n} of ${seeds.length} seeds` : '');
	const distinct = (v: readonly number[]): string => [...new Set(v)].join(' or ');
	const warnings: string[] = [];
	const noCandidates = seeds.every((r) => r.unfavourableMinorityRows === 0);
	if (noCandidates) {
		warnings.push(
			`the minority has no unfavourable training rows (${distinct(seeds.map((r) => r.minorityRows))} minority rows, all favourable): no collective has anyone to relabel, so every row is the base model's`,
		);
	}
	const alphas = [...new Set(seeds.flatMap((r) => r.points.map((p) => p.alpha)))].sort((a, b) => a - b);
	for (const alpha of alphas) {
		const at = seeds.map((r) => ({ r, p: r.points.find((p) => p.alpha === alpha)! }));
		const empty = at.filter(({ p }) => p.collectiveSize === 0);
		if (empty.length > 0) {
			warnings.push(
				`α = ${alpha}: the collective has 0 members (round(${alpha} × ${distinct(empty.map(({ r }) => r.minorityRows))}) = 0 minority training rows)${ofSeeds(empty.length)}; those rows are the base model's`,
			);
		}
		const gridPoints = new Set(seeds.flatMap((r) => r.points.filter((p) => p.alpha === alpha).map((p) => p.gridIndex))).size;
		const small = at.filter(({ p }) => p.poolSize > 0 && p.poolSize + 1 < gridPoints);
		if (small.length > 0) {
			warnings.push(
				`α = ${alpha}: pool of ${distinct(small.map(({ p }) => p.poolSize))}: grid reduced to M = 0–${Math.max(...small.map(({ p }) => p.poolSize))} (fewer distinct M than the ${gridPoints} grid points; repeated M are the same point)${ofSeeds(small.length)}`,
			);
		}
		const noPool = at.filter(({ p }) => p.collectiveSize > 0 && p.poolSize === 0);
		if (noPool.length > 0 && !noCandidates) {
			warnings.push(
				`α = ${alpha}: no unfavourable rows among the collective (${distinct(noPool.map(({ p }) => p.collectiveSize))} members, all favourable)${ofSeeds(noPool.length)}: nothing to relabel, those rows are the base model's`,
			);
		}
	}
	return warnings;
}

/** A method that failed on some seeds but not all: its rows average fewer seeds than the base. */
function partialFailureWarnings(results: readonly UnitResult[], failures: Aggregated['failures']): string[] {
	const total = new Set(results.map((r) => r.key.seed)).size;
	const failed = new Map<string, Set<number>>();
	for (const f of failures) {
		const id = `${f.method}|${f.knowledge}`;
		failed.set(id, (failed.get(id) ?? new Set()).add(f.seed));
	}
	const out: string[] = [];
	for (const [id, seeds] of failed) {
		if (seeds.size < total) {
			const [method, knowledge] = id.split('|');
			out.push(
				`${method} (knowledge ${knowledge}) could not run in ${seeds.size} of ${total} seeds (see failures); its rows average the other ${total - seeds.size}`,
			);
		}
	}
	return out;
}
