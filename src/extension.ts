/**
 * Extension entry: wiring only (docs/conventions.md, rule 3). The Ctx owns the client, log, results and every
 * disposable; the commands come from one table; the views and the panel serializer are created
 * here; the server starts last, in the background, so activation never waits on it (commands
 * that need it wait in the client, or say it is down). The returned API is what the
 * extension-host tests read (the view's content, the status bar text).
 */
import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { panelSnapshot, registerPanelSerializer } from './commands/panel';
import { Ctx } from './ctx';
import { DatasetsTree, type DatasetSnapshot } from './views/datasetsTree';
import { ActiveDatasetStatus } from './views/statusBar';
import { DataPreviewProvider } from './preview/dataPreview';
import type { PanelSnapshot } from './webview/fairnessPanel';

export interface CollectiveFairnessApi {
	/** The Datasets view as text. */
	datasets(): Promise<DatasetSnapshot[]>;
	/** The status bar item's text and whether the active file has roles, after an update. */
	status(): Promise<{ text: string; hasRoles: boolean }>;
	/** Whether the language server is running. */
	serverRunning(): boolean;
	/** Custom requests sent to the server so far, by method (e.g. collectiveFairness/audit). */
	requestCounts(): Record<string, number>;
	/** Drops the remembered results from memory and reads them from disk again, as a restart does. */
	reloadResults(): Promise<void>;
	/** The folder the results are kept in (under the extension's workspace storage). */
	resultsFolder(): string;
	/** The HTML of the read-only preview open for a Parquet/Arrow file, once rendered (undefined after the timeout). */
	preview(uri: vscode.Uri, timeoutMs?: number): Promise<string | undefined>;
	/** The open fairness panel of a dataset: which panel object, and what it was last sent. */
	panel(uri: vscode.Uri): PanelSnapshot | undefined;
}

let current: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): CollectiveFairnessApi {
	const ctx = new Ctx(context);
	current = ctx;
	context.subscriptions.push(ctx);
	const tree = new DatasetsTree(ctx);
	const status = new ActiveDatasetStatus(ctx);
	const preview = new DataPreviewProvider(ctx);
	ctx.pushCleanup(tree, status, preview, registerPanelSerializer(ctx));
	registerCommands(ctx, { tree });
	ctx.log.info(`Collective Fairness ${ctx.version} activated`);
	// No client middleware: the server's one roles lens already names the client's Change Roles… command.
	void ctx.start({});
	return {
		datasets: () => tree.snapshot(),
		status: async () => {
			await status.update();
			return { text: status.text, hasRoles: status.activeHasRoles };
		},
		serverRunning: () => ctx.running,
		requestCounts: () => Object.fromEntries(ctx.requestCounts),
		reloadResults: async () => {
			await ctx.results.reload();
			await tree.refresh();
		},
		resultsFolder: () => ctx.results.folder,
		preview: (uri, timeoutMs) => preview.html(uri, timeoutMs),
		panel: (uri) => panelSnapshot(uri),
	};
}

/** Stops the language server; VS Code waits for the returned promise. */
export function deactivate(): Promise<void> | undefined {
	const ctx = current;
	current = undefined;
	return ctx?.stop();
}
