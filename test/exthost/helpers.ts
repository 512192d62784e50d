/** Helpers of the extension-host suite: wait on a condition (never a fixed sleep), run our commands, read hovers. */
import * as vscode from 'vscode';

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
	what: string,
	probe: () => T | undefined | false | Promise<T | undefined | false>,
	timeoutMs = 60_000,
): Promise<T> {
	const end = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const v = await probe();
			if (v !== undefined && v !== false) {
				return v;
			}
		} catch (e) {
			last = e;
		}
		if (Date.now() > end) {
			throw new Error(`timed out waiting for: ${what}${last !== undefined ? ` (last error: ${String(last)})` : ''}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
}

export function exec<T = unknown>(name: string, ...args: unknown[]): Promise<T | undefined> {
	return Promise.resolve(vscode.commands.executeCommand<T | undefined>(`collectiveFairness.${name}`, ...args));
}

/** All hover text at a position (MarkdownString keeps its text in `value`). */
export async function hoverText(uri: vscode.Uri, pos: vscode.Position): Promise<string> {
	const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, pos);
	return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}
