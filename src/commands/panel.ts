/**
 * The fairness panel's host side (src/webview) over the language server: ServerPanelHost runs the
 * panel's audits, simulations and comparison as server requests, and remembers their results per
 * dataset. Open Fairness Panel shows those results; Export Report… writes the report from them
 * (SVG charts drawn on the host; the panel's own Export button embeds its PNGs instead).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import { sidecarPathFor } from '../shared/sidecarPath';
import { defaultReportPath, exportFairnessReport } from '../report/export';
import { AuditRequest, CompareRequest, ErrorCodes, SimulateRequest, type ProfileResult } from '../shared/lspProtocol';
import { buildProfileTable, findingsFromDiagnostics, type ProfileTableView } from '../shared/profileTable';
import type { AuditResult, Sidecar, SimulationProgress, SimulationResult } from '../shared/model';
import type { ComparisonResult, FirmChoice, PanelDataset, SimulationRequest } from '../shared/webviewProtocol';
import { comparisonFromCompare } from '../shared/comparison';
import { FairnessPanel } from '../webview/fairnessPanel';
import { ProfilePanel } from '../webview/profilePanel';
import type { CancellationLike, PanelHost } from '../webview/panelHost';
import { registerFairnessPanelSerializer } from '../webview/serializer';
import { asArgs, isDatasetUri, looksSynthetic, rolesOf, targetUri } from '../util/dataset';
import { showError, withServerProgress } from '../util/progress';

/** A vscode token following the panel's (the panel hands us a structural one). */
function linked(token: CancellationLike): vscode.CancellationTokenSource {
	const cts = new vscode.CancellationTokenSource();
	if (token.isCancellationRequested) {
		cts.cancel();
	}
	const sub = token.onCancellationRequested(() => cts.cancel());
	const dispose = cts.dispose.bind(cts);
	cts.dispose = () => {
		sub.dispose();
		dispose();
	};
	return cts;
}

function abortError(): Error {
	const e = new Error('cancelled');
	e.name = 'AbortError';
	return e;
}

export class ServerPanelHost implements PanelHost {
	readonly dataset: PanelDataset;
	readonly datasetPath: string;
	readonly protectedPaths: readonly string[];
	readonly version: string;
	readonly defaults: SimulationRequest;

	constructor(
		private readonly ctx: Ctx,
		private readonly uri: vscode.Uri,
	) {
		this.dataset = { id: uri.toString(), label: path.basename(uri.fsPath), synthetic: looksSynthetic(uri) };
		this.datasetPath = uri.fsPath;
		this.protectedPaths = [uri.fsPath, sidecarPathFor(uri.fsPath)];
		this.version = ctx.version;
		const d = Config.for(uri).simulation;
		this.defaults = { experiment: d.experiment, alphas: d.alphas, alpha: d.alpha, methods: d.methods, seeds: d.seeds };
	}

	async firmDefaults(): Promise<Required<FirmChoice>> {
		const sidecar = await rolesOf(this.uri);
		const settings = vscode.workspace.getConfiguration('collectiveFairness', this.uri);
		// The roles decide first, then the settings (as the language server resolves them).
		const sees = sidecar?.features?.includeSensitive ?? settings.get<boolean>('firm.seesSensitiveAttribute', true);
		const model = (sidecar as { model?: { kind?: unknown } } | undefined)?.model?.kind ?? settings.get<string>('firm.model', 'logistic');
		return { seesSensitiveAttribute: sees, model: model === 'boosting' ? 'boosting' : 'logistic' };
	}

	/** What a run sends to change the firm from its defaults: roles with the awareness, and the learner. */
	private async firmOverrides(firm: FirmChoice | undefined): Promise<{ roles?: Sidecar; model?: 'logistic' | 'boosting' }> {
		if (firm === undefined) {
			return {};
		}
		const d = await this.firmDefaults();
		const sidecar = await rolesOf(this.uri);
		const aware = firm.seesSensitiveAttribute;
		return {
			...(aware !== undefined && aware !== d.seesSensitiveAttribute && sidecar !== undefined
				? { roles: { ...sidecar, features: { ...sidecar.features, includeSensitive: aware } } }
				: {}),
			...(firm.model !== undefined && firm.model !== d.model ? { model: firm.model } : {}),
		};
	}

	async audit(token: CancellationLike): Promise<AuditResult> {
		const cts = linked(token);
		try {
			const resamples = Config.for(this.uri).auditResamples;
			// Asked for in the panel (never started by opening it): logged like every other run.
			this.ctx.log.info(`panel: audit of ${this.dataset.label} (${resamples} resamples)`);
			const started = Date.now();
			const result = await this.ctx.request(AuditRequest.type, { uri: this.uri.toString(), resamples }, cts.token);
			this.ctx.log.info(`panel: audit of ${this.dataset.label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			await this.ctx.results.setAudit(this.uri, result);
			return result;
		} finally {
			cts.dispose();
		}
	}

	async runSimulation(
		request: SimulationRequest,
		token: CancellationLike,
		onProgress: (p: SimulationProgress) => void,
		firm?: FirmChoice,
	): Promise<SimulationResult> {
		const cts = linked(token);
		try {
			const { roles, model } = await this.firmOverrides(firm);
			const params = model !== undefined ? { ...request, model: { kind: model } } : request;
			// A window progress (status bar spinner): the panel shows its own progress bar.
			const run = await withServerProgress(
				this.ctx,
				`Collective simulation (${request.experiment}) on ${this.dataset.label}`,
				(r) =>
					this.ctx.request(
						SimulateRequest.type,
						{ uri: this.uri.toString(), params, workDoneToken: r.workDoneToken, ...(roles !== undefined ? { roles } : {}) },
						r.token,
					),
				{ cancellation: cts.token, onProgress, notification: false },
			);
			if (run.cancelled) {
				throw abortError();
			}
			await this.ctx.results.addSimulation(this.uri, run.value);
			return run.value;
		} finally {
			cts.dispose();
		}
	}

	async compare(token: CancellationLike, firm?: FirmChoice): Promise<ComparisonResult | undefined> {
		const cts = linked(token);
		try {
			const { roles, model } = await this.firmOverrides(firm);
			const chosen = `${firm?.seesSensitiveAttribute === false ? 'blind' : 'aware'} firm, ${firm?.model ?? 'default learner'}`;
			this.ctx.log.info(`panel: firm-side comparison of ${this.dataset.label} (${chosen})`);
			const value = (await this.ctx.request(
				CompareRequest.type,
				{
					uri: this.uri.toString(),
					...(roles !== undefined ? { roles } : {}),
					// The panel draws the collective from its own simulations: the comparison runs the firm side only.
					input: { includeCollective: false, ...(model !== undefined ? { firm: { model: { kind: model } } } : {}) },
				},
				cts.token,
			)) as Parameters<typeof comparisonFromCompare>[0] | null;
			if (value === null || typeof value !== 'object' || !Array.isArray(value.rows)) {
				return undefined;
			}
			const comparison = comparisonFromCompare(value);
			await this.ctx.results.setComparison(this.uri, comparison);
			return comparison;
		} catch (e) {
			// Not wired into the server yet: the panel simply has no firm-side fronts.
			if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === ErrorCodes.NotAvailable) {
				this.ctx.log.info(`panel: firm-side comparison not available yet (${(e as Error).message})`);
				return undefined;
			}
			throw e;
		} finally {
			cts.dispose();
		}
	}

	async chooseReportPath(suggested: string): Promise<string | undefined> {
		const uri = await vscode.window.showSaveDialog({
			defaultUri: vscode.Uri.file(suggested),
			filters: { 'HTML report': ['html'] },
			title: 'Export fairness report',
		});
		return uri?.fsPath;
	}

	log(level: 'info' | 'warn' | 'error', message: string): void {
		this.ctx.log[level](message);
	}
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
		return isDatasetUri(uri) ? new ServerPanelHost(ctx, uri) : undefined;
	});
}

export interface OpenPanelResult {
	readonly datasetId: string;
	readonly restored: boolean;
	/** What the panel was given: only results matching the data and the roles now (stale ones never). */
	readonly shown?: { readonly audit: boolean; readonly simulations: readonly string[]; readonly comparison: boolean };
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
	const existing = FairnessPanel.get(id);
	const refresh = (asArgs(arg) as { refresh?: boolean }).refresh === true;
	if (existing !== undefined && !refresh) {
		existing.panel.reveal();
		return { datasetId: id, restored: false };
	}
	const column = existing?.panel.viewColumn ?? vscode.ViewColumn.Beside;
	existing?.dispose();
	const host = new ServerPanelHost(ctx, uri);
	const stored = (await ctx.results.current(uri)).fresh;
	if (stored === undefined) {
		FairnessPanel.show(ctx.extensionUri, host, { simulations: {} }, column);
		return { datasetId: id, restored: false, shown: { audit: false, simulations: [], comparison: false } };
	}
	FairnessPanel.show(
		ctx.extensionUri,
		host,
		{
			simulations: stored.simulations,
			...(stored.audit !== undefined ? { audit: stored.audit } : {}),
			...(stored.comparison !== undefined ? { comparison: stored.comparison } : {}),
		},
		column,
	);
	return {
		datasetId: id,
		restored: true,
		shown: { audit: stored.audit !== undefined, simulations: Object.keys(stored.simulations), comparison: stored.comparison !== undefined },
	};
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
	const host = new ServerPanelHost(ctx, uri);
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
