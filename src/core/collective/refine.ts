/**
 * A grid that resolves what matters (docs/methods.md, "The M grid").
 *
 * The coarse pass evaluates `flips` evenly spaced values of M, i/(flips − 1) of each seed's pool.
 * The figures users act on — each method's best M and the M at which it reaches the EqOd target —
 * fall between those points, so a second pass adds points in the coarse intervals around them, at
 * a third of the coarse spacing (≤ 4 % of the pool at the default 10 points, so both are located
 * within 5 % of the pool). The extra points are fractions of the pool shared by every method and
 * seed, so each seed's M values stay the same across methods and the pairing with Random holds.
 */
import type { SimulationRow } from './aggregate';
import type { SimulationParams } from './params';
import type { UnitResult } from './unit';

/** Subdivisions of a coarse interval the refinement adds (3 → two new points per interval). */
export const REFINE_SUBDIVISIONS = 3;

const key = (f: number): string => f.toFixed(9);

/** Whether a run gets a refinement pass: default grids of the one-α experiments only. */
export function refines(params: SimulationParams): boolean {
	return (
		params.refineGrid &&
		params.flipGrid === undefined &&
		params.gridFractions === undefined &&
		(params.experiment === 'flips' || params.experiment === 'knowledge')
	);
}

/** Coarse fractions of the pool: i / (flips − 1). */
export function coarseFractions(flips: number): number[] {
	return Array.from({ length: flips }, (_, i) => i / (flips - 1));
}

/**
 * Extra fractions from the coarse pass's mean curves: inside the coarse intervals on both sides of
 * each method's best point, and inside the interval where its mean EqOd first reaches `target`.
 */
export function refinementFractions(rows: readonly SimulationRow[], flips: number, target: number): number[] {
	const coarse = coarseFractions(flips);
	const intervals = new Set<number>(); // left ends (grid indices) of coarse intervals to subdivide
	const curves = new Map<string, SimulationRow[]>();
	for (const r of rows) {
		const id = `${r.method}|${String(r.knowledge)}|${r.alpha}`;
		curves.set(id, [...(curves.get(id) ?? []), r]);
	}
	for (const curve of curves.values()) {
		const sorted = curve.filter((r) => r.eqod.mean !== null).sort((a, b) => a.gridIndex - b.gridIndex);
		if (sorted.length < 2) {
			continue;
		}
		let best = sorted[0]!;
		for (const r of sorted) {
			if ((r.eqod.mean as number) < (best.eqod.mean as number)) {
				best = r;
			}
		}
		if (best.gridIndex > 0) {
			intervals.add(best.gridIndex - 1);
		}
		if (best.gridIndex < flips - 1) {
			intervals.add(best.gridIndex);
		}
		const hit = sorted.find((r) => (r.eqod.mean as number) <= target);
		if (hit !== undefined && hit.gridIndex > 0) {
			intervals.add(hit.gridIndex - 1);
		}
	}
	const have = new Set(coarse.map(key));
	const extra = new Map<string, number>();
	for (const i of intervals) {
		const [a, b] = [coarse[i]!, coarse[i + 1]!];
		for (let s = 1; s < REFINE_SUBDIVISIONS; s++) {
			const f = a + ((b - a) * s) / REFINE_SUBDIVISIONS;
			if (!have.has(key(f))) {
				extra.set(key(f), f);
			}
		}
	}
	return [...extra.values()].sort((x, y) => x - y);
}

/**
 * Merges the refinement pass's units into the coarse pass's: per unit key, the points of both
 * passes in order of their fraction of the pool, re-indexed 0 … n − 1 (the same order for every
 * unit, since the fractions are shared). Fits add up.
 */
export function mergePasses(
	coarse: readonly UnitResult[],
	refined: readonly UnitResult[],
	flips: number,
	extra: readonly number[],
): UnitResult[] {
	const fractions = [...coarseFractions(flips).map((f) => ({ f, pass: 0 as const })), ...extra.map((f) => ({ f, pass: 1 as const }))].sort(
		(a, b) => a.f - b.f,
	);
	const indexOf = new Map<string, number>(fractions.map((x, i) => [`${x.pass}|${key(x.f)}`, i]));
	const refinedByKey = new Map(refined.map((r) => [`${r.key.seed}|${r.key.method}|${String(r.key.knowledge)}`, r]));
	return coarse.map((c) => {
		const r = refinedByKey.get(`${c.key.seed}|${c.key.method}|${String(c.key.knowledge)}`);
		if (r === undefined || c.failure !== undefined) {
			return c;
		}
		const relabel = (pass: 0 | 1, list: UnitResult['points'], grid: readonly number[]): UnitResult['points'] =>
			list.map((p) => ({ ...p, gridIndex: indexOf.get(`${pass}|${key(grid[p.gridIndex]!)}`)! }));
		const points = [...relabel(0, c.points, coarseFractions(flips)), ...relabel(1, r.points, extra)].sort(
			(a, b) => a.alpha - b.alpha || a.gridIndex - b.gridIndex,
		);
		return { ...c, points, fits: c.fits + r.fits };
	});
}
