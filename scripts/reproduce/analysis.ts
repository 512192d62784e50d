/**
 * The numbers the report quotes, computed from the runs' JSON (nothing in the prose is typed in
 * by hand). The result types are the engine's own (imported, not re-declared): the JSON kept under
 * docs/reproduction/ is the CLI's `--json` output with numbers rounded to 4 decimals.
 */
import type { SeedSummary, SimulationRow } from '../../src/core/collective/aggregate';
import type { EfficiencyEntry } from '../../src/core/collective/efficiency';
import type { SimulationResult } from '../../src/core/collective/simulate';
import type { CompareResult } from '../../src/core/firm/compare';
import type { CompareRow } from '../../src/core/firm/pareto';

export type Summary = SeedSummary;
export type Row = SimulationRow;
export type Simulation = SimulationResult;
export type Comparison = CompareResult;
export type { CompareRow, EfficiencyEntry };

/** Below this mean EqOd a firm-side approach counts as "reaching EqOd ≈ 0". */
export const NEAR_ZERO = 0.02;
/** Saturation: the smallest α whose best EqOd has made 90 % of the drop from base to the lowest value. */
export const SATURATION_SHARE = 0.9;
/** Error allowed above the base for a point to count as "in the low-error region". */
export const ERROR_SLACK = 0.01;

/** The mean of a seed summary, NaN when no seed defined it (never printed: the formatters show "—"). */
export const m = (s: Summary | undefined): number => (s === undefined || s.mean === null ? Number.NaN : s.mean);
export const lo = (s: Summary | undefined): number | undefined => (s === undefined || s.mean === null ? undefined : s.lo);
export const hi = (s: Summary | undefined): number | undefined => (s === undefined || s.mean === null ? undefined : s.hi);

/** M as whole rows: the grid's M is a mean over seeds whose pools differ. */
export const wholeRows = (v: number): string => Math.round(v).toLocaleString('en-US');

export interface Point {
	readonly error: number;
	readonly eqod: number;
	readonly label: string;
	readonly row?: Row;
}

export function base(s: Simulation): { error: number; eqod: number; eqodLo: number | undefined; eqodHi: number | undefined } {
	return { error: m(s.base.error), eqod: m(s.base.eqod), eqodLo: lo(s.base.eqod), eqodHi: hi(s.base.eqod) };
}

const defined = (rows: readonly Row[]): Row[] => rows.filter((r) => r.eqod.mean !== null && r.error.mean !== null);
const lowest = <T extends { eqod: Summary }>(rows: readonly T[]): T | undefined =>
	rows.reduce<T | undefined>((a, b) => (a === undefined || m(b.eqod) < m(a.eqod) ? b : a), undefined);

function point(r: Row | undefined): Point | undefined {
	return r === undefined
		? undefined
		: { error: m(r.error), eqod: m(r.eqod), label: `${r.method}, α = ${r.alpha}, M = ${wholeRows(r.flips)}`, row: r };
}

/** Every collective point of a dataset: the size grid (every α) and the flips run (α = 0.3, refined M grid). */
export function collectivePoints(size: Simulation, flips?: Simulation): Row[] {
	return defined([...(size.grid ?? size.rows), ...(flips?.rows ?? [])]).filter((r) => r.method !== 'base');
}

/** The lowest mean EqOd anywhere (every α, M and method). */
export function bestCollective(size: Simulation, flips?: Simulation): Point {
	return point(lowest(collectivePoints(size, flips)))!;
}

/** The lowest mean EqOd among points whose error is at most the base's + ERROR_SLACK. */
export function bestNearBaseError(size: Simulation, flips?: Simulation): Point | undefined {
	const limit = m(size.base.error) + ERROR_SLACK;
	return point(lowest(collectivePoints(size, flips).filter((r) => m(r.error) <= limit)));
}

/** Best EqOd at each α over methods and M (the size figure's lower envelope), with the row it comes from. */
export function envelope(size: Simulation): Array<{ alpha: number; eqod: number; method: string; row: Row }> {
	const byAlpha = new Map<number, Row>();
	for (const r of defined(size.rows)) {
		const cur = byAlpha.get(r.alpha);
		if (cur === undefined || m(r.eqod) < m(cur.eqod)) {
			byAlpha.set(r.alpha, r);
		}
	}
	return [...byAlpha.values()]
		.sort((a, b) => a.alpha - b.alpha)
		.map((r) => ({ alpha: r.alpha, eqod: m(r.eqod), method: r.method, row: r }));
}

/** The efficiency entries of a run (knowledge arm `all` unless asked), by method. */
export function efficiencyOf(s: Simulation | undefined, knowledge: 'all' | 'restricted' = 'all'): EfficiencyEntry[] {
	return (s?.efficiency ?? []).filter((e) => (knowledge === 'all') === (e.knowledge === 'all'));
}

/** The flips run's rows at the grid point nearest a third of the pool, one per method. */
export function atThirdOfPool(flips: Simulation): Row[] {
	const rows = defined(flips.rows);
	const out: Row[] = [];
	for (const method of [...new Set(rows.map((r) => r.method))]) {
		const mine = rows.filter((r) => r.method === method);
		const near = mine.reduce<Row | undefined>(
			(a, r) => (a === undefined || Math.abs(r.flips - r.poolSize / 3) < Math.abs(a.flips - a.poolSize / 3) ? r : a),
			undefined,
		);
		if (near !== undefined) {
			out.push(near);
		}
	}
	return out;
}

/** A method's row at its best M in the flips run (the row the efficiency entry's `best` names). */
export function bestRowOf(flips: Simulation, method: string): Row | undefined {
	return lowest(defined(flips.rows).filter((r) => r.method === method));
}

/**
 * Per firm-side approach (all its variants): the cheapest point with EqOd ≤ NEAR_ZERO, else its
 * lowest-EqOd point; its cheapest point at ≤ half the base EqOd; and its lowest EqOd in the
 * low-error region (error ≤ base + ERROR_SLACK).
 */
export function firmSide(
	c: Comparison,
	baseEqod: number,
	baseError: number,
): Array<{ approach: string; nearZero?: CompareRow; lowest: CompareRow; half?: CompareRow; lowError?: CompareRow }> {
	const groups = new Map<string, CompareRow[]>();
	for (const r of c.rows) {
		if (r.approach !== 'base' && r.approach !== 'collective' && r.eqod.mean !== null && r.error.mean !== null) {
			groups.set(r.approach, [...(groups.get(r.approach) ?? []), r]);
		}
	}
	const cheapest = (rows: CompareRow[]): CompareRow | undefined =>
		rows.reduce<CompareRow | undefined>((a, b) => (a === undefined || m(b.error) < m(a.error) ? b : a), undefined);
	return [...groups].map(([approach, rows]) => ({
		approach,
		nearZero: cheapest(rows.filter((r) => m(r.eqod) <= NEAR_ZERO)),
		lowest: lowest(rows)!,
		half: cheapest(rows.filter((r) => m(r.eqod) <= baseEqod / 2)),
		lowError: lowest(rows.filter((r) => m(r.error) <= baseError + ERROR_SLACK)),
	}));
}

/** The collective's cheapest point at ≤ half the base EqOd (size grid and flips run). */
export function collectiveHalf(size: Simulation, flips?: Simulation): Row | undefined {
	const b = m(size.base.eqod);
	return collectivePoints(size, flips)
		.filter((r) => m(r.eqod) <= b / 2)
		.reduce<Row | undefined>((a, r) => (a === undefined || m(r.error) < m(a.error) ? r : a), undefined);
}

export function describeParameter(r: CompareRow): string {
	const p = Object.entries(r.parameter)
		.map(([k, v]) => `${k} = ${v}`)
		.join(', ');
	return [r.variant, p].filter((s) => s !== '').join('; ');
}
