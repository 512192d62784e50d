/**
 * Every custom message between the language client and the Collective Fairness language server,
 * declared once, each by its method name and a typed `type` ({@link request}, {@link notification}).
 * Standard LSP messages (hover, code lens, diagnostics …) are not repeated here. Results are plain JSON
 * (the DTOs of ./model). Requests that take a while accept a `workDoneToken` (window/workDoneProgress)
 * and honour `$/cancelRequest`; failures are ResponseErrors with a code from {@link ErrorCodes}.
 */
import { NotificationType, RequestType, type WorkDoneProgressParams } from 'vscode-languageserver-protocol';
import type {
	AuditResult,
	CompareInput,
	CompareResult,
	CsvIssue,
	Dialect,
	Experiment,
	FirmModelSpec,
	OtherGroups,
	Sidecar,
	SimulationParams,
	SimulationResult,
	TableProfile,
} from './model';
import type { ColumnByGroup } from '../core/profile/byGroup';

/** A message as both sides name it: its method, and the `type` that carries its parameter and result types. */
export interface RequestDeclaration<P, R> {
	readonly method: string;
	readonly type: RequestType<P, R, void>;
}

export interface NotificationDeclaration<P> {
	readonly method: string;
	readonly type: NotificationType<P>;
}

/** Declares a request: `connection.onRequest(X.type, …)` on the server, `sendRequest(X.type, …)` on the client. */
export function request<P, R>(method: string): RequestDeclaration<P, R> {
	return { method, type: new RequestType<P, R, void>(method) };
}

export function notification<P>(method: string): NotificationDeclaration<P> {
	return { method, type: new NotificationType<P>(method) };
}

/** A CSV/TSV document: open in the editor (synced text) or, when not open, read from disk. */
export interface DocumentParams {
	readonly uri: string;
	/** Roles to use instead of the sidecar next to the file. */
	readonly roles?: Sidecar;
}

export type ProfileParams = DocumentParams & WorkDoneProgressParams;

export interface ProfileResult {
	readonly uri: string;
	/** Where the bytes came from: the editor's text or the file on disk (large or unopened files). */
	readonly source: 'editor' | 'disk';
	/** SHA-1 of the content the figures describe (the cache key). */
	readonly contentHash: string;
	readonly dialect: Dialect;
	readonly skippedRows: number;
	readonly issues: CsvIssue[];
	/** The sidecar in use (or the roles passed in), null when none. */
	readonly roles: Sidecar | null;
	/** Why the roles could not be applied (invalid sidecar, unknown column …), null when they could. */
	readonly rolesError: string | null;
	readonly profile: TableProfile;
	/** Each column split by the sensitive attribute's groups (mean per group or top values per group); absent without roles. */
	readonly byGroup?: readonly ColumnByGroup[];
}

export interface AuditParams extends DocumentParams, WorkDoneProgressParams {
	readonly seed?: number;
	readonly testFraction?: number;
	/** Bootstrap resamples (default 1000). */
	readonly resamples?: number;
	readonly C?: number;
	/** The firm's learner; absent: the sidecar's `model`, then the setting collectiveFairness.firm.model. */
	readonly model?: FirmModelSpec;
}

export interface SimulateParams extends DocumentParams, WorkDoneProgressParams {
	readonly params: Partial<SimulationParams> & { readonly experiment: Experiment };
}

export interface CompareParams extends DocumentParams, WorkDoneProgressParams {
	/** Which firm-side approaches and collective grid to compare (defaults: all, as the CLI). */
	readonly input?: CompareInput;
}

/** Codes of the ResponseErrors this server returns (JSON-RPC's implementation-defined range). */
export namespace ErrorCodes {
	/** The request needs roles and there is neither a sidecar nor `roles` in the params. */
	export const RolesMissing = -32001;
	/** The roles do not fit the table (unknown column or value) or the sidecar is invalid. */
	export const RolesInvalid = -32002;
	/** The file cannot be read or parsed. */
	export const ReadFailed = -32003;
	/** The feature is not part of this server build yet. */
	export const NotAvailable = -32004;
	/** The computation failed (bad parameters, single-class label …); the message says why. */
	export const ComputeFailed = -32005;
}

/** Client → server: column profiles (and group summaries when roles are known) of one file. */
export const ProfileRequest = request<ProfileParams, ProfileResult>('collectiveFairness/profile');

/** Client → server: the full audit (base classifier, group metrics, bootstrap intervals). Runs in a worker thread; cancellable. */
export const AuditRequest = request<AuditParams, AuditResult>('collectiveFairness/audit');

/** Client → server: a collective-action simulation on the worker pool (cores − 1); cancellable. */
export const SimulateRequest = request<SimulateParams, SimulationResult>('collectiveFairness/simulate');

/** Client → server: firm-side comparison (Pareto fronts, defending firm) on the worker pool; cancellable. */
export const CompareRequest = request<CompareParams, CompareResult>('collectiveFairness/compare');

/**
 * Server → client: the progress of a run of fits (simulate, compare) as numbers, keyed by the
 * request's `workDoneToken`. The work-done report carries the same in words for the notification
 * ("12/40 fits, about 30 s left"); the panel's progress bar reads this, so nobody parses the words.
 */
export interface RunProgress {
	readonly workDoneToken: string | number;
	/** Refits done and planned. */
	readonly done: number;
	readonly total: number;
	/** Seconds left at the current pace, once known. */
	readonly etaSeconds?: number;
}

export const RunProgressNotification = notification<RunProgress>('collectiveFairness/runProgress');

/** Server → client: the analysis state of a file, for a status bar item. */
export interface AnalysisStatus {
	readonly uri: string;
	readonly state: 'parsing' | 'ready' | 'error';
	readonly rows?: number;
	readonly columns?: number;
	/** e.g. "`,` UTF-8 · sensitive=race · label=income-per-year". */
	readonly summary?: string;
	readonly message?: string;
}

export const AnalysisStatusNotification = notification<AnalysisStatus>('collectiveFairness/analysisStatus');

/**
 * The command the server executes (workspace/executeCommand, advertised in executeCommandProvider)
 * for the header code lenses and the quick fixes. It applies one {@link RoleChange} to the sidecar
 * `NAME.fairness.json` next to the file, written atomically by the server — never to the CSV.
 * Until both the sensitive attribute and the label are known (a sidecar needs both), the first
 * one chosen is held by the server and shown in the roles lens. Arguments: [{@link EditRolesArgs}].
 */
export namespace EditRolesCommand {
	export const command = 'collectiveFairness.server.editRoles' as const;
}

export type RoleChange =
	/** `values` = the minority's values; when absent, the group with the lowest favourable rate once the label is known (src/shared/roleSuggest.ts). */
	| { readonly kind: 'sensitive'; readonly column: string; readonly values?: readonly string[] }
	/** `values` = the favourable values; when absent, guessed from the names only (never rarity), else the edit is refused. */
	| { readonly kind: 'label'; readonly column: string; readonly values?: readonly string[] }
	| { readonly kind: 'excludeFeature'; readonly column: string }
	/** Use exactly these feature columns (features.include; the sensitive attribute follows features.includeSensitive). */
	| { readonly kind: 'features'; readonly include: readonly string[] }
	/** How the values that are neither minority nor majority are treated (pool small groups). */
	| { readonly kind: 'others'; readonly others: OtherGroups }
	| { readonly kind: 'missingToken'; readonly token: string }
	/** Whether the firm's model takes the sensitive attribute as an input (features.includeSensitive). */
	| { readonly kind: 'firm'; readonly includeSensitive: boolean };

export interface EditRolesArgs {
	readonly uri: string;
	readonly change: RoleChange;
}

/** What {@link EditRolesCommand} answers. */
export interface EditRolesResult {
	/** Path of the sidecar written, or null while the server holds the first of the two roles. */
	readonly sidecar: string | null;
	readonly summary: string;
}

/**
 * The role edit as the typed request it is on the wire: workspace/executeCommand with
 * {@link EditRolesCommand}'s name and arguments, answered by an {@link EditRolesResult} (null when
 * the server has nothing to say). Declared here so the client reads the answer without a cast.
 */
export const EditRolesRequest = request<
	{ readonly command: typeof EditRolesCommand.command; readonly arguments: [EditRolesArgs] },
	EditRolesResult | null
>('workspace/executeCommand');
