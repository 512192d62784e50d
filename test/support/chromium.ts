/**
 * Headless Chromium as every browser test runs it (the panel's page tests, code-server's workbench
 * in the editor suites): Debian's binary unless CHROMIUM names another, through playwright-core.
 */
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// No sandbox (the tests run in containers as root), no GPU, and none of the background traffic
// (updates, sync, QUIC probes) that would reach for a network the test machines do not have.
const CHROME_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Launches Chromium; playwright-core is loaded here, so a suite that skips without Chromium never loads it. */
export async function launchChromium(): Promise<Browser> {
	const { chromium } = await import('playwright-core');
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_ARGS });
}
