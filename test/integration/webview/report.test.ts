/// <reference lib="dom" />
/**
 * The exported report, end to end: the panel renders its charts to PNG and posts them; the host's
 * report builder puts them in a self-contained HTML file; that file opens in Chromium with every
 * chart drawn (decoded, non-empty images) and no CSP violation. The CLI's variant (no panel, SVG
 * charts from the same figure specs) is checked the same way.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { CompareResult } from '../../../src/core/firm/compare';
import type { AuditResult, SimulationResult } from '../../../src/shared/model';
import type { ChartImage, PanelResults } from '../../../src/shared/webviewProtocol';
import { sha256File } from '../../../src/report/hash';
import { buildReport } from '../../../src/report/report';
import { writeReportFiles } from '../../../src/report/write';
import { comparisonFromCompare } from '../../../src/shared/comparison';
import { launchChromium } from '../../support/chromium';
import { fixture, openPanel, ROOT, skipReason, startServer, type PanelServer } from '../../webview/harness';

const skip = skipReason();
const DATASET = path.join(ROOT, 'samples', 'synthetic.csv');
const results: PanelResults = {
	simulations: {
		minimum: fixture<SimulationResult>('minimum'),
		flips: fixture<SimulationResult>('flips'),
		knowledge: fixture<SimulationResult>('knowledge'),
	},
	audit: fixture<AuditResult>('audit'),
	comparison: comparisonFromCompare(fixture<CompareResult>('compare')),
};

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(dataUrl: string): { width: number; height: number } {
	const bytes = Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64');
	assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
	assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('exported report in Chromium', { skip }, () => {
	let browser: Browser;
	let server: PanelServer;
	let dir: string;
	before(async () => {
		browser = await launchChromium();
		server = await startServer();
		dir = mkdtempSync(path.join(tmpdir(), 'cf-report-'));
	});
	after(async () => {
		await browser?.close();
		await server?.close();
		if (dir !== undefined) {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	async function assertOpens(file: string, figures: number): Promise<void> {
		const page = await (await browser.newContext()).newPage();
		const violations: string[] = [];
		page.on('console', (m) => {
			if (/Content Security Policy/i.test(m.text())) {
				violations.push(m.text());
			}
		});
		await page.goto(pathToFileURL(file).href);
		await page.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
		const images = await page.evaluate(() =>
			Array.from(document.images, (i) => ({ w: i.naturalWidth, h: i.naturalHeight, src: i.src.slice(0, 22) })),
		);
		assert.equal(images.length, figures);
		for (const i of images) {
			assert.ok(i.w > 0 && i.h > 0, `image ${i.src} decoded to ${i.w}×${i.h}`);
		}
		assert.deepEqual(violations, []);
		assert.equal(await page.locator('script').count(), 0);
		await page.context().close();
	}

	it('the panel exports its charts, and the report opens with every chart drawn', async () => {
		const p = await openPanel(browser, server);
		for (const [, r] of Object.entries(results.simulations)) {
			await p.send({ type: 'simulation/didChange', params: { result: r } });
		}
		await p.send({ type: 'audit/didChange', params: { result: results.audit } });
		await p.send({ type: 'comparison/didChange', params: { result: results.comparison } });
		await p.page.click('button:has-text("Export report")');
		const exported = (await p.posted()).find((m) => m.type === 'report/export');
		assert.ok(exported !== undefined);
		const images = exported.params.images as ChartImage[];
		assert.deepEqual(
			images.map((i) => i.figure),
			['groups', 'size', 'flips', 'pareto', 'knowledge', 'success'],
		);
		for (const i of images) {
			const size = pngSize(i.png);
			assert.ok(size.width >= 900 && size.height >= 460, `${i.figure}: ${size.width}×${size.height}`);
		}
		// The extension's Export Report command asks the page, which answers the same way.
		await p.send({ type: 'report/didRequestExport', params: {} });
		assert.equal((await p.posted()).filter((m) => m.type === 'report/export').length, 2);
		await p.page.context().close();

		const sha256 = await sha256File(DATASET);
		const files = buildReport({
			dataset: { label: 'synthetic.csv', sha256 },
			version: '0.1.0',
			date: new Date('2026-11-29T00:00:00Z'),
			results,
			metric: 'eqod',
			images,
		});
		const written = await writeReportFiles(path.join(dir, 'synthetic.fairness-report.html'), files, [DATASET]);
		assert.deepEqual(
			written.map((f) => path.basename(f)),
			['synthetic.fairness-report.html', 'synthetic.fairness-report.rows.json', 'synthetic.fairness-report.rows.csv'],
		);
		const html = readFileSync(written[0]!, 'utf8');
		assert.ok(html.includes(sha256) && html.includes('0.1.0') && html.includes('2026-11-29T00:00:00.000Z'));
		// One report: the panel's export and the command's (no images) write the same document.
		assert.equal(
			html,
			buildReport({
				dataset: { label: 'synthetic.csv', sha256 },
				version: '0.1.0',
				date: new Date('2026-11-29T00:00:00Z'),
				results,
				metric: 'eqod',
			}).html,
		);
		await assertOpens(written[0]!, 6);
		// The README shows the report's first page (refreshed on request, CF_SCREENSHOTS=1).
		if (process.env.CF_SCREENSHOTS === '1') {
			const page = await (await browser.newContext({ viewport: { width: 1000, height: 1150 } })).newPage();
			await page.goto(pathToFileURL(written[0]!).href);
			await page.screenshot({ path: path.join(ROOT, 'media', 'screenshots', 'report-first-page.png') });
			await page.context().close();
		}
	});

	it('without a panel (the CLI), the report draws every chart as SVG from the same data', async () => {
		const files = buildReport({
			dataset: { label: 'synthetic.csv', sha256: 'abc' },
			version: '0.1.0',
			date: new Date(),
			results,
			metric: 'spd',
		});
		const [html] = await writeReportFiles(path.join(dir, 'cli-report.html'), files, [DATASET]);
		assert.ok(readFileSync(html!, 'utf8').includes('SVG drawn from the same figure data as the panel'));
		await assertOpens(html!, 6);
	});
});
