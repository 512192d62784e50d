/**
 * Keyboard access to a chart: the canvas is focusable; ←/→ step through the points of a series,
 * ↑/↓ switch series, Home/End jump, Escape clears. The focused point gets chart.js's tooltip and
 * its value is read out through a live region, so the numbers are reachable without a mouse.
 */
import { fmt } from '../../../src/shared/figureSpec';
import type { PanelChart } from './render';

export function attachKeyboard(canvas: HTMLCanvasElement, getChart: () => PanelChart | undefined, announce: (text: string) => void): void {
	let series = 0;
	let index = -1;
	canvas.addEventListener('keydown', (event) => {
		const chart = getChart();
		if (chart === undefined) {
			return;
		}
		const datasets = chart.data.datasets;
		const count = (d: number): number => datasets[d]?.data.length ?? 0;
		switch (event.key) {
			case 'ArrowRight':
				index = Math.min(index + 1, count(series) - 1);
				break;
			case 'ArrowLeft':
				index = Math.max(index - 1, 0);
				break;
			case 'Home':
				index = 0;
				break;
			case 'End':
				index = count(series) - 1;
				break;
			case 'ArrowDown':
				series = (series + 1) % datasets.length;
				index = Math.min(Math.max(index, 0), count(series) - 1);
				break;
			case 'ArrowUp':
				series = (series - 1 + datasets.length) % datasets.length;
				index = Math.min(Math.max(index, 0), count(series) - 1);
				break;
			case 'Escape':
				index = -1;
				chart.setActiveElements([]);
				chart.tooltip?.setActiveElements([], { x: 0, y: 0 });
				chart.update();
				return;
			default:
				return;
		}
		event.preventDefault();
		const element = chart.getDatasetMeta(series).data[index];
		if (index < 0 || element === undefined) {
			return;
		}
		const active = [{ datasetIndex: series, index }];
		chart.setActiveElements(active);
		chart.tooltip?.setActiveElements(active, { x: element.x, y: element.y });
		chart.update();
		const raw = datasets[series]?.data[index] as { x?: number | string; y?: number; lo?: number; hi?: number } | undefined;
		const interval = raw?.lo !== undefined && raw.hi !== undefined ? `, interval ${fmt(raw.lo)} to ${fmt(raw.hi)}` : '';
		announce(
			`${datasets[series]?.label ?? ''}: x ${typeof raw?.x === 'number' ? fmt(raw.x) : String(raw?.x ?? '')}, y ${fmt(raw?.y)}${interval}`,
		);
	});
}
