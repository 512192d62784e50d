/// <reference lib="dom" />
/**
 * Issue 14's "done when" in headless Chromium: no error-bar pixel outside the plot area when the
 * intervals are wider than the axis; a unique colour-and-shape pair per legend entry; one Pareto
 * front per firm-side approach (variants folded in); legends that never overlap the plot at 320
 * and 1,200 px; a conclusion on every chart ("not distinguishable at N seeds" when intervals
 * overlap); every jargon term in the panel's text explained by a glossary entry; the scorecard
 * first and the sections that do not apply collapsed. Skips, saying why, without Chromium.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { findTerms, lookup } from '../../../src/shared/glossary';
import type { AuditResult, SeedSummary } from '../../../src/shared/model';
import type { ComparisonResult } from '../../../src/shared/webviewProtocol';
import {
	auditChange,
	elevenFronts,
	fixtureResults,
	panelDataset,
	panelInit,
	resultMessages,
	simulationChange,
	withIntervals,
} from '../../support/panelFixtures';
import { skipReason, type PanelPage, usePanelSession, withPanel } from '../../webview/harness';

const skip = skipReason();
if (skip !== undefined) {
	console.log(`# skipping the readable-charts browser tests: ${skip}`);
}

const realData = panelInit(panelDataset('real.csv', false), { experiment: 'size', seeds: 3 });
const { minimum, flips, audit } = fixtureResults;

/** The audit with its group-rate intervals replaced by [value − spread, value + spread]. */
function auditIntervals(a: AuditResult, spread: number): AuditResult {
	const copy = JSON.parse(JSON.stringify(a)) as {
		predictions: { groups: Array<Record<string, { value: number | null; interval?: { lo: number; hi: number } }>> };
	};
	for (const g of copy.predictions.groups) {
		for (const k of ['selectionRate', 'truePositiveRate', 'falsePositiveRate']) {
			const e = g[k];
			if (e !== undefined && e.value !== null) {
				e.interval = { ...e.interval!, lo: e.value - spread, hi: e.value + spread };
			}
		}
	}
	return copy as unknown as AuditResult;
}

const APPROACHES = ['calibrated-eqodds', 'eqodds-thresholds', 'fare', 'reweighing', 'massaging', 'exponentiated-gradient'];

async function loadAll(p: PanelPage, comparison: ComparisonResult = elevenFronts()): Promise<void> {
	await p.send(realData, ...resultMessages(comparison));
}

/** Canvas pixels that differ from the last snapshot, and how many of them lie outside the plot area. */
function diffOutsidePlot(p: PanelPage, id: string, takeSnapshot: boolean): Promise<{ changed: number; outside: number; plot: string }> {
	return p.page.evaluate(
		({ id, takeSnapshot }) => {
			const canvas = document.querySelector<HTMLCanvasElement>(`section[data-figure="${id}"] canvas`)!;
			const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
			const w = window as unknown as { __snapshot?: Uint8ClampedArray };
			const plot = canvas.dataset.plotArea ?? '';
			if (takeSnapshot) {
				w.__snapshot = data;
				return { changed: 0, outside: 0, plot };
			}
			const scale = canvas.width / canvas.clientWidth;
			const [left, top, right, bottom] = plot.split(',').map((v) => Number(v) * scale) as [number, number, number, number];
			let changed = 0;
			let outside = 0;
			for (let i = 0; i < data.length; i += 4) {
				if (
					data[i] !== w.__snapshot![i] ||
					data[i + 1] !== w.__snapshot![i + 1] ||
					data[i + 2] !== w.__snapshot![i + 2] ||
					data[i + 3] !== w.__snapshot![i + 3]
				) {
					changed++;
					const x = (i / 4) % canvas.width;
					const y = Math.floor(i / 4 / canvas.width);
					if (x < left - 0.5 || x > right + 0.5 || y < top - 0.5 || y > bottom + 0.5) {
						outside++;
					}
				}
			}
			return { changed, outside, plot };
		},
		{ id, takeSnapshot },
	);
}

describe('readable charts in Chromium (issue 14)', { skip }, () => {
	const session = usePanelSession();

	it('draws no error-bar pixel outside the plot area when intervals are wider than the axis', () =>
		withPanel(session, {}, async (p) => {
			await p.send(realData);
			// The same charts twice, with intervals of ±1 (far beyond any axis here) and with none:
			// every pixel that differs is an error bar, and none may fall outside the plot area.
			const cases: Array<{ id: string; wide: unknown; none: unknown }> = [
				{ id: 'flips', wide: simulationChange(withIntervals(flips, 1)), none: simulationChange(withIntervals(flips, 0)) },
				{ id: 'size', wide: simulationChange(withIntervals(minimum, 1)), none: simulationChange(withIntervals(minimum, 0)) },
				{ id: 'groups', wide: auditChange(auditIntervals(audit, 2)), none: auditChange(auditIntervals(audit, 0)) },
			];
			for (const c of cases) {
				await p.send(c.none);
				await diffOutsidePlot(p, c.id, true);
				await p.send(c.wide);
				const d = await diffOutsidePlot(p, c.id, false);
				assert.match(d.plot, /^\d+,\d+,\d+,\d+$/, `${c.id}: the plot area is published`);
				assert.ok(d.changed > 200, `${c.id}: the wide error bars changed ${d.changed} pixels`);
				assert.equal(d.outside, 0, `${c.id}: ${d.outside} of ${d.changed} error-bar pixels outside the plot area ${d.plot}`);
			}
		}));

	it('gives every series on every chart a unique colour-and-shape pair, and one Pareto front per approach', () =>
		withPanel(session, {}, async (p) => {
			await loadAll(p);
			const legends = await p.page.$$eval('section.figure:not([hidden]) .legend', (uls) =>
				uls.map((ul) => ({
					figure: ul.closest('section')!.getAttribute('data-figure')!,
					entries: Array.from(ul.querySelectorAll('li'), (li) => ({
						colour: li.dataset.colour!,
						shape: li.dataset.shape!,
						line: li.dataset.line!,
						label: li.textContent ?? '',
					})),
				})),
			);
			// The fixtures come from synthetic data, so S(α) applies and is drawn too.
			assert.deepEqual(legends.map((l) => l.figure).sort(), ['flips', 'groups', 'knowledge', 'pareto', 'size', 'success']);
			for (const l of legends) {
				const pairs = l.entries.map((e) => `${e.colour}|${e.shape}`);
				assert.equal(
					new Set(pairs).size,
					pairs.length,
					`${l.figure}: ${l.entries.map((e) => `${e.label}=${e.colour}/${e.shape}`).join(', ')}`,
				);
			}
			const pareto = legends.find((l) => l.figure === 'pareto')!;
			const firms = pareto.entries.filter((e) => e.label.startsWith('Firm: ')).map((e) => e.label.slice('Firm: '.length));
			assert.deepEqual(firms.sort(), [...APPROACHES].sort(), 'one series per approach, the variants folded in');
			for (const e of pareto.entries.filter((x) => x.label.startsWith('Firm: ') || x.label.startsWith('Collective'))) {
				assert.equal(e.line, 'solid', `${e.label} is drawn as a front line`);
			}
			// Variants stay visible in the data table's setting column.
			await p.page.click('section[data-figure="pareto"] .table-toggle');
			const settings = await p.page.$$eval('section[data-figure="pareto"] tbody tr', (trs) =>
				trs.map((tr) => tr.children[1]?.textContent ?? ''),
			);
			assert.ok(
				settings.some((s) => s.startsWith('fnr/randomized')),
				settings.slice(0, 5).join(' | '),
			);
		}));

	for (const width of [320, 1200]) {
		it(`keeps every legend off the plot at ${width} px`, () =>
			withPanel(session, { width, height: 900 }, async (p) => {
				await loadAll(p);
				const boxes = await p.page.$$eval('section.figure:not([hidden]):not([data-empty]) canvas', (canvases) =>
					canvases.map((c) => {
						const r = c.getBoundingClientRect();
						const [left, top, right, bottom] = (c.dataset.plotArea ?? '0,0,0,0').split(',').map(Number) as [number, number, number, number];
						const legend = c.closest('section')!.querySelector('.legend')!.getBoundingClientRect();
						return {
							figure: c.closest('section')!.getAttribute('data-figure')!,
							plot: { left: r.left + left, top: r.top + top, right: r.left + right, bottom: r.top + bottom },
							legend: { left: legend.left, top: legend.top, right: legend.right, bottom: legend.bottom },
							viewport: document.documentElement.clientWidth,
						};
					}),
				);
				assert.equal(boxes.length, 6);
				for (const b of boxes) {
					const overlap =
						b.plot.left < b.legend.right && b.legend.left < b.plot.right && b.plot.top < b.legend.bottom && b.legend.top < b.plot.bottom;
					assert.ok(!overlap, `${b.figure} at ${width} px: plot ${JSON.stringify(b.plot)} and legend ${JSON.stringify(b.legend)} overlap`);
					assert.ok(
						b.plot.bottom - b.plot.top >= 120 && b.plot.right - b.plot.left >= Math.min(200, width * 0.6),
						`${b.figure} at ${width} px: the plot keeps its room ${JSON.stringify(b.plot)}`,
					);
					assert.ok(
						b.legend.right <= b.viewport + 1,
						`${b.figure} at ${width} px: the legend fits the width (${b.legend.right} > ${b.viewport})`,
					);
				}
			}));
	}

	it('puts a conclusion computed from the intervals on every chart', () =>
		withPanel(session, {}, async (p) => {
			await loadAll(p);
			const conclusions = await p.page.$$eval('section.figure:not([hidden]) .conclusion', (ps) =>
				ps.map((x) => ({ figure: x.closest('section')!.getAttribute('data-figure')!, text: x.textContent ?? '' })),
			);
			assert.equal(conclusions.length, 6);
			for (const c of conclusions) {
				assert.ok(c.text.startsWith('Conclusion: ') && c.text.length > 60, `${c.figure}: "${c.text}"`);
			}
			const text = (id: string): string => conclusions.find((c) => c.figure === id)!.text;
			assert.match(text('flips'), /RB-prob lowers EqOd the most: 0\.0322 \[0\.03, 0\.0339\] at M = 241 flips/);
			assert.match(text('flips'), /not distinguishable from it at 3 seeds/);
			assert.match(text('size'), /reaches the target EqOd ≤ 0\.0456 with the smallest collective: α = 0\.25/);
			assert.match(text('groups'), /Positive = “label = favourable”/);
			assert.match(text('pareto'), /firm-side points are dominated by a collective point/);
			assert.match(text('knowledge'), /knowing 10 majority rows/);
			// Intervals far wider than the differences: no winner is named, the seeds are.
			await p.send(simulationChange(withIntervals(flips, 0.5)));
			const wide = await p.page.textContent('section[data-figure="flips"] .conclusion');
			assert.match(wide ?? '', /is not distinguishable from it at 3 seeds/);
		}));

	it("explains every jargon term in the panel's text with a glossary entry and a tooltip", () =>
		withPanel(session, {}, async (p) => {
			await loadAll(p);
			await p.page.click('details.settings > summary');
			// Jargon: words with two capitals (EqOd, SPD, TPR, RB-prob, FARE), Greek letters, and the
			// names the issue found unexplained. Each occurrence in visible text must sit in an
			// <abbr class="term"> whose title comes from the glossary.
			const unexplained = await p.page.evaluate(() => {
				const jargon =
					/(?<![\p{L}\p{N}_-])(?:[\p{L}-]*\p{Lu}[\p{L}-]*\p{Lu}[\p{L}-]*|S\(α\)|[α-ω]|k \(neighbours\)|[Kk]nown rows|non-dominated|fare|calibrated-eqodds|eqodds-thresholds|massaging|reweighing|exponentiated-gradient)(?![\p{L}\p{N}_])/gu;
				const out: string[] = [];
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
					const parent = n.parentElement!;
					if (parent.closest('abbr.term, #glossary, option, select, .sr-only, .offscreen, [hidden], h1, .roles') !== null) {
						continue;
					}
					for (const m of (n.textContent ?? '').matchAll(jargon)) {
						out.push(`${m[0]} in "${(n.textContent ?? '').slice(0, 60)}"`);
					}
				}
				return out;
			});
			assert.deepEqual(unexplained, []);
			const titles = await p.page.$$eval('abbr.term', (as) =>
				as.map((a) => ({ term: a.textContent ?? '', title: a.getAttribute('title') ?? '' })),
			);
			assert.ok(titles.length > 50, `${titles.length} explained terms`);
			for (const t of titles) {
				assert.ok(t.title.includes('docs/methods.md §'), `${t.term}: ${t.title}`);
			}
			// Option labels cannot hold markup: their jargon must still have an entry.
			const options = await p.page.$$eval('option', (os) => os.map((o) => o.textContent ?? ''));
			for (const o of options) {
				for (const word of o.match(/[\p{L}-]*\p{Lu}[\p{L}-]*\p{Lu}[\p{L}-]*|α/gu) ?? []) {
					assert.ok(lookup(word) !== undefined || findTerms(word).length > 0, `option "${o}": ${word} has no glossary entry`);
				}
			}
			const body = await p.page.evaluate(() => document.body.innerText);
			assert.match(body, /equalized odds/i);
			assert.match(body, /statistical parity/i);
			// The glossary section lists every term with its formula and docs section.
			await p.page.click('#glossary > summary');
			const entries = await p.page.$$eval('#glossary dd', (dds) => dds.map((d) => d.textContent ?? ''));
			assert.ok(entries.length >= 30 && entries.every((e) => e.includes('docs/methods.md §')));
		}));

	it('opens on the scorecard, keeps the settings collapsed, and collapses what does not apply to one line', () =>
		withPanel(session, { width: 1200, height: 900 }, async (p) => {
			await p.send(realData);
			await p.send(auditChange(audit));
			const layout = await p.page.evaluate(() => {
				const top = (sel: string): number => document.querySelector(sel)!.getBoundingClientRect().top;
				const heights = Array.from(document.querySelectorAll<HTMLElement>('section.figure[data-empty="true"]'), (s) => ({
					id: s.dataset.figure!,
					h: s.getBoundingClientRect().height,
					hidden: s.hidden,
				}));
				return {
					scorecard: top('#scorecard'),
					headline: document.querySelector('#scorecard .headline')!.getBoundingClientRect().bottom,
					settings: top('details.settings'),
					firstFigure: top('section.figure'),
					open: (document.querySelector('details.settings') as HTMLDetailsElement).open,
					heights,
				};
			});
			assert.ok(layout.scorecard < layout.settings && layout.settings < layout.firstFigure, JSON.stringify(layout));
			assert.ok(layout.headline < 900, `the headline disparities end at ${layout.headline} px, above the fold`);
			assert.equal(layout.open, false);
			const card = await p.page.textContent('#scorecard');
			for (const words of [
				'EqOd (equalized odds, average)',
				'SPD (statistical parity difference)',
				'Equal opportunity',
				'Disparate impact',
				'Four-fifths rule: fails',
				'base rate',
				'logistic regression',
			]) {
				assert.ok(card?.includes(words), words);
			}
			// Without counterfactuals S(α) is not shown; the other empty figures are one line with a button.
			const success = layout.heights.find((x) => x.id === 'success');
			assert.equal(success?.hidden, true);
			for (const h of layout.heights.filter((x) => !x.hidden)) {
				assert.ok(h.h < 60, `${h.id}: ${h.h} px high when empty`);
			}
			await p.page.click('section[data-figure="flips"] button.run-empty');
			const run = (await p.posted()).find((m) => m.type === 'simulation/run');
			assert.equal((run?.params.request as { experiment?: string } | undefined)?.experiment, 'flips');
		}));
});

/** A seed summary narrower than its neighbours' keeps the figure's verdict unchanged: used above. */
export type { SeedSummary };
