/// <reference lib="dom" />
/**
 * The VSIX as a user gets it: installs the packaged extension (npm run package) into a fresh
 * extensions directory with code-server's `--install-extension`, starts code-server on that
 * directory (our source tree is not loaded), then
 *  1. runs the smoke suite of test/exthost-installed in the extension host (its empty harness/ is
 *     the development extension VS Code needs to run tests at all; the extension under test is the
 *     installed one), and
 *  2. drives the workbench like a user: open a CSV from the Explorer, run a command from the
 *     palette, see the server's hover.
 * Stops code-server whatever happens. Usage: node out/test/e2e/vsix.js [file.vsix]
 * (default: collective-fairness-<version>.vsix in the repository). Closing line: `vsix: N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { freshWorkspace, hoverGenderColumn, interesting, launch, openWorkbench, PORT, ROOT } from './workbench';

const TIMEOUT_MS = Number(process.env.EXTHOST_TEST_TIMEOUT_MS ?? 600_000);
const T0 = Date.now();
const log = (s: string): void => console.log(`[vsix ${((Date.now() - T0) / 1000).toFixed(1)}s] ${s}`);
let passed = 0;
let failed = 0;

function check(name: string, ok: boolean, detail = ''): boolean {
	if (ok) {
		passed++;
		log(`PASS ${name}`);
	} else {
		failed++;
		log(`FAIL ${name}${detail !== '' ? `: ${detail}` : ''}`);
	}
	return ok;
}

async function step(name: string, fn: () => Promise<void>): Promise<boolean> {
	try {
		await fn();
		return check(name, true);
	} catch (e) {
		return check(name, false, (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '');
	}
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
const VSIX = path.resolve(process.argv[2] ?? path.join(ROOT, `${manifest.name}-${manifest.version}.vsix`));
const RUN = path.join(ROOT, '.vscode-test', 'code-server-vsix');
const INSTALLED = path.join(RUN, 'ext', `${manifest.publisher}.${manifest.name}-${manifest.version}`);
const TMP = process.env.CS_TMP ?? `/tmp/vsc-${PORT}`;

function sh(...args: string[]): number {
	const env = { ...process.env, CS_PORT: PORT, CS_RUN: RUN, CF_INSTALLED_EXT: INSTALLED };
	return spawnSync('bash', [path.join(ROOT, '.ci', 'code-server.sh'), ...args], { cwd: ROOT, stdio: 'inherit', env }).status ?? 1;
}

/** The extension-host smoke suite; returns its own pass/fail counts. */
async function exthostSuite(browser: Browser): Promise<void> {
	const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
	let summary: [number, number] | undefined;
	let exited: (code: number | string) => void = () => undefined;
	const done = new Promise<number | string>((r) => (exited = r));
	await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
		// eslint-disable-next-line no-control-regex
		const line = format(...(args ?? [])).replace(/\x1b\[[0-9;]*m/g, '');
		const m = /^vsix-exthost: (\d+) passed, (\d+) failed/.exec(line);
		if (m !== null) {
			summary = [Number(m[1]), Number(m[2])];
		} else if (interesting(line)) {
			console.log(line);
		}
	});
	await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
	await openWorkbench(page, {
		folder: freshWorkspace('vsix'),
		devExt: path.join(ROOT, 'test', 'exthost-installed', 'harness'),
		testsPath: path.join(ROOT, 'out', 'test', 'exthost-installed', 'index.js'),
	});
	const code = await Promise.race([done, new Promise<string>((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
	log(`extension host exited with ${code}`);
	await page.close();
	if (summary === undefined) {
		check('extension-host smoke suite reports', false, 'no closing line; see above');
		return;
	}
	passed += summary[0];
	failed += summary[1];
	if (code !== 0 && summary[1] === 0) {
		check('extension-host smoke suite exits 0', false, String(code));
	}
}

/** F1, type the command, wait for it in the list, Enter. */
async function palette(page: Page, text: string): Promise<void> {
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ state: 'visible', timeout: 15_000 });
	await input.fill(`>${text}`);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().waitFor({ timeout: 30_000 });
	await page.keyboard.press('Enter');
}

/** The workbench as a user sees it, with nothing but the installed extension. */
async function uiSteps(browser: Browser): Promise<void> {
	const page = await (await browser.newContext({ viewport: { width: 1400, height: 850 } })).newPage();
	const loaded = await step('ui: the workbench loads', async () => {
		await openWorkbench(page, { folder: freshWorkspace('vsix-ui') });
		await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 120_000 });
	});
	if (!loaded) {
		return;
	}
	await step('ui: opening applicants.csv from the Explorer activates the extension (status bar shows the dialect)', async () => {
		await page.click('.explorer-folders-view .monaco-list-row:has-text("applicants.csv")');
		await page.waitForSelector('.monaco-editor .view-line:has-text("gender")', { timeout: 30_000 });
		await page.waitForSelector('.statusbar-item:has-text(", UTF-8")', { timeout: 120_000 });
	});
	await step('ui: a palette command runs (Collective Fairness: Show Log opens its output)', async () => {
		await palette(page, 'Collective Fairness: Show Log');
		// The Output view's channel picker (a <select>) switches to our channel.
		const shown = await page
			.waitForFunction(
				() =>
					Array.from(document.querySelectorAll('.part.panel select')).some(
						(s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent?.includes('Collective Fairness') === true,
					),
				undefined,
				{ timeout: 30_000 },
			)
			.then(
				() => true,
				() => false,
			);
		if (!shown) {
			const seen = await page.evaluate(
				() =>
					Array.from(document.querySelectorAll('.part.panel select'))
						.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')
						.join(' | ') +
					' // ' +
					((document.querySelector('.part.panel') as HTMLElement | null)?.innerText ?? 'no panel').slice(0, 300),
			);
			throw new Error(`the Output view does not show the Collective Fairness channel (${seen})`);
		}
	});
	await step("ui: the server's hover appears over a column", async () => {
		await page.keyboard.press('Escape');
		await page.click('.monaco-editor .view-line:has-text("gender")');
		await hoverGenderColumn(page, 'male,');
	});
	mkdirSync(path.join(ROOT, '.vscode-test', 'shots'), { recursive: true });
	await page.screenshot({ path: path.join(ROOT, '.vscode-test', 'shots', 'vsix-installed.png') });
}

async function main(): Promise<number> {
	if (!check(`the VSIX exists (${path.relative(ROOT, VSIX)})`, existsSync(VSIX))) {
		return 1;
	}
	rmSync(RUN, { recursive: true, force: true });
	const t = Date.now();
	const installed = sh('install-ext', VSIX) === 0;
	log(`--install-extension took ${((Date.now() - t) / 1000).toFixed(1)} s`);
	if (!check('code-server --install-extension installs it', installed && existsSync(path.join(INSTALLED, 'package.json')), INSTALLED)) {
		return 1;
	}
	check(
		'the installed folder has the bundles and the CLI bin',
		['dist/extension.js', 'dist/server.js', 'dist/cli.js', 'dist/simulationWorker.js'].every((f) => existsSync(path.join(INSTALLED, f))),
	);
	if (!check('code-server starts on the fresh extensions directory', sh('start') === 0)) {
		return 1;
	}
	try {
		// Chromium writes to $HOME/.config and $TMPDIR: keep both inside the run's own directories.
		const home = path.join(RUN, 'home');
		mkdirSync(home, { recursive: true });
		mkdirSync(TMP, { recursive: true });
		process.env.HOME = home;
		process.env.TMPDIR = TMP;
		const browser = await launch();
		try {
			await exthostSuite(browser);
			await uiSteps(browser);
		} finally {
			await browser.close();
		}
	} finally {
		sh('stop');
	}
	return failed > 0 ? 1 : 0;
}

main().then(
	(code) => {
		console.log(`vsix: ${passed} passed, ${failed} failed`);
		process.exit(code);
	},
	(e: unknown) => {
		console.error(e);
		console.log(`vsix: ${passed} passed, ${failed + 1} failed`);
		process.exit(2);
	},
);
