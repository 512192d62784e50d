/**
 * The fairness panel's commands: Open Fairness Panel shows what the result store holds for the
 * dataset (ServerPanelHost in src/webview runs the panel's own audits, simulations and comparison);
 * Export Report… writes the report from the same store (SVG charts drawn on the host).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { defaultReportPath, exportFairnessReport } from '../report/export';
import type { ProfileResult } from '../shared/lspProtocol';
import { buildProfileTable, findingsFromDiagnostics, type ProfileTableView } from '../shared/profileTable';
import { FairnessPanel, summarizeResults, type PanelSnapshot } from '../webview/fairnessPanel';
import { ProfilePanel } from '../webview/profilePanel';
import { registerFairnessPanelSerializer } from '../webview/serializer';
import { ServerPanelHost, type PanelServer } from '../webview/serverPanelHost';
import { NO_RESULTS } from '../shared/panelResults';
import { asArgs, isDatasetUri, rolesOf, targetUri } from '../util/dataset';
import { showError, withServerProgress } from '../util/progress';

/** The extension's side of the panel host: the Ctx's server, log and result store. */
function panelServer(ctx: Ctx): PanelServer {
	return {
		version: ctx.version,
		log: ctx.log,
		results: ctx.results,
		onDidChangeRoles: ctx.onDidChangeRoles,
		request: (type, params, token) => ctx.request(type, params, token),
		withProgress: (title, run, options) => withServerProgress(ctx, title, run, options),
	};
}

/**
 * Profile Dataset's table in the profile page of the panel: the server's profile with each column
 * by group, and the proxy and label-leak findings the server published as diagnostics of the file.
 */
export function showProfile(ctx: Ctx, uri: vscode.Uri, profile: ProfileResult): ProfileTableView {
	const diagnostics = vscode.languages.getDiagnostics(uri).map((d) => {
		const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
		// The language client keeps the server's `data` on the diagnostic; it names the column.
		const column = (d as { data?: { column?: unknown } }).data?.column;
		return { code: code === undefined ? undefined : String(code), message: d.message, ...(typeof column === 'string' ? { column } : {}) };
	});
	const table = buildProfileTable(profile, path.basename(uri.fsPath), findingsFromDiagnostics(diagnostics));
	ProfilePanel.show(ctx.extensionUri, table, (level, text) => ctx.log[level](text));
	return table;
}

/** Restores panels after a reload (activation event onWebviewPanel:collectiveFairness.panel). */
export function registerPanelSerializer(ctx: Ctx): vscode.Disposable {
	return registerFairnessPanelSerializer(ctx.extensionUri, (id) => {
		const uri = vscode.Uri.parse(id);
		return isDatasetUri(uri) ? new ServerPanelHost(panelServer(ctx), uri) : undefined;
	});
}

export interface OpenPanelResult {
	readonly datasetId: string;
	/** Whether the store held current results for the dataset when the panel was opened or revealed. */
	readonly restored: boolean;
	/** What the panel shows: only results matching the data and the roles now (stale ones never). */
	readonly shown: PanelSnapshot['shown'];
	/** False when the dataset's panel was already open and was only revealed (it follows the store by itself). */
	readonly created: boolean;
}

export async function openPanel(ctx: Ctx, arg: unknown): Promise<OpenPanelResult | undefined> {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
		return undefined;
	}
	if ((await rolesOf(uri)) === undefined) {
		const a = await vscode.window.showInformationMessage(
			`${path.basename(uri.fsPath)} has no roles yet: set the sensitive attribute and the label first.`,
			'Set Sensitive Attribute…',
		);
		if (a !== undefined) {
			void vscode.commands.executeCommand('collectiveFairness.setSensitiveAttribute', { uri: uri.toString() });
		}
		return undefined;
	}
	const id = uri.toString();
	const host = new ServerPanelHost(panelServer(ctx), uri);
	const stored = await host.results();
	const existing = FairnessPanel.get(id);
	// An open panel already shows the store's results and re-renders on its changes: revealed, never re-created.
	const panel = existing ?? FairnessPanel.show(ctx.extensionUri, host);
	if (existing !== undefined) {
		existing.panel.reveal();
	}
	return { datasetId: id, restored: stored !== undefined, shown: summarizeResults(stored ?? NO_RESULTS), created: panel !== existing };
}

/** What the dataset's open panel was last sent, for the extension-host tests; undefined when none is open. */
export function panelSnapshot(uri: vscode.Uri): PanelSnapshot | undefined {
	return FairnessPanel.get(uri.toString())?.snapshot();
}

/** Export Report… from the remembered results; `{ uri, target }` skips the save dialog (tests). */
export async function exportReport(ctx: Ctx, arg: unknown): Promise<string[] | undefined> {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
		return undefined;
	}
	const file = path.basename(uri.fsPath);
	// Only results computed under the current data and roles go into a report (never mixed with stale ones).
	const stored = (await ctx.results.current(uri)).fresh;
	if (stored === undefined || (stored.audit === undefined && Object.keys(stored.simulations).length === 0)) {
		void vscode.window.showInformationMessage(
			`${file}: nothing to report for the current roles — run Audit Dataset or Run Collective Simulation… first.`,
		);
		return undefined;
	}
	const host = new ServerPanelHost(panelServer(ctx), uri);
	const given = (asArgs(arg) as { target?: string }).target;
	const target = given ?? (await host.chooseReportPath(defaultReportPath(uri.fsPath)));
	if (target === undefined) {
		return undefined;
	}
	try {
		const written = await exportFairnessReport({
			datasetPath: uri.fsPath,
			version: ctx.version,
			results: stored,
			target,
			protectedPaths: host.protectedPaths,
			createDirectory: true,
		});
		ctx.log.info(`report written to ${written.join(', ')}`);
		void offerToOpen(written);
		return written;
	} catch (e) {
		showError(ctx, `exporting the report of ${file}`, e);
		return undefined;
	}
}

/**
 * "Open" on the report-written message: reveal the report in the Explorer and show its HTML as
 * text beside. openExternal on a file URI does nothing in code-server (the browser cannot open the
 * server's files), so the export is reached through the workbench itself, which works everywhere.
 */
async function offerToOpen(written: readonly string[]): Promise<void> {
	const html = written[0];
	if (html === undefined) {
		return;
	}
	const a = await vscode.window.showInformationMessage(
		`Report written: ${path.basename(html)} (with its data beside it)`,
		'Reveal in Explorer',
		'Open HTML',
	);
	const uri = vscode.Uri.file(html);
	if (a === 'Reveal in Explorer') {
		await vscode.commands.executeCommand('revealInExplorer', uri);
	} else if (a === 'Open HTML') {
		await vscode.window.showTextDocument(uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
	}
}
