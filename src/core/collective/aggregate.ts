/**
 * From per-seed points to the rows users read: every figure summarised over seeds
 * (seedSummary.ts), the experiment-specific views (best EqOd per α, the smallest collective
 * reaching a target) and the warnings of what the numbers cannot show (runWarnings.ts).
 */
import type { RunMetrics } from './evaluate';
import { computeEfficiency, type EfficiencyEntry } from './efficiency';
import type { Knowledge, Method, SimulationParams } from './params';
import { collectiveWarnings, partialFailureWarnings, type UnitFailure } from './runWarnings';
import { MIN_IMPROVEMENT_FOR_SURVIVAL, summariseMetrics, type DefendedSummary, type MetricSummaries } from './seedSummary';
import type { UnitResult } from './unit';

// The summaries over seeds lived here before seedSummary.ts; their importers keep this path.
export {
	gapVerdict,
	MIN_IMPROVEMENT_FOR_SURVIVAL,
	SEED_INTERVAL_LEVEL,
	summarise,
	summariseMetrics,
	summariseRuns,
	type DefendedSummary,
	type GapVerdict,
	type MetricSummaries,
	type SeedSummary,
} from './seedSummary';
export type { UnitFailure } from './runWarnings';

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

export interface BaseSummary extends MetricSummaries {
	readonly seeds: number;
}

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
	readonly failures: readonly UnitFailure[];
	/**
	 * What the numbers cannot show: α values where the collective is empty or has nobody to
	 * relabel (its rows are then the base model's, which looks like "no effect" but is "no
	 * collective"), and methods that ran on only some seeds. Plain sentences, in grid order.
	 */
	readonly warnings: string[];
	readonly fits: number;
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
	const failures: UnitFailure[] = [];
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
