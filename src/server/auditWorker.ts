/**
 * The audit off the server's main thread. runAudit is synchronous (a fit and 2 × 1000 bootstrap
 * resamples, about a second on Adult), so in-process it would hold every hover for that long.
 * It runs in a worker thread started from this same bundle (server.ts routes a worker to
 * {@link auditWorkerMain}); cancelling terminates the thread, which stops it mid-computation.
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { runAudit, type AuditOptions, type AuditResult } from '../core/audit';
import type { Table } from '../core/csv/index';
import type { Sidecar } from '../core/roles/sidecar';
import { abortError } from './parse';

export type AuditJobOptions = Pick<AuditOptions, 'seed' | 'testFraction' | 'resamples' | 'C' | 'model'>;

interface AuditJob {
	readonly kind: 'audit';
	readonly table: Table;
	readonly sidecar: Sidecar;
	readonly options: AuditJobOptions;
}

type FromAuditWorker =
	| { readonly type: 'stage'; readonly stage: string; readonly done: number; readonly total: number }
	| { readonly type: 'done'; readonly result: AuditResult }
	| { readonly type: 'error'; readonly name: string; readonly message: string };

export function isAuditWorker(data: unknown): boolean {
	return data !== null && typeof data === 'object' && (data as { kind?: unknown }).kind === 'audit';
}

/** Worker side: run the job in workerData and post stages and the result. */
export function auditWorkerMain(): void {
	const job = workerData as AuditJob;
	const post = (m: FromAuditWorker): void => parentPort!.postMessage(m);
	try {
		const result = runAudit(job.table, job.sidecar, {
			...job.options,
			onStage: (stage, done, total) => post({ type: 'stage', stage, done, total }),
		});
		post({ type: 'done', result });
	} catch (e) {
		post({ type: 'error', name: e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) });
	}
}

/** Main-thread side. `script` is the running bundle (dist/server.js). */
export function runAuditInWorker(
	script: string,
	table: Table,
	sidecar: Sidecar,
	options: AuditJobOptions,
	signal: AbortSignal,
	onStage: (stage: string, done: number, total: number) => void,
): Promise<AuditResult> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) {
			reject(abortError('the audit was cancelled'));
			return;
		}
		const worker = new Worker(script, { workerData: { kind: 'audit', table, sidecar, options } satisfies AuditJob });
		let settled = false;
		const finish = (fn: () => void): void => {
			if (!settled) {
				settled = true;
				signal.removeEventListener('abort', onAbort);
				void worker.terminate();
				fn();
			}
		};
		const onAbort = (): void => finish(() => reject(abortError('the audit was cancelled')));
		signal.addEventListener('abort', onAbort, { once: true });
		worker.on('message', (m: FromAuditWorker) => {
			if (m.type === 'stage') {
				onStage(m.stage, m.done, m.total);
			} else if (m.type === 'done') {
				finish(() => resolve(m.result));
			} else {
				const e = new Error(m.message);
				e.name = m.name;
				finish(() => reject(e));
			}
		});
		worker.on('error', (e) => finish(() => reject(e)));
		worker.on('exit', (code) => finish(() => reject(new Error(`the audit worker exited with code ${code}`))));
	});
}
