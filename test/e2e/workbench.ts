/// <reference lib="dom" />
/**
 * Opening code-server's VS Code workbench in headless Chromium (playwright-core), with our
 * extension loaded unpackaged as a development extension and, for the extension-host suite, the
 * mocha entry as extensionTestsPath (the @vscode/test-electron model, in code-server). The
 * development options are patched into the page's workbench configuration before any script reads
 * it (rewriting the page with page.route breaks the remote connection).
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../../..');
export const PORT = process.env.CS_PORT ?? '8123';
export { launchChromium as launch } from '../support/chromium';

/**
 * Runs an editor suite's main and exits with its code; when main throws, prints the error and the
 * closing line CI reads (`NAME: 0 passed, 1 failed`) and exits 2.
 */
export function runSuite(name: string, main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		(e: unknown) => {
			console.error(e);
			console.log(`${name}: 0 passed, 1 failed`);
			process.exit(2);
		},
	);
}

/**
 * A fresh copy of test/fixtures/ws for one suite, so sidecars the tests write never touch the
 * fixtures. A new path each run: VS Code keys the workspace state (our remembered results) by folder.
 */
export function freshWorkspace(name: string): string {
	const base = path.join(ROOT, '.vscode-test');
	mkdirSync(base, { recursive: true });
	for (const old of readdirSync(base).filter((d) => d.startsWith(`ws-${name}-`))) {
		rmSync(path.join(base, old), { recursive: true, force: true });
	}
	const dir = path.join(base, `ws-${name}-${Date.now().toString(36)}`);
	cpSync(path.join(ROOT, 'test', 'fixtures', 'ws'), dir, { recursive: true });
	return dir;
}

export interface WorkbenchOptions {
	readonly folder: string;
	readonly devExt?: string;
	readonly testsPath?: string;
}

export async function openWorkbench(page: Page, o: WorkbenchOptions): Promise<void> {
	if (o.devExt !== undefined || o.testsPath !== undefined) {
		await page.addInitScript(
			({ devExt, testsPath }: { devExt: string | null; testsPath: string | null }) => {
				const orig = Element.prototype.getAttribute;
				Element.prototype.getAttribute = function (this: Element, name: string): string | null {
					const v = orig.call(this, name);
					if (name !== 'data-settings' || this.id !== 'vscode-workbench-web-configuration' || v === null) {
						return v;
					}
					const cfg = JSON.parse(v) as { developmentOptions?: Record<string, unknown> };
					const remote = (p: string): Record<string, string> => ({ scheme: 'vscode-remote', authority: location.host, path: p });
					cfg.developmentOptions = { ...cfg.developmentOptions };
					if (devExt !== null) {
						cfg.developmentOptions['extensions'] = [remote(devExt)];
					}
					if (testsPath !== null) {
						cfg.developmentOptions['extensionTestsPath'] = remote(testsPath);
					}
					return JSON.stringify(cfg);
				};
			},
			{ devExt: o.devExt ?? null, testsPath: o.testsPath ?? null },
		);
	}
	await page.goto(`http://127.0.0.1:${PORT}/?folder=${encodeURIComponent(o.folder)}`);
}

/** Lines of the workbench's console worth showing (the rest is start-up noise). */
export function interesting(line: string): boolean {
	return !/^(Resolv|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|%c)/.test(line);
}

/**
 * Hovers the first editor line containing `lineText` until the server's hover for the `gender`
 * column appears (hovers need a small mouse movement, and the server may still be parsing).
 */
export async function hoverGenderColumn(page: Page, lineText: string): Promise<void> {
	const line = page.locator('.monaco-editor .view-line', { hasText: lineText }).first();
	const box = await line.boundingBox();
	if (box === null) {
		throw new Error('no data line');
	}
	for (let i = 0; i < 30; i++) {
		await page.mouse.move(box.x + 12, box.y + box.height / 2);
		await page.waitForTimeout(200);
		await page.mouse.move(box.x + 16, box.y + box.height / 2);
		if (
			await page.waitForSelector('.monaco-hover:has-text("gender"):has-text("rows")', { timeout: 2000 }).then(
				() => true,
				() => false,
			)
		) {
			return;
		}
		await page.mouse.move(0, 0);
	}
	throw new Error('no hover');
}
