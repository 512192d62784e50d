/// <reference lib="dom" />
/**
 * The fairness panel in headless Chromium (playwright-core + Debian's chromium): the built bundle
 * in a page made by the extension's html.ts with its CSP, fed fixture results by postMessage.
 * Skips, saying why, when Chromium or the bundle is missing.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import type { CompareResult } from '../../../src/core/firm/compare';
import { comparisonFromCompare } from '../../../src/shared/comparison';
import { fixture, fixtureResults, panelDataset, panelInit, resultMessages } from '../../support/panelFixtures';
import { drawnPixels, openPanel, ROOT, skipReason, usePanelSession } from '../../webview/harness';

const skip = skipReason();
if (skip !== undefined) {
	console.log(`# skipping the panel's browser tests: ${skip}`);
}

const init = panelInit(panelDataset('synthetic.csv', true), { experiment: 'size', seeds: 3 });
const { minimum, flips, audit } = fixtureResults;
const comparison = fixture('comparison');
/** The firm-side module's own output (CLI compare, 2 seeds), adapted as the extension will. */
const realComparison = comparisonFromCompare(fixture<CompareResult>('compare'));
const round4 = (x: number): string => String(Math.round(x * 10_000) / 10_000);

describe('fairness panel in Chromium', { skip }, () => {
	const session = usePanelSession();

	it('says webview/ready first and shows the dataset name after init', async () => {
		const p = await openPanel(session.browser, session.server);
		const posted = await p.posted();
		assert.equal(posted[0]?.type, 'webview/ready');
		await p.send(init);
		assert.equal(await p.page.textContent('h1'), 'Collective Fairness: synthetic.csv');
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('draws every chart from fixture results, and each table toggle lists the plotted numbers', async () => {
		const p = await openPanel(session.browser, session.server);
		await p.send(init, ...resultMessages(comparison));
		for (const id of ['size', 'success', 'flips', 'knowledge', 'pareto', 'groups']) {
			const pixels = await drawnPixels(p.page, id);
			assert.ok(pixels > 2000, `${id}: ${pixels} drawn pixels`);
		}
		// Size: one row per method and α with the best mean EqOd, then the base model.
		await p.page.click('section[data-figure="size"] .table-toggle');
		assert.equal(await p.page.getAttribute('section[data-figure="size"] .table-toggle', 'aria-expanded'), 'true');
		const sizeRows = await p.page.$$eval('section[data-figure="size"] tbody tr', (trs) =>
			trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')),
		);
		assert.equal(sizeRows.length, minimum.rows.length + 1);
		for (const r of minimum.rows) {
			const label = { 'rb-prob': 'RB-prob', 'rb-label': 'RB-label', 'rb-dist': 'RB-dist', random: 'Random' }[r.method as string];
			const found = sizeRows.find((c) => c[0] === label && c[1] === String(r.alpha));
			assert.ok(found !== undefined, `row ${label} α=${r.alpha}`);
			// An undefined mean is shown with its reason (summaryCells), never as a number.
			assert.equal(found[4], r.eqod.mean === null ? `undefined: ${r.eqod.reason}` : round4(r.eqod.mean));
		}
		// The smallest collective is stated in words.
		const statements = await p.page.textContent('section[data-figure="size"] .statements');
		const reached = minimum.minimum!.find((m) => m.reached)!;
		assert.match(
			statements ?? '',
			new RegExp(`smallest collective reaching EqOd ≤ ${round4(reached.target).replace('.', '\\.')} is α = ${reached.row!.alpha}`),
		);
		// Groups: selection rate, TPR and FPR per group, with the audit's values.
		await p.page.click('section[data-figure="groups"] .table-toggle');
		const groupText = await p.page.textContent('section[data-figure="groups"] tbody');
		for (const g of audit.predictions.groups) {
			for (const e of [g.selectionRate, g.truePositiveRate, g.falsePositiveRate]) {
				assert.ok(groupText?.includes(round4(e!.value!)), `${g.name}: ${e!.value}`);
			}
		}
		// Flips: every M of every method.
		await p.page.click('section[data-figure="flips"] .table-toggle');
		const flipCells = await p.page.$$eval('section[data-figure="flips"] tbody tr', (trs) => trs.length);
		assert.equal(flipCells, flips.rows.length);
		// Pareto: the FARE certificate is stated in words.
		assert.match((await p.page.textContent('section[data-figure="pareto"] .statements')) ?? '', /fare: FARE certifies SPD ≤ 0\.06 /);
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('shows a CSV header like <img src=x onerror=alert(1)> as text', async () => {
		const p = await openPanel(session.browser, session.server);
		let dialogs = 0;
		p.page.on('dialog', (d) => {
			dialogs++;
			void d.dismiss();
		});
		const evil = '<img src=x onerror=alert(1)>';
		// The sensitive column is named by the header, the group by a cell value.
		const hostileAudit = JSON.parse(JSON.stringify(audit)) as {
			roles: { sensitive: string; minority: string };
			predictions: { groups: Array<{ name: string }> };
		};
		hostileAudit.roles.sensitive = evil;
		hostileAudit.roles.minority = `${evil}b`;
		for (const g of hostileAudit.predictions.groups) {
			g.name = g.name === 'minority' ? `${evil}b` : g.name;
		}
		await p.send({ type: 'panel/didInit', params: { ...init.params, dataset: { ...init.params.dataset, label: evil } } });
		await p.send({ type: 'audit/didChange', params: { result: hostileAudit } });
		await p.page.click('section[data-figure="groups"] .table-toggle');
		await p.page.waitForTimeout(200);
		assert.equal(await p.page.locator('img').count(), 0);
		assert.equal(dialogs, 0);
		assert.ok((await p.page.textContent('h1'))?.includes(evil));
		assert.ok((await p.page.textContent('.roles'))?.includes(`Sensitive attribute ${evil}`));
		assert.ok((await p.page.textContent('section[data-figure="groups"] tbody'))?.includes(`${evil}b`));
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('refuses an inline script without the nonce (CSP)', async () => {
		const p = await openPanel(session.browser, session.server, { inline: true });
		// The page's own inline script and one added later are both blocked.
		await p.page.evaluate(() => {
			const s = document.createElement('script');
			s.textContent = 'window.__injectedRan = true;';
			document.body.append(s);
		});
		const flags = await p.page.evaluate(() => ({
			inline: (window as unknown as Record<string, unknown>).__inlineRan,
			injected: (window as unknown as Record<string, unknown>).__injectedRan,
			violations: (window as unknown as { __violations: string[] }).__violations,
		}));
		assert.equal(flags.inline, undefined);
		assert.equal(flags.injected, undefined);
		assert.ok(flags.violations.filter((v) => v.startsWith('script-src')).length >= 2, flags.violations.join('; '));
		// The nonce'd bundle still ran.
		assert.equal((await p.posted())[0]?.type, 'webview/ready');
		await p.page.context().close();
	});

	it('ignores malformed messages and logs them', async () => {
		const p = await openPanel(session.browser, session.server);
		const bad = [
			null,
			42,
			'simulation/didFinish',
			{ type: 'no/such' },
			{ type: 'simulation/didFinish', params: { runId: 5 } },
			{ type: 'audit/didChange', params: { result: { ...audit, predictions: { ...audit.predictions, groups: 'x' } } } },
			{ type: 'simulation/didChange', params: { result: { ...minimum, rows: [{ method: 'rb-prob', alpha: 'NaN' }] } } },
		];
		for (const m of bad) {
			await p.send(m);
		}
		const logs = (await p.posted()).filter((m) => m.type === 'log/write');
		assert.equal(logs.length, bad.length);
		assert.ok(logs.every((l) => l.params.level === 'error' && String(l.params.message).startsWith('ignored a malformed message')));
		assert.ok(p.consoleErrors.length >= bad.length);
		assert.equal(await p.page.locator('section[data-figure="groups"][data-empty="true"]').count(), 1);
		// Still alive: a valid message afterwards is drawn.
		await p.send({ type: 'audit/didChange', params: { result: audit } });
		assert.ok((await drawnPixels(p.page, 'groups')) > 2000);
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});

	it('posts simulation/run with a runId, shows progress, cancels, and restores state after a reload', async () => {
		const p = await openPanel(session.browser, session.server);
		await p.send(init);
		// The run settings are collapsed until asked for; the experiment pick stays visible.
		assert.equal(await p.page.isVisible('input[name="seeds"]'), false);
		await p.page.click('details.settings > summary');
		await p.page.selectOption('select[name="experiment"]', 'flips');
		await p.page.fill('input[name="seeds"]', '4');
		await p.page.click('button[type="submit"]');
		const run = (await p.posted()).find((m) => m.type === 'simulation/run');
		assert.ok(run !== undefined);
		const runId = run.params.runId as string;
		assert.equal((run.params.request as { experiment: string; seeds: number }).experiment, 'flips');
		assert.equal((run.params.request as { seeds: number }).seeds, 4);
		await p.send({ type: 'simulation/didProgress', params: { runId, done: 30, total: 120 } });
		assert.equal(await p.page.evaluate(() => document.querySelector('progress')!.value), 30);
		assert.match((await p.page.textContent('.status')) ?? '', /30 of 120/);
		await p.page.click('button:has-text("Cancel")');
		assert.ok((await p.posted()).some((m) => m.type === 'simulation/cancel' && m.params.runId === runId));
		// A result for another run is not this page's; the right runId is drawn.
		await p.send({ type: 'simulation/didFinish', params: { runId: 'someone-else', result: flips } });
		assert.equal(await p.page.locator('section[data-figure="flips"][data-empty="true"]').count(), 1);
		await p.send({ type: 'simulation/didFinish', params: { runId, result: flips } });
		assert.ok((await drawnPixels(p.page, 'flips')) > 2000);
		await p.page.selectOption('select[name="metric"]', 'spd');
		await p.page.reload();
		// The page keeps only its view choices; the host's result store re-sends the results after the handshake.
		await p.page.waitForFunction(() =>
			(window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'webview/ready'),
		);
		assert.equal(await p.page.locator('section[data-figure="flips"][data-empty="true"]').count(), 1, 'no results kept in the page');
		await p.send({ type: 'results/didChange', params: { results: { simulations: { flips } } } });
		await p.page.waitForFunction(() => document.querySelector('section[data-figure="flips"] canvas') !== null);
		assert.ok((await drawnPixels(p.page, 'flips')) > 2000);
		assert.equal(await p.page.inputValue('select[name="metric"]'), 'spd');
		assert.equal(await p.page.inputValue('input[name="seeds"]'), '4');
		await p.page.context().close();
	});

	it('reads points aloud with the arrow keys, follows theme changes, and takes screenshots', async () => {
		const p = await openPanel(session.browser, session.server, { width: 1000, height: 1150 });
		await p.send({
			...init,
			params: {
				...init.params,
				defaults: {
					experiment: 'minimum',
					alphas: minimum.params.alphas,
					alpha: 0.3,
					flips: 10,
					k: 5,
					knowledge: 'all',
					knowledgeRows: 10,
					seeds: 3,
				},
			},
		});
		await p.send(...resultMessages(realComparison));
		await p.page.focus('section[data-figure="size"] canvas');
		await p.page.keyboard.press('ArrowRight');
		assert.match((await p.page.textContent('.sr-only')) ?? '', /^RB-prob: x 0\.05, y [\d.]+, interval/);
		// The README's screenshots are refreshed on request (CF_SCREENSHOTS=1), so a test run leaves the tree clean.
		const out =
			process.env.CF_SCREENSHOTS === '1' ? path.join(ROOT, 'media', 'screenshots') : mkdtempSync(path.join(tmpdir(), 'cf-shots-'));
		mkdirSync(out, { recursive: true });
		await p.page.evaluate(() => window.scrollTo(0, 0));
		await p.page.screenshot({ path: path.join(out, 'panel-light.png'), fullPage: false });
		await p.page.evaluate(() => document.querySelector('section[data-figure="flips"]')!.scrollIntoView());
		await p.page.screenshot({ path: path.join(out, 'panel-light-flips.png'), fullPage: false });
		const before = await p.page.evaluate(() => {
			(document.querySelector('section[data-figure="size"] canvas') as HTMLCanvasElement & { __old?: boolean }).__old = true;
		});
		void before;
		await p.setTheme('dark');
		await p.page.waitForFunction(
			() =>
				(document.querySelector('section[data-figure="size"] canvas') as (HTMLCanvasElement & { __old?: boolean }) | null)?.__old !== true,
		);
		assert.ok((await drawnPixels(p.page, 'size')) > 2000);
		await p.page.evaluate(() => window.scrollTo(0, 0));
		await p.page.screenshot({ path: path.join(out, 'panel-dark.png'), fullPage: false });
		await p.page.evaluate(() => document.querySelector('section[data-figure="pareto"]')!.scrollIntoView());
		await p.page.screenshot({ path: path.join(out, 'panel-dark-pareto.png'), fullPage: false });
		assert.deepEqual(p.errors, []);
		await p.page.context().close();
	});
});
