/**
 * From per-seed points to comparison rows: mean, sd and 95 % interval over seeds (the simulator's
 * {@link SeedSummary}), and each approach's non-dominated front on the (error, EqOd) and
 * (error, SPD) planes, both lower-is-better (fronts are taken on
 * the means over seeds **[choice]**).
 */
import type { SimulationRow } from '../collective/aggregate';
import { summarise, summariseRuns, type SeedSummary } from '../collective/seedSummary';
import type { FirmPoint } from './approaches';
import type { FirmApproach } from './params';

export type Approach = 'base' | FirmApproach | 'collective';

export interface CompareRow {
	readonly approach: Approach;
	/** Sub-series: cost constraint, representation, the collective's scoring method ('' if none). */
	readonly variant: string;
	/** The sweep parameter(s): mixScale, epsilon, gamma + maxLeaves, strength, fraction, alpha + flips. */
	readonly parameter: Readonly<Record<string, number>>;
	readonly seeds: number;
	readonly error: SeedSummary;
	readonly spd: SeedSummary;
	readonly eqod: SeedSummary;
	readonly eqodMax: SeedSummary;
	/** FARE: the certified SPD bound over seeds. */
	readonly spdBound?: SeedSummary;
	/** On this approach's non-dominated front of the (error, EqOd) / (error, SPD) plane. */
	readonly front: { readonly eqod: boolean; readonly spd: boolean };
}

/**
 * front[i] is true when point i is defined and no defined point j is at least as good on both
 * coordinates and strictly better on one. Equal points are all on the front.
 */
export function nonDominated(points: ReadonlyArray<{ readonly x: number | null; readonly y: number | null }>): boolean[] {
	return points.map((p, i) => {
		if (p.x === null || p.y === null) {
			return false;
		}
		return !points.some((q, j) => j !== i && q.x !== null && q.y !== null && q.x <= p.x! && q.y <= p.y! && (q.x < p.x! || q.y < p.y!));
	});
}

const parameterKey = (p: Readonly<Record<string, number>>): string =>
	Object.entries(p)
		.map(([k, v]) => `${k}=${v}`)
		.join(',');

/** Groups firm points by (approach, variant, parameter) in first-seen order and summarises them. */
export function firmRows(points: readonly FirmPoint[]): Array<Omit<CompareRow, 'front'>> {
	const groups = new Map<string, FirmPoint[]>();
	for (const p of points) {
		const id = `${p.approach}|${p.variant}|${parameterKey(p.parameter)}`;
		const list = groups.get(id);
		if (list === undefined) {
			groups.set(id, [p]);
		} else {
			list.push(p);
		}
	}
	return [...groups.values()].map((list) => {
		const first = list[0]!;
		const bounds = list.map((p) => p.spdBound);
		return {
			approach: first.approach,
			variant: first.variant,
			parameter: first.parameter,
			seeds: list.length,
			...summariseRuns(list.map((p) => p.metrics)),
			...(bounds.some((b) => b !== undefined) ? { spdBound: summarise(bounds, 'certified SPD bound') } : {}),
		};
	});
}

/** The simulator's grid rows as comparison rows (approach 'collective', variant = scoring method). */
export function collectiveRows(rows: readonly SimulationRow[]): Array<Omit<CompareRow, 'front'>> {
	return rows
		.filter((r) => r.method !== 'base')
		.map((r) => ({
			approach: 'collective' as const,
			variant: r.method,
			parameter: { alpha: r.alpha, flips: r.flips, poolSize: r.poolSize },
			seeds: r.seeds,
			error: r.error,
			spd: r.spd,
			eqod: r.eqod,
			eqodMax: r.eqodMax,
		}));
}

/** Marks each approach's fronts (across its variants; the base row is its own approach). */
export function markFronts(rows: ReadonlyArray<Omit<CompareRow, 'front'>>): CompareRow[] {
	const eqodFront = new Array<boolean>(rows.length).fill(false);
	const spdFront = new Array<boolean>(rows.length).fill(false);
	for (const approach of new Set(rows.map((r) => r.approach))) {
		const idx = rows.map((r, i) => (r.approach === approach ? i : -1)).filter((i) => i >= 0);
		const e = nonDominated(idx.map((i) => ({ x: rows[i]!.error.mean, y: rows[i]!.eqod.mean })));
		const s = nonDominated(idx.map((i) => ({ x: rows[i]!.error.mean, y: rows[i]!.spd.mean })));
		idx.forEach((i, k) => {
			eqodFront[i] = e[k]!;
			spdFront[i] = s[k]!;
		});
	}
	return rows.map((r, i) => ({ ...r, front: { eqod: eqodFront[i]!, spd: spdFront[i]! } }));
}

/** Headline figures of one approach's EqOd front. */
export interface ApproachSummary {
	readonly approach: Approach;
	readonly points: number;
	readonly frontPoints: number;
	/** The front point with the lowest mean EqOd. */
	readonly lowestEqod?: CompareRow;
	/** The cheapest (lowest mean error) point whose mean EqOd is at most half the base's. */
	readonly cheapestHalving?: CompareRow;
}

export function summariseApproaches(rows: readonly CompareRow[], baseEqod: number | null): ApproachSummary[] {
	const out: ApproachSummary[] = [];
	for (const approach of new Set(rows.map((r) => r.approach))) {
		const mine = rows.filter((r) => r.approach === approach);
		const front = mine.filter((r) => r.front.eqod);
		const lowestEqod = [...front].sort((a, b) => (a.eqod.mean as number) - (b.eqod.mean as number))[0];
		const halving =
			baseEqod === null ? [] : mine.filter((r) => r.eqod.mean !== null && r.error.mean !== null && r.eqod.mean <= baseEqod / 2);
		const cheapestHalving = halving.sort((a, b) => (a.error.mean as number) - (b.error.mean as number))[0];
		out.push({
			approach,
			points: mine.length,
			frontPoints: front.length,
			...(lowestEqod !== undefined ? { lowestEqod } : {}),
			...(cheapestHalving !== undefined ? { cheapestHalving } : {}),
		});
	}
	return out;
}
