/// <reference lib="dom" />
/**
 * Headless-Chromium harness for the fairness panel: serves the built bundle (dist/webview) from a
 * localhost server, with the page made by the extension's own html.ts (same CSP) plus a nonce'd
 * stub of acquireVsCodeApi placed before main.js, as VS Code's webview host would provide it.
 * Lives outside test/unit so `node --test out/test/unit/` does not run it as a test file.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startPanelServer, type PanelServer } from '../../scripts/reproduce/panelServer';
import { CHROMIUM, launchChromium } from '../support/chromium';
import { repoRoot } from '../support/datasets';

// The repository root found from package.json, so the bundle of `npm run test:one` finds dist/ too.
export const ROOT = repoRoot;
export const BUNDLE = path.join(ROOT, 'dist', 'webview', 'main.js');
export const NONCE = 'dGVzdC1ub25jZS0xMjM0NQ==';

/** Why the browser tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
	if (!existsSync(CHROMIUM)) {
		return `no Chromium at ${CHROMIUM} (set CHROMIUM or apt-get install chromium)`;
	}
	if (!existsSync(BUNDLE)) {
		return `no webview bundle at ${BUNDLE} (run npm run build)`;
	}
	return undefined;
}

export { fixture } from '../support/panelFixtures';
export type { PanelServer };

/**
 * The stub: records posted messages, keeps state in sessionStorage (so a reload restores it like
 * VS Code's getState), refuses a second acquireVsCodeApi like VS Code, and records CSP violations.
 */
const STUB = `(() => {
	window.__posted = [];
	window.__violations = [];
	document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
	let acquired = false;
	window.acquireVsCodeApi = () => {
		if (acquired) { throw new Error('An instance of the VS Code API has already been acquired'); }
		acquired = true;
		return {
			postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
			getState: () => { const s = sessionStorage.getItem('vscode-state'); return s === null ? undefined : JSON.parse(s); },
			setState: (s) => { sessionStorage.setItem('vscode-state', JSON.stringify(s)); return s; },
		};
	};
})();`;

export const LIGHT: Record<string, string> = {
	'--vscode-foreground': '#3b3b3b',
	'--vscode-editor-background': '#ffffff',
	'--vscode-descriptionForeground': '#5f5f5f',
	'--vscode-panel-border': '#e5e5e5',
	'--vscode-button-background': '#005fb8',
	'--vscode-button-foreground': '#ffffff',
	'--vscode-button-hoverBackground': '#0258a8',
	'--vscode-button-secondaryBackground': '#e5e5e5',
	'--vscode-button-secondaryForeground': '#3b3b3b',
	'--vscode-input-background': '#ffffff',
	'--vscode-input-foreground': '#3b3b3b',
	'--vscode-input-border': '#cecece',
	'--vscode-focusBorder': '#005fb8',
	'--vscode-errorForeground': '#f85149',
	'--vscode-editorWarning-foreground': '#bf8803',
	'--vscode-font-family': 'system-ui, sans-serif',
	'--vscode-font-size': '13px',
};
export const DARK: Record<string, string> = {
	...LIGHT,
	'--vscode-foreground': '#cccccc',
	'--vscode-editor-background': '#1f1f1f',
	'--vscode-descriptionForeground': '#9d9d9d',
	'--vscode-panel-border': '#2b2b2b',
	'--vscode-button-background': '#0078d4',
	'--vscode-button-secondaryBackground': '#313131',
	'--vscode-button-secondaryForeground': '#cccccc',
	'--vscode-input-background': '#313131',
	'--vscode-input-foreground': '#cccccc',
	'--vscode-input-border': '#3c3c3c',
	'--vscode-focusBorder': '#0078d4',
	'--vscode-editorWarning-foreground': '#cca700',
};

/** Serves /panel.html (?view=profile for the profile view, ?inline=1 adds an inline script without the nonce) and the bundle. */
export function startServer(): Promise<PanelServer> {
	return startPanelServer({
		root: ROOT,
		nonce: NONCE,
		stub: STUB,
		title: 'Fairness: test',
		page: (query) => ({
			...(query.get('view') === 'profile' ? { view: 'profile' as const } : {}),
			...(query.get('inline') === '1' ? { beforeMain: '<script>window.__inlineRan = true;</script>\n' } : {}),
		}),
	});
}

/**
 * One Chromium and one panel server for the enclosing describe block: started before its first
 * test, closed after its last. Read the fields inside tests (they are set by the before hook).
 */
export function usePanelSession(): { browser: Browser; server: PanelServer } {
	const session = {} as { browser: Browser; server: PanelServer };
	before(async () => {
		session.browser = await launchChromium();
		session.server = await startServer();
	});
	after(async () => {
		await session.browser?.close();
		await session.server?.close();
	});
	return session;
}

export interface PanelPage {
	readonly page: Page;
	readonly errors: string[];
	readonly consoleErrors: string[];
	/** Posts each message as the host would, one after the other. */
	send(...messages: unknown[]): Promise<void>;
	posted(): Promise<Array<{ type: string; params: Record<string, unknown> }>>;
	setTheme(kind: 'light' | 'dark'): Promise<void>;
}

export type PanelOptions = { inline?: boolean; width?: number; height?: number; view?: 'profile' };

export async function openPanel(browser: Browser, server: PanelServer, options: PanelOptions = {}): Promise<PanelPage> {
	const context = await browser.newContext({ viewport: { width: options.width ?? 1100, height: options.height ?? 900 } });
	const page = await context.newPage();
	const errors: string[] = [];
	const consoleErrors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error') {
			consoleErrors.push(m.text());
		}
	});
	const panel: PanelPage = {
		page,
		errors,
		consoleErrors,
		send: async (...messages) => {
			for (const message of messages) {
				await page.evaluate((m) => window.postMessage(m, '*'), message);
				// postMessage is asynchronous; one round trip through the event loop delivers it.
				await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
			}
		},
		posted: () =>
			page.evaluate(() => (window as unknown as { __posted: Array<{ type: string; params: Record<string, unknown> }> }).__posted),
		setTheme: async (kind) => {
			await page.evaluate(
				({ vars, kind }) => {
					for (const [k, v] of Object.entries(vars)) {
						document.documentElement.style.setProperty(k, v);
					}
					document.body.classList.remove('vscode-light', 'vscode-dark');
					document.body.classList.add(`vscode-${kind}`);
				},
				{ vars: kind === 'dark' ? DARK : LIGHT, kind },
			);
		},
	};
	const query = new URLSearchParams({
		...(options.inline === true ? { inline: '1' } : {}),
		...(options.view !== undefined ? { view: options.view } : {}),
	});
	await page.goto(`${server.origin}/panel.html${query.size > 0 ? `?${query.toString()}` : ''}`);
	await panel.setTheme('light');
	await page.waitForFunction(
		() => (window as unknown as { __posted?: Array<{ type: string }> }).__posted?.some((m) => m.type === 'webview/ready') === true,
	);
	return panel;
}

/**
 * One test's own panel: opened in the session's browser at `options`, handed to `check`, then required to have
 * thrown no uncaught page error, and closed.
 */
export async function withPanel(
	session: { browser: Browser; server: PanelServer },
	options: PanelOptions,
	check: (p: PanelPage) => Promise<void>,
): Promise<void> {
	const p = await openPanel(session.browser, session.server, options);
	await check(p);
	assert.deepEqual(p.errors, []);
	await p.page.context().close();
}

/** Pixels of a canvas that are not fully transparent (0 for a blank canvas). */
export function drawnPixels(page: Page, figure: string): Promise<number> {
	return page.evaluate((id) => {
		const canvas = document.querySelector<HTMLCanvasElement>(`section[data-figure="${id}"] canvas`);
		if (canvas === null) {
			return -1;
		}
		const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
		let n = 0;
		for (let i = 3; i < data.length; i += 4) {
			n += data[i]! > 0 ? 1 : 0;
		}
		return n;
	}, figure);
}
