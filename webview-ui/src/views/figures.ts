/**
 * One section per figure: title, the conclusion (what to take away), findings in words, the chart
 * (a focusable canvas with an ARIA label and keyboard navigation), its HTML legend below it, and
 * a data-table toggle listing exactly the plotted numbers. A figure without data collapses to one
 * line saying how to get it, with a button that runs it; a figure that cannot apply to this data
 * (S(α) without counterfactuals) is not shown at all.
 */
import type { FigureId, FigureSpec } from '../../../src/shared/figureSpec';
import { attachKeyboard } from '../charts/keyboard';
import { createChart, type PanelChart } from '../charts/render';
import type { ChartTheme } from '../theme';
import { clear, el, textTable } from './dom';
import { legendList } from './legend';
import { termText, withTerms } from './terms';

export interface FigureHost {
	announce(text: string): void;
	isTableOpen(id: FigureId): boolean;
	setTableOpen(id: FigureId, open: boolean): void;
	/** Runs what an empty figure needs (an experiment with the current settings, or the audit). */
	run(what: NonNullable<FigureSpec['runs']>): void;
	/** Shows or hides one firm-side variant's points (the Pareto plane's variant toggles). */
	setVariantShown(key: string, shown: boolean): void;
}

const RUN_LABELS: Record<NonNullable<FigureSpec['runs']>, string> = {
	size: 'Run "size"',
	flips: 'Run "flips"',
	knowledge: 'Run "knowledge"',
	minimum: 'Run "minimum"',
	audit: 'Run the audit',
	comparison: 'Run the comparison',
};

export class FigureView {
	readonly section: HTMLElement;
	private readonly title: HTMLHeadingElement;
	private readonly conclusion: HTMLParagraphElement;
	private readonly statements: HTMLUListElement;
	private readonly body: HTMLDivElement;
	private readonly toggle: HTMLButtonElement;
	private readonly tableRegion: HTMLDivElement;
	private chart: PanelChart | undefined;

	constructor(
		readonly id: FigureId,
		private readonly host: FigureHost,
	) {
		const titleId = `fig-${id}-title`;
		const tableId = `fig-${id}-table`;
		this.title = el('h2', { id: titleId });
		this.conclusion = el('p', { class: 'conclusion' });
		this.statements = el('ul', { class: 'statements' });
		this.body = el('div', { class: 'chart-body' });
		this.toggle = el(
			'button',
			{ type: 'button', class: 'table-toggle secondary', 'aria-expanded': 'false', 'aria-controls': tableId },
			'Show data table',
		);
		this.tableRegion = el('div', { id: tableId, class: 'table-region table-scroll', hidden: '' });
		this.section = el(
			'section',
			{ class: 'figure', id: `fig-${id}`, 'aria-labelledby': titleId, 'data-figure': id },
			this.title,
			this.conclusion,
			this.statements,
			this.body,
			this.toggle,
			this.tableRegion,
		);
		this.toggle.addEventListener('click', () => {
			const open = this.tableRegion.hidden;
			this.setTable(open);
			this.host.setTableOpen(this.id, open);
		});
	}

	render(spec: FigureSpec, theme: ChartTheme): void {
		this.destroyChart();
		clear(this.title);
		this.title.append(...withTerms(spec.title));
		clear(this.conclusion);
		clear(this.statements);
		clear(this.body);
		clear(this.tableRegion);
		this.section.hidden = spec.notApplicable === true;
		if (spec.empty !== undefined) {
			// One line: the title, why it is empty and a button that fills it.
			this.section.dataset.empty = 'true';
			this.section.classList.add('collapsed');
			this.conclusion.append(...withTerms(spec.empty));
			if (spec.runs !== undefined) {
				const what = spec.runs;
				const button = el('button', { type: 'button', class: 'secondary run-empty' }, RUN_LABELS[what]);
				button.addEventListener('click', () => this.host.run(what));
				this.conclusion.append(' ', button);
			}
			this.toggle.hidden = true;
			this.setTable(false);
			return;
		}
		delete this.section.dataset.empty;
		this.section.classList.remove('collapsed');
		this.conclusion.append(el('strong', {}, 'Conclusion: '), ...withTerms(spec.conclusion ?? ''));
		for (const s of spec.statements) {
			this.statements.append(termText('li', {}, s));
		}
		if (spec.variants !== undefined) {
			this.statements.append(el('li', {}, this.variantToggles(spec.variants)));
		}
		if (spec.runs !== undefined) {
			// A drawn figure that lacks a part (the firm's fronts): the run that adds it.
			const what = spec.runs;
			const button = el('button', { type: 'button', class: 'secondary run-missing' }, RUN_LABELS[what]);
			button.addEventListener('click', () => this.host.run(what));
			this.statements.append(el('li', {}, button));
		}
		const canvas = el('canvas', {
			tabindex: '0',
			role: 'img',
			'aria-label': `${spec.summary} Use the arrow keys to read the points, or open the data table.`,
		});
		this.body.append(el('div', { class: 'chart-box' }, canvas), legendList(spec, theme));
		attachKeyboard(
			canvas,
			() => this.chart,
			(t) => this.host.announce(t),
		);
		this.chart = createChart(canvas, spec, theme);
		this.tableRegion.append(textTable(spec.title, spec.table.columns, spec.table.rows, withTerms));
		this.toggle.hidden = false;
		this.setTable(this.host.isTableOpen(this.id));
	}

	/** One checkbox per variant, grouped under its approach (whose colour and shape its points share). */
	private variantToggles(variants: NonNullable<FigureSpec['variants']>): HTMLFieldSetElement {
		const box = el('fieldset', { class: 'variants' }, el('legend', {}, 'Variants shown (each in its approach’s colour and shape)'));
		for (const v of variants) {
			const input = el('input', { type: 'checkbox', 'data-variant': v.key });
			input.checked = v.shown;
			input.addEventListener('change', () => this.host.setVariantShown(v.key, input.checked));
			box.append(el('label', { class: 'check' }, input, ...withTerms(`${v.approach}: ${v.variant}`)));
		}
		return box;
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
