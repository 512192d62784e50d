/**
 * One Ctx per activation (rust-analyzer's ctx.ts): it owns the language client, the log, the
 * remembered results, the analysis status the server reports, and every disposable
 * (`pushCleanup`). Commands and views get the Ctx and never create these themselves.
 */
import * as vscode from 'vscode';
import type { LanguageClient, Middleware } from 'vscode-languageclient/node';
import {
	WorkDoneProgress,
	type RequestType,
	type WorkDoneProgressBegin,
	type WorkDoneProgressEnd,
	type WorkDoneProgressReport,
} from 'vscode-languageclient/node';
import { createClient } from './client/client';
import {
	AnalysisStatusNotification,
	EditRolesCommand,
	EditRolesRequest,
	RunProgressNotification,
	type AnalysisStatus,
	type EditRolesArgs,
	type EditRolesResult,
	type RunProgress,
} from './shared/lspProtocol';
import { diskResultStore } from './util/results';
import type { ResultStore } from './webview/resultStore';
import { Config } from './config';

/** The server is not running (failed to start, or stopped): commands show this instead of throwing. */
export class ServerDownError extends Error {
	constructor() {
		super('the Collective Fairness language server is not running (see Show Log)');
		this.name = 'ServerDownError';
	}
}

export type { EditRolesResult };

export class Ctx implements vscode.Disposable {
	readonly log: vscode.LogOutputChannel;
	readonly results: ResultStore<vscode.Uri>;
	private client: LanguageClient | undefined;
	private readonly cleanups: vscode.Disposable[] = [];
	private readonly statuses = new Map<string, AnalysisStatus>();
	/** Handlers of the runs in flight, by the work-done token we put in their params. */
	private readonly runProgressHandlers = new Map<string | number, (p: RunProgress) => void>();
	private readonly statusChanged = new vscode.EventEmitter<AnalysisStatus>();
	/** The server reported a new analysis state for a file (parsing, ready with its summary, error). */
	readonly onDidChangeStatus = this.statusChanged.event;
	private readonly rolesChanged = new vscode.EventEmitter<vscode.Uri>();
	/** Roles of a file were written through this extension (file watchers catch the rest). */
	readonly onDidChangeRoles = this.rolesChanged.event;

	constructor(readonly extension: vscode.ExtensionContext) {
		this.log = vscode.window.createOutputChannel('Collective Fairness', { log: true });
		// On disk in the workspace storage (the extension host's machine), not in the browser-side state.
		this.results = diskResultStore(
			vscode.Uri.joinPath(extension.storageUri ?? extension.globalStorageUri, 'results'),
			() => Config.for().resultsKeepPerDataset,
			(m) => this.log.warn(m),
		);
		this.pushCleanup(this.log, this.results, this.statusChanged, this.rolesChanged);
	}

	get version(): string {
		return String((this.extension.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
	}

	get extensionUri(): vscode.Uri {
		return this.extension.extensionUri;
	}

	pushCleanup(...disposables: vscode.Disposable[]): void {
		this.cleanups.push(...disposables);
	}

	/** Starts the language server; failures are logged and leave the commands saying so. */
	async start(middleware: Middleware): Promise<void> {
		const client = createClient({ extensionPath: this.extension.extensionPath, outputChannel: this.log, middleware });
		this.client = client;
		try {
			await client.start();
			this.pushCleanup(
				client.onNotification(AnalysisStatusNotification.type, (s) => {
					this.statuses.set(s.uri, s);
					this.statusChanged.fire(s);
				}),
				client.onNotification(RunProgressNotification.type, (p) => this.runProgressHandlers.get(p.workDoneToken)?.(p)),
			);
			this.log.info('language server started');
		} catch (e) {
			this.client = undefined;
			this.log.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
			void vscode.window.showErrorMessage('Collective Fairness: the language server did not start.', 'Show Log').then((a) => {
				if (a !== undefined) {
					this.log.show();
				}
			});
		}
	}

	get running(): boolean {
		return this.client?.isRunning() === true;
	}

	/** The last analysis state the server reported for a file. */
	status(uri: vscode.Uri): AnalysisStatus | undefined {
		return this.statuses.get(uri.toString());
	}

	private live(): LanguageClient {
		if (this.client === undefined || !this.client.isRunning()) {
			throw new ServerDownError();
		}
		return this.client;
	}

	/** Custom requests sent, by method: the tests check that opening the panel starts no computation. */
	readonly requestCounts = new Map<string, number>();

	/** A custom request; `token` becomes `$/cancelRequest`, which the server turns into an abort. */
	request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R> {
		const client = this.live();
		this.requestCounts.set(type.method, (this.requestCounts.get(type.method) ?? 0) + 1);
		return token !== undefined ? client.sendRequest(type, params, token) : client.sendRequest(type, params);
	}

	/** Work-done progress of a request we started (the token we put in its params). */
	onWorkDone(
		token: string,
		handler: (value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd) => void,
	): vscode.Disposable {
		return this.live().onProgress(WorkDoneProgress.type, token, handler);
	}

	/** Progress of a run we started, as numbers (RunProgressNotification), until disposed. */
	onRunProgress(token: string, handler: (p: RunProgress) => void): vscode.Disposable {
		this.runProgressHandlers.set(token, handler);
		return new vscode.Disposable(() => this.runProgressHandlers.delete(token));
	}

	/** The server writes the sidecar (one writer for every role edit: lenses, quick fixes, commands). */
	async editRoles(args: EditRolesArgs): Promise<EditRolesResult> {
		const result = await this.live().sendRequest(EditRolesRequest.type, { command: EditRolesCommand.command, arguments: [args] });
		this.rolesChanged.fire(vscode.Uri.parse(args.uri));
		return result ?? { sidecar: null, summary: 'no change' };
	}

	async stop(): Promise<void> {
		const client = this.client;
		this.client = undefined;
		if (client !== undefined && client.needsStop()) {
			await client.stop();
		}
	}

	dispose(): void {
		for (const d of this.cleanups.splice(0).reverse()) {
			d.dispose();
		}
	}
}
