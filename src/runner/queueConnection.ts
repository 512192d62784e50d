/**
 * Redis connections of the distributed runner. The coordinator fails fast (a URL that does not
 * answer is an input error, exit 2, before anything is queued); a worker waits for Redis, saying
 * so, and retries with exponential backoff (0.5 s doubling to 15 s), so workers can be started
 * before the server and survive its restarts.
 */
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { checkRedisUrl, redactedUrl } from './queueProtocol';

/** An error of the distributed runner the user can act on (bad URL, unreachable Redis, refused unit). */
export class QueueError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'QueueError';
	}
}

/** Delay before reconnection attempt `attempt` (1-based). */
export function backoffMs(attempt: number): number {
	return Math.min(15_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/** Throws a {@link QueueError} naming the URL when it is not a Redis URL. */
export function requireRedisUrl(url: string): void {
	const problem = checkRedisUrl(url);
	if (problem !== undefined) {
		throw new QueueError(`--queue: ${problem}`);
	}
}

/** Options for BullMQ's own connections: commands wait for a reconnection instead of failing (BullMQ requires it). */
export function bullConnection(url: string, retry: (attempt: number) => number | null = backoffMs): ConnectionOptions {
	return { url, maxRetriesPerRequest: null, retryStrategy: retry };
}

/** Connects once, with a short timeout; a URL that does not answer is a {@link QueueError} naming it. */
export async function connectOrFail(url: string, timeoutMs = 3000): Promise<Redis> {
	requireRedisUrl(url);
	const redis = new Redis(url, {
		lazyConnect: true,
		connectTimeout: timeoutMs,
		maxRetriesPerRequest: 1,
		retryStrategy: () => null,
		enableOfflineQueue: false,
	});
	let lastError: Error | undefined;
	redis.on('error', (e: Error) => {
		lastError = e;
	});
	try {
		await redis.connect();
		await redis.ping();
	} catch (error) {
		redis.disconnect();
		const detail = (lastError ?? (error instanceof Error ? error : new Error(String(error)))).message;
		throw new QueueError(`cannot reach Redis at ${redactedUrl(url)}: ${detail}`);
	}
	return redis;
}

/**
 * Connects and keeps reconnecting with backoff, logging each wait; resolves once Redis answers,
 * rejects only when `signal` aborts.
 */
export async function connectWithRetry(url: string, log: (line: string) => void, signal: AbortSignal): Promise<Redis> {
	requireRedisUrl(url);
	let lastError = 'no answer';
	const redis = new Redis(url, {
		lazyConnect: true,
		maxRetriesPerRequest: null,
		retryStrategy: (attempt) => {
			const wait = backoffMs(attempt);
			log(`cannot reach Redis at ${redactedUrl(url)} (${lastError}); retrying in ${(wait / 1000).toFixed(1)} s`);
			return wait;
		},
	});
	redis.on('error', (e: Error) => {
		lastError = e.message;
	});
	const ready = new Promise<void>((resolve) => redis.once('ready', () => resolve()));
	redis.connect().catch(() => undefined);
	const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
	try {
		await Promise.race([ready, aborted]);
	} catch (error) {
		redis.disconnect();
		throw error;
	}
	return redis;
}
