/**
 * Runs a server request under a cancellable progress notification. The request carries a
 * work-done token, so the server's own progress (stage, done / total, ETA) is what the
 * notification shows; Cancel (or a caller's token, as the tests use) sends `$/cancelRequest`,
 * which terminates the server's worker threads.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { SimulationProgress } from '../shared/model';

export interface ProgressRun {
	readonly workDoneToken: string;
	readonly token: vscode.CancellationToken;
}

export interface ProgressOptions {
	/** Cancels the run as the notification's Cancel button does. */
	readonly cancellation?: vscode.CancellationToken;
	/** Progress of a simulation, as the server's RunProgressNotification gives it (for the panel). */
	readonly onProgress?: (p: SimulationProgress) => void;
	/** Show a notification (true) or only a status-bar spinner (false, used for the panel's runs). */
	readonly notification?: boolean;
}

/** The outcome of a run: its value, or that it was cancelled. */
export type RunOutcome<R> = { readonly cancelled: false; readonly value: R } | { readonly cancelled: true };

export async function withServerProgress<R>(
	ctx: Ctx,
	title: string,
	run: (r: ProgressRun) => Promise<R>,
	options: ProgressOptions = {},
): Promise<RunOutcome<R>> {
	const location = options.notification === false ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification;
	return vscode.window.withProgress({ location, title, cancellable: true }, async (progress, uiToken) => {
		const cts = new vscode.CancellationTokenSource();
		const links = [uiToken.onCancellationRequested(() => cts.cancel())];
		if (options.cancellation !== undefined) {
			links.push(options.cancellation.onCancellationRequested(() => cts.cancel()));
			if (options.cancellation.isCancellationRequested) {
				cts.cancel();
			}
		}
		const workDoneToken = `collectiveFairness/${randomUUID()}`;
		let shown = 0;
		const started = Date.now();
		links.push(
			ctx.onWorkDone(workDoneToken, (v) => {
				if (v.kind === 'end') {
					return;
				}
				const pct = v.percentage;
				const increment = pct !== undefined && pct > shown ? pct - shown : undefined;
				shown = pct ?? shown;
				const elapsed = Math.round((Date.now() - started) / 1000);
				const detail = v.message !== undefined ? `${v.message}` : '';
				progress.report({
					message: `${detail}${pct !== undefined ? ` (${pct} %, ${elapsed} s)` : ''}`,
					...(increment !== undefined ? { increment } : {}),
				});
			}),
		);
		const onProgress = options.onProgress;
		if (onProgress !== undefined) {
			links.push(
				ctx.onRunProgress(workDoneToken, (p) =>
					onProgress({
						stage: 'running',
						done: p.done,
						total: p.total,
						...(p.etaSeconds !== undefined ? { etaSeconds: p.etaSeconds } : {}),
					}),
				),
			);
		}
		ctx.log.info(`${title}: started`);
		try {
			const value = await run({ workDoneToken, token: cts.token });
			if (cts.token.isCancellationRequested) {
				ctx.log.info(`${title}: cancelled`);
				return { cancelled: true } as const;
			}
			ctx.log.info(`${title}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
			return { cancelled: false, value } as const;
		} catch (e) {
			// A cancelled request rejects (or the client resolves it empty): either way it was the user's cancel.
			if (cts.token.isCancellationRequested) {
				ctx.log.info(`${title}: cancelled`);
				return { cancelled: true } as const;
			}
			throw e;
		} finally {
			for (const d of links) {
				d.dispose();
			}
			cts.dispose();
		}
	});
}

/** The message of an error from the server (ResponseError) or anywhere else. */
export function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** Shows an error with a way to the log; never throws. */
export function showError(ctx: Ctx, what: string, e: unknown): void {
	const text = `${what}: ${errorMessage(e)}`;
	ctx.log.error(text);
	void vscode.window.showErrorMessage(`Collective Fairness — ${text}`, 'Show Log').then((a) => {
		if (a !== undefined) {
			ctx.log.show(true);
		}
	});
}
