/**
 * Only what the panel draws is registered (tree-shaken chart.js): line and bar controllers,
 * points, lines and bars, linear and category scales, legend and tooltip, plus our plugins
 * (the legend is drawn in HTML below the chart, see views/legend.ts; chart.js's own is off).
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip,
} from 'chart.js';
import { backgroundPlugin, errorBarsPlugin, plotAreaPlugin, referenceLabelsPlugin } from './plugins';

let done = false;

export function registerCharts(): void {
	if (done) {
		return;
	}
	Chart.register(
		LineController,
		BarController,
		LineElement,
		PointElement,
		BarElement,
		LinearScale,
		CategoryScale,
		Legend,
		Tooltip,
		errorBarsPlugin,
		referenceLabelsPlugin,
		plotAreaPlugin,
		backgroundPlugin,
	);
	done = true;
}

export { Chart };
