/**
 * The fairness panel's host over the language server: runs the panel's audits, simulations and
 * comparison as server requests and stores their results in the one result store, whose current
 * results (matching the data and roles now) are what the panel shows. It gets what it needs from
 * the extension as a {@link PanelServer}, so the panel's message path stays in src/webview.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RequestType } from 'vscode-languageclient/node';
import { Config } from '../config';
import { abortError } from '../shared/abort';
import { sidecarPathFor } from '../shared/sidecarPath';
import { AuditRequest, CompareRequest, ErrorCodes, SimulateRequest } from '../shared/lspProtocol';
import type { AuditResult, Sidecar, SimulationProgress, SimulationResult } from '../shared/model';
import type { ComparisonResult, FirmChoice, PanelDataset, PanelResults, SimulationRequest } from '../shared/webviewProtocol';
import { comparisonFromCompare } from '../shared/comparison';
import { looksSynthetic, rolesOf } from '../util/dataset';
import type { ProgressOptions, ProgressRun, RunOutcome } from '../util/progress';
import type { CancellationLike, PanelHost } from './panelHost';
import type { ResultStore } from './resultStore';

/** What the panel's host needs from the extension (the Ctx provides it): the server, the log, the store. */
export interface PanelServer {
	readonly version: string;
	readonly log: Pick<vscode.LogOutputChannel, 'info' | 'warn' | 'error'>;
	readonly results: ResultStore<vscode.Uri>;
	/** Roles written through the extension (the server's editRoles): what is current may have changed. */
	readonly onDidChangeRoles: vscode.Event<vscode.Uri>;
	request<P, R>(type: RequestType<P, R, void>, params: P, token?: vscode.CancellationToken): Promise<R>;
	/** A request under a progress indicator with the server's run progress (withServerProgress). */
	withProgress<R>(title: string, run: (r: ProgressRun) => Promise<R>, options?: ProgressOptions): Promise<RunOutcome<R>>;
}

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

export class ServerPanelHost implements PanelHost {
	readonly dataset: PanelDataset;
	readonly datasetPath: string;
	readonly protectedPaths: readonly string[];
	readonly version: string;
	readonly defaults: SimulationRequest;

	constructor(
		private readonly server: PanelServer,
		private readonly uri: vscode.Uri,
	) {
		this.dataset = { id: uri.toString(), label: path.basename(uri.fsPath), synthetic: looksSynthetic(uri) };
		this.datasetPath = uri.fsPath;
		this.protectedPaths = [uri.fsPath, sidecarPathFor(uri.fsPath)];
		this.version = server.version;
		const d = Config.for(uri).simulation;
		this.defaults = { experiment: d.experiment, alphas: d.alphas, alpha: d.alpha, methods: d.methods, seeds: d.seeds };
	}

	/** The store's results still matching the data and the roles: never a result from other roles. */
	async results(): Promise<PanelResults | undefined> {
		return (await this.server.results.current(this.uri)).fresh;
	}

	/**
	 * A run stored, and anything that changes which stored results are current: roles edited through
	 * the extension, or the CSV or its sidecar changed on disk by anything else.
	 */
	onDidChangeResults(listener: () => void): { dispose(): void } {
		const mine = (uri: string): void => {
			if (uri === this.dataset.id) {
				listener();
			}
		};
		const subscriptions: Array<{ dispose(): unknown }> = [
			this.server.results.onDidChange(mine),
			this.server.onDidChangeRoles((uri) => mine(uri.toString())),
		];
		const folder = vscode.Uri.file(path.dirname(this.datasetPath));
		for (const file of this.protectedPaths) {
			const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, path.basename(file)));
			subscriptions.push(watcher, watcher.onDidChange(listener), watcher.onDidCreate(listener), watcher.onDidDelete(listener));
		}
		return {
			dispose: () => {
				for (const s of subscriptions.splice(0)) {
					s.dispose();
				}
			},
		};
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
			this.server.log.info(`panel: audit of ${this.dataset.label} (${resamples} resamples)`);
			const started = Date.now();
			const startedWith = await this.server.results.provenance(this.uri);
			const result = await this.server.request(AuditRequest.type, { uri: this.uri.toString(), resamples }, cts.token);
			this.server.log.info(`panel: audit of ${this.dataset.label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			await this.server.results.setAudit(this.uri, result, startedWith);
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
			const startedWith = await this.server.results.provenance(this.uri);
			// A window progress (status bar spinner): the panel shows its own progress bar.
			const run = await this.server.withProgress(
				`Collective simulation (${request.experiment}) on ${this.dataset.label}`,
				(r) =>
					this.server.request(
						SimulateRequest.type,
						{ uri: this.uri.toString(), params, workDoneToken: r.workDoneToken, ...(roles !== undefined ? { roles } : {}) },
						r.token,
					),
				{ cancellation: cts.token, onProgress, notification: false },
			);
			if (run.cancelled) {
				throw abortError();
			}
			await this.server.results.addSimulation(this.uri, run.value, startedWith);
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
			this.server.log.info(`panel: firm-side comparison of ${this.dataset.label} (${chosen})`);
			const startedWith = await this.server.results.provenance(this.uri);
			const value = (await this.server.request(
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
			await this.server.results.setComparison(this.uri, comparison, startedWith);
			return comparison;
		} catch (e) {
			// Not wired into the server yet: the panel simply has no firm-side fronts.
			if (typeof e === 'object' && e !== null && (e as { code?: unknown }).code === ErrorCodes.NotAvailable) {
				this.server.log.info(`panel: firm-side comparison not available yet (${(e as Error).message})`);
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
		this.server.log[level](message);
	}
}
