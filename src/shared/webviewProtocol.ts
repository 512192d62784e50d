/**
 * Host ↔ fairness-panel messages, declared once (design §3). Type-only: the webview bundle has its
 * own tsconfig and imports this with `import type`, so no runtime code crosses bundles. The runtime
 * checks both receivers run before trusting a message live in webviewValidate.ts.
 *
 * Vocabulary (GitLens): commands go webview → host, `…/did…` notifications go host → webview,
 * `webview/ready` is the handshake and `runId` pairs a run with its progress and result.
 */
import type { ComparisonResult, FairnessMetric } from './comparison';
import type { ProfileTableView } from './profileTable';
import type { AuditResult, Experiment, Knowledge, Method, SeedSummary, SimulationParams, SimulationResult } from './model';

/** What the panel sends to start a run: the experiment plus any parameter the user changed. */
export type SimulationRequest = Partial<Omit<SimulationParams, 'experiment'>> & { readonly experiment: Experiment };

/**
 * The firm a run trains, as chosen in the panel's run settings: whether its model sees the
 * sensitive attribute (aware) or not (blind), and its learner. Absent fields keep the defaults
 * (the roles' features.includeSensitive and model, then the settings).
 */
export interface FirmChoice {
	readonly seesSensitiveAttribute?: boolean;
	readonly model?: 'logistic' | 'boosting';
}

/** The dataset a panel belongs to (one panel per dataset). */
export interface PanelDataset {
	/** Stable key (the file URI); also the panel's identity. */
	readonly id: string;
	/** File name shown in the title. CSV-independent, but still rendered as text. */
	readonly label: string;
	/** sha256 of the CSV bytes, hex; absent until computed. */
	readonly sha256?: string;
	/** Synthetic data carries counterfactuals, so the true collective success S(α) can be drawn. */
	readonly synthetic: boolean;
}

/** Everything a panel shows, as the host's result store holds it for the dataset's current data and roles. */
export interface PanelResults {
	readonly simulations: { readonly [E in Experiment]?: SimulationResult };
	readonly audit?: AuditResult;
	readonly comparison?: ComparisonResult;
}

/** One chart rendered to PNG in the webview, for the exported report. */
export interface ChartImage {
	readonly figure: string;
	/** `data:image/png;base64,…` */
	readonly png: string;
}

/** Webview → host. */
export interface WebviewToHost {
	/** Handshake: the script is listening; the host flushes its queue. */
	'webview/ready': { readonly protocol: 1 };
	/** Start a simulation; progress and the result come back with the same runId. */
	'simulation/run': { readonly runId: string; readonly request: SimulationRequest; readonly firm?: FirmChoice };
	/** Run the firm-side comparison (the Pareto plane's firm fronts) with the chosen firm. */
	'comparison/run': { readonly runId: string; readonly firm?: FirmChoice };
	/** Cancel a running simulation (no-op if it already finished). */
	'simulation/cancel': { readonly runId: string };
	/** Re-run the audit (group rates with intervals). */
	'audit/run': { readonly runId: string };
	/** Export the report: charts as PNGs rendered here, everything else from the host's own results. */
	'report/export': { readonly images: readonly ChartImage[]; readonly metric: FairnessMetric };
	/** Errors the webview wants in the host's log (e.g. a malformed message it ignored). */
	'log/write': { readonly level: 'info' | 'warn' | 'error'; readonly message: string };
}

/** Host → webview. */
export interface HostToWebview {
	/** Sent after `webview/ready`: which dataset, the extension version, defaults for the controls. */
	'panel/didInit': {
		readonly dataset: PanelDataset;
		readonly version: string;
		readonly defaults: SimulationRequest;
		/** The firm runs train unless the settings say otherwise. */
		readonly firm?: Required<FirmChoice>;
	};
	/**
	 * Everything the panel now shows, from the host's result store (on the handshake and whenever
	 * the store changes): it replaces what the page holds, so results from other roles disappear.
	 */
	'results/didChange': { readonly results: PanelResults };
	'audit/didChange': { readonly result: AuditResult };
	'comparison/didChange': { readonly result: ComparisonResult };
	/** A result not tied to a run of this page (restored from the host's cache after a reload). */
	'simulation/didChange': { readonly result: SimulationResult };
	'simulation/didProgress': { readonly runId: string; readonly done: number; readonly total: number; readonly etaSeconds?: number };
	'simulation/didFinish':
		| { readonly runId: string; readonly result: SimulationResult }
		| { readonly runId: string; readonly error: string; readonly cancelled: boolean };
	'audit/didFail': { readonly runId: string; readonly error: string };
	/** The comparison failed, was cancelled, or is not available in this build. */
	'comparison/didFail': { readonly runId: string; readonly error: string };
	/** The extension's Export Report command: render the charts and answer with `report/export`. */
	'report/didRequestExport': Record<string, never>;
	'report/didExport': { readonly files: readonly string[] } | { readonly error: string };
	/** Profile Dataset: the table of columns (the profile page of the panel). */
	'profile/didChange': { readonly table: ProfileTableView };
}

export type Message<M> = { [K in keyof M]: { readonly type: K; readonly params: M[K] } }[keyof M];
export type WebviewMessage = Message<WebviewToHost>;
export type HostMessage = Message<HostToWebview>;

/** Re-exported so webview code needs one import. */
export type { ComparisonResult, FairnessMetric, FirmFront, FirmFrontPoint } from './comparison';
export type { AuditResult, Experiment, Knowledge, Method, SeedSummary, SimulationParams, SimulationResult };
