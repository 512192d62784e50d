/**
 * The numbers the report quotes, computed from the runs' JSON (nothing in the prose is typed in
 * by hand). Means are over seeds; "best" is the lowest mean EqOd.
 */

export interface Summary {
	readonly mean: number | null;
	readonly sd?: number;
	readonly lo?: number;
	readonly hi?: number;
	readonly n?: number;
	readonly reason?: string;
}

export interface Row {
	readonly method: string;
	readonly knowledge: 'all' | number;
	readonly alpha: number;
	readonly gridIndex: number;
	readonly flips: number;
	readonly poolSize: number;
	readonly collectiveSize: number;
	readonly seeds: number;
	readonly error: Summary;
	readonly spd: Summary;
	readonly eqod: Summary;
	readonly eqodMax: Summary;
	readonly success?: Summary;
	readonly counterfactualGap?: Summary;
}

export interface Simulation {
	readonly experiment: string;
	readonly params: Record<string, unknown>;
	readonly roles: { sensitive: string; minority: string; majority: string; label: string; favourable: string[] };
	readonly base: { seeds: number; error: Summary; spd: Summary; eqod: Summary; eqodMax: Summary; success?: Summary; counterfactualGap?: Summary };
	readonly rows: Row[];
	readonly grid?: Row[];
	readonly warnings: string[];
	readonly failures: unknown[];
}

export interface CompareRow {
	readonly approach: string;
	readonly variant: string;
	readonly parameter: Record<string, number>;
	readonly error: Summary;
	readonly eqod: Summary;
	readonly spd: Summary;
}

export interface Comparison {
	readonly rows: CompareRow[];
	readonly params: { firm: Record<string, unknown> };
	readonly warnings?: string[];
}

/** Below this mean EqOd a method counts as "reaching EqOd ≈ 0". */
export const NEAR_ZERO = 0.02;
/** Saturation: the smallest α whose best EqOd has made 90 % of the drop from base to the lowest value. */
export const SATURATION_SHARE = 0.9;

const m = (s: Summary | undefined): number => (s?.mean ?? Number.NaN);

export interface Point {
	readonly error: number;
	readonly eqod: number;
	readonly label: string;
	readonly row?: Row;
}

export function base(s: Simulation): { error: number; eqod: number; eqodLo: number; eqodHi: number } {
	return { error: m(s.base.error), eqod: m(s.base.eqod), eqodLo: s.base.eqod.lo ?? Number.NaN, eqodHi: s.base.eqod.hi ?? Number.NaN };
}

/** The lowest mean EqOd anywhere on the size grid (every α, M and method). */
export function bestCollective(size: Simulation): Point {
	const rows = (size.grid ?? size.rows).filter((r) => r.eqod.mean !== null && r.error.mean !== null);
	const best = rows.reduce((a, b) => (m(b.eqod) < m(a.eqod) ? b : a));
	return { error: m(best.error), eqod: m(best.eqod), label: `${best.method}, α = ${best.alpha}, M = ${Math.round(best.flips)}`, row: best };
}

/** Error allowed above the base for a point to count as "at about the base error". */
export const ERROR_SLACK = 0.01;

/** The lowest mean EqOd on the size grid among points whose error is at most the base's + ERROR_SLACK. */
export function bestNearBaseError(size: Simulation): Point | undefined {
	const limit = m(size.base.error) + ERROR_SLACK;
	const rows = (size.grid ?? size.rows).filter((r) => r.eqod.mean !== null && m(r.error) <= limit);
	if (rows.length === 0) {
		return undefined;
	}
	const best = rows.reduce((a, b) => (m(b.eqod) < m(a.eqod) ? b : a));
	return { error: m(best.error), eqod: m(best.eqod), label: `${best.method}, α = ${best.alpha}, M = ${Math.round(best.flips)}`, row: best };
}

/** Best EqOd at each α, over methods (the size figure's lower envelope). */
export function envelope(size: Simulation): Array<{ alpha: number; eqod: number; method: string }> {
	const byAlpha = new Map<number, Row>();
	for (const r of size.rows) {
		const cur = byAlpha.get(r.alpha);
		if (r.eqod.mean !== null && (cur === undefined || m(r.eqod) < m(cur.eqod))) {
			byAlpha.set(r.alpha, r);
		}
	}
	return [...byAlpha.values()].sort((a, b) => a.alpha - b.alpha).map((r) => ({ alpha: r.alpha, eqod: m(r.eqod), method: r.method }));
}

export function saturation(size: Simulation): { alpha: number | undefined; lowest: number; at03: number | undefined; at05: number | undefined } {
	const env = envelope(size);
	const b = m(size.base.eqod);
	const lowest = Math.min(...env.map((e) => e.eqod));
	const drop = b - lowest;
	const alpha = drop > 0 ? env.find((e) => b - e.eqod >= SATURATION_SHARE * drop)?.alpha : undefined;
	return { alpha, lowest, at03: env.find((e) => e.alpha === 0.3)?.eqod, at05: env.find((e) => e.alpha === 0.5)?.eqod };
}

/** Mean EqOd over the interior of the M grid (M = 0 and M = the whole pool are the same for every method). */
export function flipsRanking(flips: Simulation): Array<{ method: string; meanEqod: number }> {
	const maxIndex = Math.max(...flips.rows.map((r) => r.gridIndex));
	const byMethod = new Map<string, number[]>();
	for (const r of flips.rows) {
		if (r.gridIndex > 0 && r.gridIndex < maxIndex && r.eqod.mean !== null) {
			byMethod.set(r.method, [...(byMethod.get(r.method) ?? []), r.eqod.mean]);
		}
	}
	return [...byMethod].map(([method, v]) => ({ method, meanEqod: v.reduce((a, b) => a + b, 0) / v.length })).sort((a, b) => a.meanEqod - b.meanEqod);
}

/**
 * For each method: mean EqOd (and error) over the interior of the M grid with 10 known majority
 * rows and with all of them. At M = the whole pool both arms flip the same rows, so the lowest
 * EqOd (usually there) cannot tell them apart; the interior can.
 */
export function knowledgeGap(k: Simulation): Array<{ method: string; restricted: number; all: number; errRestricted: number; errAll: number }> {
	const maxIndex = Math.max(...k.rows.map((r) => r.gridIndex));
	const mean = (v: number[]): number => (v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length);
	const methods = [...new Set(k.rows.map((r) => r.method))];
	return methods.map((method) => {
		const arm = (all: boolean): Row[] => k.rows.filter((r) => r.method === method && (r.knowledge === 'all') === all && r.gridIndex > 0 && r.gridIndex < maxIndex && r.eqod.mean !== null);
		return {
			method,
			restricted: mean(arm(false).map((r) => m(r.eqod))), all: mean(arm(true).map((r) => m(r.eqod))),
			errRestricted: mean(arm(false).map((r) => m(r.error))), errAll: mean(arm(true).map((r) => m(r.error))),
		};
	});
}

/**
 * Per firm-side approach (all its variants): the cheapest point with EqOd ≤ NEAR_ZERO, else its
 * lowest-EqOd point; and its cheapest point at ≤ half the base EqOd.
 */
export function firmSide(c: Comparison, baseEqod: number): Array<{ approach: string; nearZero?: CompareRow; lowest: CompareRow; half?: CompareRow }> {
	const groups = new Map<string, CompareRow[]>();
	for (const r of c.rows) {
		if (r.approach !== 'base' && r.approach !== 'collective' && r.eqod.mean !== null && r.error.mean !== null) {
			groups.set(r.approach, [...(groups.get(r.approach) ?? []), r]);
		}
	}
	const cheapest = (rows: CompareRow[]): CompareRow | undefined => rows.reduce<CompareRow | undefined>((a, b) => (a === undefined || m(b.error) < m(a.error) ? b : a), undefined);
	return [...groups].map(([approach, rows]) => ({
		approach,
		nearZero: cheapest(rows.filter((r) => m(r.eqod) <= NEAR_ZERO)),
		lowest: rows.reduce((a, b) => (m(b.eqod) < m(a.eqod) ? b : a)),
		half: cheapest(rows.filter((r) => m(r.eqod) <= baseEqod / 2)),
	}));
}

/** The collective's cheapest point at ≤ half the base EqOd on the size grid. */
export function collectiveHalf(size: Simulation): Row | undefined {
	const b = m(size.base.eqod);
	const rows = (size.grid ?? size.rows).filter((r) => m(r.eqod) <= b / 2);
	return rows.reduce<Row | undefined>((a, r) => (a === undefined || m(r.error) < m(a.error) ? r : a), undefined);
}

export function describeParameter(r: CompareRow): string {
	const p = Object.entries(r.parameter).map(([k, v]) => `${k} = ${v}`).join(', ');
	return [r.variant, p].filter((s) => s !== '').join('; ');
}
