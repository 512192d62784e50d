/**
 * Entry of the Collective Fairness language server (dist/server.js): wiring only. Started by the
 * VS Code client over IPC, or by any editor as `node dist/server.js --stdio`. The same bundle,
 * started as a worker thread, runs an audit off the main thread (auditWorker.ts).
 */
import { isMainThread, workerData } from 'node:worker_threads';
import {
	createConnection,
	DidChangeWatchedFilesNotification,
	ProposedFeatures,
	TextDocuments,
	TextDocumentSyncKind,
	type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
	AuditRequest,
	CompareRequest,
	EditRolesCommand,
	ProfileRequest,
	RunProgressNotification,
	SimulateRequest,
	type EditRolesArgs,
} from '../shared/lspProtocol';
import { auditWorkerMain, isAuditWorker } from './auditWorker';
import { resolveCodeLens } from './codeLens';
import { auditRequest, compareRequest, profileRequest, responseError, simulateRequest, type RequestContext } from './requests';
import { Session } from './session';
import { previewRequest } from './preview';
import { PreviewRequest } from '../shared/previewProtocol';
import { SettingsCache } from './settings';
import { stdioTransport } from './stdio';

function startServer(): void {
	let shutdown = false;
	const transport = stdioTransport(process.argv, () => shutdown);
	const connection =
		transport === undefined
			? createConnection(ProposedFeatures.all)
			: createConnection(ProposedFeatures.all, transport.reader, transport.writer);
	connection.onShutdown(() => {
		shutdown = true;
	});
	const documents = new TextDocuments(TextDocument);
	let session: Session | undefined;
	let watchRegistration = false;
	let lensRefresh = false;

	connection.onInitialize((params): InitializeResult => {
		const caps = params.capabilities;
		const settings = new SettingsCache(
			connection,
			caps.workspace?.configuration === true,
			(params.initializationOptions as { settings?: unknown } | undefined)?.settings,
		);
		lensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
		watchRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
		session = new Session(connection, documents, settings, () => lensRefresh);
		const ctx: RequestContext = {
			store: session.store,
			script: __filename,
			settings: (uri) => settings.get(uri),
			log: (line) => connection.console.info(line),
			// Fire and forget: a progress tick needs no answer, and a lost one is replaced 200 ms later.
			runProgress: (p) => void connection.sendNotification(RunProgressNotification.type, p),
		};
		connection.onRequest(ProfileRequest.type, (p, token) =>
			profileRequest(ctx, p, token, connection.window.attachWorkDoneProgress(p.workDoneToken)),
		);
		connection.onRequest(AuditRequest.type, (p, token) =>
			auditRequest(ctx, p, token, connection.window.attachWorkDoneProgress(p.workDoneToken)),
		);
		connection.onRequest(SimulateRequest.type, (p, token) =>
			simulateRequest(ctx, p, token, connection.window.attachWorkDoneProgress(p.workDoneToken)),
		);
		connection.onRequest(CompareRequest.type, (p, token) =>
			compareRequest(ctx, p, token, connection.window.attachWorkDoneProgress(p.workDoneToken)),
		);
		connection.onRequest(PreviewRequest.type, (p, token) => previewRequest(ctx.store, p, token));
		connection.onDidChangeConfiguration((change) => {
			settings.changed(change.settings);
			void session?.settingsChanged();
		});
		return {
			capabilities: {
				textDocumentSync: TextDocumentSyncKind.Incremental,
				hoverProvider: true,
				codeLensProvider: { resolveProvider: true },
				codeActionProvider: { codeActionKinds: ['quickfix'] },
				executeCommandProvider: { commands: [EditRolesCommand.command] },
				workspace: { workspaceFolders: { supported: true } },
			},
			serverInfo: { name: 'collective-fairness' },
		};
	});
	connection.onInitialized(() => {
		if (watchRegistration) {
			void connection.client.register(DidChangeWatchedFilesNotification.type, {
				watchers: [
					{ globPattern: '**/*.{csv,tsv,tab,csv.gz,tsv.gz,parquet,arrow,arrows,feather,ipc}' },
					{ globPattern: '**/*.fairness.json' },
				],
			});
		}
	});
	documents.onDidOpen((e) => void session?.changed(e.document.uri, e.document.version));
	documents.onDidChangeContent((e) => void session?.changed(e.document.uri, e.document.version));
	documents.onDidClose((e) => session?.closed(e.document.uri));
	connection.onDidChangeWatchedFiles((e) => {
		for (const change of e.changes) {
			session?.store.fileChanged(change.uri);
		}
	});
	connection.onHover((p) => session?.hover(p) ?? null);
	connection.onCodeLens((p) => session?.codeLens(p.textDocument.uri) ?? []);
	connection.onCodeLensResolve((lens) => resolveCodeLens(lens));
	connection.onCodeAction((p) => session?.codeActions(p) ?? []);
	connection.onExecuteCommand(async (p) => {
		if (p.command !== EditRolesCommand.command || session === undefined) {
			return null;
		}
		try {
			return await session.editRoles(p.arguments?.[0] as EditRolesArgs);
		} catch (e) {
			void connection.window.showErrorMessage(`Collective Fairness: ${e instanceof Error ? e.message : String(e)}`);
			throw responseError(e);
		}
	});
	documents.listen(connection);
	connection.listen();
}

if (isMainThread) {
	startServer();
} else if (isAuditWorker(workerData)) {
	auditWorkerMain();
}
