/**
 * Two small chart.js plugins, written here rather than adding a dependency: error bars from each
 * point's lo/hi, and an opaque background (report PNGs would otherwise be transparent).
 */
import type { Chart, ChartType, Plugin } from 'chart.js';

declare module 'chart.js' {
	interface PluginOptionsByType<TType extends ChartType> {
		errorBars?: { color?: string; width?: number; _type?: TType };
		background?: { color?: string };
	}
}

/** A raw data point carrying its interval (the figure spec's lo/hi). */
interface IntervalPoint {
	readonly lo: number;
	readonly hi: number;
}

function hasInterval(raw: unknown): raw is IntervalPoint {
	return typeof raw === 'object' && raw !== null && typeof (raw as Partial<IntervalPoint>).lo === 'number' && typeof (raw as Partial<IntervalPoint>).hi === 'number';
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
		chart.data.datasets.forEach((ds, di) => {
			const meta = chart.getDatasetMeta(di);
			if (meta.hidden === true || !chart.isDatasetVisible(di)) {
				return;
			}
			const colour = typeof ds.borderColor === 'string' ? ds.borderColor : options.color ?? '#888';
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
