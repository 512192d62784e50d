/**
 * Only what the panel draws is registered (tree-shaken chart.js): line and bar controllers,
 * points, lines and bars, linear and category scales, legend and tooltip, plus our two plugins.
 */
import {
	BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
} from 'chart.js';
import { backgroundPlugin, errorBarsPlugin } from './plugins';

let done = false;

export function registerCharts(): void {
	if (done) {
		return;
	}
	Chart.register(LineController, BarController, LineElement, PointElement, BarElement, LinearScale, CategoryScale, Legend, Tooltip, errorBarsPlugin, backgroundPlugin);
	done = true;
}

export { Chart };
