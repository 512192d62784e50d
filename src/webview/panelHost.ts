/**
 * What a fairness panel needs from the rest of the extension. The panel does no computing and
 * keeps no results of its own: ServerPanelHost implements this interface over the language client
 * (custom requests, cancellation tokens) and the one result store.
 */
import type { AuditResult, SimulationProgress, SimulationResult } from '../shared/model';
import type { ComparisonResult, FirmChoice, PanelDataset, PanelResults, SimulationRequest } from '../shared/webviewProtocol';

/** The part of vscode.CancellationToken the host needs (so tests need no vscode). */
export interface CancellationLike {
	readonly isCancellationRequested: boolean;
	onCancellationRequested(listener: () => void): { dispose(): void };
}

export interface PanelHost {
	/** The dataset this panel belongs to; `id` is its key (one panel per dataset). */
	readonly dataset: PanelDataset;
	/** Absolute path of the CSV; the report records its sha256 and is never written over it. */
	readonly datasetPath: string;
	/** Files exports must never replace: the CSV and its sidecar. */
	readonly protectedPaths: readonly string[];
	/** Extension version, stamped in the report. */
	readonly version: string;
	/** Defaults for the controls (e.g. from the settings). */
	readonly defaults: SimulationRequest;
	/**
	 * What the panel shows: the result store's results for this dataset that still match its data
	 * and roles (src/webview/resultStore.ts); undefined when there are none.
	 */
	results(): Promise<PanelResults | undefined>;
	/** Called whenever those results may have changed (a run stored, roles or data edited, a reload): the panel re-reads them. */
	onDidChangeResults(listener: () => void): { dispose(): void };
	/** The audit of the dataset (group rates with intervals); reject with an Error to report a failure. */
	audit(token: CancellationLike): Promise<AuditResult>;
	/** The firm a run trains when the panel's settings do not change it (the roles, then the settings). */
	firmDefaults?(): Promise<Required<FirmChoice>>;
	/** A simulation; must reject with abortError() (src/shared/abort.ts) or resolve never once cancelled. */
	runSimulation(
		request: SimulationRequest,
		token: CancellationLike,
		onProgress: (p: SimulationProgress) => void,
		firm?: FirmChoice,
	): Promise<SimulationResult>;
	/** Firm-side results for the Pareto plane, if available (src/core/firm through the server). */
	compare?(token: CancellationLike, firm?: FirmChoice): Promise<ComparisonResult | undefined>;
	/** Where to save the report (a save dialog in the extension); undefined = the user cancelled. */
	chooseReportPath(suggested: string): Promise<string | undefined>;
	/** Log channel. */
	log(level: 'info' | 'warn' | 'error', message: string): void;
}
