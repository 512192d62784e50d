/**
 * The panel server of the reproduction's renderer and the webview harness, over HTTP without a
 * browser: the stub is loaded before main.js with the page's nonce, the bundle's files are served
 * by plain name only, and the caller's own routes come after the panel's.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPanelServer, type PanelServer } from '../../../scripts/reproduce/panelServer';

const NONCE = 'cGFuZWwtc2VydmVyLXRlc3Q=';

describe('panel server', () => {
	let root: string;
	let server: PanelServer;
	before(async () => {
		// A stand-in repository whose dist/webview holds a bundle, and a file beside it that must stay unreachable.
		root = mkdtempSync(path.join(os.tmpdir(), 'cf-panel-server-'));
		mkdirSync(path.join(root, 'dist', 'webview'), { recursive: true });
		writeFileSync(path.join(root, 'dist', 'webview', 'main.js'), 'console.log("bundle");');
		writeFileSync(path.join(root, 'dist', 'webview', 'main.css'), 'body {}');
		writeFileSync(path.join(root, 'dist', 'secret.txt'), 'outside the bundle');
		server = await startPanelServer({
			root,
			nonce: NONCE,
			stub: 'window.stubbed = true;',
			title: 'Panel server test',
			page: (query) => (query.get('inline') === '1' ? { beforeMain: '<script>window.inline = true;</script>\n' } : {}),
			otherRoute: (pathname) => (pathname === '/extra.txt' ? { status: 203, type: 'text/plain', body: 'extra' } : undefined),
		});
	});
	after(async () => {
		await server.close();
		rmSync(root, { recursive: true, force: true });
	});

	const get = async (pathname: string): Promise<{ status: number; type: string | null; body: string }> => {
		const response = await fetch(`${server.origin}${pathname}`);
		return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
	};

	it('serves the extension page with the stub before main.js, both with the page nonce', async () => {
		const page = await get('/panel.html');
		assert.equal(page.status, 200);
		assert.equal(page.type, 'text/html; charset=utf-8');
		assert.match(page.body, /<title>Panel server test<\/title>/);
		const stubAt = page.body.indexOf(`<script nonce="${NONCE}" src="${server.origin}/stub.js"></script>`);
		const mainAt = page.body.indexOf(`src="${server.origin}/dist/webview/main.js"`);
		assert.ok(stubAt >= 0 && mainAt > stubAt, 'the stub comes first');
		assert.ok(!page.body.includes('window.inline'), 'no inline script unless asked');
		const inline = await get('/panel.html?inline=1');
		assert.ok(
			inline.body.indexOf('<script>window.inline = true;</script>') > inline.body.indexOf('/stub.js'),
			'the extra markup after the stub',
		);
		assert.equal(await get('/stub.js').then((r) => r.body), 'window.stubbed = true;');
	});

	it('serves the bundle by plain file name, with its type, and nothing outside it', async () => {
		assert.deepEqual(await get('/dist/webview/main.js'), { status: 200, type: 'text/javascript', body: 'console.log("bundle");' });
		assert.equal((await get('/dist/webview/main.css')).type, 'text/css');
		assert.equal((await get('/dist/webview/absent.js')).status, 404);
		assert.equal((await get('/dist/webview/..%2Fsecret.txt')).status, 404);
		assert.equal((await get('/dist/secret.txt')).status, 404);
	});

	it("answers the caller's own routes, and 404 for any other path", async () => {
		assert.deepEqual(await get('/extra.txt'), { status: 203, type: 'text/plain', body: 'extra' });
		assert.deepEqual(await get('/nothing'), { status: 404, type: 'text/plain', body: 'not found' });
	});
});
