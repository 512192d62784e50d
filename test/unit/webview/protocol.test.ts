/**
 * The panel protocol without a browser: validators accept what the engine produces and reject
 * what it does not; the messenger queues until `webview/ready` and drops malformed messages; the
 * page carries the strict CSP with its nonce.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompareResult } from '../../../src/core/firm/compare';
import type { HostMessage, WebviewMessage } from '../../../src/shared/webviewProtocol';
import {
	isComparisonResult,
	isHostMessage,
	isPanelResults,
	isSimulationRequest,
	isWebviewMessage,
} from '../../../src/shared/webviewValidate';
import { comparisonFromCompare } from '../../../src/shared/comparison';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../../src/webview/html';
import { Messenger, type MessageTarget } from '../../../src/webview/messenger';
import { datasetIdOf } from '../../../src/webview/savedState';
import { fixture } from '../../support/panelFixtures';

describe('webview protocol validators', () => {
	it("accept the engine's own results", () => {
		for (const name of ['size', 'minimum', 'flips', 'knowledge']) {
			assert.ok(isHostMessage({ type: 'simulation/didChange', params: { result: fixture(name) } }), name);
		}
		assert.ok(isHostMessage({ type: 'audit/didChange', params: { result: fixture('audit') } }));
		assert.ok(isHostMessage({ type: 'comparison/didChange', params: { result: fixture('comparison') } }));
		const adapted = comparisonFromCompare(fixture<CompareResult>('compare'));
		assert.ok(isComparisonResult(adapted));
		assert.ok(adapted.fronts.some((f) => f.certificate !== undefined && f.certificate.metric === 'spd'));
		assert.ok(isPanelResults({ simulations: { size: fixture('size') }, audit: fixture('audit') }));
	});

	it('reject unknown types, wrong params, NaN, and oversized requests', () => {
		const bad: unknown[] = [
			null,
			[],
			'webview/ready',
			{ type: 'webview/ready' },
			{ type: 'webview/ready', params: { protocol: 2 } },
			{ type: 'x', params: {} },
			{ type: 'simulation/run', params: { runId: '', request: { experiment: 'size' } } },
			{ type: 'simulation/run', params: { runId: 'r', request: { experiment: 'size', seeds: 1e6 } } },
			{ type: 'simulation/run', params: { runId: 'r', request: { experiment: 'size', alphas: [0.1, Number.NaN] } } },
			{ type: 'simulation/run', params: { runId: 'r', request: { experiment: 'nope' } } },
			{ type: 'report/export', params: { metric: 'eqod', images: [{ figure: 'size', png: 'data:text/html;base64,PHNjcmlwdD4=' }] } },
			{ type: 'report/export', params: { metric: 'bogus', images: [] } },
		];
		for (const b of bad) {
			assert.equal(isWebviewMessage(b), false, JSON.stringify(b));
		}
		assert.ok(
			isWebviewMessage({
				type: 'simulation/run',
				params: { runId: 'r1', request: { experiment: 'flips', alpha: 0.3, methods: ['rb-prob'], knowledge: 10 } },
			}),
		);
		assert.equal(isSimulationRequest({ experiment: 'size', methods: ['rb-prob', 'gradient-descent'] }), false);
		const broken = JSON.parse(JSON.stringify(fixture('flips'))) as { rows: Array<{ eqod: unknown }> };
		broken.rows[0]!.eqod = { mean: 0.1 };
		assert.equal(isHostMessage({ type: 'simulation/didChange', params: { result: broken } }), false);
	});
});

class FakeWebview implements MessageTarget {
	readonly sent: unknown[] = [];
	private listener: ((m: unknown) => void) | undefined;
	postMessage(m: unknown): PromiseLike<boolean> {
		this.sent.push(m);
		return Promise.resolve(true);
	}
	onDidReceiveMessage(listener: (m: unknown) => void): { dispose(): void } {
		this.listener = listener;
		return {
			dispose: () => {
				this.listener = undefined;
			},
		};
	}
	receive(m: unknown): void {
		this.listener?.(m);
	}
}

describe('messenger', () => {
	it('queues until webview/ready, then flushes in order; drops malformed input with a warning', async () => {
		const web = new FakeWebview();
		const got: WebviewMessage[] = [];
		const warnings: string[] = [];
		const m = new Messenger(web, (msg) => got.push(msg), { warn: (t) => warnings.push(t) });
		const first: HostMessage = { type: 'simulation/didProgress', params: { runId: 'a', done: 1, total: 2 } };
		const second: HostMessage = { type: 'audit/didFail', params: { runId: 'a', error: 'x' } };
		assert.equal(await m.post(first), false);
		await m.post(second);
		assert.deepEqual(web.sent, []);
		web.receive({ type: 'simulation/run', params: { runId: 'a' } });
		assert.equal(warnings.length, 1);
		assert.equal(got.length, 0);
		web.receive({ type: 'webview/ready', params: { protocol: 1 } });
		assert.deepEqual(web.sent, [first, second]);
		assert.equal(got[0]?.type, 'webview/ready');
		assert.equal(await m.post(first), true);
		m.reset();
		await m.post(second);
		assert.equal(web.sent.length, 3);
		m.dispose();
	});
});

describe('panel html', () => {
	it("has the strict CSP with a fresh nonce, one nonce'd script and no inline code", () => {
		const nonce = makeNonce();
		assert.notEqual(nonce, makeNonce());
		const html = panelHtml({
			cspSource: 'https://x.vscode-cdn.net',
			scriptUri: 'https://x/main.js',
			styleUri: 'https://x/main.css',
			nonce,
			title: '<b>t</b>',
		});
		assert.ok(html.includes(contentSecurityPolicy('https://x.vscode-cdn.net', nonce).replaceAll("'", '&#39;')));
		assert.equal(contentSecurityPolicy('S', 'N'), "default-src 'none'; style-src S; img-src S data:; script-src 'nonce-N'; font-src S");
		assert.equal(html.match(/<script/g)?.length, 1);
		assert.ok(html.includes(`<script nonce="${nonce}" src="https://x/main.js"></script>`));
		assert.ok(html.includes('&lt;b&gt;t&lt;/b&gt;'));
		assert.ok(!/style=/.test(html));
	});

	it('the serializer finds the dataset in the saved state', () => {
		assert.equal(datasetIdOf({ v: 1, dataset: { id: 'file:///a.csv' } }), 'file:///a.csv');
		assert.equal(datasetIdOf(undefined), undefined);
		assert.equal(datasetIdOf({ dataset: { id: 3 } }), undefined);
	});
});
