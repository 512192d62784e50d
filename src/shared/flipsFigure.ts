/** The figure of a `flips` run: EqOd (or SPD) against the number of relabelled rows M at one α. */
import { flipsConclusion } from './conclusions';
import { efficiencyMarkers, efficiencySentence } from './efficiencyFigure';
import {
	figureHead,
	fmt,
	fmtCount,
	fmtInterval,
	METRIC_SHORT,
	notRunFigure,
	summaryCells,
	type FigureSpec,
	type SimulationFigureFrame,
} from './figureSpec';
import { failureStatements, methodSweep } from './methodSeries';
import { targetEqod } from './sizeFigure';
import type { FairnessMetric, SimulationResult } from './webviewProtocol';
import type { SeedSummary, SimulationRow } from './model';

const FLIPS: SimulationFigureFrame = {
	experiment: 'flips',
	title: 'Relabelling efficiency: fairness against the number of flips M',
	xLabel: 'M (labels flipped)',
};

/** Signed gaps with their seed intervals, and whether a gap is left that the seeds can measure. */
function signedGapCells(x: SimulationRow): string[] {
	const cell = (s: SeedSummary | undefined): string =>
		s === undefined || s.mean === null ? '—' : `${fmt(s.mean)} ${fmtInterval(s.lo, s.hi)}`;
	const verdict = (x as Partial<SimulationRow>).gapVerdict;
	return [
		cell((x as Partial<SimulationRow>).tprGap),
		cell((x as Partial<SimulationRow>).fprGap),
		verdict === 'none-measurable' ? 'none measurable at these seeds' : verdict === 'gap' ? 'yes' : '—',
	];
}

/** EqOd (or SPD) against M at one α, error bars over seeds. */
export function flipsFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	if (r === undefined || r.experiment !== 'flips') {
		return notRunFigure(FLIPS, metric, 'see how many relabelled rows each method needs');
	}
	const { series, rows: rowsOut } = methodSweep(r, {
		metric,
		x: (x) => x.flips,
		order: (x) => x.gridIndex,
		cells: (x) => [fmtCount(x.flips), ...summaryCells(x[metric]), ...signedGapCells(x), fmt(x.error.mean)],
	});
	const target = (r as Partial<SimulationResult>).target ?? targetEqod(r);
	const efficiency = metric === 'eqod' ? efficiencySentence(r) : undefined;
	return {
		...figureHead(FLIPS, metric, r.params.alpha),
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
