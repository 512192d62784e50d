/**
 * A worker_threads pool that executes simulation units (see core/collective/unit.ts). Units are
 * handed out in plan order to whichever worker is free; since a unit's numbers depend only on
 * its key, the result is identical for any number of workers. Cancellation terminates every
 * worker at once (no cooperative polling needed), so a cancelled run stops within milliseconds
 * and leaves no thread behind; the promise settles after the last thread has exited.
 */
import { Worker } from 'node:worker_threads';
import * as os from 'node:os';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import type { UnitExecutor } from '../core/collective/simulate';
import type { UnitResult } from '../core/collective/unit';
import type { FromWorker, ToWorker } from './messages';
import { abortError } from '../core/abort';

/** Every core for the CLI; cores − 1 (at least 1) inside the language server, so the editor stays responsive. */
export function defaultWorkerCount(context: 'cli' | 'server'): number {
	const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
	return context === 'cli' ? Math.max(1, cores) : Math.max(1, cores - 1);
}

/** The worker script beside this bundle (dist/) or beside this compiled file (out/ in tests). */
export function workerScriptPath(): string {
	const candidates = [path.join(__dirname, 'simulationWorker.js'), path.join(__dirname, '..', 'dist', 'simulationWorker.js')];
	const found = candidates.find((p) => existsSync(p));
	if (found === undefined) {
		throw new Error(`simulation worker script not found (looked in ${candidates.join(', ')}); run npm run build`);
	}
	return found;
}

const cancelled = (): Error => abortError('the simulation was cancelled');

/** Observers of the pool's threads, for tests and diagnostics. */
export interface PoolHooks {
	/** A worker thread was started. */
	readonly onWorkerStart?: (threadId: number) => void;
	/** A worker thread has exited (after the run, a cancellation or a failure). */
	readonly onWorkerExit?: (threadId: number, code: number) => void;
}

/**
 * An executor running units on `workers` threads. The returned promise settles only once every
 * thread it started has exited, so a caller that sees it settle — with results, an AbortError or
 * a worker's error — knows no thread of the run is still computing.
 */
export function createPoolExecutor(workers: number, script: string = workerScriptPath(), hooks: PoolHooks = {}): UnitExecutor {
	if (!Number.isInteger(workers) || workers < 1) {
		throw new RangeError(`workers must be a positive integer, got ${workers}`);
	}
	return (units, { table, sidecar, params, signal, onFit }) =>
		new Promise<UnitResult[]>((resolve, reject) => {
			if (signal?.aborted === true) {
				reject(cancelled());
				return;
			}
			if (units.length === 0) {
				resolve([]);
				return;
			}
			const results: Array<UnitResult | undefined> = new Array(units.length);
			const exits: Array<Promise<void>> = [];
			const threads: Worker[] = [];
			let next = 0;
			let finished = 0;
			let settled = false;
			const settle = (error?: Error): void => {
				if (settled) {
					return;
				}
				settled = true;
				signal?.removeEventListener('abort', onAbort);
				// terminate() stops a thread even in the middle of a fit (V8 interrupts running JS);
				// waiting for every 'exit' is what makes "settled" mean "no thread left".
				for (const t of threads) {
					void t.terminate();
				}
				void Promise.all(exits).then(() => (error !== undefined ? reject(error) : resolve(results as UnitResult[])));
			};
			const onAbort = (): void => settle(cancelled());
			signal?.addEventListener('abort', onAbort, { once: true });
			const dispatch = (worker: Worker): void => {
				if (next >= units.length) {
					return;
				}
				const index = next++;
				worker.postMessage({ type: 'run', index, key: units[index]! } satisfies ToWorker);
			};
			const count = Math.min(workers, units.length);
			for (let w = 0; w < count; w++) {
				const worker = new Worker(script);
				threads.push(worker);
				const threadId = worker.threadId;
				hooks.onWorkerStart?.(threadId);
				exits.push(
					new Promise<void>((exited) => {
						worker.once('exit', (code) => {
							hooks.onWorkerExit?.(threadId, code);
							exited();
							if (!settled) {
								// A thread that leaves before the run is over (crash, or process.exit in a
								// dependency) would otherwise leave its units, and the promise, pending forever.
								settle(new Error(`a simulation worker exited with code ${code} before the run finished`));
							}
						});
					}),
				);
				worker.on('message', (m: FromWorker) => {
					if (settled) {
						return;
					}
					if (m.type === 'fit') {
						onFit();
					} else if (m.type === 'done') {
						results[m.index] = m.result;
						finished++;
						if (finished === units.length) {
							settle();
						} else {
							dispatch(worker);
						}
					} else {
						const e = new Error(m.message);
						e.name = m.name;
						if (m.stack !== undefined) {
							e.stack = m.stack;
						}
						settle(e);
					}
				});
				worker.on('error', (e) => settle(e));
				worker.postMessage({ type: 'init', table, sidecar, params } satisfies ToWorker);
				dispatch(worker);
			}
		});
}
