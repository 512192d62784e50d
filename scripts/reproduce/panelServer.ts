/**
 * The fairness panel served outside VS Code from a localhost server: the page the extension makes
 * (html.ts, same CSP) with a nonce'd stub of acquireVsCodeApi loaded before main.js, as VS Code's
 * webview host would provide it, and the built bundle (dist/webview). The reproduction's renderer
 * (render.ts) and the webview tests' harness (test/webview/harness.ts) both serve the panel
 * through it, each with its own stub; it imports nothing from the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { panelHtml } from '../../src/webview/html';

/** What one request answers with. */
export interface Served {
	readonly status?: number;
	readonly type: string;
	readonly body: string | Buffer;
}

export interface PanelServerOptions {
	/** The repository root: the bundle is served from its dist/webview. */
	readonly root: string;
	/** The page's nonce, carried by the stub's script tag too. */
	readonly nonce: string;
	/** The script served as /stub.js, run before main.js. */
	readonly stub: string;
	/** The page's title. */
	readonly title: string;
	/** Per request of /panel.html, from its query: the panel's view, and markup placed right before main.js. */
	readonly page?: (query: URLSearchParams) => { readonly view?: 'profile'; readonly beforeMain?: string };
	/** Any other path the caller serves, or undefined for a 404. */
	readonly otherRoute?: (pathname: string) => Served | undefined;
}

export interface PanelServer {
	/** http://127.0.0.1:<port> */
	readonly origin: string;
	close(): Promise<void>;
}

export async function startPanelServer(options: PanelServerOptions): Promise<PanelServer> {
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const served = route(options, url, `http://${req.headers.host ?? ''}`) ?? { status: 404, type: 'text/plain', body: 'not found' };
		res.writeHead(served.status ?? 200, { 'content-type': served.type, 'cache-control': 'no-store' });
		res.end(served.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function route(options: PanelServerOptions, url: URL, origin: string): Served | undefined {
	if (url.pathname === '/panel.html') {
		const { view, beforeMain = '' } = options.page?.(url.searchParams) ?? {};
		const html = panelHtml({
			cspSource: origin,
			scriptUri: `${origin}/dist/webview/main.js`,
			styleUri: `${origin}/dist/webview/main.css`,
			nonce: options.nonce,
			title: options.title,
			...(view === undefined ? {} : { view }),
		});
		// The stub goes before main.js with the page's nonce, as VS Code's own preload would.
		const stubTag = `<script nonce="${options.nonce}" src="${origin}/stub.js"></script>\n`;
		return { type: 'text/html; charset=utf-8', body: html.replace('<script nonce', `${stubTag}${beforeMain}<script nonce`) };
	}
	if (url.pathname === '/stub.js') {
		return { type: 'text/javascript', body: options.stub };
	}
	if (url.pathname.startsWith('/dist/webview/')) {
		// A plain file name only, so that no request reaches outside the bundle's folder.
		const name = path.basename(url.pathname);
		const file = path.join(options.root, 'dist', 'webview', name);
		if (/^[\w.]+$/.test(name) && existsSync(file)) {
			return {
				type: name.endsWith('.css') ? 'text/css' : name.endsWith('.map') ? 'application/json' : 'text/javascript',
				body: readFileSync(file),
			};
		}
		return undefined;
	}
	return options.otherRoute?.(url.pathname);
}
