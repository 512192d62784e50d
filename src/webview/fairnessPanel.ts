/**
 * The fairness panel, host side: one panel per dataset (keyed by the dataset id), created or
 * revealed by show, revived by the serializer, and disposed with everything it owns.
 * It orchestrates only: runs go to the PanelHost (the language client), exports go to src/report,
 * and what the webview shows is what the result store holds (PanelHost.results), sent after the
 * ready handshake and again on every change of the store: an open panel is updated, never re-created.
 */
import * as vscode from 'vscode';
import { isAbortError } from '../shared/abort';
import { NO_RESULTS } from '../shared/panelResults';
import type { FairnessMetric, FirmChoice, PanelResults, SimulationRequest, WebviewMessage } from '../shared/webviewProtocol';
import { sha256File } from '../report/hash';
import { defaultReportPath, exportFairnessReport } from '../report/export';
import { makeNonce, panelHtml } from './html';
import { Messenger } from './messenger';
import type { PanelHost } from './panelHost';

/** Progress messages at most this often: a refit can take a millisecond. */
const PROGRESS_INTERVAL_MS = 100;

/** What an open panel was last sent (the extension-host tests read it through the extension's API). */
export interface PanelSnapshot {
	/** Which panel object this is: a panel re-created for the same dataset has another serial. */
	readonly serial: number;
	readonly shown: { readonly audit: boolean; readonly simulations: readonly string[]; readonly comparison: boolean };
}

export function summarizeResults(results: PanelResults): PanelSnapshot['shown'] {
	return {
		audit: results.audit !== undefined,
		simulations: Object.keys(results.simulations).sort(),
		comparison: results.comparison !== undefined,
	};
}

export class FairnessPanel {
	static readonly viewType = 'collectiveFairness.panel';
	private static readonly panels = new Map<string, FairnessPanel>();
	private static created = 0;

	private readonly messenger: Messenger;
	private readonly disposables: vscode.Disposable[] = [];
	private readonly runs = new Map<string, vscode.CancellationTokenSource>();
	private sha256: string | undefined;
	private disposed = false;
	readonly serial = ++FairnessPanel.created;
	/** What the webview was last sent; results/didChange requests are numbered so a slow one never overwrites a newer one. */
	private shown: PanelSnapshot['shown'] = summarizeResults(NO_RESULTS);
	private resultsAsked = 0;

	/**
	 * Opens the dataset's panel, showing what the result store holds for it, or reveals it if it
	 * is already open. The one way a panel is created, apart from the serializer's revive after a reload.
	 */
	static show(extensionUri: vscode.Uri, host: PanelHost, column: vscode.ViewColumn = vscode.ViewColumn.Beside): FairnessPanel {
		const existing = FairnessPanel.panels.get(host.dataset.id);
		if (existing !== undefined) {
			existing.panel.reveal(column);
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(
			FairnessPanel.viewType,
			`Fairness: ${host.dataset.label}`,
			column,
			FairnessPanel.options(extensionUri),
		);
		return new FairnessPanel(panel, extensionUri, host);
	}

	/**
	 * Called by the serializer after a reload. The results come from the store (kept on disk), not
	 * from the webview's saved state, which holds only view choices.
	 */
	static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, host: PanelHost): FairnessPanel {
		panel.webview.options = FairnessPanel.options(extensionUri);
		return new FairnessPanel(panel, extensionUri, host);
	}

	static get(datasetId: string): FairnessPanel | undefined {
		return FairnessPanel.panels.get(datasetId);
	}

	snapshot(): PanelSnapshot {
		return { serial: this.serial, shown: this.shown };
	}

	/** Scripts on; resources only from the built webview and media (docs/conventions.md, rule 6). */
	private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
		return {
			enableScripts: true,
			localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
		};
	}

	private constructor(
		readonly panel: vscode.WebviewPanel,
		extensionUri: vscode.Uri,
		private readonly host: PanelHost,
	) {
		FairnessPanel.panels.set(host.dataset.id, this);
		const webview = panel.webview;
		this.messenger = new Messenger(webview, (m) => this.onMessage(m), { warn: (t) => host.log('warn', t) });
		webview.html = panelHtml({
			cspSource: webview.cspSource,
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.js')).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.css')).toString(),
			nonce: makeNonce(),
			title: `Fairness: ${host.dataset.label}`,
		});
		this.disposables.push(
			panel.onDidDispose(() => this.dispose()),
			// A run from a command, the panel's own runs, edited roles, a reload of the store: re-render from the store.
			host.onDidChangeResults(() => void this.postResults()),
			// Hidden without retainContextWhenHidden, the page is destroyed: queue until it is ready again.
			panel.onDidChangeViewState(() => {
				if (!panel.visible) {
					this.messenger.reset();
				}
			}),
		);
	}

	private onMessage(msg: WebviewMessage): void {
		switch (msg.type) {
			case 'webview/ready':
				void this.onReady();
				return;
			case 'simulation/run':
				void this.runSimulation(msg.params.runId, msg.params.request, msg.params.firm);
				return;
			case 'comparison/run':
				void this.runComparison(msg.params.runId, msg.params.firm);
				return;
			case 'simulation/cancel':
				this.runs.get(msg.params.runId)?.cancel();
				return;
			case 'audit/run':
				void this.runAudit(msg.params.runId);
				return;
			case 'report/export':
				// The charts are drawn as SVG by the report itself; the panel's PNGs are not needed.
				void this.exportReport(msg.params.metric);
				return;
			case 'log/write':
				this.host.log(msg.params.level, `panel: ${msg.params.message}`);
				return;
			default: {
				const unhandled: never = msg;
				this.host.log('warn', `panel: unhandled message ${(unhandled as { type: string }).type}`);
			}
		}
	}

	/**
	 * Init, then whatever the store holds (the page may be new after a reload). Nothing is computed
	 * here: the audit, the simulations and the firm-side comparison run only when asked for (the
	 * panel's buttons, the commands), each with its progress, its cancel and its log line.
	 */
	private async onReady(): Promise<void> {
		this.sha256 ??= this.host.dataset.sha256 ?? (await sha256File(this.host.datasetPath).catch(() => undefined));
		const firm = await this.host.firmDefaults?.().catch(() => undefined);
		void this.messenger.post({
			type: 'panel/didInit',
			params: {
				dataset: { ...this.host.dataset, ...(this.sha256 !== undefined ? { sha256: this.sha256 } : {}) },
				version: this.host.version,
				defaults: this.host.defaults,
				...(firm !== undefined ? { firm } : {}),
			},
		});
		await this.postResults();
	}

	/** The store's current results for this dataset, as one message that replaces what the page holds. */
	private async postResults(): Promise<void> {
		const asked = ++this.resultsAsked;
		const results = await this.currentResults();
		if (this.disposed || asked !== this.resultsAsked) {
			return;
		}
		this.shown = summarizeResults(results);
		void this.messenger.post({ type: 'results/didChange', params: { results } });
	}

	private async currentResults(): Promise<PanelResults> {
		try {
			return (await this.host.results()) ?? NO_RESULTS;
		} catch (e) {
			this.host.log('warn', `panel: the stored results could not be read: ${message(e)}`);
			return NO_RESULTS;
		}
	}

	private async runSimulation(runId: string, request: SimulationRequest, firm: FirmChoice | undefined): Promise<void> {
		const cts = new vscode.CancellationTokenSource();
		this.runs.get(runId)?.cancel();
		this.runs.set(runId, cts);
		let last = 0;
		try {
			const result = await this.host.runSimulation(
				request,
				cts.token,
				(p) => {
					const now = Date.now();
					if (now - last >= PROGRESS_INTERVAL_MS || p.done === p.total) {
						last = now;
						void this.messenger.post({
							type: 'simulation/didProgress',
							params: { runId, done: p.done, total: p.total, ...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}) },
						});
					}
				},
				firm,
			);
			// The host stored it: the store's event re-sends the panel's results; this ends the page's run.
			void this.messenger.post({ type: 'simulation/didFinish', params: { runId, result } });
		} catch (e) {
			const cancelled = cts.token.isCancellationRequested || isAbortError(e);
			if (!cancelled) {
				this.host.log('error', `panel: simulation failed: ${message(e)}`);
			}
			void this.messenger.post({ type: 'simulation/didFinish', params: { runId, error: cancelled ? 'cancelled' : message(e), cancelled } });
		} finally {
			this.runs.delete(runId);
			cts.dispose();
		}
	}

	private async runAudit(runId: string): Promise<void> {
		const cts = new vscode.CancellationTokenSource();
		this.runs.set(runId, cts);
		try {
			// The answer to the page's button; the host stored it, and the store's event re-sends the full set.
			const audit = await this.host.audit(cts.token);
			void this.messenger.post({ type: 'audit/didChange', params: { result: audit } });
		} catch (e) {
			this.host.log('error', `panel: audit failed: ${message(e)}`);
			void this.messenger.post({ type: 'audit/didFail', params: { runId, error: message(e) } });
		} finally {
			this.runs.delete(runId);
			cts.dispose();
		}
	}

	/** The firm-side comparison asked for in the panel (the Pareto plane's "Run the comparison"). */
	private async runComparison(runId: string, firm: FirmChoice | undefined): Promise<void> {
		if (this.host.compare === undefined) {
			void this.messenger.post({ type: 'comparison/didFail', params: { runId, error: 'the firm-side comparison is not available here' } });
			return;
		}
		const cts = new vscode.CancellationTokenSource();
		this.runs.set(runId, cts);
		try {
			const comparison = await this.host.compare(cts.token, firm);
			if (comparison === undefined) {
				void this.messenger.post({
					type: 'comparison/didFail',
					params: { runId, error: 'the firm-side comparison is not available in this build' },
				});
				return;
			}
			// The answer to the page's button (it says where the fronts are); the store's event re-sends the full set.
			void this.messenger.post({ type: 'comparison/didChange', params: { result: comparison } });
		} catch (e) {
			const cancelled = cts.token.isCancellationRequested || isAbortError(e);
			if (!cancelled) {
				this.host.log('error', `panel: comparison failed: ${message(e)}`);
			}
			void this.messenger.post({ type: 'comparison/didFail', params: { runId, error: cancelled ? 'cancelled' : message(e) } });
		} finally {
			this.runs.delete(runId);
			cts.dispose();
		}
	}

	/** The panel's Export button: the same report as the command and the CLI (exportFairnessReport). */
	private async exportReport(metric: FairnessMetric): Promise<void> {
		try {
			const target = await this.host.chooseReportPath(defaultReportPath(this.host.datasetPath));
			if (target === undefined) {
				return;
			}
			this.sha256 ??= await sha256File(this.host.datasetPath);
			const written = await exportFairnessReport({
				datasetPath: this.host.datasetPath,
				sha256: this.sha256,
				version: this.host.version,
				results: await this.currentResults(),
				metric,
				target,
				protectedPaths: this.host.protectedPaths,
			});
			this.host.log('info', `panel: report written to ${written.join(', ')}`);
			void this.messenger.post({ type: 'report/didExport', params: { files: written } });
		} catch (e) {
			this.host.log('error', `panel: export failed: ${message(e)}`);
			void this.messenger.post({ type: 'report/didExport', params: { error: message(e) } });
		}
	}

	/** The Export Report command: the webview renders its charts and answers with report/export. */
	requestExport(): void {
		this.panel.reveal(undefined, true);
		void this.messenger.post({ type: 'report/didRequestExport', params: {} });
	}

	dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		FairnessPanel.panels.delete(this.host.dataset.id);
		// A panel closed mid-run cancels its runs (design §3).
		for (const cts of this.runs.values()) {
			cts.cancel();
		}
		this.runs.clear();
		this.messenger.dispose();
		this.panel.dispose();
		for (const d of this.disposables.splice(0)) {
			d.dispose();
		}
	}
}

function message(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
