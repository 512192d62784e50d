/**
 * Waits on the workbench's side-bar views that say what they saw when they time out. A bare
 * `waitForSelector` failure in CI ("Timeout 30000ms exceeded") named neither the awaited text nor
 * what the view showed instead, and the run's screenshots are gone with the CI machine; these
 * helpers put the views' visible text into the error.
 */
import type { Page } from 'playwright-core';

/** The workbench's side bar (the Explorer, the Datasets view), not the panel area below the editors. */
const SIDE_BAR = '.part.sidebar';

/** The visible text of every view pane, one block per pane (what a failure message shows). */
export async function paneTexts(page: Page): Promise<string> {
	const texts = await page
		.locator('.pane-body')
		.evaluateAll((panes) => panes.filter((p) => (p as HTMLElement).offsetParent !== null).map((p) => (p as HTMLElement).innerText));
	return texts.map((t) => t.replace(/\s+/g, ' ').trim().slice(0, 400)).join(' | ');
}

/** Waits until a visible view pane holds every one of `texts`; the error quotes what the panes held. */
export async function waitForPaneText(page: Page, texts: readonly string[], timeoutMs: number): Promise<void> {
	const selector = `.pane-body${texts.map((t) => `:has-text(${JSON.stringify(t)})`).join('')}`;
	try {
		await page.waitForSelector(selector, { timeout: timeoutMs });
	} catch {
		throw new Error(
			`no view pane showed ${texts.map((t) => `"${t}"`).join(' and ')} within ${timeoutMs} ms; the panes held: ${await paneTexts(page)}`,
		);
	}
}

/**
 * Expands the side bar's tree row holding `rowText` until the side bar shows `childText`. Only the
 * side bar: the Problems panel is a view pane too, with its own expanded `applicants.csv` row, and
 * a search over every pane found (and clicked) that one. A row re-rendered by a refresh between
 * finding its twistie and clicking it may not expand, so the row's aria-expanded is checked and
 * the twistie clicked again (never when already expanded).
 */
export async function expandRowUntil(page: Page, rowText: string, childText: string, timeoutMs: number): Promise<void> {
	const end = Date.now() + timeoutMs;
	const row = page.locator(`${SIDE_BAR} .pane-body .monaco-list-row[aria-expanded]`, { hasText: rowText }).first();
	while (Date.now() < end) {
		if ((await row.getAttribute('aria-expanded', { timeout: 5_000 }).catch(() => null)) === 'false') {
			await row
				.locator('.monaco-tl-twistie')
				.click({ timeout: 5_000 })
				.catch(() => undefined);
		}
		if (await page.waitForSelector(`${SIDE_BAR} .pane-body:has-text(${JSON.stringify(childText)})`, { timeout: 2_000 }).catch(() => null)) {
			return;
		}
	}
	const expanded = await row.getAttribute('aria-expanded', { timeout: 1_000 }).catch(() => 'not found');
	throw new Error(
		`the row "${rowText}" (aria-expanded ${expanded}) showed no "${childText}" within ${timeoutMs} ms; the panes held: ${await paneTexts(page)}`,
	);
}
