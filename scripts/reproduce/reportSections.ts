/**
 * The per-dataset, blind-firm and synthetic sections of docs/reproduction.md (report.ts writes the
 * rest). Every number is computed from the runs' JSON.
 */
import type { FigureSeries, FigureSpec } from '../../src/shared/figureSpec';
import {
	base,
	bestCollective,
	bestNearBaseError,
	describeParameter,
	efficiencyOf,
	envelope,
	ERROR_SLACK,
	firmSide,
	hi,
	lo,
	m,
	NEAR_ZERO,
	wholeRows,
	type Comparison,
	type Row,
	type Simulation,
	type Summary,
} from './analysis';
import {
	bestPoints,
	firmName,
	firmSideClaim,
	gapText,
	knowledgeClaim,
	methodName,
	rbVsRandomClaim,
	saturationClaim,
	thirdOfPool,
	type Claim,
} from './claims';
import type { DatasetConfig } from './config';

export interface DatasetRun {
	readonly config: DatasetConfig;
	readonly size: Simulation;
	readonly flips: Simulation;
	readonly knowledge?: Simulation;
	readonly compare?: Comparison;
	/** The flips experiment with the blind firm (`--exclude-sensitive`). */
	readonly blind?: Simulation;
	readonly seconds: Partial<Record<'size' | 'flips' | 'knowledge' | 'compare' | 'blind', number>>;
	readonly commands: Partial<Record<'size' | 'flips' | 'knowledge' | 'compare' | 'blind', string>>;
}

export interface Derived {
	readonly run: DatasetRun;
	readonly base: ReturnType<typeof base>;
	readonly best: ReturnType<typeof bestCollective>;
	readonly near: ReturnType<typeof bestNearBaseError>;
	readonly saturation: ReturnType<typeof saturationClaim>;
	readonly rbVsRandom: ReturnType<typeof rbVsRandomClaim>;
	readonly third: ReturnType<typeof thirdOfPool>;
	readonly knowledge: Claim;
	readonly firmSide: Claim;
	readonly blind?: { readonly rbVsRandom: ReturnType<typeof rbVsRandomClaim>; readonly third: ReturnType<typeof thirdOfPool> };
}

export { firmName };

export function derive(run: DatasetRun): Derived {
	return {
		run,
		base: base(run.size),
		best: bestCollective(run.size, run.flips),
		near: bestNearBaseError(run.size, run.flips),
		saturation: saturationClaim(run.size),
		rbVsRandom: rbVsRandomClaim(run.flips),
		third: thirdOfPool(run.flips),
		knowledge: knowledgeClaim(run.knowledge),
		firmSide: firmSideClaim(run.size, run.flips, run.compare),
		...(run.blind !== undefined ? { blind: { rbVsRandom: rbVsRandomClaim(run.blind), third: thirdOfPool(run.blind) } } : {}),
	};
}

export type Printer = (...lines: string[]) => void;
export type ImagePrinter = (id: string, figure: string, alt: string) => void;

export const f3 = (x: number | undefined | null): string => (x === undefined || x === null || !Number.isFinite(x) ? '—' : x.toFixed(3));
export const pct = (x: number): string => `${Math.round(x * 100)} %`;
export const interval = (s: Summary | undefined): string => (lo(s) === undefined ? '' : ` [${f3(lo(s))}, ${f3(hi(s))}]`);

/** "(error, EqOd): −x %, Method α = a, M = m" for a collective point. */
export function pointCell(d: Derived, pt: Derived['best'] | undefined): string {
	if (pt === undefined || pt.row === undefined) {
		return 'none';
	}
	return `(${f3(pt.error)}, ${f3(pt.eqod)}): −${pct(1 - pt.eqod / d.base.eqod)}, ${methodName(pt.row.method)} α = ${pt.row.alpha}, M = ${wholeRows(pt.row.flips)}`;
}

export function minorityTrainingRows(s: Simulation): number | undefined {
	const r = s.rows.find((x) => x.alpha === 0.5);
	return r === undefined ? undefined : Math.round(r.collectiveSize / 0.5);
}

function bestPointsTable(flips: Simulation, p: Printer): void {
	p(
		'| method | flips to EqOd ≤ target: median [2.5 %, 97.5 %] (seeds reaching) | best M | EqOd at best M | error there | signed gaps there |',
		'|---|---|---|---|---|---|',
	);
	for (const { entry, row } of bestPoints(flips)) {
		const f = entry.flipsToTarget;
		const reach =
			f.median === null
				? `not reached by half the seeds (${f.reached} of ${f.seeds})`
				: `≈ ${wholeRows(f.median)} [${f.lo === null ? '—' : wholeRows(f.lo)}, ${f.hi === null ? 'not reached' : wholeRows(f.hi)}] (${f.reached} of ${f.seeds})`;
		p(
			`| ${methodName(entry.method)} | ${reach} | ${entry.best === null ? '—' : `${wholeRows(entry.best.flips)} of ${row === undefined ? '—' : wholeRows(row.poolSize)}`} | ${f3(entry.best?.eqod)}${interval(row?.eqod)} | ${f3(entry.best?.error)} | ${gapText(row)} |`,
		);
	}
	p('');
}

export function datasetSection(d: Derived, p: Printer, img: ImagePrinter): void {
	const c = d.run.config;
	const size = d.run.size;
	p(`### ${c.title}`, '');
	p(`Roles: ${c.rolesText}. ${c.seeds} seeds; the firm sees the sensitive attribute (${size.firm}).`, '');
	p(`| | value |`, '|---|---|');
	const minority = minorityTrainingRows(size);
	p(`| minority training rows | ${minority === undefined ? '—' : wholeRows(minority)} |`);
	p(`| base error | ${f3(m(size.base.error))}${interval(size.base.error)} |`);
	p(`| base EqOd | ${f3(m(size.base.eqod))}${interval(size.base.eqod)}; ${gapText(size.base)} |`);
	p(`| lowest EqOd with error ≤ base + ${ERROR_SLACK} | ${pointCell(d, d.near)} |`);
	p(`| lowest EqOd at any error | ${pointCell(d, d.best)}${interval(d.best.row?.eqod)} |`);
	p(
		`| best EqOd at α = 0.05 / 0.3 / 0.5 | ${[0.05, 0.3, 0.5].map((a) => f3(envelope(size).find((e) => e.alpha === a)?.eqod)).join(' / ')} |`,
	);
	p(`| (1) saturation | ${d.saturation.statistic} → **${d.saturation.verdict}** |`);
	p(`| (2) RB vs Random, α = 0.3 | ${d.rbVsRandom.statistic} → **${d.rbVsRandom.verdict}** |`);
	p(`| EqOd at about a third of the pool | ${d.third.text} |`);
	p(`| (3) 10 vs all known majority rows | ${d.knowledge.statistic} → **${d.knowledge.verdict}** |`);
	p(`| (4) collective vs firm side, error ≤ base + ${ERROR_SLACK} | ${d.firmSide.statistic} → **${d.firmSide.verdict}** |`);
	if (d.run.compare !== undefined) {
		for (const f of firmSide(d.run.compare, d.base.eqod, d.base.error)) {
			const z = f.nearZero;
			p(
				`| ${firmName(f.approach)}: ${z !== undefined ? `cheapest EqOd ≤ ${NEAR_ZERO}` : 'lowest EqOd'} | ${f3(m((z ?? f.lowest).eqod))} at error ${f3(m((z ?? f.lowest).error))} (${describeParameter(z ?? f.lowest)}) |`,
			);
		}
	}
	p('');
	p(
		`The flips run (α = 0.3, ${d.run.flips.rows.filter((r) => r.method === 'random').length} values of M after refinement), per method:`,
		'',
	);
	bestPointsTable(d.run.flips, p);
	const warnings = [...size.warnings, ...d.run.flips.warnings, ...(d.run.knowledge?.warnings ?? []), ...(d.run.compare?.warnings ?? [])];
	if (warnings.length > 0) {
		p(`Warnings from the runs: ${[...new Set(warnings)].map((w) => `"${w}"`).join('; ')}.`, '');
	}
	img(c.id, 'size', `${c.title}: best EqOd against α`);
	img(c.id, 'flips', `${c.title}: EqOd against the number of flips at α = 0.3`);
	img(c.id, 'knowledge', `${c.title}: 10 known majority rows against all`);
	img(c.id, 'pareto', `${c.title}: the collective against the firm-side fronts`);
	p('<details><summary>Commands</summary>', '', '```sh', ...Object.values(d.run.commands), '```', '', '</details>', '');
}

/** The blind firm (`--exclude-sensitive`) beside the aware one, on the flips experiment. */
export function blindSection(all: readonly Derived[], p: Printer): void {
	const runs = all.filter((d) => d.run.blind !== undefined && d.blind !== undefined);
	if (runs.length === 0) {
		return;
	}
	const leftOut = all
		.filter((d) => d.run.config.blind !== true && d.run.config.exploration !== true && d.run.config.id !== 'synthetic')
		.map((d) => d.run.config.title);
	p('## Sensitivity: the blind firm', '');
	p(
		`The same flips experiment (α = 0.3, the same seeds, grid and refinement) with \`--exclude-sensitive\`: the firm's model never sees the sensitive attribute, so only proxies carry it. The target is half the blind firm's own base EqOd. Run on ${runs.map((d) => d.run.config.title).join(', ')}${leftOut.length > 0 ? `; ${leftOut.join(', ')} left out to stay within the budget` : ''}.`,
		'',
	);
	p(
		'| dataset | firm | base (error, EqOd) | base gaps | best point (method, M, EqOd, error) | gaps at that point | EqOd at about a third of the pool | (2) RB vs Random: verdict |',
		'|---|---|---|---|---|---|---|---|',
	);
	for (const d of runs) {
		for (const [firm, s, claim, third] of [
			['aware', d.run.flips, d.rbVsRandom, d.third],
			['blind', d.run.blind!, d.blind!.rbVsRandom, d.blind!.third],
		] as const) {
			const best = bestPoints(s)
				.filter((x) => x.row !== undefined)
				.sort((a, b) => m(a.row!.eqod) - m(b.row!.eqod))[0];
			const bestText =
				best === undefined
					? '—'
					: `${methodName(best.entry.method)}, M = ${wholeRows(best.row!.flips)}, ${f3(m(best.row!.eqod))}, ${f3(m(best.row!.error))}`;
			p(
				`| ${d.run.config.title} | ${firm} | (${f3(m(s.base.error))}, ${f3(m(s.base.eqod))}) | ${gapText(s.base)} | ${bestText} | ${gapText(best?.row)} | ${third.text} | ${claim.verdict} |`,
			);
		}
	}
	p('');
	p('Paired flips-to-target against Random, blind firm:', '');
	for (const d of runs) {
		p(`- **${d.run.config.title}**: ${d.blind!.rbVsRandom.statistic} → **${d.blind!.rbVsRandom.verdict}**.`);
	}
	p('');
	const bestAt = (s: Simulation): number => Math.min(...efficiencyOf(s).map((e) => e.best?.eqod ?? Infinity));
	const higher = runs.filter((d) => bestAt(d.run.blind!) > bestAt(d.run.flips));
	const lowerBase = runs.filter((d) => m(d.run.blind!.base.eqod) < d.base.eqod);
	const blindHolds = runs.filter((d) => d.blind!.rbVsRandom.verdict === 'holds');
	p(
		`The blind firm starts with a lower base EqOd on ${lowerBase.length} of ${runs.length} datasets, and its best EqOd at α = 0.3 (over methods and M) is higher than the aware firm's on ${higher.length} of ${runs.length}${higher.length > 0 ? ` (${higher.map((d) => `${d.run.config.title}: ${f3(bestAt(d.run.blind!))} against ${f3(bestAt(d.run.flips))}`).join('; ')})` : ''}. RB beats Random by paired flips-to-target for the blind firm on ${blindHolds.length} of ${runs.length}${blindHolds.length > 0 ? ` (${blindHolds.map((d) => d.run.config.title).join(', ')})` : ''}. The RB scores estimate the label a member would get as a majority member with the same features — the direct effect of the group attribute, which only the aware firm uses as an input; the blind firm's unfairness travels through proxies, which the flips reach only indirectly.`,
		'',
	);
}

/** S(α), the counterfactual gap, EqOd and SPD of one method against α (rows at the best-EqOd M per α). */
export function syntheticSpec(size: Simulation): FigureSpec {
	const chosen = bestCollective(size).row!.method;
	const rows = size.rows.filter((r) => r.method === chosen).sort((a, b) => a.alpha - b.alpha);
	const line = (label: string, colour: number, shape: FigureSeries['shape'], pick: (r: Row) => Summary | undefined): FigureSeries => ({
		label,
		kind: 'line',
		colour,
		shape,
		points: rows.flatMap((r) => {
			const s = pick(r);
			return s === undefined || s.mean === null ? [] : [{ x: r.alpha, y: s.mean, lo: s.lo, hi: s.hi }];
		}),
	});
	const alphas = rows.map((r) => r.alpha);
	const ref = (label: string, colour: number, y: number | null | undefined): FigureSeries[] =>
		y === null || y === undefined
			? []
			: [
					{
						label,
						kind: 'reference',
						colour,
						shape: 'star',
						dashed: true,
						points: [
							{ x: Math.min(...alphas), y },
							{ x: Math.max(...alphas), y },
						],
					},
				];
	const series: FigureSeries[] = [
		line('true success S(α)', 0, 'circle', (r) => r.success),
		line('counterfactual-fairness gap', 1, 'rect', (r) => r.counterfactualGap),
		line('EqOd', 2, 'triangle', (r) => r.eqod),
		line('SPD', 3, 'rectRot', (r) => r.spd),
		...ref('base S', 0, size.base.success?.mean),
		...ref('base counterfactual gap', 1, size.base.counterfactualGap?.mean),
	];
	return {
		id: 'success',
		title: `Synthetic: true success and counterfactual gap beside the group metrics (${methodName(chosen)}, best-EqOd M per α)`,
		xLabel: 'α (fraction of the minority in the collective)',
		yLabel: "value on the minority's test rows / between groups",
		series,
		markers: [],
		statements: [],
		table: { columns: [], rows: [] },
		summary: 'Line chart of S, the counterfactual gap, EqOd and SPD against α.',
	};
}

export function syntheticSection(d: Derived, p: Printer, img: ImagePrinter): void {
	const size = d.run.size;
	const chosen = bestCollective(size).row!.method;
	const rows = size.rows.filter((r) => r.method === chosen).sort((a, b) => a.alpha - b.alpha);
	p('## The synthetic dataset: true collective success', '');
	p(
		`\`samples/synthetic.csv\` carries each row's counterfactual under group ← majority (\`cf_*\`), so we can measure two things the paper could only approximate with group metrics ([methods.md](methods.md)). The first is the **true collective success** S(α) = P[h(g(x)) = h(x)] on the minority's test rows, where g(x) sets the group attribute to the majority and swaps the \`cf_*\` features (the aware firm sees both). The second is the **counterfactual-fairness gap** |P(h(x) = 1) − P(h(g(x)) = 1)|. ${d.run.config.seeds} seeds; roles: ${d.run.config.rolesText}.`,
		'',
	);
	p(
		`Base model: S = ${f3(size.base.success?.mean)}${interval(size.base.success)}, counterfactual gap ${f3(size.base.counterfactualGap?.mean)}${interval(size.base.counterfactualGap)}, EqOd ${f3(m(size.base.eqod))}, SPD ${f3(m(size.base.spd))}, error ${f3(m(size.base.error))}. The rows below are ${methodName(chosen)}, the method with the lowest EqOd on the size grid, at the M with the lowest EqOd for each α:`,
		'',
	);
	p('| α | M | S(α) | counterfactual gap | EqOd | SPD | error |', '|---|---|---|---|---|---|---|');
	for (const r of rows) {
		p(
			`| ${r.alpha} | ${wholeRows(r.flips)} | ${f3(r.success?.mean)}${interval(r.success)} | ${f3(r.counterfactualGap?.mean)}${interval(r.counterfactualGap)} | ${f3(m(r.eqod))} | ${f3(m(r.spd))} | ${f3(m(r.error))} |`,
		);
	}
	p('');
	const first = rows[0];
	const last = rows[rows.length - 1];
	const bS = size.base.success?.mean ?? null;
	const bGap = size.base.counterfactualGap?.mean ?? null;
	if (first !== undefined && last !== undefined && bS !== null && bGap !== null) {
		const bestS = rows.reduce((a, b) => ((b.success?.mean ?? -1) > (a.success?.mean ?? -1) ? b : a));
		const bestGap = rows.reduce((a, b) => ((b.counterfactualGap?.mean ?? 9) < (a.counterfactualGap?.mean ?? 9) ? b : a));
		const eqodDrop = 1 - m(last.eqod) / m(size.base.eqod);
		const gapDrop = 1 - (last.counterfactualGap?.mean ?? bGap) / bGap;
		p(
			`S goes from ${f3(bS)} with no collective to ${f3(first.success?.mean)} at α = ${first.alpha} and ${f3(last.success?.mean)} at α = ${last.alpha}; its highest value is ${f3(bestS.success?.mean)}, at α = ${bestS.alpha}. The counterfactual gap goes from ${f3(bGap)} to ${f3(bestGap.counterfactualGap?.mean)}, its lowest, at α = ${bestGap.alpha}; there EqOd is ${f3(m(bestGap.eqod))} and SPD ${f3(m(bestGap.spd))}. From the base to α = ${last.alpha}, EqOd falls by ${pct(eqodDrop)} and the counterfactual gap by ${pct(gapDrop)}: here EqOd ${eqodDrop > gapDrop ? 'overstates' : 'does not overstate'} how far the collective moves the firm towards counterfactual fairness, the quantity the paper targets.`,
			'',
		);
	}
	img('synthetic', 'counterfactual', 'Synthetic: S(α), counterfactual gap, EqOd and SPD against α');
	img('synthetic', 'success', 'Synthetic: S(α) for every method');
	img('synthetic', 'size', 'Synthetic: best EqOd against α');
	img('synthetic', 'flips', 'Synthetic: EqOd against M at α = 0.3');
	img('synthetic', 'knowledge', 'Synthetic: 10 known majority rows against all');
	img('synthetic', 'pareto', 'Synthetic: the collective against the firm-side fronts');
	p('<details><summary>Commands</summary>', '', '```sh', ...Object.values(d.run.commands), '```', '', '</details>', '');
}
