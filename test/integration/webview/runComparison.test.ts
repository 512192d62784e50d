/// <reference lib="dom" />
/**
 * The Pareto plane's missing part runs from the panel: with the collective drawn and no firm side,
 * a "Run the comparison" button posts comparison/run with the firm chosen in the run settings
 * (aware or blind, logistic or boosting; defaults from the host's panel/didInit), and the firm's
 * fronts arrive as comparison/didChange. Headless Chromium, like panel.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import type { SimulationResult } from '../../../src/shared/model';
import { fixture, openPanel, skipReason, usePanelSession } from '../../webview/harness';

const skip = skipReason();
if (skip !== undefined) {
	console.log(`# skipping the comparison-run browser tests: ${skip}`);
}

const init = (firm?: unknown) => ({
	type: 'panel/didInit',
	params: {
		dataset: { id: 'file:///data/adult.csv', label: 'adult.csv', synthetic: false },
		version: '0.1.0',
		defaults: { experiment: 'flips', seeds: 3 },
		...(firm !== undefined ? { firm } : {}),
	},
});

describe('running the firm-side comparison from the panel', { skip }, () => {
	const session = usePanelSession();

	it('offers the comparison on the Pareto plane and sends the firm chosen in the run settings', async () => {
		const p = await openPanel(session.browser, session.server);
		await p.send(init({ seesSensitiveAttribute: false, model: 'boosting' }));
		await p.send({ type: 'simulation/didChange', params: { result: fixture<SimulationResult>('flips') } });
		const button = 'section[data-figure="pareto"] button.run-missing';
		assert.equal(await p.page.textContent(button), 'Run the comparison');
		// The host's defaults fill the firm settings.
		await p.page.click('details.settings > summary');
		assert.equal(await p.page.inputValue('select[name="firm"]'), 'blind');
		assert.equal(await p.page.inputValue('select[name="model"]'), 'boosting');
		await p.page.click(button);
		let posted = (await p.posted()).filter((m) => m.type === 'comparison/run');
		assert.equal(posted.length, 1);
		assert.deepEqual(posted[0]!.params.firm, { seesSensitiveAttribute: false, model: 'boosting' });
		assert.match((await p.page.textContent('.status')) ?? '', /comparison \(blind firm, boosting\)/);
		// A failure is said in the status line, not silently dropped.
		await p.send({ type: 'comparison/didFail', params: { runId: String(posted[0]!.params.runId), error: 'no roles' } });
		assert.equal(await p.page.textContent('.status'), 'The comparison did not run: no roles');

		// The user changes the firm; the comparison and the simulations both carry it.
		await p.page.selectOption('select[name="firm"]', 'aware');
		await p.page.selectOption('select[name="model"]', 'logistic');
		await p.page.click(button);
		posted = (await p.posted()).filter((m) => m.type === 'comparison/run');
		assert.deepEqual(posted[1]!.params.firm, { seesSensitiveAttribute: true, model: 'logistic' });
		await p.page.click('form.controls button[type="submit"]');
		const run = (await p.posted()).find((m) => m.type === 'simulation/run');
		assert.deepEqual(run?.params.firm, { seesSensitiveAttribute: true, model: 'logistic' });

		// The firm's fronts arrive: drawn, and the button is gone.
		await p.send({ type: 'comparison/didChange', params: { result: fixture('comparison') } });
		assert.equal(await p.page.locator(button).count(), 0);
		assert.ok(((await p.page.textContent('section[data-figure="pareto"] .legend')) ?? '').includes('Firm:'));
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('keeps the firm chosen over the host defaults after a reload', async () => {
		const p = await openPanel(session.browser, session.server);
		await p.send(init({ seesSensitiveAttribute: true, model: 'logistic' }));
		await p.send({ type: 'simulation/didChange', params: { result: fixture<SimulationResult>('flips') } });
		await p.page.click('details.settings > summary');
		await p.page.selectOption('select[name="firm"]', 'blind');
		await p.page.click('section[data-figure="pareto"] button.run-missing');
		await p.page.reload();
		await p.page.waitForFunction(() =>
			(window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'webview/ready'),
		);
		await p.send(init({ seesSensitiveAttribute: true, model: 'logistic' }));
		assert.equal(await p.page.inputValue('select[name="firm"]'), 'blind');
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('refuses a firm choice outside the protocol', async () => {
		const p = await openPanel(session.browser, session.server);
		await p.send(init({ seesSensitiveAttribute: 'yes', model: 'forest' }));
		const logs = (await p.posted()).filter((m) => m.type === 'log/write');
		assert.equal(logs.length, 1);
		assert.match(String(logs[0]!.params.message), /panel\/didInit/);
		await p.page.context().close();
	});
});
