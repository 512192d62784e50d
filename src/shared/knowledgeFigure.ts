/**
 * The figure of a `knowledge` run: the error–fairness plane, one curve per method and knowledge
 * arm (colour = method, dash and shape = how many majority rows the collective knows).
 */
import { knowledgeConclusion } from './conclusions';
import {
	definedPoints,
	fmt,
	fmtCount,
	methodColour,
	methodLabel,
	METRIC_LABELS,
	METRIC_SHORT,
	notRunFigure,
	summaryCells,
	summaryPoint,
	type FigureSeries,
	type FigureSpec,
} from './figureSpec';
import { failureStatements, knowsLabel } from './methodSeries';
import type { FairnessMetric, SimulationResult } from './webviewProtocol';
import type { SimulationRow } from './model';

const KNOWLEDGE_TITLE = 'Varying knowledge: the error–fairness plane';

/** (error, EqOd) per M, one curve per method and knowledge arm: colour = method, dash and shape = knowledge. */
export function knowledgeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	if (r === undefined || r.experiment !== 'knowledge') {
		return notRunFigure('knowledge', KNOWLEDGE_TITLE, 'error', metric, 'compare knowing some majority rows with knowing all');
	}
	const groups = new Map<string, SimulationRow[]>();
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
		yLabel: METRIC_LABELS[metric],
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
