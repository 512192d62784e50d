/**
 * From results to figure specs (figureSpec.ts): the paper's figures (Ben-Dov et al. 2025) drawn
 * from the user's own runs. Pure and dependency-free; the webview and the report exporter call the
 * same builders so a chart, its data table and the report agree number for number.
 */
import { flipsConclusion, knowledgeConclusion, sizeConclusion, successConclusion } from './conclusions';
import {
	definedPoints,
	emptyFigure,
	fmt,
	fmtCount,
	methodColour,
	methodLabel,
	methodShape,
	METRIC_LABELS,
	METRIC_SHORT,
	fmtInterval,
	summaryCells,
	summaryPoint,
	uniqueStyles,
	type FigureId,
	type FigureMarker,
	type FigureSeries,
	type FigureSpec,
} from './figureSpec';
import { groupsFigure } from './groupsFigure';
import { efficiencyMarkers, efficiencySentence } from './efficiencyFigure';
import { paretoFigure } from './paretoFigure';
import type { FairnessMetric, PanelResults, SimulationResult } from './webviewProtocol';
import type { SeedSummary, SimulationRow } from './model';

export { groupsFigure, paretoFigure };

type Row = SimulationRow;

function byMethod(rows: readonly Row[]): Map<string, Row[]> {
	const out = new Map<string, Row[]>();
	for (const r of rows) {
		const key = r.method;
		out.set(key, [...(out.get(key) ?? []), r]);
	}
	return out;
}

/** One method's line, in the method's own colour and shape (the same on every chart). */
function methodLine(method: string, points: FigureSeries['points']): FigureSeries {
	return { label: methodLabel(method), kind: 'line', colour: methodColour(method), shape: methodShape(method), points };
}

/** Methods that failed on some seeds, in words: a missing line must not look like "no effect". */
function failureStatements(r: SimulationResult): string[] {
	const byArm = new Map<string, { method: string; knowledge: Row['knowledge']; seeds: number; reason: string }>();
	for (const f of r.failures) {
		const key = `${f.method}|${f.knowledge}`;
		const seen = byArm.get(key);
		byArm.set(key, { method: f.method, knowledge: f.knowledge, seeds: (seen?.seeds ?? 0) + 1, reason: seen?.reason ?? f.reason });
	}
	return [...byArm.values()].map(
		(f) => `${methodLabel(f.method)} (knowing ${knowsLabel(f.knowledge)}) failed on ${f.seeds} of ${r.params.seeds} seeds: ${f.reason}`,
	);
}

const knowsLabel = (k: Row['knowledge']): string => (k === 'all' ? 'all majority rows' : `${k} majority rows`);

/** The target EqOd a `minimum` run used, or the default it would use (half the base EqOd). */
export function targetEqod(r: SimulationResult): number | undefined {
	return r.minimum?.[0]?.target ?? r.params.targetEqod ?? (r.base.eqod.mean !== null ? r.base.eqod.mean / 2 : undefined);
}

/**
 * Per method, the smallest α whose best mean EqOd reaches the target. Same rule as the core's
 * `minimum` experiment (first α in grid order); taken from its answer when the run has one.
 */
export function smallestCollectives(r: SimulationResult): Array<{ method: string; target: number; row?: Row; best?: Row }> {
	const target = targetEqod(r);
	if (target === undefined) {
		return [];
	}
	if (r.minimum !== undefined) {
		return r.minimum.map((m) => ({
			method: m.method,
			target: m.target,
			...(m.reached && m.row !== undefined ? { row: m.row } : {}),
			...(m.best !== undefined ? { best: m.best } : {}),
		}));
	}
	return [...byMethod(r.rows)].map(([method, rows]) => {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		const hit = sorted.find((x) => x.eqod.mean !== null && x.eqod.mean <= target);
		const best = sorted.filter((x) => x.eqod.mean !== null).sort((a, b) => (a.eqod.mean as number) - (b.eqod.mean as number))[0];
		return { method, target, ...(hit !== undefined ? { row: hit } : {}), ...(best !== undefined ? { best } : {}) };
	});
}

/** The finding in words, without the method's name (so equal findings can share a sentence). */
function minimumStatement(m: ReturnType<typeof smallestCollectives>[number], minority: string): string {
	if (m.row !== undefined) {
		return `the smallest collective reaching EqOd ≤ ${fmt(m.target)} is α = ${m.row.alpha} (${fmtCount(m.row.collectiveSize)} members of the ${minority} group, relabelling M = ${fmtCount(m.row.flips)}), with mean EqOd ${fmt(m.row.eqod.mean)}.`;
	}
	const best = m.best !== undefined ? ` Its lowest mean EqOd is ${fmt(m.best.eqod.mean)} at α = ${m.best.alpha}.` : '';
	return `no collective on this α grid reaches EqOd ≤ ${fmt(m.target)}.${best}`;
}

/**
 * The base model's line across the x range. Its label says it is a mean over the run's seeds,
 * which is why it differs from the audit's figure (one split, seed 0).
 */
function baseLine(r: SimulationResult, metric: FairnessMetric | 'success', xs: readonly number[]): FigureSeries[] {
	const value = r.base[metric]?.mean;
	if (value === null || value === undefined || xs.length === 0) {
		return [];
	}
	return [
		{
			label: `base model, mean of ${r.base.seeds} seeds`,
			kind: 'reference',
			colour: -1,
			shape: 'star',
			dashed: true,
			points: [
				{ x: Math.min(...xs), y: value },
				{ x: Math.max(...xs), y: value },
			],
		},
	];
}

const SIZE_TITLE = 'Collective size: best fairness against α';

/** Best EqOd (or SPD) against α, one line per method, the base model's line, the smallest collective marked. */
export function sizeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (r === undefined || (r.experiment !== 'size' && r.experiment !== 'minimum')) {
		return emptyFigure(
			'size',
			SIZE_TITLE,
			'α (fraction of the minority in the collective)',
			yLabel,
			'Run the "size" experiment to see how large a collective must be.',
			'size',
		);
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const [method, rows] of byMethod(r.rows)) {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		series.push(methodLine(method, definedPoints(sorted.map((x) => summaryPoint(x.alpha, x[metric])))));
		for (const x of sorted) {
			rowsOut.push([methodLabel(method), String(x.alpha), fmtCount(x.collectiveSize), fmtCount(x.flips), ...summaryCells(x[metric])]);
		}
	}
	series.push(
		...baseLine(
			r,
			metric,
			r.rows.map((x) => x.alpha),
		),
	);
	rowsOut.push(['Base model', '—', '0', '0', ...summaryCells(r.base[metric])]);
	const minima = smallestCollectives(r);
	// Methods often reach the target at the same point (at M = the whole pool they flip the same
	// rows): one marker and one sentence per point, naming every method there.
	const markers: FigureMarker[] = [];
	for (const m of minima) {
		const y = m.row?.[metric].mean;
		if (m.row === undefined || y === null || y === undefined) {
			continue;
		}
		const same = markers.findIndex((k) => k.x === m.row!.alpha && k.y === y);
		if (same >= 0) {
			const k = markers[same]!;
			markers[same] = { ...k, label: k.label.replace(/\): α = /, `, ${methodLabel(m.method)}): α = `) };
		} else {
			markers.push({
				x: m.row.alpha,
				y,
				label: `smallest collective (${methodLabel(m.method)}): α = ${m.row.alpha}`,
				colour: methodColour(m.method),
			});
		}
	}
	const statements = new Map<string, string[]>();
	for (const m of minima) {
		const text = minimumStatement(m, r.roles.minority);
		statements.set(text, [...(statements.get(text) ?? []), methodLabel(m.method)]);
	}
	const target = minima[0]?.target;
	return {
		id: 'size',
		title: SIZE_TITLE,
		xLabel: 'α (fraction of the minority in the collective)',
		yLabel,
		series,
		markers,
		...(target !== undefined && metric === 'eqod' ? { target: { y: target, label: `target EqOd ${fmt(target)}` } } : {}),
		statements: [...[...statements].map(([text, methods]) => `${methods.join(', ')}: ${text}`), ...failureStatements(r)],
		conclusion: sizeConclusion(r, minima),
		table: {
			columns: ['method', 'α', 'collective size', 'M (best)', `${METRIC_SHORT[metric]} mean`, '95% interval over seeds', 'seeds'],
			rows: rowsOut,
		},
		summary: `Line chart of the best ${METRIC_SHORT[metric]} over the flip grid against collective size α for ${series.length} series; ${markers.length} smallest collectives marked.`,
	};
}

const SUCCESS_TITLE = 'True collective success S(α) (synthetic data)';

/** S(α) = P[h(g(x)) = h(x)] on the minority's test rows; defined only where counterfactuals exist. */
export function successFigure(r: SimulationResult | undefined): FigureSpec {
	const xLabel = 'α (fraction of the minority in the collective)';
	if (r === undefined || (r.experiment !== 'size' && r.experiment !== 'minimum')) {
		return {
			...emptyFigure(
				'success',
				SUCCESS_TITLE,
				xLabel,
				'S(α)',
				'S(α) needs counterfactual rows, which only synthetic datasets (with a known generator) have.',
			),
			notApplicable: true,
		};
	}
	if (!r.rows.some((x) => x.success !== undefined && x.success.mean !== null)) {
		return {
			...emptyFigure(
				'success',
				SUCCESS_TITLE,
				xLabel,
				'S(α)',
				'S(α) needs counterfactual rows, which only synthetic datasets (with a known generator) have.',
			),
			notApplicable: true,
		};
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const [method, rows] of byMethod(r.rows)) {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		series.push(methodLine(method, definedPoints(sorted.map((x) => summaryPoint(x.alpha, x.success)))));
		for (const x of sorted) {
			rowsOut.push([methodLabel(method), String(x.alpha), ...summaryCells(x.success)]);
		}
	}
	series.push(
		...baseLine(
			r,
			'success',
			r.rows.map((x) => x.alpha),
		),
	);
	rowsOut.push(['Base model', '—', ...summaryCells(r.base.success)]);
	return {
		id: 'success',
		title: SUCCESS_TITLE,
		xLabel,
		yLabel: 'S(α) = P[h(g(x)) = h(x)]',
		series,
		markers: [],
		statements: [],
		conclusion: successConclusion(r),
		table: { columns: ['method', 'α', 'S mean', '95% interval over seeds', 'seeds'], rows: rowsOut },
		summary: `Line chart of the true collective success S against α for ${series.length} series.`,
	};
}

const FLIPS_TITLE = 'Relabelling efficiency: fairness against the number of flips M';

/** Signed gaps with their seed intervals, and whether a gap is left that the seeds can measure. */
function signedGapCells(x: Row): string[] {
	const cell = (s: SeedSummary | undefined): string =>
		s === undefined || s.mean === null ? '—' : `${fmt(s.mean)} ${fmtInterval(s.lo, s.hi)}`;
	const verdict = (x as Partial<Row>).gapVerdict;
	return [
		cell((x as Partial<Row>).tprGap),
		cell((x as Partial<Row>).fprGap),
		verdict === 'none-measurable' ? 'none measurable at these seeds' : verdict === 'gap' ? 'yes' : '—',
	];
}

/** EqOd (or SPD) against M at one α, error bars over seeds. */
export function flipsFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (r === undefined || r.experiment !== 'flips') {
		return emptyFigure(
			'flips',
			FLIPS_TITLE,
			'M (labels flipped)',
			yLabel,
			'Run the "flips" experiment to see how many relabelled rows each method needs.',
			'flips',
		);
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const [method, rows] of byMethod(r.rows)) {
		const sorted = [...rows].sort((a, b) => a.gridIndex - b.gridIndex);
		series.push(methodLine(method, definedPoints(sorted.map((x) => summaryPoint(x.flips, x[metric])))));
		for (const x of sorted) {
			rowsOut.push([methodLabel(method), fmtCount(x.flips), ...summaryCells(x[metric]), ...signedGapCells(x), fmt(x.error.mean)]);
		}
	}
	series.push(
		...baseLine(
			r,
			metric,
			r.rows.map((x) => x.flips),
		),
	);
	const target = (r as Partial<SimulationResult>).target ?? targetEqod(r);
	const efficiency = metric === 'eqod' ? efficiencySentence(r) : undefined;
	return {
		id: 'flips',
		title: `${FLIPS_TITLE} (α = ${r.params.alpha})`,
		xLabel: 'M (labels flipped)',
		yLabel,
		series,
		markers: metric === 'eqod' ? efficiencyMarkers(r) : [],
		statements: failureStatements(r),
		...(target !== undefined && metric === 'eqod' ? { target: { y: target, label: `target EqOd ${fmt(target)}` } } : {}),
		conclusion: [flipsConclusion(r, metric, target), ...(efficiency !== undefined ? [efficiency] : [])].join(' '),
		table: {
			columns: [
				'method',
				'M',
				`${METRIC_SHORT[metric]} mean`,
				'95% interval over seeds',
				'seeds',
				'ΔTPR (minority − majority)',
				'ΔFPR',
				'gap left?',
				'error mean',
			],
			rows: rowsOut,
		},
		summary: `Line chart with error bars of ${METRIC_SHORT[metric]} against the number of flips M at α = ${r.params.alpha} for ${series.length} methods.`,
	};
}

const KNOWLEDGE_TITLE = 'Varying knowledge: the error–fairness plane';

/** (error, EqOd) per M, one curve per method and knowledge arm: colour = method, dash and shape = knowledge. */
export function knowledgeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (r === undefined || r.experiment !== 'knowledge') {
		return emptyFigure(
			'knowledge',
			KNOWLEDGE_TITLE,
			'error',
			yLabel,
			'Run the "knowledge" experiment to compare knowing some majority rows with knowing all.',
			'knowledge',
		);
	}
	const groups = new Map<string, Row[]>();
	for (const x of r.rows) {
		const key = `${x.method}|${x.knowledge}`;
		groups.set(key, [...(groups.get(key) ?? []), x]);
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const rows of groups.values()) {
		const first = rows[0]!;
		const restricted = first.knowledge !== 'all';
		const sorted = [...rows].sort((a, b) => a.gridIndex - b.gridIndex);
		const points = definedPoints(sorted.map((x) => (x.error.mean === null ? undefined : summaryPoint(x.error.mean, x[metric]))));
		series.push({
			label: `${methodLabel(first.method)}, knows ${knowsLabel(first.knowledge)}`,
			kind: 'line',
			colour: methodColour(first.method),
			shape: restricted ? 'triangle' : 'circle',
			...(restricted ? { dashed: true } : {}),
			points,
		});
		for (const x of sorted) {
			rowsOut.push([methodLabel(x.method), knowsLabel(x.knowledge), fmtCount(x.flips), fmt(x.error.mean), ...summaryCells(x[metric])]);
		}
	}
	const b = r.base;
	if (b.error.mean !== null && b[metric].mean !== null) {
		series.push({
			label: `base model, mean of ${b.seeds} seeds`,
			kind: 'points',
			colour: -1,
			shape: 'star',
			points: [{ x: b.error.mean, y: b[metric].mean as number }],
		});
	}
	rowsOut.push(['Base model', '—', '0', fmt(b.error.mean), ...summaryCells(b[metric])]);
	return {
		id: 'knowledge',
		title: `${KNOWLEDGE_TITLE} (α = ${r.params.alpha})`,
		xLabel: 'error',
		yLabel,
		series,
		markers: [],
		statements: failureStatements(r),
		conclusion: knowledgeConclusion(r, metric),
		table: {
			columns: ['method', 'knows', 'M', 'error mean', `${METRIC_SHORT[metric]} mean`, '95% interval over seeds', 'seeds'],
			rows: rowsOut,
		},
		summary: `Curves on the error–${METRIC_SHORT[metric]} plane for ${series.length} method and knowledge combinations.`,
	};
}

/** The result the size, success and Pareto figures read. */
const sizeLike = (r: PanelResults): SimulationResult | undefined => r.simulations.minimum ?? r.simulations.size;

/** Every figure of the panel, in display order. */
/** `hiddenVariants`: firm-side variants (e.g. 'calibrated-eqodds (fnr)') the panel's toggles switched off. */
export function buildFigures(r: PanelResults, metric: FairnessMetric, hiddenVariants: ReadonlySet<string> = new Set()): FigureSpec[] {
	const byId: Record<FigureId, FigureSpec> = {
		size: sizeFigure(sizeLike(r), metric),
		success: successFigure(sizeLike(r)),
		flips: flipsFigure(r.simulations.flips, metric),
		knowledge: knowledgeFigure(r.simulations.knowledge, metric),
		pareto: paretoFigure(r.simulations.flips ?? sizeLike(r), r.comparison, metric, hiddenVariants),
		groups: groupsFigure(r.audit),
	};
	return [byId.groups, byId.size, byId.flips, byId.pareto, byId.knowledge, byId.success].map(uniqueStyles);
}
