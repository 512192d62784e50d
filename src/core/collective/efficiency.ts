/**
 * Relabelling efficiency, measured with pairs (docs/methods.md, "Relabelling efficiency").
 *
 * A method is efficient when it reaches a fairness target with *fewer flips*. Averaging EqOd over
 * the whole M grid mixes the efficient region with over-correction past the best M (EqOd rises
 * again when too many labels flip), so it cannot say that. Instead, per seed:
 * - flips-to-target: the M at which the seed's EqOd curve first reaches the target, by linear
 *   interpolation between the two grid points around the crossing (0 when the base is already at
 *   or below it; "not reached" counted, never dropped);
 * - against Random on the *same seed* — same split, same collective, same candidate pool, so the
 *   same M grid — the per-seed difference of flips-to-target and of EqOd at each M. The paired
 *   difference removes the seed-to-seed noise that two independent means would keep.
 * Intervals: percentiles over seeds for flips-to-target (as every seed figure), a Student t
 * interval for the mean paired difference (src/core/stats/studentT.ts).
 */
import { meanInterval } from '../stats/studentT';
import { quantileSorted } from '../stats/summary';
import type { Knowledge, Method } from './params';
import type { UnitPoint, UnitResult } from './unit';

export interface FlipsToTarget {
	/** Median over seeds, seeds not reaching counted as +∞: null when half or more did not reach. */
	readonly median: number | null;
	/** 2.5 % and 97.5 % percentiles over seeds (null = "not reached" at that percentile). */
	readonly lo: number | null;
	readonly hi: number | null;
	/** Seeds that reached the target, of `seeds`. */
	readonly reached: number;
	readonly seeds: number;
}

export interface PairedDifference {
	/** Mean of (method − Random) over seeds, with its 95 % t interval. */
	readonly mean: number;
	readonly lo: number;
	readonly hi: number;
	readonly n: number;
}

export interface EfficiencyEntry {
	readonly method: Method;
	readonly knowledge: Knowledge;
	readonly alpha: number;
	readonly target: number;
	readonly flipsToTarget: FlipsToTarget;
	/** The M grid point with the lowest mean EqOd over seeds (M as whole rows). */
	readonly best: { readonly flips: number; readonly eqod: number; readonly error: number | null } | null;
	/**
	 * Paired against Random on the same seeds; absent for Random itself or without it. Seeds where a
	 * method does not reach the target enter flipsToTarget at their pool size (a lower bound on the
	 * flips needed): the difference is then conservative for the sign it shows; `censored` counts them.
	 */
	readonly vsRandom?: {
		readonly flipsToTarget: (PairedDifference & { readonly censored: number }) | null;
		readonly eqodByFlips: ReadonlyArray<{ readonly flips: number } & PairedDifference>;
	};
	/**
	 * The knowledge experiment's restricted arm (n known majority rows), paired against the same
	 * method knowing all of them on the same seeds (negative: knowing less needs fewer flips).
	 */
	readonly vsAllKnown?: EfficiencyEntry['vsRandom'];
	/** One sentence saying what the figures show, within their intervals. */
	readonly conclusion: string;
}

interface SeedCurve {
	readonly seed: number;
	readonly poolSize: number;
	/** Points in grid order (M ascending). */
	readonly points: readonly UnitPoint[];
}

/** Where a seed's EqOd curve first reaches the target: M (interpolated), or undefined if never. */
export function crossing(points: readonly UnitPoint[], target: number): number | undefined {
	let previous: UnitPoint | undefined;
	for (const p of points) {
		const e = p.metrics.eqod;
		if (e === undefined) {
			continue;
		}
		if (e <= target) {
			const pe = previous?.metrics.eqod;
			if (previous === undefined || pe === undefined || pe === e) {
				return p.flips;
			}
			return previous.flips + ((pe - target) / (pe - e)) * (p.flips - previous.flips);
		}
		previous = p;
	}
	return undefined;
}

function flipsSummary(values: ReadonlyArray<number | undefined>): FlipsToTarget {
	// Not reached sorts last (+∞) so that it counts against the median and the upper percentile.
	const sorted = values.map((v) => v ?? Infinity).sort((a, b) => a - b);
	const finiteOrNull = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);
	return {
		median: finiteOrNull(quantileSorted(sorted, 0.5)),
		lo: finiteOrNull(quantileSorted(sorted, 0.025)),
		hi: finiteOrNull(quantileSorted(sorted, 0.975)),
		reached: values.filter((v) => v !== undefined).length,
		seeds: values.length,
	};
}

/** Per-seed curves of one method, knowledge arm and α. */
function curvesOf(results: readonly UnitResult[], method: Method, knowledge: Knowledge, alpha: number): Map<number, SeedCurve> {
	const out = new Map<number, SeedCurve>();
	for (const r of results) {
		if (r.key.method !== method || r.key.knowledge !== knowledge || r.failure !== undefined) {
			continue;
		}
		const points = r.points.filter((p) => p.alpha === alpha).sort((a, b) => a.gridIndex - b.gridIndex);
		if (points.length > 0) {
			out.set(r.key.seed, { seed: r.key.seed, poolSize: points[0]!.poolSize, points });
		}
	}
	return out;
}

function bestOf(curves: ReadonlyMap<number, SeedCurve>): EfficiencyEntry['best'] {
	const byIndex = new Map<number, { flips: number[]; eqod: number[]; error: number[] }>();
	for (const c of curves.values()) {
		for (const p of c.points) {
			const slot = byIndex.get(p.gridIndex) ?? { flips: [], eqod: [], error: [] };
			slot.flips.push(p.flips);
			if (p.metrics.eqod !== undefined) {
				slot.eqod.push(p.metrics.eqod);
			}
			if (p.metrics.error !== undefined) {
				slot.error.push(p.metrics.error);
			}
			byIndex.set(p.gridIndex, slot);
		}
	}
	const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
	let best: EfficiencyEntry['best'] = null;
	for (const slot of byIndex.values()) {
		if (slot.eqod.length === 0) {
			continue;
		}
		const eqod = mean(slot.eqod);
		if (best === null || eqod < best.eqod) {
			best = { flips: Math.round(mean(slot.flips)), eqod, error: slot.error.length > 0 ? mean(slot.error) : null };
		}
	}
	return best;
}

function pairedAgainst(
	curves: ReadonlyMap<number, SeedCurve>,
	random: ReadonlyMap<number, SeedCurve>,
	target: number,
): NonNullable<EfficiencyEntry['vsRandom']> {
	const flipDiffs: number[] = [];
	let censored = 0;
	const byIndex = new Map<number, { flips: number[]; diffs: number[] }>();
	for (const [seed, c] of curves) {
		const r = random.get(seed);
		if (r === undefined) {
			continue;
		}
		const mine = crossing(c.points, target);
		const theirs = crossing(r.points, target);
		censored += (mine === undefined ? 1 : 0) + (theirs === undefined ? 1 : 0);
		flipDiffs.push((mine ?? c.poolSize) - (theirs ?? r.poolSize));
		const randomAt = new Map(r.points.map((p) => [p.gridIndex, p]));
		for (const p of c.points) {
			const q = randomAt.get(p.gridIndex);
			if (q === undefined || p.metrics.eqod === undefined || q.metrics.eqod === undefined) {
				continue;
			}
			const slot = byIndex.get(p.gridIndex) ?? { flips: [], diffs: [] };
			slot.flips.push(p.flips);
			slot.diffs.push(p.metrics.eqod - q.metrics.eqod);
			byIndex.set(p.gridIndex, slot);
		}
	}
	const flips = meanInterval(flipDiffs);
	const eqodByFlips = [...byIndex.entries()]
		.sort((a, b) => a[0] - b[0])
		.flatMap(([, slot]) => {
			const d = meanInterval(slot.diffs);
			return d === undefined ? [] : [{ flips: Math.round(slot.flips.reduce((s, x) => s + x, 0) / slot.flips.length), ...d }];
		});
	return { flipsToTarget: flips === undefined ? null : { ...flips, censored }, eqodByFlips };
}

function pairedWithAllKnown(
	results: readonly UnitResult[],
	method: Method,
	alpha: number,
	curves: ReadonlyMap<number, SeedCurve>,
	target: number,
): Pick<EfficiencyEntry, 'vsAllKnown'> {
	const all = curvesOf(results, method, 'all', alpha);
	return all.size > 0 && curves.size > 0 ? { vsAllKnown: pairedAgainst(curves, all, target) } : {};
}

/** A whole number of rows; + 0 turns a rounded −0.3 (−0) into 0, which toLocaleString would print as "-0". */
const rows = (v: number): string => (Math.round(v) + 0).toLocaleString('en-US');

/**
 * The sentence for an entry: what its flips-to-target and paired difference show, and no more. It
 * names its α and, for a restricted knowledge arm, what the method knew, so that the sentences of a
 * grid of α (or of arms) can be told apart without their table row.
 */
export function efficiencyConclusion(e: Omit<EfficiencyEntry, 'conclusion'>): string {
	const t = e.target.toFixed(3);
	const f = e.flipsToTarget;
	const who = `${e.method}${e.knowledge !== 'all' ? ` knowing ${e.knowledge}` : ''}`;
	if (f.seeds === 0) {
		return `${who} did not run at α = ${e.alpha} (see failures)`;
	}
	if (f.reached === 0) {
		return `${who} does not reach EqOd ≤ ${t} at α = ${e.alpha} in any of ${f.seeds} seeds`;
	}
	const reach =
		f.median === null
			? `reaches EqOd ≤ ${t} at α = ${e.alpha} in only ${f.reached} of ${f.seeds} seeds`
			: `reaches EqOd ≤ ${t} at α = ${e.alpha} with a median of ≈ ${rows(f.median)} flips (${f.reached} of ${f.seeds} seeds)`;
	const d = e.vsRandom?.flipsToTarget;
	if (d === undefined || d === null) {
		return `${who} ${reach}`;
	}
	const ci = `paired 95 % CI ${rows(d.lo)} to ${rows(d.hi)} flips, ${d.n} seeds`;
	if (d.hi < 0) {
		return `${who} ${reach}: ${rows(-d.mean)} fewer flips than Random (${ci})`;
	}
	if (d.lo > 0) {
		return `${who} ${reach}: ${rows(d.mean)} more flips than Random (${ci})`;
	}
	return `${who} ${reach}: not distinguishable from Random at ${d.n} seeds (${ci})`;
}

/**
 * One entry per method, knowledge arm and α of the run. `target` defaults to half the mean base
 * EqOd (the caller passes it; a target at or above the base is reached with 0 flips).
 */
export function computeEfficiency(results: readonly UnitResult[], methods: readonly Method[], target: number): EfficiencyEntry[] {
	const keys = new Map<string, { knowledge: Knowledge; alpha: number }>();
	for (const r of results) {
		for (const p of r.points) {
			keys.set(`${String(r.key.knowledge)}|${p.alpha}`, { knowledge: r.key.knowledge, alpha: p.alpha });
		}
	}
	const out: EfficiencyEntry[] = [];
	for (const { knowledge, alpha } of keys.values()) {
		const random = methods.includes('random') ? curvesOf(results, 'random', knowledge, alpha) : undefined;
		for (const method of methods) {
			const curves = curvesOf(results, method, knowledge, alpha);
			const entry: Omit<EfficiencyEntry, 'conclusion'> = {
				method,
				knowledge,
				alpha,
				target,
				flipsToTarget: flipsSummary([...curves.values()].map((c) => crossing(c.points, target))),
				best: bestOf(curves),
				...(method !== 'random' && random !== undefined && random.size > 0 ? { vsRandom: pairedAgainst(curves, random, target) } : {}),
				...(knowledge !== 'all' ? pairedWithAllKnown(results, method, alpha, curves, target) : {}),
			};
			out.push({ ...entry, conclusion: efficiencyConclusion(entry) });
		}
	}
	return out;
}
