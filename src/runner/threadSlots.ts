/**
 * Long-lived simulation threads for a queue worker. Unlike the per-run pool (pool.ts), a queue
 * worker serves units of many runs for as long as it lives, so each thread stays up and keeps
 * the dataset (and its seed contexts) of the last run it served: consecutive units of one run on
 * one thread pay for the table's transfer once. A unit runs off the main thread, so the main
 * thread stays free to renew the BullMQ job locks; a cancelled unit's thread is terminated
 * (V8 interrupts the fit) and replaced.
 */
import { Worker } from 'node:worker_threads';
import type { SimulationParams } from '../core/collective/params';
import type { UnitKey, UnitResult } from '../core/collective/unit';
import type { Table } from '../core/csv/table';
import type { Sidecar } from '../core/roles/sidecar';
import type { FromWorker, ToWorker } from './messages';
import { workerScriptPath } from './pool';
import { abortError } from '../core/abort';

export interface SlotWork {
	/** Identifies the table, roles and parameters: a thread already holding them is not re-initialised. */
	readonly initKey: string;
	readonly init: () => { table: Table; sidecar: Sidecar; params: SimulationParams };
	readonly key: UnitKey;
	readonly onFit: () => void;
	readonly signal: AbortSignal;
}

class Slot {
	private worker: Worker | undefined;
	private initKey: string | undefined;

	constructor(private readonly script: string) {}

	run(work: SlotWork): Promise<UnitResult> {
		const worker = (this.worker ??= new Worker(this.script));
		if (this.initKey !== work.initKey) {
			const { table, sidecar, params } = work.init();
			worker.postMessage({ type: 'init', table, sidecar, params } satisfies ToWorker);
			this.initKey = work.initKey;
		}
		return new Promise<UnitResult>((resolve, reject) => {
			const cleanup = (): void => {
				worker.off('message', onMessage);
				worker.off('error', onError);
				worker.off('exit', onExit);
				work.signal.removeEventListener('abort', onAbort);
			};
			const fail = (error: Error): void => {
				cleanup();
				// The failure is what the caller needs; the thread's exit code after terminate() is not.
				void this.discard();
				reject(error);
			};
			const onMessage = (m: FromWorker): void => {
				if (m.type === 'fit') {
					work.onFit();
				} else if (m.type === 'done') {
					cleanup();
					resolve(m.result);
				} else if (m.type === 'error') {
					const e = new Error(m.message);
					e.name = m.name;
					fail(e);
				}
			};
			const onError = (e: Error): void => fail(e);
			const onExit = (code: number): void => fail(new Error(`the simulation thread exited with code ${code} during a unit`));
			const onAbort = (): void => {
				fail(abortError('the unit was cancelled'));
			};
			worker.on('message', onMessage);
			worker.on('error', onError);
			worker.on('exit', onExit);
			work.signal.addEventListener('abort', onAbort, { once: true });
			if (work.signal.aborted) {
				onAbort();
				return;
			}
			worker.postMessage({ type: 'run', index: 0, key: work.key } satisfies ToWorker);
		});
	}

	/** Stops this slot's thread (a fresh one starts with the next unit). */
	discard(): Promise<number> | undefined {
		const worker = this.worker;
		this.worker = undefined;
		this.initKey = undefined;
		return worker?.terminate();
	}
}

/** `size` slots; {@link ThreadSlots.run} takes a free one (BullMQ's concurrency never asks for more). */
export class ThreadSlots {
	private readonly free: Slot[];

	constructor(
		readonly size: number,
		script: string = workerScriptPath(),
	) {
		this.free = Array.from({ length: size }, () => new Slot(script));
	}

	async run(work: SlotWork): Promise<UnitResult> {
		const slot = this.free.pop();
		if (slot === undefined) {
			throw new Error(`all ${this.size} simulation threads are busy`);
		}
		try {
			return await slot.run(work);
		} finally {
			this.free.push(slot);
		}
	}

	/** Terminates every idle thread (call after the queue worker has closed). */
	async close(): Promise<void> {
		await Promise.all(this.free.map((s) => s.discard()));
	}
}
