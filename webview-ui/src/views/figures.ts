/**
 * One section per figure: title, findings in words, the chart (a focusable canvas with an ARIA
 * label and keyboard navigation) and a data-table toggle listing exactly the plotted numbers.
 */
import type { FigureId, FigureSpec } from '../../../src/shared/figureSpec';
import { attachKeyboard } from '../charts/keyboard';
import { createChart, type PanelChart } from '../charts/render';
import type { ChartTheme } from '../theme';
import { clear, el, textTable } from './dom';

export interface FigureHost {
	announce(text: string): void;
	isTableOpen(id: FigureId): boolean;
	setTableOpen(id: FigureId, open: boolean): void;
}

export class FigureView {
	readonly section: HTMLElement;
	private readonly title: HTMLHeadingElement;
	private readonly statements: HTMLUListElement;
	private readonly body: HTMLDivElement;
	private readonly toggle: HTMLButtonElement;
	private readonly tableRegion: HTMLDivElement;
	private chart: PanelChart | undefined;

	constructor(readonly id: FigureId, private readonly host: FigureHost) {
		const titleId = `fig-${id}-title`;
		const tableId = `fig-${id}-table`;
		this.title = el('h2', { id: titleId });
		this.statements = el('ul', { class: 'statements' });
		this.body = el('div', { class: 'chart-body' });
		this.toggle = el('button', { type: 'button', class: 'table-toggle secondary', 'aria-expanded': 'false', 'aria-controls': tableId }, 'Show data table');
		this.tableRegion = el('div', { id: tableId, class: 'table-region', hidden: '' });
		this.section = el('section', { class: 'figure', id: `fig-${id}`, 'aria-labelledby': titleId, 'data-figure': id },
			this.title, this.statements, this.body, this.toggle, this.tableRegion);
		this.toggle.addEventListener('click', () => {
			const open = this.tableRegion.hidden;
			this.setTable(open);
			this.host.setTableOpen(this.id, open);
		});
	}

	render(spec: FigureSpec, theme: ChartTheme): void {
		this.destroyChart();
		this.title.textContent = spec.title;
		clear(this.statements);
		for (const s of spec.statements) {
			this.statements.append(el('li', {}, s));
		}
		clear(this.body);
		clear(this.tableRegion);
		if (spec.empty !== undefined) {
			this.section.dataset.empty = 'true';
			this.body.append(el('p', { class: 'empty' }, spec.empty));
			this.toggle.hidden = true;
			this.setTable(false);
			return;
		}
		delete this.section.dataset.empty;
		const canvas = el('canvas', { tabindex: '0', role: 'img', 'aria-label': `${spec.summary} Use the arrow keys to read the points, or open the data table.` });
		this.body.append(el('div', { class: 'chart-box' }, canvas));
		attachKeyboard(canvas, () => this.chart, (t) => this.host.announce(t));
		this.chart = createChart(canvas, spec, theme);
		this.tableRegion.append(textTable(spec.title, spec.table.columns, spec.table.rows));
		this.toggle.hidden = false;
		this.setTable(this.host.isTableOpen(this.id));
	}

	destroyChart(): void {
		this.chart?.destroy();
		this.chart = undefined;
	}

	private setTable(open: boolean): void {
		this.tableRegion.hidden = !open;
		this.toggle.setAttribute('aria-expanded', String(open));
		this.toggle.textContent = open ? 'Hide data table' : 'Show data table';
	}
}
