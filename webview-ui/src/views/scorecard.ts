/**
 * The first thing the panel shows: the audit as a scorecard (shared/scorecard.ts), the per-group
 * table and the headline disparities with their verdicts, the findings, the firm audited and what
 * to run next, each next step a button. Before any audit it is one line with a button.
 */
import { buildScorecard } from '../../../src/shared/scorecard';
import type { AuditResult } from '../../../src/shared/webviewProtocol';
import { clear, el, textTable } from './dom';
import { termText, withTerms } from './terms';

export interface ScorecardActions {
	runAudit(): void;
	runSize(): void;
}

export class ScorecardView {
	readonly section = el('section', { class: 'scorecard', id: 'scorecard', 'aria-label': 'audit scorecard' });

	constructor(private readonly actions: ScorecardActions) {}

	render(audit: AuditResult | undefined): void {
		clear(this.section);
		if (audit === undefined) {
			const button = el('button', { type: 'button', class: 'secondary' }, 'Run the audit');
			button.addEventListener('click', () => this.actions.runAudit());
			this.section.dataset.empty = 'true';
			this.section.append(
				el('h2', {}, 'Audit'),
				el('p', { class: 'empty' }, "No audit yet: it measures how the firm's classifier treats each group. ", button),
			);
			return;
		}
		delete this.section.dataset.empty;
		const card = buildScorecard(audit);
		const headline = el(
			'table',
			{ class: 'data-table headline' },
			el('thead', {}, el('tr', {}, ...['disparity', 'value', 'interval', 'verdict'].map((c) => el('th', { scope: 'col' }, c)))),
			el(
				'tbody',
				{},
				...card.headline.map((h) =>
					el(
						'tr',
						{},
						termText('th', { scope: 'row' }, h.name),
						el('td', {}, h.value),
						el('td', {}, h.interval),
						termText('td', {}, h.verdict),
					),
				),
			),
		);
		const next = el(
			'ul',
			{ class: 'next' },
			...card.next.map((n, i) => {
				const button = el('button', { type: 'button', class: 'secondary' }, i === 0 ? 'Run "size"' : 'How?');
				button.addEventListener('click', () =>
					i === 0
						? this.actions.runSize()
						: button.replaceWith(el('span', { class: 'hint' }, 'Command palette: "Compare with Firm-side Methods".')),
				);
				return el('li', {}, ...withTerms(n), ' ', button);
			}),
		);
		this.section.append(
			termText('h2', {}, card.title),
			termText('p', { class: 'positive' }, card.positive),
			headline,
			el('h3', {}, 'Findings'),
			el('ul', { class: 'findings' }, ...card.findings.map((f) => termText('li', {}, f))),
			el('div', { class: 'table-scroll' }, textTable('Per-group rates', card.groupColumns, card.groupRows, withTerms)),
			termText('p', { class: 'firm hint' }, card.firm),
			el('h3', {}, 'Next'),
			next,
		);
	}
}
