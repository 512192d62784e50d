/**
 * Figures as PNG, drawn in headless Chromium by the panel itself: the page the extension serves
 * (panelHtml, same CSP) with a stub of acquireVsCodeApi (both from panelServer.ts, as for the
 * webview tests), fed the results as the host would (simulation/didChange, comparison/didChange),
 * then asked for its report images (report/didRequestExport → report/export).
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import type { FigureSpec } from '../../src/shared/figureSpec';
import type { ChartImage, PanelResults } from '../../src/shared/webviewProtocol';
import { startPanelServer } from './panelServer';

const NONCE = 'cmVwcm9kdWNlLW5vbmNlLTE=';
const STUB = `(() => {
	window.__posted = [];
	window.acquireVsCodeApi = () => ({
		postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
		getState: () => undefined,
		setState: (s) => s,
	});
})();`;
const LIGHT: Record<string, string> = {
	'--vscode-foreground': '#3b3b3b',
	'--vscode-editor-background': '#ffffff',
	'--vscode-descriptionForeground': '#5f5f5f',
	'--vscode-panel-border': '#e5e5e5',
	'--vscode-font-family': 'system-ui, sans-serif',
	'--vscode-font-size': '13px',
};

export interface Renderer {
	/** The panel's exported images for these results, by figure id. */
	panel(results: PanelResults): Promise<Map<string, Buffer>>;
	/** FigureSpecs the panel has no slot for, drawn by the same chart code. */
	specs(specs: readonly FigureSpec[]): Promise<Buffer[]>;
	close(): Promise<void>;
}

export async function startRenderer(root: string, figurePageJs: string, chromium: string): Promise<Renderer> {
	const server = await startPanelServer({
		root,
		nonce: NONCE,
		stub: STUB,
		title: 'Fairness: reproduction',
		otherRoute: (pathname) => {
			if (pathname === '/favicon.ico') {
				return { status: 204, type: 'image/x-icon', body: '' };
			}
			if (pathname === '/figures.html') {
				return { type: 'text/html; charset=utf-8', body: '<!DOCTYPE html><html><body><script src="/figures.js"></script></body></html>' };
			}
			return pathname === '/figures.js' ? { type: 'text/javascript', body: readFileSync(figurePageJs) } : undefined;
		},
	});
	const origin = server.origin;
	const { chromium: launcher } = await import('playwright-core');
	const browser: Browser = await launcher.launch({
		executablePath: chromium,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});

	return {
		async panel(results) {
			const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			page.on('response', (r) => {
				if (r.status() >= 400) {
					errors.push(`${r.status()} for ${r.url()}`);
				}
			});
			page.on('console', (m) => {
				if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) {
					errors.push(m.text());
				}
			});
			await page.goto(`${origin}/panel.html`);
			await page.evaluate((vars) => {
				for (const [k, v] of Object.entries(vars)) {
					document.documentElement.style.setProperty(k, v);
				}
				document.body.classList.add('vscode-light');
			}, LIGHT);
			await page.waitForFunction(() =>
				(window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'webview/ready'),
			);
			const messages: unknown[] = Object.values(results.simulations).map((result) => ({
				type: 'simulation/didChange',
				params: { result },
			}));
			if (results.comparison !== undefined) {
				messages.push({ type: 'comparison/didChange', params: { result: results.comparison } });
			}
			messages.push({ type: 'report/didRequestExport', params: {} });
			for (const m of messages) {
				await page.evaluate((msg) => window.postMessage(msg, '*'), m);
				await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
			}
			await page.waitForFunction(() =>
				(window as unknown as { __posted: Array<{ type: string }> }).__posted.some((m) => m.type === 'report/export'),
			);
			const posted = await page.evaluate(
				() => (window as unknown as { __posted: Array<{ type: string; params: { images?: ChartImage[] } }> }).__posted,
			);
			await context.close();
			if (errors.length > 0) {
				throw new Error(`the panel reported: ${errors.join('; ')}`);
			}
			const images = posted.find((m) => m.type === 'report/export')?.params.images ?? [];
			return new Map(images.map((i) => [i.figure, Buffer.from(i.png.slice('data:image/png;base64,'.length), 'base64')]));
		},
		async specs(specs) {
			const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
			await page.goto(`${origin}/figures.html`);
			const urls = await page.evaluate(
				(s) => (window as unknown as { renderSpecs: (x: unknown) => string[] }).renderSpecs(s),
				specs as unknown,
			);
			await page.close();
			return urls.map((u) => Buffer.from(u.slice('data:image/png;base64,'.length), 'base64'));
		},
		async close() {
			await browser.close();
			await server.close();
		},
	};
}
