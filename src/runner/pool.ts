/**
 * A worker_threads pool that executes simulation units (see core/collective/unit.ts). Units are
 * handed out to whichever worker is free, preferring one that already holds the unit's seed
 * (poolSchedule.ts); since a unit's numbers depend only on its key, the result is identical for
 * any number of workers. Cancellation terminates every worker at once (no cooperative polling
 * needed), so a cancelled run stops within milliseconds and leaves no thread behind; the promise
 * settles after the last thread has exited.
 */
import { Worker } from 'node:worker_threads';
import * as os from 'node:os';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import type { UnitExecutor } from '../core/collective/simulate';
import { preparationKey, type SimulationParams } from '../core/collective/params';
import type { SeedContext } from '../core/collective/seedContext';
import type { UnitKey, UnitRanking, UnitResult } from '../core/collective/unit';
import type { Table } from '../core/csv/table';
import type { Sidecar } from '../core/roles/sidecar';
import type { FromWorker, ToWorker } from './messages';
import { chooseUnit, type UnitChoice } from './poolSchedule';
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
	/** A unit was handed to a thread, which holds its seed's context, is sent it, or prepares it. */
	readonly onDispatch?: (threadId: number, key: UnitKey, how: UnitChoice['how']) => void;
}

interface PoolThread {
	readonly worker: Worker;
	readonly exited: Promise<void>;
	/** Seeds whose context the thread holds (as it reported after its last unit, or was sent). */
	seeds: Set<number>;
	busy: boolean;
}

/** One call of the executor: a pass over the run's units. */
interface Pass {
	readonly units: readonly UnitKey[];
	readonly results: Array<UnitResult | undefined>;
	waiting: number[];
	finished: number;
	/** Seed contexts a thread shared, held here until no waiting unit needs them. */
	readonly shared: Map<number, SeedContext>;
	/** Seeds being prepared, by the thread preparing each. */
	readonly preparing: Map<number, PoolThread>;
	readonly onFit: () => void;
	readonly resolve: (results: UnitResult[]) => void;
	readonly fail: (error: Error) => void;
}

/**
 * The pool's executor. `startThreads()` starts its `workers` threads before the first pass, with no
 * dataset yet: a thread takes about a fifth of a second to load its script and compile, which the
 * CLI overlaps with reading the dataset instead of spending it at the start of the run.
 */
export type PoolExecutor = UnitExecutor & { readonly startThreads: () => void; readonly release: () => Promise<void> };

const unitId = (key: UnitKey): string => `${key.seed}|${key.method}|${String(key.knowledge)}`;

/**
 * An executor running units on `workers` threads. The threads outlive one call: the refinement
 * pass of a run (simulate.ts) finds them with the seeds' contexts they built, and the parent
 * keeps each unit's ranking, so a second pass only refits. `release()` (simulate() calls it when
 * the run is over) ends them; until then idle threads do not keep the process alive. A call
 * settles only once no thread is computing for it: on a cancellation or a failure every thread is
 * terminated and waited for before the promise rejects.
 */
export function createPoolExecutor(workers: number, script: string = workerScriptPath(), hooks: PoolHooks = {}): PoolExecutor {
	if (!Number.isInteger(workers) || workers < 1) {
		throw new RangeError(`workers must be a positive integer, got ${workers}`);
	}
	let threads: PoolThread[] = [];
	let pass: Pass | undefined;
	let dataset: { table: Table; sidecar: Sidecar } | undefined;
	let preparation: string | undefined;
	/** Rankings of the units by unitId, for the preparation key above. */
	const rankings = new Map<string, UnitRanking>();

	const terminateAll = async (): Promise<void> => {
		const stopping = threads;
		threads = [];
		dataset = undefined;
		preparation = undefined;
		rankings.clear();
		// terminate() stops a thread even in the middle of a fit (V8 interrupts running JS);
		// waiting for every 'exit' is what makes "settled" mean "no thread left".
		for (const t of stopping) {
			void t.worker.terminate();
		}
		await Promise.all(stopping.map((t) => t.exited));
	};

	const dispatch = (thread: PoolThread): void => {
		const current = pass;
		if (current === undefined || thread.busy) {
			return;
		}
		const choice = chooseUnit(current, thread.seeds);
		if (choice === undefined) {
			return; // every waiting unit's seed is being prepared by another thread: its context will come
		}
		const key = current.units[choice.index]!;
		current.waiting = current.waiting.filter((i) => i !== choice.index);
		if (choice.how === 'shared') {
			thread.worker.postMessage({ type: 'context', context: current.shared.get(key.seed)! } satisfies ToWorker);
			thread.seeds.add(key.seed);
		}
		const share = choice.how === 'prepare' && choice.share && threads.length > 1;
		if (share) {
			current.preparing.set(key.seed, thread);
		}
		for (const seed of current.shared.keys()) {
			if (!current.waiting.some((i) => current.units[i]!.seed === seed)) {
				current.shared.delete(seed); // nobody needs it any more: bounded memory
			}
		}
		const ranking = rankings.get(unitId(key));
		hooks.onDispatch?.(thread.worker.threadId, key, choice.how);
		thread.busy = true;
		thread.worker.postMessage({
			type: 'run',
			index: choice.index,
			key,
			...(ranking !== undefined ? { ranking } : {}),
			share,
		} satisfies ToWorker);
	};
	const dispatchIdle = (): void => threads.forEach(dispatch);

	const onMessage = (thread: PoolThread, m: FromWorker): void => {
		const current = pass;
		if (current === undefined) {
			return;
		}
		if (m.type === 'fit') {
			current.onFit();
		} else if (m.type === 'context') {
			current.preparing.delete(m.context.seed);
			if (current.waiting.some((i) => current.units[i]!.seed === m.context.seed)) {
				current.shared.set(m.context.seed, m.context);
			}
			dispatchIdle();
		} else if (m.type === 'done') {
			current.results[m.index] = m.result;
			current.finished++;
			thread.busy = false;
			thread.seeds = new Set(m.seeds ?? []);
			if (current.preparing.get(m.result.key.seed) === thread) {
				// A context promised but never sent (the thread held the seed after all): let another prepare it.
				current.preparing.delete(m.result.key.seed);
			}
			if (m.ranking !== undefined) {
				rankings.set(unitId(m.result.key), m.ranking);
			}
			if (current.finished === current.units.length) {
				pass = undefined;
				for (const t of threads) {
					t.worker.unref(); // an idle pool that was never released must not keep the process alive
				}
				current.resolve(current.results as UnitResult[]);
			} else {
				dispatchIdle();
			}
		} else {
			const e = new Error(m.message);
			e.name = m.name;
			if (m.stack !== undefined) {
				e.stack = m.stack;
			}
			current.fail(e);
		}
	};

	/** A thread with no dataset yet: it loads its script while the parent does other work. */
	const spawnThread = (): PoolThread => {
		const worker = new Worker(script);
		const threadId = worker.threadId;
		hooks.onWorkerStart?.(threadId);
		let exitedNow = (): void => undefined;
		const thread: PoolThread = { worker, exited: new Promise<void>((done) => (exitedNow = done)), seeds: new Set(), busy: false };
		threads.push(thread);
		worker.once('exit', (code) => {
			hooks.onWorkerExit?.(threadId, code);
			exitedNow();
			if (threads.includes(thread)) {
				// A thread that leaves on its own (crash, or process.exit in a dependency) would
				// otherwise leave its units, and the promise, pending forever.
				threads = threads.filter((t) => t !== thread);
				pass?.fail(new Error(`a simulation worker exited with code ${code} before the run finished`));
			}
		});
		worker.on('message', (m: FromWorker) => onMessage(thread, m));
		worker.on('error', (e) => pass?.fail(e));
		return thread;
	};

	const startThread = (table: Table, sidecar: Sidecar, params: SimulationParams): void => {
		spawnThread().worker.postMessage({ type: 'init', table, sidecar, params } satisfies ToWorker);
	};

	const run: UnitExecutor = (units, { table, sidecar, params, signal, onFit }) =>
		new Promise<UnitResult[]>((resolve, reject) => {
			if (signal?.aborted === true) {
				reject(cancelled());
				return;
			}
			if (units.length === 0) {
				resolve([]);
				return;
			}
			if (pass !== undefined) {
				reject(new Error('this simulation pool is already running a pass; start another pool for a concurrent run'));
				return;
			}
			let settled = false;
			const onAbort = (): void => fail(cancelled());
			const finish = (): void => {
				settled = true;
				signal?.removeEventListener('abort', onAbort);
			};
			const fail = (error: Error): void => {
				if (settled) {
					return;
				}
				finish();
				pass = undefined;
				void terminateAll().then(() => reject(error));
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			const key = preparationKey(params);
			const sameData = dataset !== undefined && dataset.table === table && dataset.sidecar === sidecar;
			for (const t of threads) {
				t.worker.ref();
				if (!sameData || key !== preparation) {
					t.seeds.clear();
				}
				t.worker.postMessage((sameData ? { type: 'params', params } : { type: 'init', table, sidecar, params }) satisfies ToWorker);
			}
			if (!sameData || key !== preparation) {
				rankings.clear();
			}
			dataset = { table, sidecar };
			preparation = key;
			pass = {
				units,
				results: new Array<UnitResult | undefined>(units.length),
				waiting: units.map((_, i) => i),
				finished: 0,
				shared: new Map(),
				preparing: new Map(),
				onFit,
				resolve: (results) => {
					finish();
					resolve(results);
				},
				fail,
			};
			while (threads.length < Math.min(workers, units.length)) {
				startThread(table, sidecar, params);
			}
			dispatchIdle();
		});
	return Object.assign(run, {
		startThreads: (): void => {
			if (pass !== undefined || threads.length > 0) {
				return;
			}
			while (threads.length < workers) {
				// Unreferenced until a pass needs them: if the caller fails before its first pass
				// (say, a dataset that does not parse), they do not keep the process alive.
				spawnThread().worker.unref();
			}
		},
		release: async (): Promise<void> => {
			pass?.fail(abortError('the simulation pool was released during a pass'));
			await terminateAll();
		},
	});
}
