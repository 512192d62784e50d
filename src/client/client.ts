/**
 * The language client for the extension: starts dist/server.js over IPC for CSV and TSV files.
 * The extension wires it in (starting, stopping, commands, status bar); this module only builds it.
 * Settings are read by the server through workspace/configuration; the `collectiveFairness`
 * section is synchronised so that changes reach it.
 */
import * as path from 'node:path';
import { LanguageClient, TransportKind, type LanguageClientOptions, type Middleware, type ServerOptions } from 'vscode-languageclient/node';
import type * as vscode from 'vscode';

export const CLIENT_ID = 'collectiveFairness';
export const CLIENT_NAME = 'Collective Fairness';

/** Files the server serves, on disk only (the server reads sidecars and large files from disk). */
export const DOCUMENT_SELECTOR = [
	{ scheme: 'file', language: 'csv' },
	{ scheme: 'file', language: 'tsv' },
];

export interface ClientDeps {
	/** The extension's folder (context.extensionPath). */
	readonly extensionPath: string;
	readonly outputChannel?: vscode.OutputChannel;
	/** Where `collectiveFairness.trace.server` writes the message trace (defaults to outputChannel). */
	readonly traceOutputChannel?: vscode.OutputChannel;
	/** The extension's hooks (e.g. role lenses that open the value quick pick). */
	readonly middleware?: Middleware;
}

export function createClient(deps: ClientDeps): LanguageClient {
	const module = path.join(deps.extensionPath, 'dist', 'server.js');
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
	};
	const clientOptions: LanguageClientOptions = {
		documentSelector: DOCUMENT_SELECTOR,
		synchronize: { configurationSection: CLIENT_ID },
		...(deps.outputChannel !== undefined ? { outputChannel: deps.outputChannel } : {}),
		...(deps.traceOutputChannel !== undefined ? { traceOutputChannel: deps.traceOutputChannel } : {}),
		...(deps.middleware !== undefined ? { middleware: deps.middleware } : {}),
	};
	return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
