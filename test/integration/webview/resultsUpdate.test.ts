/// <reference lib="dom" />
/**
 * The page shows what the host's result store sends (results/didChange) and nothing it kept
 * itself: a second run's results update the open page in place (same page, no reload), and an
 * empty set — the roles were edited, so no stored result is current — clears every figure.
 * Headless Chromium, like panel.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SimulationResult } from '../../../src/shared/model';
import { fixture, fixtureResults, panelDataset, panelInit, simulationChange } from '../../support/panelFixtures';
import { drawnPixels, openPanel, skipReason, usePanelSession, type PanelPage } from '../../webview/harness';

const skip = skipReason();
if (skip !== undefined) {
	console.log(`# skipping the panel's result-store browser tests: ${skip}`);
}

const init = panelInit(panelDataset('synthetic.csv', true), { experiment: 'size', seeds: 3 });
const { minimum, flips, audit } = fixtureResults;
const size = fixture<SimulationResult>('size');
const results = (r: unknown) => ({ type: 'results/didChange', params: { results: r } });
const empty = (figure: string) => `section[data-figure="${figure}"][data-empty="true"]`;

describe("the panel follows the host's result store", { skip }, () => {
	const session = usePanelSession();
	/** A fresh page given to `check`, which must leave no uncaught page error. */
	const withPanel = async (check: (p: PanelPage) => Promise<void>): Promise<void> => {
		const p = await openPanel(session.browser, session.server);
		await check(p);
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	};

	it('updates the open page with a second run, and clears it when no result is current', async () => {
		await withPanel(async (p) => {
			await p.send(init);
			await p.send(results({ simulations: { flips }, audit }));
			assert.ok((await drawnPixels(p.page, 'flips')) > 2000);
			assert.ok((await drawnPixels(p.page, 'groups')) > 2000);
			assert.equal(await p.page.locator(empty('size')).count(), 1);
			// A mark on the page: a re-created or reloaded page would lose it.
			await p.page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));

			// A second run (here the size experiment, from a command) reaches the store, which re-sends the set.
			await p.send(results({ simulations: { flips, size }, audit }));
			assert.ok((await drawnPixels(p.page, 'size')) > 2000);
			assert.ok((await drawnPixels(p.page, 'flips')) > 2000);
			assert.equal(await p.page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage), true);

			// The page's own run merges by the store's rule: minimum replaces size until the store's next set.
			await p.send(simulationChange(minimum));
			assert.ok((await drawnPixels(p.page, 'size')) > 2000, 'the minimum experiment is drawn on the size figure');
			const sizeTable = await p.page.locator('section[data-figure="size"]').innerText();
			await p.send(results({ simulations: { flips, minimum }, audit }));
			assert.equal(await p.page.locator('section[data-figure="size"]').innerText(), sizeTable, 'same figure from the same set');

			// Roles edited: nothing stored is current any more, so nothing stays on the page.
			await p.send(results({ simulations: {} }));
			for (const figure of ['groups', 'size', 'flips']) {
				assert.equal(await p.page.locator(empty(figure)).count(), 1, figure);
			}
			assert.equal(await p.page.textContent('p.roles'), 'No results yet: run the audit or a simulation.');
		});
	});

	it('drops a results message that does not match the protocol', async () => {
		await withPanel(async (p) => {
			await p.send(init);
			await p.send(results({ simulations: { flips } }));
			await p.send(results({ simulations: { flips: { ...flips, rows: 'x' } } }));
			assert.ok((await drawnPixels(p.page, 'flips')) > 2000, 'the last valid set is still drawn');
			const logs = (await p.posted()).filter((m) => m.type === 'log/write');
			assert.equal(logs.length, 1);
			assert.match(String(logs[0]!.params.message), /results\/didChange/);
		});
	});
});
