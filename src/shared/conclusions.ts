/**
 * One sentence (or two) per chart saying what to take away, computed from the plotted means and
 * their intervals. Whenever two intervals overlap the sentence says the difference is "not
 * distinguishable at N seeds" (or, for the audit, on its test rows) instead of naming a winner.
 * Pure and dependency-free: the panel and the report print the same words.
 */
import { fmt, fmtCount, methodLabel, METRIC_SHORT, overlaps } from './figureSpec';
import type { AuditResult, FairnessMetric, SeedSummary, SimulationResult } from './webviewProtocol';
import type { SimulationRow } from './model';

type Row = SimulationRow;
type Defined = SeedSummary & { readonly mean: number };

const defined = (s: SeedSummary | undefined): s is Defined => s !== undefined && s.mean !== null;
const band = (s: Defined): string => `[${fmt(s.lo)}, ${fmt(s.hi)}]`;
const seedsOf = (r: SimulationResult): number => r.params.seeds;

/** "RB-prob and RB-label" style list. */
function listOf(names: readonly string[]): string {
	return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** The positive class in the label's own words, e.g. "income-per-year = >50K". */
export function positiveWords(roles: { readonly label: string; readonly favourable: readonly string[] }): string {
	return `${roles.label} = ${(roles.favourable ?? ['the favourable value']).join(' or ')}`;
}

/** A group named with its column, e.g. "sex = Female" (a bare "yes" reads like a label value). */
export const groupWords = (sensitive: string, group: string): string => `${sensitive} = ${group}`;

export interface SizeFinding {
	readonly method: string;
	readonly target: number;
	readonly row?: Row;
	readonly best?: Row;
}

/** Size / minimum: the smallest α reaching the target, the flips it took, and whether the seeds support it. */
export function sizeConclusion(r: SimulationResult, minima: readonly SizeFinding[]): string {
	const n = seedsOf(r);
	const reached = minima.filter((m) => m.row !== undefined && defined(m.row.eqod));
	if (minima.length === 0) {
		return "No target EqOd could be set: the base model's EqOd is undefined on this data.";
	}
	const target = minima[0]!.target;
	if (reached.length === 0) {
		const bests = minima
			.filter((m) => m.best !== undefined && defined(m.best.eqod))
			.sort((a, b) => (a.best!.eqod.mean as number) - (b.best!.eqod.mean as number));
		const b = bests[0];
		return b === undefined
			? `No method reaches the target EqOd ≤ ${fmt(target)} on this α grid.`
			: `No method reaches the target EqOd ≤ ${fmt(target)} on this α grid; the lowest mean EqOd is ${fmt(b.best!.eqod.mean)} (${methodLabel(b.method)}, α = ${b.best!.alpha}): try larger α.`;
	}
	const smallest = Math.min(...reached.map((m) => m.row!.alpha));
	const atSmallest = reached.filter((m) => m.row!.alpha === smallest).sort((a, b) => a.row!.flips - b.row!.flips);
	const first = atSmallest[0]!;
	const row = first.row!;
	const e = row.eqod as Defined;
	const others = atSmallest.slice(1).map((m) => methodLabel(m.method));
	let text = `${methodLabel(first.method)}${others.length > 0 ? ` (and ${listOf(others)})` : ''} reaches the target EqOd ≤ ${fmt(target)} with the smallest collective: α = ${smallest}, ${fmtCount(row.collectiveSize)} members of the ${groupWords(r.roles.sensitive, r.roles.minority)} group, flipping about ${Math.round(row.flips)} labels (mean EqOd ${fmt(e.mean)}, 95% interval ${band(e)}).`;
	if (e.hi > target) {
		text += ` Its interval still reaches above the target, so reaching it is not distinguishable at ${n} seeds.`;
	}
	if (defined(r.base.eqod) && overlaps(e, r.base.eqod)) {
		text += ` It is not distinguishable from the base model (${fmt(r.base.eqod.mean)}, ${band(r.base.eqod)}) at ${n} seeds.`;
	}
	return text;
}

/** Flips: the best method, the flips it needs to reach the target, where over-correction starts. */
export function flipsConclusion(r: SimulationResult, metric: FairnessMetric, target: number | undefined): string {
	const n = seedsOf(r);
	const short = METRIC_SHORT[metric];
	const byMethod = new Map<string, Row[]>();
	for (const x of r.rows) {
		byMethod.set(x.method, [...(byMethod.get(x.method) ?? []), x]);
	}
	const lows = [...byMethod]
		.map(([method, rows]) => {
			const sorted = rows.filter((x) => defined(x[metric])).sort((a, b) => a.flips - b.flips);
			const low = [...sorted].sort((a, b) => (a[metric].mean as number) - (b[metric].mean as number))[0];
			return { method, sorted, low };
		})
		.filter((m): m is { method: string; sorted: Row[]; low: Row } => m.low !== undefined)
		.sort((a, b) => (a.low[metric].mean as number) - (b.low[metric].mean as number));
	const best = lows[0];
	if (best === undefined) {
		return `No method has a defined ${short} on this flip grid.`;
	}
	const b = best.low[metric] as Defined;
	const parts: string[] = [
		`${methodLabel(best.method)} lowers ${short} the most: ${fmt(b.mean)} ${band(b)} at M = ${Math.round(best.low.flips)} flips${defined(r.base[metric]) ? `, from the base model's ${fmt(r.base[metric].mean)}` : ''}.`,
	];
	const second = lows[1];
	if (second !== undefined) {
		const s = second.low[metric] as Defined;
		parts.push(
			overlaps(b, s)
				? `${methodLabel(second.method)} (${fmt(s.mean)} ${band(s)}) is not distinguishable from it at ${n} seeds.`
				: `It is clearly better than ${methodLabel(second.method)} (${fmt(s.mean)} ${band(s)}), the next best, at ${n} seeds.`,
		);
	}
	if (target !== undefined && metric === 'eqod') {
		const hit = best.sorted.find((x) => (x.eqod.mean as number) <= target);
		parts.push(
			hit === undefined
				? `No M on this grid reaches the target EqOd ≤ ${fmt(target)}.`
				: `It reaches the target EqOd ≤ ${fmt(target)} after M = ${Math.round(hit.flips)} flips.`,
		);
	}
	const after = best.sorted.filter((x) => x.flips > best.low.flips);
	const last = after[after.length - 1];
	if (last !== undefined && (last[metric].mean as number) > b.mean) {
		const l = last[metric] as Defined;
		const rises = `Beyond M = ${Math.round(best.low.flips)} ${short} rises again, to ${fmt(l.mean)} at M = ${Math.round(last.flips)}: over-correction, the flips start to favour the ${groupWords(r.roles.sensitive, r.roles.minority)} group`;
		parts.push(overlaps(b, l) ? `${rises}, though the rise is not distinguishable at ${n} seeds.` : `${rises}.`);
	}
	return parts.join(' ');
}

/** Knowledge: the difference between knowing some and all majority rows, paired by grid point. */
export function knowledgeConclusion(r: SimulationResult, metric: FairnessMetric): string {
	const n = seedsOf(r);
	const short = METRIC_SHORT[metric];
	const out: string[] = [];
	const methods = [...new Set(r.rows.map((x) => x.method))];
	for (const method of methods) {
		const rows = r.rows.filter((x) => x.method === method);
		const all = new Map(rows.filter((x) => x.knowledge === 'all').map((x) => [x.gridIndex, x]));
		const restricted = rows.filter((x) => x.knowledge !== 'all');
		// M = 0 flips nothing in both arms; the comparison is on the points that relabel.
		const pairs = restricted
			.map((x) => [x, all.get(x.gridIndex)] as const)
			.filter((p): p is readonly [Row, Row] => p[1] !== undefined && p[0].flips > 0 && defined(p[0][metric]) && defined(p[1][metric]));
		if (pairs.length === 0) {
			continue;
		}
		const diff = pairs.reduce((s, [a, b]) => s + (a[metric].mean as number) - (b[metric].mean as number), 0) / pairs.length;
		const apart = pairs.filter(([a, b]) => !overlaps(a[metric] as Defined, b[metric] as Defined)).length;
		const knows = restricted[0]!.knowledge;
		const gap =
			fmt(Math.abs(diff)) === '0'
				? `the same ${short} on average as`
				: `${fmt(Math.abs(diff))} ${short} ${diff > 0 ? 'higher (worse)' : 'lower (better)'} on average than`;
		out.push(
			`${methodLabel(method)} knowing ${knows} majority rows ends ${gap} knowing all of them (over ${pairs.length} values of M); ${apart === 0 ? `not distinguishable at ${n} seeds at any M` : `the intervals separate at ${apart} of ${pairs.length} values of M`}.`,
		);
	}
	return out.length > 0 ? out.join(' ') : 'The run has no pair of knowledge arms to compare (it needs a restricted and an "all" arm).';
}

export interface PlanePoint {
	readonly x: number;
	readonly y: number;
	readonly lo?: number;
	readonly hi?: number;
	readonly series: string;
}

/** Pareto: where the collective dominates the firm side, and what the firm reaches that it cannot. */
export function paretoConclusion(
	collective: readonly PlanePoint[],
	firm: readonly PlanePoint[],
	metric: FairnessMetric,
	seeds: number,
): string {
	const short = METRIC_SHORT[metric];
	const lowest = (ps: readonly PlanePoint[]): PlanePoint | undefined => [...ps].sort((a, b) => a.y - b.y || a.x - b.x)[0];
	const c = lowest(collective);
	if (c === undefined) {
		return firm.length === 0
			? 'Nothing to compare yet.'
			: `Only the firm side is drawn: its lowest ${short} is ${fmt(lowest(firm)!.y)} (${lowest(firm)!.series}). Run a simulation to place the collective.`;
	}
	if (firm.length === 0) {
		return `The collective's lowest ${short} is ${fmt(c.y)} at error ${fmt(c.x)}. Run "Compare with Firm-side Methods" to see where it stands against what the firm could do itself.`;
	}
	const dominated = firm.filter((f) => collective.some((p) => p.x <= f.x && p.y <= f.y && (p.x < f.x || p.y < f.y)));
	const free = collective.filter((p) => !firm.some((f) => f.x <= p.x && f.y <= p.y && (f.x < p.x || f.y < p.y)));
	const f = lowest(firm)!;
	const freeWords =
		free.length === 0
			? `every collective point is dominated by some firm-side point`
			: `${free.length} of ${collective.length} collective points are dominated by no firm-side point`;
	const parts = [
		`${dominated.length} of ${firm.length} firm-side points are dominated by a collective point (lower error and lower ${short}); ${freeWords}.`,
	];
	if (f.y < c.y) {
		const same = overlaps(f, c) ? `, a difference not distinguishable at ${seeds} seeds` : '';
		parts.push(
			`The collective cannot go below ${short} ${fmt(c.y)}; the firm side reaches ${fmt(f.y)} (${f.series}, error ${fmt(f.x)})${same}.`,
		);
	} else {
		parts.push(
			`The collective reaches the lowest ${short}, ${fmt(c.y)} at error ${fmt(c.x)}; the firm side's lowest is ${fmt(f.y)} (${f.series})${overlaps(f, c) ? `, not distinguishable at ${seeds} seeds` : ''}.`,
		);
	}
	return parts.join(' ');
}

type Rate = 'selectionRate' | 'truePositiveRate' | 'falsePositiveRate';

/** Per group: who is disadvantaged on what, with the positive class named by the label's values. */
export function groupsConclusion(a: AuditResult): string {
	const minority = a.predictions.groups.find((g) => g.name === a.roles.minority);
	const majority = a.predictions.groups.find((g) => g.name === a.roles.majority);
	if (minority === undefined || majority === undefined) {
		return 'The audit has no minority–majority pair to compare.';
	}
	const pos = `“${positiveWords(a.roles)}”`;
	const min = groupWords(a.roles.sensitive, minority.name);
	const maj = majority.name;
	const sentence = (rate: Rate, what: string, good: 'higher' | 'lower'): string | undefined => {
		const x = minority[rate];
		const y = majority[rate];
		if (x === undefined || y === undefined || x.value === null || y.value === null) {
			return undefined;
		}
		const same = overlaps(x.interval ?? {}, y.interval ?? {});
		const less = x.value < y.value;
		const worse = (good === 'higher') === less;
		const verdict = same
			? `not distinguishable on ${a.split?.test ?? 'these'} test rows`
			: worse
				? `${min} is disadvantaged`
				: `${min} is favoured`;
		return `${what}: ${fmt(x.value)} for ${min} against ${fmt(y.value)} for ${maj} (${verdict}).`;
	};
	const parts = [
		`Positive = ${pos}.`,
		sentence('selectionRate', `Predicted ${pos} (selection rate)`, 'higher'),
		sentence('truePositiveRate', `Predicted ${pos} among rows that are ${pos} in the data (TPR)`, 'higher'),
		// Positive is the favourable value, so a higher FPR is more undeserved favourable outcomes: an advantage.
		sentence('falsePositiveRate', `Predicted ${pos} although not ${pos} in the data (FPR)`, 'higher'),
	].filter((s): s is string => s !== undefined);
	return parts.join(' ');
}

/** S(α): the largest true success and whether it beats the base model's. */
export function successConclusion(r: SimulationResult): string {
	const rows = r.rows.filter((x) => defined(x.success)).sort((a, b) => (b.success!.mean as number) - (a.success!.mean as number));
	const top = rows[0];
	if (top === undefined) {
		return 'S(α) is undefined on every row.';
	}
	const s = top.success as Defined;
	const base = r.base.success;
	const vs = defined(base)
		? overlaps(s, base)
			? `, not distinguishable from the base model's ${fmt(base.mean)} at ${seedsOf(r)} seeds`
			: `, against the base model's ${fmt(base.mean)}`
		: '';
	return `The collective succeeds most often with ${methodLabel(top.method)} at α = ${top.alpha}: S = ${fmt(s.mean)} ${band(s)}${vs}.`;
}
