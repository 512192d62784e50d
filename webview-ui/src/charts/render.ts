/**
 * FigureSpec + theme → a chart.js chart. The spec decides what is drawn; this file only decides
 * how (colours, dashes, point shapes, sizes), so the on-screen chart and the report image of the
 * same spec differ only in theme and size.
 */
import type { ChartConfiguration, ChartDataset, TooltipItem } from 'chart.js';
import type { FigureSeries, FigureSpec } from '../../../src/shared/figureSpec';
import { fmt } from '../../../src/shared/figureSpec';
import type { ChartTheme } from '../theme';
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

const colourOf = (theme: ChartTheme, index: number): string => (index < 0 ? theme.foreground : theme.palette[index % theme.palette.length]!);
/** Hollow points are the series colour at low alpha (hex → #rrggbbaa). */
const faint = (colour: string): string => (/^#[0-9a-f]{6}$/i.test(colour) ? `${colour}40` : colour);

function lineDataset(s: FigureSeries, theme: ChartTheme): ChartDataset<'line', Datum[]> {
	const colour = colourOf(theme, s.colour);
	const data: Datum[] = s.points.map((p) => ({ x: p.x, y: p.y, ...(p.lo !== undefined && p.hi !== undefined ? { lo: p.lo, hi: p.hi } : {}) }));
	const isRef = s.kind === 'reference';
	const twoPointRef = isRef && s.points.length === 2;
	return {
		type: 'line', label: s.label, data,
		borderColor: colour,
		backgroundColor: colour,
		borderWidth: isRef ? 1.5 : theme.lineWidth,
		borderDash: s.dashed === true ? [6, 4] : [],
		showLine: s.kind !== 'points',
		pointStyle: s.shape,
		pointRadius: twoPointRef ? 0 : s.points.map((p) => (p.highlight === true ? 6 : s.kind === 'points' ? 3.5 : 3)),
		pointHoverRadius: 7,
		pointBackgroundColor: s.points.map((p) => (s.kind === 'points' && p.highlight !== true ? faint(colour) : colour)),
		pointBorderColor: colour,
	};
}

function tooltipLabel(item: TooltipItem<'line' | 'bar'>): string {
	const raw = item.raw as Partial<Datum>;
	const interval = raw.lo !== undefined && raw.hi !== undefined ? ` [${fmt(raw.lo)}, ${fmt(raw.hi)}]` : '';
	return `${item.dataset.label ?? ''}: ${fmt(raw.y)}${interval}`;
}

function commonOptions(spec: FigureSpec, theme: ChartTheme, options: RenderOptions) {
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
			legend: { labels: { color: theme.foreground, usePointStyle: true, font } },
			tooltip: { callbacks: { label: tooltipLabel } },
			errorBars: { color: theme.muted, width: 1.5 },
			background: options.fixedSize === true ? { color: theme.background } : {},
		},
		axes: { x: axis(spec.xLabel), y: axis(spec.yLabel) },
	};
}

function lineConfig(spec: FigureSpec, theme: ChartTheme, options: RenderOptions): ChartConfiguration<'line', Datum[]> {
	const datasets = spec.series.map((s) => lineDataset(s, theme));
	const xs = spec.series.flatMap((s) => s.points.map((p) => p.x));
	if (spec.target !== undefined && xs.length > 0) {
		datasets.push(lineDataset({ label: spec.target.label, kind: 'reference', colour: -1, shape: 'cross', dashed: true, points: [{ x: Math.min(...xs), y: spec.target.y }, { x: Math.max(...xs), y: spec.target.y }] }, theme));
	}
	for (const m of spec.markers) {
		const colour = colourOf(theme, m.colour);
		datasets.push({ type: 'line', label: m.label, data: [{ x: m.x, y: m.y }], showLine: false, pointStyle: 'star', pointRadius: 11, pointBorderWidth: 2.5, borderColor: colour, backgroundColor: colour });
	}
	const c = commonOptions(spec, theme, options);
	return {
		type: 'line',
		data: { datasets },
		options: { ...c, scales: { x: { type: 'linear', ...c.axes.x }, y: { type: 'linear', ...c.axes.y } } },
	};
}

function barConfig(spec: FigureSpec, theme: ChartTheme, options: RenderOptions): ChartConfiguration<'bar', Datum[]> {
	const labels = [...(spec.categories ?? [])];
	const datasets: Array<ChartDataset<'bar', Datum[]>> = spec.series.map((s) => {
		const colour = colourOf(theme, s.colour);
		return {
			type: 'bar', label: s.label,
			data: s.points.map((p) => ({ x: labels[p.x] ?? String(p.x), y: p.y, ...(p.lo !== undefined && p.hi !== undefined ? { lo: p.lo, hi: p.hi } : {}) })),
			backgroundColor: faint(colour), borderColor: colour, borderWidth: theme.lineWidth, pointStyle: s.shape,
		};
	});
	const c = commonOptions(spec, theme, options);
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

/** The chart drawn off-screen with the report theme at a fixed size, as a PNG data URL. */
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
