/**
 * The panel's HTML: a strict CSP, one stylesheet and one nonce'd script, no data. Everything the
 * panel shows arrives by postMessage after `webview/ready`. Free of `vscode` imports so the
 * browser tests build the very same page.
 */
import { randomBytes } from 'node:crypto';

export interface PanelHtmlOptions {
	/** webview.cspSource (in tests: the test server's origin). */
	readonly cspSource: string;
	/** URIs from webview.asWebviewUri of dist/webview/main.js and main.css. */
	readonly scriptUri: string;
	readonly styleUri: string;
	readonly nonce: string;
	/** Page title; escaped. */
	readonly title: string;
	/** Which page the bundle builds: the fairness panel (default) or the profile table. */
	readonly view?: 'panel' | 'profile';
}

/** 128 random bits, base64 (a valid CSP nonce-value). */
export function makeNonce(): string {
	return randomBytes(16).toString('base64');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** For the few strings put into markup (URIs, title): never any CSV data. */
export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
	return [
		`default-src 'none'`,
		`style-src ${cspSource}`,
		`img-src ${cspSource} data:`,
		`script-src 'nonce-${nonce}'`,
		`font-src ${cspSource}`,
	].join('; ');
}

export function panelHtml(o: PanelHtmlOptions): string {
	const csp = contentSecurityPolicy(o.cspSource, o.nonce);
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<div id="app" data-view="${o.view ?? 'panel'}"></div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
