/**
 * The one handle on the VS Code webview API. acquireVsCodeApi may be called only once per page,
 * so it is called here, lazily, and every send is typed with the shared protocol.
 */
import type { WebviewMessage } from '../../src/shared/webviewProtocol';

interface VsCodeApi {
	postMessage(message: unknown): void;
	getState(): unknown;
	setState<T>(state: T): T;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

function get(): VsCodeApi {
	api ??= acquireVsCodeApi();
	return api;
}

export function post(message: WebviewMessage): void {
	get().postMessage(message);
}

export function getState(): unknown {
	return get().getState();
}

export function setState<T>(state: T): void {
	get().setState(state);
}

/** Console plus the host's log: a problem in the webview is otherwise invisible to the user. */
export function log(level: 'info' | 'warn' | 'error', message: string): void {
	(level === 'error' ? console.error : level === 'warn' ? console.warn : console.info)(`[fairness panel] ${message}`);
	post({ type: 'log/write', params: { level, message } });
}
