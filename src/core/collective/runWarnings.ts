/**
 * What the numbers of a simulation cannot show, as plain sentences: α values whose collective is
 * empty or has nobody to relabel (its rows are then the base model's, which looks like "no effect"
 * but is "no collective"), methods that ran on only some seeds, and a minority that is the
 * advantaged group (its relabelling can only widen the gap the run measures).
 */
import type { ResolvedRoles } from '../roles/resolve';
import type { Knowledge, Method } from './params';
import type { UnitResult } from './unit';

/** A unit that could not run: which method, knowledge arm and seed, and why. */
export interface UnitFailure {
	readonly method: Method;
	readonly knowledge: Knowledge;
	readonly seed: number;
	readonly reason: string;
}

/**
 * Empty collectives and empty candidate pools, per α. Both depend only on the seed (the
 * collective order and the labels), not on the method, so one unit per seed tells.
 */
export function collectiveWarnings(results: readonly UnitResult[]): string[] {
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
export function partialFailureWarnings(results: readonly UnitResult[], failures: readonly UnitFailure[]): string[] {
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

/**
 * The minority's favourable rate above the majority's, over every row the run uses: relabelling
 * its unfavourable members as favourable widens the gap instead of closing it (docs/methods.md,
 * section 4). The audit's warning says the same of its test rows (src/shared/auditWarnings.ts).
 */
export function advantagedMinorityWarnings(roles: ResolvedRoles): string[] {
	const labelled = [0, 0];
	const favourable = [0, 0];
	for (const r of roles.rows) {
		const g = roles.group[r]!;
		if (g === 0 || g === 1) {
			labelled[g]!++;
			favourable[g]! += roles.favourable[r] === 1 ? 1 : 0;
		}
	}
	const [majorityRows, minorityRows] = labelled as [number, number];
	if (majorityRows === 0 || minorityRows === 0) {
		return [];
	}
	const minority = favourable[1]! / minorityRows;
	const majority = favourable[0]! / majorityRows;
	if (minority <= majority) {
		return [];
	}
	const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
	return [
		`the minority ${roles.sensitive} = ${roles.groupNames[1]} is the advantaged group (favourable ${pct(minority)} against ${pct(majority)} for ${roles.groupNames[0]}): a collective from it can only widen the gap`,
	];
}
