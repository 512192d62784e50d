/**
 * FigureSpec + theme → a chart.js chart. The spec decides what is drawn; this file only decides
 * how (colours, dashes, point shapes, sizes, all from the shared chart theme), so the on-screen
 * chart and the report image of the same spec differ only in theme and size. chart.js's legend
 * is off: the legend is HTML below the chart (views/legend.ts), so it can never cover the plot.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import { colourAt, faded, REFERENCE_STYLE } from '../../../src/shared/chartTheme';
import type { FigurePoint, FigureSeries, FigureSpec } from '../../../src/shared/figureSpec';
import { fmt } from '../../../src/shared/figureSpec';
import type { ChartTheme } from '../theme';
import type { ReferenceLabel } from './plugins';
import { Chart, registerCharts } from './register';

interface Datum {
	x: number | string;
	y: number;
	lo?: number;
	hi?: number;
}

export interface RenderOptions {
	/** Report images: fixed size, opaque background, no resize observer. */
	readonly fixedSize?: boolean;
}

const datum = (p: FigurePoint): Datum => ({ x: p.x, y: p.y, ...(p.lo !== undefined && p.hi !== undefined ? { lo: p.lo, hi: p.hi } : {}) });

function lineDataset(s: FigureSeries, theme: ChartTheme): ChartDataset<'line', Datum[]> {
	const colour = colourAt(theme, s.colour);
	const isRef = s.kind === 'reference';
	const twoPointRef = isRef && s.points.length === 2;
	return {
		type: 'line',
		label: s.label,
		data: s.points.map(datum),
		borderColor: colour,
		backgroundColor: colour,
		borderWidth: isRef ? REFERENCE_STYLE.base.width : theme.lineWidth,
		borderDash: isRef ? [...REFERENCE_STYLE.base.dash] : s.dashed === true ? [6, 4] : [],
		showLine: s.kind !== 'points',
		pointStyle: s.shape,
		pointRadius: twoPointRef ? 0 : s.points.map((p) => (p.highlight === true ? 6 : s.kind === 'points' ? 3.5 : 3)),
		pointHoverRadius: 7,
		pointBackgroundColor: s.points.map((p) => (s.kind === 'points' && p.highlight !== true ? faded(colour) : colour)),
		pointBorderColor: colour,
		order: s.layer ?? 1,
	};
}

/**
 * A Pareto series as two datasets: the front (non-dominated points joined in error order) and the
 * dominated points, faded and unjoined. Both carry the series' colour and shape and one legend entry.
 */
function frontDatasets(s: FigureSeries, theme: ChartTheme): Array<ChartDataset<'line', Datum[]>> {
	const colour = colourAt(theme, s.colour);
	const front = s.points.filter((p) => p.highlight === true).sort((a, b) => a.x - b.x || a.y - b.y);
	const dominated = s.points.filter((p) => p.highlight !== true);
	const order = s.layer ?? 1;
	return [
		{
			type: 'line',
			label: s.label,
			data: front.map(datum),
			borderColor: colour,
			backgroundColor: colour,
			borderWidth: theme.lineWidth,
			showLine: true,
			pointStyle: s.shape,
			pointRadius: 5,
			pointHoverRadius: 7,
			order,
		},
		{
			type: 'line',
			label: `${s.label} (dominated)`,
			data: dominated.map((p) => ({ x: p.x, y: p.y })),
			borderColor: faded(colour),
			backgroundColor: faded(colour),
			showLine: false,
			pointStyle: s.shape,
			pointRadius: 3.5,
			pointHoverRadius: 6,
			order: order + 0.5,
		},
	];
}

function tooltipLabel(item: TooltipItem<'line' | 'bar'>): string {
	const raw = item.raw as Partial<Datum>;
	const interval = raw.lo !== undefined && raw.hi !== undefined ? ` [${fmt(raw.lo)}, ${fmt(raw.hi)}]` : '';
	return `${item.dataset.label ?? ''}: ${fmt(raw.y)}${interval}`;
}

function commonOptions(spec: FigureSpec, theme: ChartTheme, options: RenderOptions, references: readonly ReferenceLabel[]) {
	const font = { family: theme.fontFamily };
	const axis = (title: string) => ({
		title: { display: true, text: title, color: theme.foreground, font },
		ticks: { color: theme.foreground, font },
		grid: { color: theme.grid },
		border: { color: theme.grid },
	});
	return {
		responsive: options.fixedSize !== true,
		maintainAspectRatio: false,
		animation: false as const,
		devicePixelRatio: options.fixedSize === true ? 2 : undefined,
		interaction: { mode: 'nearest' as const, intersect: false },
		plugins: {
			// On screen the legend is HTML below the chart; a fixed-size image (npm run reproduce) has
			// no page around it, so chart.js draws it there, below the plot.
			legend:
				options.fixedSize === true
					? {
							position: 'bottom' as const,
							labels: {
								color: theme.foreground,
								usePointStyle: true,
								font,
								filter: (item: { text: string }) => !item.text.endsWith('(dominated)'),
							},
						}
					: { display: false },
			tooltip: { callbacks: { label: tooltipLabel } },
			errorBars: { color: theme.muted, width: 1.5 },
			referenceLabels: { items: references, font: `12px ${theme.fontFamily}`, halo: theme.background },
			background: options.fixedSize === true ? { color: theme.background } : {},
		},
		axes: { x: axis(spec.xLabel), y: axis(spec.yLabel) },
	};
}

function lineConfig(spec: FigureSpec, theme: ChartTheme, options: RenderOptions): ChartConfiguration<'line', Datum[]> {
	const datasets: Array<ChartDataset<'line', Datum[]>> = [];
	const references: ReferenceLabel[] = [];
	for (const s of spec.series) {
		if (s.kind === 'front') {
			datasets.push(...frontDatasets(s, theme));
			continue;
		}
		if (s.kind === 'reference') {
			references.push({ datasetIndex: datasets.length, text: s.label, colour: colourAt(theme, s.colour) });
		}
		datasets.push(lineDataset(s, theme));
	}
	const xs = spec.series.flatMap((s) => s.points.map((p) => p.x));
	if (spec.target !== undefined && xs.length > 0) {
		const colour = theme.muted;
		references.push({ datasetIndex: datasets.length, text: spec.target.label, colour });
		datasets.push({
			type: 'line',
			label: spec.target.label,
			data: [
				{ x: Math.min(...xs), y: spec.target.y },
				{ x: Math.max(...xs), y: spec.target.y },
			],
			borderColor: colour,
			backgroundColor: colour,
			borderWidth: REFERENCE_STYLE.target.width,
			borderDash: [...REFERENCE_STYLE.target.dash],
			pointRadius: 0,
			order: 2,
		});
	}
	for (const m of spec.markers) {
		const colour = colourAt(theme, m.colour);
		datasets.push({
			type: 'line',
			label: m.label,
			data: [{ x: m.x, y: m.y }],
			showLine: false,
			pointStyle: 'star',
			pointRadius: 11,
			pointBorderWidth: 2.5,
			borderColor: colour,
			backgroundColor: colour,
			order: 0,
		});
	}
	const c = commonOptions(spec, theme, options, references);
	return {
		type: 'line',
		data: { datasets },
		options: { ...c, scales: { x: { type: 'linear', ...c.axes.x }, y: { type: 'linear', ...c.axes.y } } },
	};
}

function barConfig(spec: FigureSpec, theme: ChartTheme, options: RenderOptions): ChartConfiguration<'bar', Datum[]> {
	const labels = [...(spec.categories ?? [])];
	const datasets: Array<ChartDataset<'bar', Datum[]>> = spec.series.map((s) => {
		const colour = colourAt(theme, s.colour);
		return {
			type: 'bar',
			label: s.label,
			data: s.points.map((p) => ({ ...datum(p), x: labels[p.x] ?? String(p.x) })),
			backgroundColor: faded(colour),
			borderColor: colour,
			borderWidth: theme.lineWidth,
			pointStyle: s.shape,
		};
	});
	const c = commonOptions(spec, theme, options, []);
	return {
		type: 'bar',
		data: { labels, datasets },
		options: { ...c, scales: { x: { type: 'category', ...c.axes.x }, y: { type: 'linear', beginAtZero: true, max: 1, ...c.axes.y } } },
	};
}

export type PanelChart = Chart<'line', Datum[]> | Chart<'bar', Datum[]>;

export function createChart(canvas: HTMLCanvasElement, spec: FigureSpec, theme: ChartTheme, options: RenderOptions = {}): PanelChart {
	registerCharts();
	if (spec.series.some((s) => s.kind === 'bar')) {
		return new Chart(canvas, barConfig(spec, theme, options));
	}
	return new Chart(canvas, lineConfig(spec, theme, options));
}

/** The chart drawn off-screen at a fixed size, as a PNG data URL (the reproduction's figures). */
export function renderPng(spec: FigureSpec, theme: ChartTheme, host: HTMLElement, width = 900, height = 460): string {
	const holder = document.createElement('div');
	holder.className = 'offscreen';
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	canvas.style.width = `${width}px`;
	canvas.style.height = `${height}px`;
	holder.append(canvas);
	host.append(holder);
	const chart = createChart(canvas, spec, theme, { fixedSize: true });
	try {
		return chart.toBase64Image('image/png', 1);
	} finally {
		chart.destroy();
		holder.remove();
	}
}
