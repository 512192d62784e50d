/**
 * `collective-fairness worker --queue URL`: pulls simulation units from the BullMQ queue and runs
 * them on this machine's threads until stopped. Any number of workers, on any machines, may
 * serve one queue; a unit's numbers depend only on its key, so who runs it does not matter.
 *
 * A unit is refused (failed for good, with the reason) when it was queued by another engine
 * version, or when its coordinator is gone; it is stopped within half a second when its
 * coordinator cancels. A worker killed mid-unit loses nothing: its lock expires and BullMQ's
 * stalled-job check hands the unit to another worker.
 */
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Table } from '../core/csv/table';
import { bullConnection, connectWithRetry } from './queueConnection';
import {
	aliveKey,
	cancelledKey,
	datasetKey,
	decodeSpec,
	decodeTable,
	encodeResult,
	ENGINE,
	QUEUE_NAME,
	redactedUrl,
	type RunSpec,
	type UnitJob,
} from './queueProtocol';
import { ThreadSlots } from './threadSlots';

export interface QueueWorkerOptions {
	readonly url: string;
	readonly threads: number;
	/** How long a unit's lock lives without renewal: a killed worker's unit is handed on after about this long. */
	readonly lockSeconds: number;
	readonly log: (line: string) => void;
	/** Aborting closes the worker: running units are dropped (another worker takes them after their lock expires). */
	readonly signal: AbortSignal;
}

/** How often a running unit checks whether its coordinator cancelled or vanished. */
const RUN_CHECK_MS = 500;
/** How often a running unit reports its refits to the coordinator. */
const PROGRESS_MS = 300;
/** Datasets kept in memory (the latest ones). */
const CACHED_DATASETS = 2;

export async function runQueueWorker(options: QueueWorkerOptions): Promise<void> {
	const { url, log, signal } = options;
	const where = redactedUrl(url);
	const redis = await connectWithRetry(url, log, signal);
	const slots = new ThreadSlots(options.threads);
	const datasets = new DatasetCache(redis);
	const specs = new Map<string, RunSpec>();
	let lastError = '';
	const worker = new Worker<UnitJob, string>(QUEUE_NAME, (job) => runJob(job, { redis, slots, datasets, specs, log }), {
		connection: bullConnection(url, (attempt) => {
			const wait = Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
			log(`lost Redis at ${where} (${lastError}); retrying in ${(wait / 1000).toFixed(1)} s`);
			return wait;
		}),
		concurrency: options.threads,
		lockDuration: options.lockSeconds * 1000,
		stalledInterval: Math.max(1000, Math.round((options.lockSeconds * 1000) / 2)),
		maxStalledCount: 3,
		autorun: false,
	});
	worker.on('error', (e) => {
		lastError = e.message;
	});
	worker.on('completed', (job) => log(`unit ${job.id} done (seed ${job.data.key.seed}, ${job.data.key.method})`));
	worker.on('failed', (job, e) => log(`unit ${job?.id ?? '?'} not run: ${e.message}`));
	log(`connected to ${where}; ${options.threads} thread${options.threads === 1 ? '' : 's'} waiting for units of ${ENGINE}`);
	const closed = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
	const running = worker.run();
	await Promise.race([closed, running]);
	// force: do not wait for running units; their locks expire and other workers take them.
	await worker.close(true);
	await running.catch(() => undefined);
	await slots.close();
	redis.disconnect();
}

interface WorkerState {
	readonly redis: Redis;
	readonly slots: ThreadSlots;
	readonly datasets: DatasetCache;
	readonly specs: Map<string, RunSpec>;
	readonly log: (line: string) => void;
}

async function runJob(job: Job<UnitJob, string>, state: WorkerState): Promise<string> {
	const data = job.data;
	if (data.engine !== ENGINE) {
		throw new UnrecoverableError(
			`refused: this unit was queued by ${data.engine ?? 'an unknown engine'}, and this worker runs ${ENGINE}; run workers of the coordinator's version`,
		);
	}
	if ((await state.redis.exists(aliveKey(data.run))) === 0 || (await state.redis.exists(cancelledKey(data.run))) === 1) {
		throw new UnrecoverableError(`dropped: the coordinator of run ${data.run} is gone or cancelled`);
	}
	// Said before the work so that an operator (and the killed-worker test) sees which unit a worker holds.
	state.log(`unit ${job.id ?? '?'} started (seed ${data.key.seed}, ${data.key.method})`);
	const table = await state.datasets.get(data.dataset);
	let spec = state.specs.get(data.run);
	if (spec === undefined) {
		spec = decodeSpec(data.spec);
		state.specs.clear();
		state.specs.set(data.run, spec);
	}
	const controller = new AbortController();
	let fits = 0;
	let reported = 0;
	const watch = setInterval(
		() => {
			void runIsOver(state.redis, data.run).then(
				(over) => {
					if (over) {
						controller.abort();
					}
				},
				() => undefined,
			);
			if (fits !== reported) {
				reported = fits;
				job.updateProgress(fits).catch(() => undefined);
			}
		},
		Math.min(RUN_CHECK_MS, PROGRESS_MS),
	);
	try {
		const result = await state.slots.run({
			initKey: `${data.dataset}|${data.run}`,
			init: () => ({ table, sidecar: spec.sidecar, params: spec.params }),
			key: data.key,
			onFit: () => {
				fits++;
			},
			signal: controller.signal,
		});
		return encodeResult(result);
	} catch (error) {
		if (controller.signal.aborted) {
			// Said here, not only in the 'failed' event: a coordinator that cancels removes its jobs,
			// and BullMQ then has no job left to mark failed, so the event may never come.
			state.log(`unit ${job.id ?? '?'} stopped: run ${data.run} was cancelled by its coordinator`);
			throw new UnrecoverableError(`stopped: run ${data.run} was cancelled by its coordinator`);
		}
		throw error;
	} finally {
		clearInterval(watch);
	}
}

async function runIsOver(redis: Redis, run: string): Promise<boolean> {
	const [alive, cancelled] = await Promise.all([redis.exists(aliveKey(run)), redis.exists(cancelledKey(run))]);
	return alive === 0 || cancelled === 1;
}

/** Datasets by content hash: fetched from Redis once, kept in memory for the next units. */
class DatasetCache {
	private readonly tables = new Map<string, Promise<Table>>();

	constructor(private readonly redis: Redis) {}

	get(hash: string): Promise<Table> {
		let table = this.tables.get(hash);
		if (table === undefined) {
			table = this.fetch(hash);
			this.tables.set(hash, table);
			table.catch(() => this.tables.delete(hash));
			while (this.tables.size > CACHED_DATASETS) {
				this.tables.delete(this.tables.keys().next().value!);
			}
		}
		return table;
	}

	private async fetch(hash: string): Promise<Table> {
		const bytes = await this.redis.getBuffer(datasetKey(hash));
		if (bytes === null) {
			throw new UnrecoverableError(`the dataset ${hash.slice(0, 12)}… is no longer in Redis (it expired, or the coordinator is gone)`);
		}
		return decodeTable(bytes, hash);
	}
}
