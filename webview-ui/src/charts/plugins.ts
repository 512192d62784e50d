/**
 * Small chart.js plugins, written here rather than adding a dependency: error bars from each
 * point's lo/hi, clipped to the plot area (an interval wider than the axis must not run over the
 * tick labels); in-plot labels for the base and target lines; an opaque background (report PNGs
 * would otherwise be transparent); and the plot area published on the canvas as
 * data-plot-area="left,top,right,bottom" (CSS pixels), which the layout tests read.
 */
import type { Chart, ChartType, Plugin } from 'chart.js';

/** A labelled horizontal reference line drawn by a dataset (its first point gives y). */
export interface ReferenceLabel {
	readonly datasetIndex: number;
	readonly text: string;
	readonly colour: string;
}

declare module 'chart.js' {
	interface PluginOptionsByType<TType extends ChartType> {
		errorBars?: { color?: string; width?: number; _type?: TType };
		background?: { color?: string };
		referenceLabels?: { items?: readonly ReferenceLabel[]; font?: string; halo?: string };
	}
}

/** A raw data point carrying its interval (the figure spec's lo/hi). */
interface IntervalPoint {
	readonly lo: number;
	readonly hi: number;
}

function hasInterval(raw: unknown): raw is IntervalPoint {
	return (
		typeof raw === 'object' &&
		raw !== null &&
		typeof (raw as Partial<IntervalPoint>).lo === 'number' &&
		typeof (raw as Partial<IntervalPoint>).hi === 'number'
	);
}

/** Restricts drawing to the plot area until ctx.restore(). */
function clipToPlot(chart: Chart): void {
	const a = chart.chartArea;
	chart.ctx.beginPath();
	chart.ctx.rect(a.left, a.top, a.right - a.left, a.bottom - a.top);
	chart.ctx.clip();
}

export const errorBarsPlugin: Plugin = {
	id: 'errorBars',
	afterDatasetsDraw(chart: Chart, _args, options: { color?: string; width?: number }) {
		const { ctx } = chart;
		const y = chart.scales.y;
		if (y === undefined) {
			return;
		}
		ctx.save();
		clipToPlot(chart);
		chart.data.datasets.forEach((ds, di) => {
			const meta = chart.getDatasetMeta(di);
			if (meta.hidden === true || !chart.isDatasetVisible(di)) {
				return;
			}
			const colour = typeof ds.borderColor === 'string' ? ds.borderColor : (options.color ?? '#888');
			ctx.strokeStyle = colour;
			ctx.lineWidth = options.width ?? 1.5;
			ds.data.forEach((raw, i) => {
				const element = meta.data[i];
				if (!hasInterval(raw) || element === undefined) {
					return;
				}
				const x = element.x;
				const top = y.getPixelForValue(raw.hi);
				const bottom = y.getPixelForValue(raw.lo);
				const cap = 4;
				ctx.beginPath();
				ctx.moveTo(x, top);
				ctx.lineTo(x, bottom);
				ctx.moveTo(x - cap, top);
				ctx.lineTo(x + cap, top);
				ctx.moveTo(x - cap, bottom);
				ctx.lineTo(x + cap, bottom);
				ctx.stroke();
			});
		});
		ctx.restore();
	},
};

/**
 * The base and target lines named inside the plot, at their right end; when the two lines are
 * close the second label goes below its line so the texts do not overprint.
 */
export const referenceLabelsPlugin: Plugin = {
	id: 'referenceLabels',
	afterDatasetsDraw(chart: Chart, _args, options: { items?: readonly ReferenceLabel[]; font?: string; halo?: string }) {
		const y = chart.scales.y;
		const items = options.items ?? [];
		if (y === undefined || items.length === 0) {
			return;
		}
		const { ctx, chartArea: a } = chart;
		ctx.save();
		clipToPlot(chart);
		ctx.font = options.font ?? '12px sans-serif';
		ctx.textAlign = 'right';
		const used: number[] = [];
		for (const item of items) {
			const raw = chart.data.datasets[item.datasetIndex]?.data[0] as { y?: number } | undefined;
			if (raw?.y === undefined || !chart.isDatasetVisible(item.datasetIndex)) {
				continue;
			}
			const py = y.getPixelForValue(raw.y);
			const above = !used.some((u) => Math.abs(u - py) < 16) && py - 16 > a.top;
			ctx.textBaseline = above ? 'bottom' : 'top';
			const ty = above ? py - 3 : py + 3;
			// A halo in the background colour keeps the label legible over grid lines and points.
			ctx.lineWidth = 3;
			ctx.strokeStyle = options.halo ?? 'rgba(255,255,255,0.8)';
			ctx.fillStyle = item.colour;
			ctx.strokeText(item.text, a.right - 4, ty);
			ctx.fillText(item.text, a.right - 4, ty);
			used.push(py);
		}
		ctx.restore();
	},
};

export const plotAreaPlugin: Plugin = {
	id: 'plotArea',
	afterRender(chart: Chart) {
		const a = chart.chartArea;
		// Outward to whole pixels: the clip rectangle lies inside the published one.
		chart.canvas.dataset.plotArea = [Math.floor(a.left), Math.floor(a.top), Math.ceil(a.right), Math.ceil(a.bottom)].join(',');
	},
};

export const backgroundPlugin: Plugin = {
	id: 'background',
	beforeDraw(chart: Chart, _args, options: { color?: string }) {
		if (options.color === undefined) {
			return;
		}
		const { ctx } = chart;
		ctx.save();
		ctx.fillStyle = options.color;
		ctx.fillRect(0, 0, chart.width, chart.height);
		ctx.restore();
	},
};
