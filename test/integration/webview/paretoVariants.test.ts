/// <reference lib="dom" />
/**
 * The Pareto plane's variants are a toggle, not new series: the engine's comparison (CLI compare,
 * 2 seeds) has six calibrated-eqodds variants drawn in one colour-and-shape; a checkbox per variant
 * takes its points off the plane and out of the data table, the legend keeps one entry per
 * approach, and the choice survives a reload. Headless Chromium, like panel.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { CompareResult } from '../../../src/core/firm/compare';
import { comparisonFromCompare } from '../../../src/shared/comparison';
import type { SimulationResult } from '../../../src/shared/model';
import { fixture, openPanel, skipReason, usePanelSession } from '../../webview/harness';

const skip = skipReason();
if (skip !== undefined) {
	console.log(`# skipping the Pareto variant browser tests: ${skip}`);
}

const init = {
	type: 'panel/didInit',
	params: {
		dataset: { id: 'file:///data/adult.csv', label: 'adult.csv', synthetic: false },
		version: '0.1.0',
		defaults: { experiment: 'flips' },
	},
};
const compare = fixture<CompareResult>('compare');
const comparison = comparisonFromCompare(compare);

async function tableRows(page: Page, series: string): Promise<number> {
	return page.$$eval(
		'section[data-figure="pareto"] tbody tr',
		(trs, name) => trs.filter((tr) => tr.querySelector('td, th')?.textContent === name).length,
		series,
	);
}

describe('Pareto variants as a toggle', { skip }, () => {
	const session = usePanelSession();

	it('offers one toggle per variant and hides its points without adding or removing a series', async () => {
		const p = await openPanel(session.browser, session.server);
		await p.send(init);
		await p.send({ type: 'simulation/didChange', params: { result: fixture<SimulationResult>('flips') } });
		await p.send({ type: 'comparison/didChange', params: { result: comparison } });
		const toggles = await p.page.$$eval('section[data-figure="pareto"] input[data-variant]', (xs) =>
			xs.map((x) => ({ key: x.getAttribute('data-variant'), checked: (x as HTMLInputElement).checked })),
		);
		const variantKeys = comparison.fronts.map((f) => f.approach).filter((a) => /\(.*\)$/.test(a));
		assert.deepEqual(
			toggles.map((t) => t.key),
			variantKeys,
		);
		assert.ok(toggles.every((t) => t.checked));
		assert.ok(variantKeys.filter((k) => k.startsWith('calibrated-eqodds')).length === 6);
		const legend = (): Promise<string[]> =>
			p.page.$$eval('section[data-figure="pareto"] .legend li', (lis) => lis.map((li) => li.textContent ?? ''));
		const legendBefore = await legend();
		assert.equal(legendBefore.filter((l) => l.includes('calibrated-eqodds')).length, 1, legendBefore.join(' | '));
		await p.page.click('section[data-figure="pareto"] .table-toggle');
		const all = await tableRows(p.page, 'firm calibrated-eqodds');
		const fnr = compare.rows.filter((r) => r.approach === 'calibrated-eqodds' && r.variant === 'fnr' && r.error.mean !== null).length;
		assert.ok(fnr > 0);

		await p.page.click('section[data-figure="pareto"] input[data-variant="calibrated-eqodds (fnr)"]');
		assert.equal(await tableRows(p.page, 'firm calibrated-eqodds'), all - fnr);
		assert.deepEqual(await legend(), legendBefore);
		assert.equal(await p.page.isChecked('section[data-figure="pareto"] input[data-variant="calibrated-eqodds (fnr)"]'), false);

		// Kept over a reload (webview state), as the host re-sends the same results.
		await p.page.reload();
		await p.page.waitForFunction(() =>
			(window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'webview/ready'),
		);
		await p.send(init);
		await p.send({
			type: 'results/didChange',
			params: { results: { simulations: { flips: fixture<SimulationResult>('flips') }, comparison } },
		});
		assert.equal(await p.page.isChecked('section[data-figure="pareto"] input[data-variant="calibrated-eqodds (fnr)"]'), false);
		await p.page.click('section[data-figure="pareto"] input[data-variant="calibrated-eqodds (fnr)"]');
		assert.equal(await tableRows(p.page, 'firm calibrated-eqodds'), all);
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});
});
