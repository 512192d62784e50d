/**
 * The coordinator side of `simulate --queue URL`: a {@link UnitExecutor} that puts the run's units
 * on the BullMQ queue and collects their results from whichever workers run them.
 *
 * The table travels once, by content: it is stored under its SHA-256 (if not there already) and
 * every unit names the hash; workers fetch it on their first unit and cache it. Results come back
 * as structured-clone bytes, so the aggregated rows are byte-identical to a local run's.
 * While waiting, the coordinator keeps its run's liveness key fresh; workers drop units whose
 * coordinator is gone. Cancelling (Ctrl-C) removes the run's queued units and flags the run, so
 * workers stop its running units within half a second.
 */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { UnitExecutor } from '../core/collective/simulate';
import type { UnitResult } from '../core/collective/unit';
import { bullConnection, connectOrFail, QueueError } from './queueConnection';
import {
	ALIVE_REFRESH_MS,
	ALIVE_TTL_SECONDS,
	aliveKey,
	cancelledKey,
	DATASET_TTL_SECONDS,
	datasetKey,
	decodeResult,
	encodeSpec,
	encodeTable,
	ENGINE,
	jobId,
	QUEUE_NAME,
	redactedUrl,
	type UnitJob,
} from './queueProtocol';
import { abortError } from '../core/abort';

export interface QueueExecutorOptions {
	/** Status lines (queued, stale units removed, waiting for workers). */
	readonly log?: (line: string) => void;
	/** Say so when no unit has finished after this long (default 15 s): probably no worker is running. */
	readonly idleHintMs?: number;
}

/** How often unfinished units are looked up directly, in case a completion event was missed. */
const RECONCILE_MS = 2000;

export function createQueueExecutor(url: string, options: QueueExecutorOptions = {}): UnitExecutor {
	const log = options.log ?? ((): void => undefined);
	return async (units, { table, sidecar, params, signal, onFit }) => {
		signal?.throwIfAborted();
		const redis = await connectOrFail(url);
		const where = redactedUrl(url);
		const run = randomBytes(6).toString('hex');
		const connection = bullConnection(url);
		const queue = new Queue(QUEUE_NAME, { connection });
		const events = new QueueEvents(QUEUE_NAME, { connection });
		let heartbeat: NodeJS.Timeout | undefined;
		try {
			await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
			await removeStaleUnits(queue, redis, log, where);
			const { bytes, hash } = encodeTable(table);
			// NX: a dataset already there (same content) is not sent again, only kept longer.
			if ((await redis.set(datasetKey(hash), bytes, 'EX', DATASET_TTL_SECONDS, 'NX')) === null) {
				await redis.expire(datasetKey(hash), DATASET_TTL_SECONDS);
			}
			await redis.set(aliveKey(run), ENGINE, 'EX', ALIVE_TTL_SECONDS);
			heartbeat = setInterval(
				() => void redis.set(aliveKey(run), ENGINE, 'EX', ALIVE_TTL_SECONDS).catch(() => undefined),
				ALIVE_REFRESH_MS,
			);
			const spec = encodeSpec({ sidecar, params });
			const collected = collect(units.length, run, queue, events, onFit, options.idleHintMs ?? 15_000, log, where, signal);
			await queue.addBulk(
				units.map((key, index) => ({
					name: 'unit',
					data: { engine: ENGINE, run, dataset: hash, index, key, spec },
					opts: { jobId: jobId(run, index), attempts: 1, removeOnComplete: false, removeOnFail: { age: 24 * 3600 } },
				})),
			);
			log(`queued ${units.length} units of run ${run} on ${where} (dataset ${hash.slice(0, 12)}…, ${(bytes.length / 1e6).toFixed(1)} MB)`);
			try {
				return await collected;
			} catch (error) {
				// Cancelled, or a unit failed: either way the other units of this run are no longer wanted.
				await cancelRun(queue, redis, run, units.length);
				throw error;
			}
		} finally {
			clearInterval(heartbeat);
			await Promise.all(units.map((_, index) => queue.remove(jobId(run, index)).catch(() => 0)));
			await redis.del(aliveKey(run)).catch(() => 0);
			await Promise.all([events.close(), queue.close()]).catch(() => undefined);
			redis.disconnect();
		}
	};
}

/** Waits for every unit's result (in plan order), reporting refits as workers report them. */
function collect(
	count: number,
	run: string,
	queue: Queue,
	events: QueueEvents,
	onFit: () => void,
	idleHintMs: number,
	log: (line: string) => void,
	where: string,
	signal: AbortSignal | undefined,
): Promise<UnitResult[]> {
	return new Promise<UnitResult[]>((resolve, reject) => {
		const results: Array<UnitResult | undefined> = new Array(count);
		const reported = new Array<number>(count).fill(0);
		let finished = 0;
		let settled = false;
		const indexOf = (id: string): number | undefined => {
			const prefix = `${run}-`;
			if (!id.startsWith(prefix)) {
				return undefined;
			}
			const index = Number(id.slice(prefix.length));
			return Number.isInteger(index) && index >= 0 && index < count ? index : undefined;
		};
		const fits = (index: number, total: number): void => {
			for (; reported[index]! < total; reported[index]!++) {
				onFit();
			}
		};
		const complete = (index: number, value: string): void => {
			if (settled || results[index] !== undefined) {
				return;
			}
			const result = decodeResult(value);
			results[index] = result;
			fits(index, result.fits);
			if (++finished === count) {
				finish();
				resolve(results as UnitResult[]);
			}
		};
		const fail = (index: number, reason: string): void => {
			if (!settled) {
				finish();
				reject(new QueueError(`unit ${index + 1} of ${count} (run ${run} on ${where}) failed on a worker: ${reason}`));
			}
		};
		const onCompleted = ({ jobId: id, returnvalue }: { jobId: string; returnvalue: string }): void => {
			const index = indexOf(id);
			if (index !== undefined) {
				complete(index, returnvalue);
			}
		};
		const onFailed = ({ jobId: id, failedReason }: { jobId: string; failedReason: string }): void => {
			const index = indexOf(id);
			if (index !== undefined) {
				fail(index, failedReason);
			}
		};
		const onProgress = ({ jobId: id, data }: { jobId: string; data: unknown }): void => {
			const index = indexOf(id);
			if (index !== undefined && typeof data === 'number' && !settled) {
				fits(index, data);
			}
		};
		const onAbort = (): void => {
			if (!settled) {
				finish();
				reject(abortError('the simulation was cancelled'));
			}
		};
		// A missed event (a Redis reconnection) must not leave the run waiting forever.
		const reconcile = setInterval(() => {
			void (async () => {
				for (let index = 0; index < count && !settled; index++) {
					if (results[index] === undefined) {
						const job = await Job.fromId(queue, jobId(run, index));
						if (job?.finishedOn !== undefined && job.failedReason !== undefined && job.failedReason !== '') {
							fail(index, job.failedReason);
						} else if (job?.finishedOn !== undefined && typeof job.returnvalue === 'string') {
							complete(index, job.returnvalue);
						}
					}
				}
			})().catch(() => undefined);
		}, RECONCILE_MS);
		const idle = setTimeout(() => {
			if (finished === 0 && !settled) {
				log(
					`no unit has finished after ${Math.round(idleHintMs / 1000)} s: is a worker running? Start one with: collective-fairness worker --queue ${where}`,
				);
			}
		}, idleHintMs);
		function finish(): void {
			settled = true;
			clearInterval(reconcile);
			clearTimeout(idle);
			events.off('completed', onCompleted);
			events.off('failed', onFailed);
			events.off('progress', onProgress);
			signal?.removeEventListener('abort', onAbort);
		}
		events.on('completed', onCompleted);
		events.on('failed', onFailed);
		events.on('progress', onProgress);
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}

/** Ctrl-C: flag the run (workers stop its running units) and remove its queued units. */
async function cancelRun(queue: Queue, redis: Redis, run: string, count: number): Promise<void> {
	await redis.set(cancelledKey(run), '1', 'EX', 3600).catch(() => undefined);
	await redis.del(aliveKey(run)).catch(() => 0);
	await Promise.all(Array.from({ length: count }, (_, index) => queue.remove(jobId(run, index)).catch(() => 0)));
}

/**
 * Units left queued by a coordinator that died without cleaning up (killed, or its machine lost)
 * would sit before ours: they are removed, and the removal is reported.
 */
async function removeStaleUnits(queue: Queue, redis: Redis, log: (line: string) => void, where: string): Promise<void> {
	const waiting = await queue.getJobs(['waiting', 'prioritized', 'delayed'], 0, -1);
	const runs = new Map<string, Job[]>();
	for (const job of waiting) {
		const run = (job.data as Partial<UnitJob>).run ?? '?';
		const list = runs.get(run) ?? [];
		list.push(job);
		runs.set(run, list);
	}
	for (const [run, jobs] of runs) {
		if ((await redis.exists(aliveKey(run))) === 0) {
			await Promise.all(jobs.map((job) => job.remove().catch(() => undefined)));
			log(`removed ${jobs.length} unit${jobs.length === 1 ? '' : 's'} left on ${where} by run ${run}, whose coordinator is gone`);
		}
	}
}
