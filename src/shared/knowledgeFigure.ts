/**
 * The figure of a `knowledge` run: the error–fairness plane, one curve per method and knowledge
 * arm (colour = method, dash and shape = how many majority rows the collective knows).
 */
import { knowledgeConclusion } from './conclusions';
import {
	definedPoints,
	figureHead,
	fmt,
	fmtCount,
	methodLabel,
	METRIC_SHORT,
	notRunFigure,
	summaryCells,
	summaryPoint,
	type FigureSeries,
	type FigureSpec,
	type SimulationFigureFrame,
} from './figureSpec';
import { armLine, byArm, failureStatements, knowsLabel } from './methodSeries';
import type { FairnessMetric, SimulationResult } from './webviewProtocol';

const KNOWLEDGE: SimulationFigureFrame = { experiment: 'knowledge', title: 'Varying knowledge: the error–fairness plane', xLabel: 'error' };

/** (error, EqOd) per M, one curve per method and knowledge arm: colour = method, dash and shape = knowledge. */
export function knowledgeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	if (r === undefined || r.experiment !== 'knowledge') {
		return notRunFigure(KNOWLEDGE, metric, 'compare knowing some majority rows with knowing all');
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const rows of byArm(r.rows).values()) {
		const sorted = [...rows].sort((a, b) => a.gridIndex - b.gridIndex);
		const points = definedPoints(sorted.map((x) => (x.error.mean === null ? undefined : summaryPoint(x.error.mean, x[metric]))));
		series.push(armLine(rows[0]!, points));
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
		...figureHead(KNOWLEDGE, metric, r.params.alpha),
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
