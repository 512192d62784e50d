/**
 * A plain LSP client for the tests: spawns `node dist/server.js --stdio` and talks JSON-RPC over
 * its pipes (vscode-jsonrpc), as Neovim or Helix would. It records published diagnostics and
 * lets a test wait for the next set that matches a predicate. The server benchmark (bench/server.ts)
 * drives the server through the same client.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot } from '../../support/datasets';

export const serverScript = join(repoRoot, 'dist', 'server.js');

type Waiter = { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class TestClient {
	readonly connection: MessageConnection;
	readonly diagnostics = new Map<string, Diagnostic[]>();
	private readonly waiters: Waiter[] = [];
	private readonly child: ChildProcess;
	stderr = '';

	/**
	 * @param nodeArgs options for node itself, e.g. a heap limit.
	 * @param script the server bundle (the benchmark passes its own checkout's).
	 */
	constructor(nodeArgs: readonly string[] = [], script: string = serverScript) {
		this.child = spawn(process.execPath, [...nodeArgs, script, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
		this.child.stderr!.on('data', (d: Buffer) => {
			this.stderr += d.toString();
		});
		this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
		this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
			this.diagnostics.set(p.uri, p.diagnostics);
			for (const w of this.waiters.splice(0)) {
				if (w.uri === p.uri && w.predicate(p.diagnostics)) {
					w.resolve(p.diagnostics);
				} else {
					this.waiters.push(w);
				}
			}
		});
		// The server may ask the client to show messages or create progress; answer politely.
		this.connection.onRequest('window/workDoneProgress/create', () => null);
		this.connection.onNotification('window/showMessage', () => undefined);
		this.connection.onNotification('window/logMessage', () => undefined);
		this.connection.onNotification('collectiveFairness/analysisStatus', () => undefined);
		this.connection.onNotification('$/progress', () => undefined);
		this.connection.listen();
	}

	/** The server's process id (the benchmark reads its CPU time). */
	get pid(): number | undefined {
		return this.child.pid;
	}

	async initialize(initializationOptions: unknown = {}): Promise<InitializeResult> {
		const result = await this.connection.sendRequest<InitializeResult>('initialize', {
			processId: process.pid,
			rootUri: null,
			capabilities: { window: { workDoneProgress: true } },
			initializationOptions,
		});
		await this.connection.sendNotification('initialized', {});
		return result;
	}

	open(uri: string, text: string, languageId = 'csv', version = 1): Promise<void> {
		return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
	}

	/** The next published diagnostics for `uri` that satisfy `predicate` (or the current ones, if they do). */
	waitForDiagnostics(
		uri: string,
		predicate: (d: Diagnostic[]) => boolean = () => true,
		timeoutMs = 20_000,
		acceptCurrent = true,
	): Promise<Diagnostic[]> {
		const now = this.diagnostics.get(uri);
		if (acceptCurrent && now !== undefined && predicate(now)) {
			return Promise.resolve(now);
		}
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Error(
							`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri)?.map((d) => d.code))}`,
						),
					),
				timeoutMs,
			);
			this.waiters.push({
				uri,
				predicate,
				resolve: (d) => {
					clearTimeout(timer);
					resolve(d);
				},
			});
		});
	}

	hover(uri: string, line: number, character: number): Promise<{ contents: { kind: string; value: string } } | null> {
		return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
	}

	async stop(): Promise<void> {
		try {
			await this.connection.sendRequest('shutdown');
			await this.connection.sendNotification('exit');
		} catch {
			// already gone
		}
		this.connection.dispose();
		if (this.child.exitCode === null) {
			await new Promise<void>((resolve) => {
				const t = setTimeout(() => {
					this.child.kill();
					resolve();
				}, 2000);
				this.child.once('exit', () => {
					clearTimeout(t);
					resolve();
				});
			});
		}
	}
}

/** A server about files in a fresh temporary folder, as useFolderServer fills it in for a suite. */
export type FolderServer = { client: TestClient; dir: string; file: string; uri: string };

/**
 * The set-up of a suite that asks the server about files on disk, as hooks of the enclosing
 * describe: before its first test, a fresh temporary folder named `prefix`…, filled by `write`
 * (which returns the file the suite is about), and a server, initialized unless the suite checks
 * the initialize answer in a test of its own; after its last, the server stopped and the folder
 * removed. Read the fields inside tests (the before hook sets them).
 */
export function useFolderServer(
	prefix: string,
	write: (dir: string) => string | Promise<string>,
	options: { initialize?: boolean } = {},
): FolderServer {
	const server = {} as FolderServer;
	before(async () => {
		server.dir = mkdtempSync(join(tmpdir(), prefix));
		server.file = await write(server.dir);
		server.uri = pathToFileURL(server.file).href;
		server.client = new TestClient();
		if (options.initialize !== false) {
			await server.client.initialize();
		}
	});
	after(async () => {
		await server.client?.stop();
		rmSync(server.dir, { recursive: true, force: true });
	});
	return server;
}

export function percentile(values: readonly number[], p: number): number {
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
