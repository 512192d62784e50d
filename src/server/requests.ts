/**
 * The custom requests (src/shared/lspProtocol.ts): profile, audit, simulate, compare. Each reads
 * the document through the store (editor text, or the file on disk), reports work-done progress
 * when the client sent a token, and turns `$/cancelRequest` into an abort: the audit's worker
 * thread and the simulation's pool threads are terminated, so a cancelled run stops at once.
 */
import {
	LSPErrorCodes,
	ResponseError,
	type CancellationToken,
	type WorkDoneProgressParams,
	type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { profileTable } from '../core/profile';
import { columnByGroup } from '../core/profile/byGroup';
import { simulate, type UnitExecutor } from '../core/collective/simulate';
import { createPoolExecutor, defaultWorkerCount } from '../runner/pool';
import { createQueueExecutor } from '../runner/queueCoordinator';
import { checkRedisUrl } from '../runner/queueProtocol';
import {
	ErrorCodes,
	type AuditParams,
	type CompareParams,
	type DocumentParams,
	type ProfileParams,
	type ProfileResult,
	type RunProgress,
	type SimulateParams,
} from '../shared/lspProtocol';
import type { AuditResult, CompareResult, SimulationResult } from '../shared/model';
import { compare } from '../core/firm/compare';
import { firmModelForRequest } from './firmModel';
import { runAuditInWorker } from './auditWorker';
import type { ServerSettings } from '../shared/settings';
import { withRoles, type DocumentStore } from './documents';
import type { DocState } from './docState';

export interface RequestContext {
	readonly store: DocumentStore;
	/** The settings for a document (the firm's default awareness is one). */
	readonly settings?: (uri: string) => Promise<ServerSettings>;
	/** The running bundle, started again as the audit worker. */
	readonly script: string;
	/** Sends a run's progress as numbers (RunProgressNotification); absent in tests that need none. */
	readonly runProgress?: (p: RunProgress) => void;
	/** Status lines for the server log (the queue's: units queued, waiting for workers). */
	readonly log?: (line: string) => void;
}

function toAbort(token: CancellationToken): AbortController {
	const controller = new AbortController();
	if (token.isCancellationRequested) {
		controller.abort();
	}
	token.onCancellationRequested(() => controller.abort());
	return controller;
}

/** Maps an engine error to a ResponseError with a code the client can act on. */
export function responseError(e: unknown): ResponseError<void> {
	if (e instanceof ResponseError) {
		return e as ResponseError<void>;
	}
	const name = e instanceof Error ? e.name : '';
	const message = e instanceof Error ? e.message : String(e);
	if (name === 'AbortError') {
		return new ResponseError(LSPErrorCodes.RequestCancelled, message);
	}
	if (name === 'RolesError' || name === 'SidecarError') {
		return new ResponseError(ErrorCodes.RolesInvalid, message);
	}
	if (name === 'CsvError') {
		return new ResponseError(ErrorCodes.ReadFailed, message);
	}
	return new ResponseError(ErrorCodes.ComputeFailed, message);
}

/**
 * Progress of a run of fits, at most every 200 ms (and at the end), with an ETA when known: in
 * words on the work-done report, and as numbers in a {@link RunProgress} notification keyed by the
 * request's work-done token (when it has one).
 */
function throttledFitProgress(
	ctx: RequestContext,
	params: WorkDoneProgressParams,
	progress: WorkDoneProgressReporter,
): (p: { done: number; total: number; etaSeconds?: number }) => void {
	let last = 0;
	return (p) => {
		const now = Date.now();
		if (now - last >= 200 || p.done === p.total) {
			last = now;
			const eta = p.etaSeconds !== undefined ? `, about ${Math.ceil(p.etaSeconds)} s left` : '';
			progress.report(Math.round((p.done / Math.max(1, p.total)) * 100), `${p.done}/${p.total} fits${eta}`);
			if (params.workDoneToken !== undefined) {
				ctx.runProgress?.({
					workDoneToken: params.workDoneToken,
					done: p.done,
					total: p.total,
					...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
				});
			}
		}
	};
}

async function load(ctx: RequestContext, params: DocumentParams, token: CancellationToken): Promise<DocState> {
	const state = await ctx.store.get(params.uri);
	if (state === undefined) {
		throw new ResponseError(ErrorCodes.ReadFailed, `${params.uri} could not be read (see the server log)`);
	}
	if (token.isCancellationRequested) {
		throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
	}
	const roles = withRoles(state, params.roles);
	const sidecar = roles.roles.sidecar;
	if (sidecar === undefined || sidecar.features?.includeSensitive !== undefined || ctx.settings === undefined) {
		return roles;
	}
	// The roles leave the firm open: the editor setting decides (default: the aware firm).
	const seen = (await ctx.settings(params.uri)).firm.seesSensitiveAttribute;
	return withRoles(roles, { ...sidecar, features: { ...sidecar.features, includeSensitive: seen } });
}

function requireRoles(state: DocState): NonNullable<DocState['roles']['sidecar']> {
	if (state.roles.sidecarError !== undefined) {
		throw new ResponseError(ErrorCodes.RolesInvalid, state.roles.sidecarError);
	}
	if (state.roles.sidecar === undefined) {
		throw new ResponseError(
			ErrorCodes.RolesMissing,
			`no roles for ${state.uri}: set the sensitive attribute and the label (header code lenses), or pass 'roles'`,
		);
	}
	if (state.rolesError !== undefined) {
		throw new ResponseError(ErrorCodes.RolesInvalid, state.rolesError);
	}
	return state.roles.sidecar;
}

export async function profileRequest(
	ctx: RequestContext,
	params: ProfileParams,
	token: CancellationToken,
	progress: WorkDoneProgressReporter,
): Promise<ProfileResult> {
	return reported(progress, 'Profiling', undefined, async () => {
		const state = await load(ctx, params, token);
		progress.report('profiling columns');
		const groups = state.groupAssignment();
		const profile = profileTable(state.parse.table, groups !== undefined ? { groups } : {});
		const table = state.parse.table;
		const byGroup = groups !== undefined ? table.columns.map((c) => columnByGroup(c, table.rowCount, groups)) : undefined;
		return {
			uri: state.uri,
			source: state.source,
			contentHash: state.parsed.hash,
			dialect: state.parse.dialect,
			skippedRows: state.parse.skippedRows,
			issues: state.parse.issues,
			roles: state.roles.sidecar ?? null,
			rolesError: state.rolesError ?? null,
			profile,
			...(byGroup !== undefined ? { byGroup } : {}),
		};
	});
}

export async function auditRequest(
	ctx: RequestContext,
	params: AuditParams,
	token: CancellationToken,
	progress: WorkDoneProgressReporter,
): Promise<AuditResult> {
	return reported(progress, 'Fairness audit', 0, async () => {
		const abort = toAbort(token);
		const state = await load(ctx, params, token);
		const sidecar = requireRoles(state);
		const options = {
			...(params.seed !== undefined ? { seed: params.seed } : {}),
			...(params.testFraction !== undefined ? { testFraction: params.testFraction } : {}),
			...(params.resamples !== undefined ? { resamples: params.resamples } : {}),
			...(params.C !== undefined ? { C: params.C } : {}),
			...(await firmModelForRequest(ctx, params.uri, sidecar, params.model, params.seed)),
		};
		return await runAuditInWorker(ctx.script, state.parse.table, sidecar, options, abort.signal, (stage, done, total) =>
			progress.report(Math.round((done / total) * 100), stage),
		);
	});
}

export async function simulateRequest(
	ctx: RequestContext,
	params: SimulateParams,
	token: CancellationToken,
	progress: WorkDoneProgressReporter,
): Promise<SimulationResult> {
	// With collectiveFairness.simulation.queue set, the units go to `collective-fairness worker` processes through Redis.
	const queue = ctx.settings !== undefined ? (await ctx.settings(params.uri)).simulation.queue : '';
	const problem = queue !== '' ? checkRedisUrl(queue) : undefined;
	if (problem !== undefined) {
		throw new ResponseError(ErrorCodes.ComputeFailed, `setting collectiveFairness.simulation.queue: ${problem}`);
	}
	return runOnPool(ctx, params, token, progress, 'Collective-action simulation', async (table, sidecar, options) =>
		simulate(
			table,
			sidecar,
			{ ...params.params, ...(await firmModelForRequest(ctx, params.uri, sidecar, params.params.model, params.params.firstSeed)) },
			queue !== ''
				? { ...options, executor: createQueueExecutor(queue, { log: (line) => ctx.log?.(`simulate (queue): ${line}`) }) }
				: options,
		),
	);
}

/** The firm-side comparison (Pareto fronts, defending firm), with the collective's grid on the pool. */
export async function compareRequest(
	ctx: RequestContext,
	params: CompareParams,
	token: CancellationToken,
	progress: WorkDoneProgressReporter,
): Promise<CompareResult> {
	return runOnPool(ctx, params, token, progress, 'Firm-side comparison', async (table, sidecar, options) => {
		const input = params.input ?? {};
		const model = await firmModelForRequest(ctx, params.uri, sidecar, input.firm?.model, input.firm?.firstSeed);
		return compare(table, sidecar, { ...input, firm: { ...input.firm, ...model } }, options);
	});
}

interface PoolRunOptions {
	readonly executor: UnitExecutor;
	readonly workers: number;
	readonly signal: AbortSignal;
	readonly onProgress: (p: { done: number; total: number; etaSeconds?: number }) => void;
}

/**
 * A run on the worker pool (cores − 1, so hovers stay responsive) for a document with roles:
 * work-done progress, cancellation through `$/cancelRequest`, engine errors as ResponseErrors.
 */
async function runOnPool<T>(
	ctx: RequestContext,
	params: DocumentParams & WorkDoneProgressParams,
	token: CancellationToken,
	progress: WorkDoneProgressReporter,
	title: string,
	run: (table: DocState['parse']['table'], sidecar: NonNullable<DocState['roles']['sidecar']>, options: PoolRunOptions) => Promise<T>,
): Promise<T> {
	return reported(progress, title, 0, async () => {
		const abort = toAbort(token);
		const state = await load(ctx, params, token);
		const sidecar = requireRoles(state);
		const workers = defaultWorkerCount('server');
		return await run(state.parse.table, sidecar, {
			executor: createPoolExecutor(workers),
			workers,
			signal: abort.signal,
			onProgress: throttledFitProgress(ctx, params, progress),
		});
	});
}

/**
 * One request's work-done progress from begin to done (percentage undefined: no bar, only words),
 * its errors turned into ResponseErrors with the protocol's codes.
 */
async function reported<T>(
	progress: WorkDoneProgressReporter,
	title: string,
	percentage: number | undefined,
	run: () => Promise<T>,
): Promise<T> {
	progress.begin(title, percentage, 'reading', true);
	try {
		return await run();
	} catch (e) {
		throw responseError(e);
	} finally {
		progress.done();
	}
}
