/**
 * The drawing-independent description of a panel figure: series of points with intervals, marks,
 * sentences and the data table. The webview draws it with chart.js, the report exporter with its
 * own SVG fallback, and both print the same table, so a number in the report is the number on
 * screen. Dependency-free runtime code (it runs in the browser bundle too).
 */
import { SHAPES } from './chartTheme';
import { METHODS } from './runParameters';
import type { FairnessMetric, SeedSummary } from './webviewProtocol';

export type FigureId = 'size' | 'success' | 'flips' | 'knowledge' | 'pareto' | 'groups';
export const FIGURE_IDS: readonly FigureId[] = ['size', 'success', 'flips', 'knowledge', 'pareto', 'groups'];

/** chart.js point-style names; every series gets a shape as well as a colour (colour-blind safety). */
export type PointShape = 'circle' | 'rect' | 'triangle' | 'rectRot' | 'star' | 'crossRot' | 'rectRounded' | 'cross';

export interface FigurePoint {
	readonly x: number;
	readonly y: number;
	/** Interval around y (seed percentiles or bootstrap); drawn as an error bar. */
	readonly lo?: number;
	readonly hi?: number;
	/** Drawn emphasised: a non-dominated point on a Pareto plane. */
	readonly highlight?: boolean;
}

export interface FigureSeries {
	readonly label: string;
	/**
	 * line: joined points; points: unjoined; reference: a dashed theme-coloured line (the base
	 * model), labelled in the plot; bar: bars over categories; front: a Pareto front, the line
	 * joining the highlighted (non-dominated) points with the dominated ones drawn faded.
	 */
	readonly kind: 'line' | 'points' | 'reference' | 'bar' | 'front';
	/** Index into the colour-blind-safe palette; -1 = the theme's foreground. */
	readonly colour: number;
	readonly shape: PointShape;
	readonly dashed?: boolean;
	readonly points: readonly FigurePoint[];
	/** Drawn above series with a larger value (the collective above the firm's fronts); default 1. */
	readonly layer?: number;
}

/** A labelled mark, e.g. the smallest collective that reaches the target. */
export interface FigureMarker {
	readonly x: number;
	readonly y: number;
	readonly label: string;
	readonly colour: number;
}

export interface FigureTable {
	readonly columns: readonly string[];
	readonly rows: ReadonlyArray<readonly string[]>;
}

export interface FigureSpec {
	readonly id: FigureId;
	readonly title: string;
	readonly xLabel: string;
	readonly yLabel: string;
	/** Category names for a bar figure (x = index); may hold CSV text, so only ever drawn as text. */
	readonly categories?: readonly string[];
	readonly series: readonly FigureSeries[];
	readonly markers: readonly FigureMarker[];
	/** A horizontal target line, e.g. the EqOd to reach. */
	readonly target?: { readonly y: number; readonly label: string };
	/** Findings in words (the smallest collective, the FARE certificate). */
	readonly statements: readonly string[];
	/**
	 * What to take away, computed from the data and its intervals (conclusions.ts); every built
	 * figure has one, an empty figure says how to get it. Optional only for hand-made specs.
	 */
	readonly conclusion?: string;
	/**
	 * What would draw (or complete) the figure: the panel offers a button. On an empty figure, the
	 * run that fills it; on a drawn one, the run that adds what is missing (the firm side of the Pareto plane).
	 */
	readonly runs?: 'size' | 'flips' | 'knowledge' | 'minimum' | 'audit' | 'comparison';
	/**
	 * Variants of a firm-side approach (e.g. calibrated-eqodds fnr and fnr/randomized) drawn in their
	 * approach's colour and shape: the panel offers one toggle each; `shown` false leaves its points out.
	 */
	readonly variants?: ReadonlyArray<{ readonly key: string; readonly approach: string; readonly variant: string; readonly shown: boolean }>;
	/** The figure cannot apply to this data at all (S(α) without counterfactuals): not shown. */
	readonly notApplicable?: boolean;
	readonly table: FigureTable;
	/** Why nothing is drawn (no result yet, or the data cannot show it); the figure is empty when set. */
	readonly empty?: string;
	/** One sentence describing the chart for screen readers. */
	readonly summary: string;
}

export const METRIC_LABELS: Record<FairnessMetric, string> = {
	eqod: 'EqOd (average of |ΔTPR| and |ΔFPR|)',
	eqodMax: 'EqOd (max of |ΔTPR| and |ΔFPR|)',
	spd: 'statistical parity difference',
};
export const METRIC_SHORT: Record<FairnessMetric, string> = { eqod: 'EqOd', eqodMax: 'EqOd max', spd: 'SPD' };

export const METHOD_LABELS: Record<string, string> = {
	'rb-prob': 'RB-prob',
	'rb-label': 'RB-label',
	'rb-dist': 'RB-dist',
	random: 'Random',
};
const METHOD_ORDER: readonly string[] = METHODS;

export const methodLabel = (m: string): string => METHOD_LABELS[m] ?? m;
/** Stable colour per method across figures, so RB-prob is the same colour everywhere. */
export const methodColour = (m: string): number => {
	const i = METHOD_ORDER.indexOf(m);
	return i >= 0 ? i : 4;
};
export const shapeAt = (i: number): PointShape => SHAPES[i % SHAPES.length]!;
export const methodShape = (m: string): PointShape => shapeAt(methodColour(m));

/** Four decimals: enough to tell methods apart, few enough to read. */
export function fmt(x: number | null | undefined): string {
	if (x === null || x === undefined || !Number.isFinite(x)) {
		return '—';
	}
	const r = Math.round(x * 10_000) / 10_000;
	return Object.is(r, -0) ? '0' : String(r);
}

/** A count that is a mean over seeds (M, pool size): whole numbers stay whole. */
export function fmtCount(x: number): string {
	return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

export function fmtInterval(lo: number | undefined, hi: number | undefined): string {
	return lo === undefined || hi === undefined ? '—' : `[${fmt(lo)}, ${fmt(hi)}]`;
}

/** A seed summary as a point with its interval, or undefined when no seed defined it. */
export function summaryPoint(x: number, s: SeedSummary | undefined, highlight?: boolean): FigurePoint | undefined {
	if (s === undefined || s.mean === null) {
		return undefined;
	}
	return { x, y: s.mean, lo: s.lo, hi: s.hi, ...(highlight === true ? { highlight } : {}) };
}

export function definedPoints(points: ReadonlyArray<FigurePoint | undefined>): FigurePoint[] {
	return points.filter((p): p is FigurePoint => p !== undefined);
}

/** Table cells for a seed summary: mean, interval, seeds; the reason when undefined. */
export function summaryCells(s: SeedSummary | undefined): string[] {
	if (s === undefined) {
		return ['—', '—', '0'];
	}
	return s.mean === null ? [`undefined: ${s.reason}`, '—', '0'] : [fmt(s.mean), fmtInterval(s.lo, s.hi), String(s.n)];
}

/** Non-dominated points when both coordinates are to be minimised (ties are not domination). */
export function nonDominated(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): boolean[] {
	return points.map((p) => !points.some((q) => q.x <= p.x && q.y <= p.y && (q.x < p.x || q.y < p.y)));
}

export function emptyFigure(
	id: FigureId,
	title: string,
	xLabel: string,
	yLabel: string,
	why: string,
	runs?: FigureSpec['runs'],
): FigureSpec {
	return {
		id,
		title,
		xLabel,
		yLabel,
		series: [],
		markers: [],
		statements: [],
		conclusion: why,
		table: { columns: [], rows: [] },
		empty: why,
		summary: `${title}: ${why}`,
		...(runs !== undefined ? { runs } : {}),
	};
}

/** A simulation figure's name and x axis, the same whether its experiment has run or not (the figure is named after it). */
export interface SimulationFigureFrame {
	readonly experiment: 'size' | 'flips' | 'knowledge';
	readonly title: string;
	readonly xLabel: string;
}

/** The head of a simulation figure's spec: id, title (with the run's α for a figure at one α), axes. */
export function figureHead(
	frame: SimulationFigureFrame,
	metric: FairnessMetric,
	alpha?: number,
): Pick<FigureSpec, 'id' | 'title' | 'xLabel' | 'yLabel'> {
	const title = alpha === undefined ? frame.title : `${frame.title} (α = ${alpha})`;
	return { id: frame.experiment, title, xLabel: frame.xLabel, yLabel: METRIC_LABELS[metric] };
}

/** A simulation figure whose experiment has not run: what the run would show, and the button that starts it. */
export function notRunFigure(frame: SimulationFigureFrame, metric: FairnessMetric, wouldShow: string): FigureSpec {
	const { experiment, title, xLabel } = frame;
	return emptyFigure(experiment, title, xLabel, METRIC_LABELS[metric], `Run the "${experiment}" experiment to ${wouldShow}.`, experiment);
}

/** Whether two intervals overlap (then the two means are not distinguishable at these seeds). */
export function overlaps(a: { readonly lo?: number; readonly hi?: number }, b: { readonly lo?: number; readonly hi?: number }): boolean {
	if (a.lo === undefined || a.hi === undefined || b.lo === undefined || b.hi === undefined) {
		return true;
	}
	return a.lo <= b.hi && b.lo <= a.hi;
}

/**
 * Every legend entry a distinct colour-and-shape pair: a series whose pair is already taken
 * (palette wrap-around, a certificate sharing its approach's colour) takes the next free shape.
 * Markers count as entries too; the reference lines are told apart by their dash and in-plot label.
 */
export function uniqueStyles(spec: FigureSpec): FigureSpec {
	const taken = new Set<string>();
	const key = (colour: number, shape: PointShape): string => `${colour}|${shape}`;
	const series = spec.series.map((s) => {
		let shape = s.shape;
		for (let i = 0; taken.has(key(s.colour, shape)) && i < SHAPES.length; i++) {
			shape = SHAPES[(SHAPES.indexOf(shape) + 1) % SHAPES.length]!;
		}
		taken.add(key(s.colour, shape));
		return shape === s.shape ? s : { ...s, shape };
	});
	for (const m of spec.markers) {
		taken.add(key(m.colour, 'star'));
	}
	return { ...spec, series };
}

/** The legend's entries of a figure (series, markers, the target line), in drawing order. */
export function legendEntries(
	spec: FigureSpec,
): Array<{ label: string; colour: number; shape: PointShape; line: 'solid' | 'base' | 'target' | 'none' }> {
	return [
		...spec.series.map((s) => ({
			label: s.label,
			colour: s.colour,
			shape: s.shape,
			line: s.kind === 'reference' ? ('base' as const) : s.kind === 'points' || s.kind === 'bar' ? ('none' as const) : ('solid' as const),
		})),
		...spec.markers.map((m) => ({ label: m.label, colour: m.colour, shape: 'star' as PointShape, line: 'none' as const })),
		...(spec.target !== undefined ? [{ label: spec.target.label, colour: -2, shape: 'cross' as PointShape, line: 'target' as const }] : []),
	];
}
