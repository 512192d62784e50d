/**
 * What the Redis-backed suites (test/integration/runner/distributed.test.ts and
 * test/integration/server/queue.test.ts) share: whether redis-server is installed (they skip,
 * saying so, where it is not; CI installs it), a private redis-server on a free 127.0.0.1 port,
 * and a poll that waits for a condition with a deadline.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import { Redis } from 'ioredis';

export const hasRedis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).error === undefined;

/** The `skip` option of a suite that needs redis-server: false where it is installed, else why it is skipped. */
export function redisSkipReason(what: string): string | false {
	return hasRedis ? false : `redis-server is not installed on this machine (apt-get install redis-server); ${what} needs it`;
}

/** A TCP port nothing listens on at the moment of asking. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const port = (server.address() as net.AddressInfo).port;
			server.close(() => resolve(port));
		});
	});
}

/** Polls `check` every 100 ms; throws naming `what` once `timeoutMs` have passed without it holding. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/**
 * Starts a private redis-server (no persistence) on a free 127.0.0.1 port and waits until it
 * answers PING. The caller stops `server` (SIGTERM) when done.
 */
export async function startRedisServer(): Promise<{ server: ChildProcess; url: string }> {
	const port = await freePort();
	const url = `redis://127.0.0.1:${port}/0`;
	const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		stdio: 'ignore',
	});
	await until(
		'redis-server to answer',
		async () => {
			const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
			probe.on('error', () => undefined);
			const up = await probe
				.connect()
				.then(() => probe.ping())
				.then(
					() => true,
					() => false,
				);
			probe.disconnect();
			return up;
		},
		10_000,
	);
	return { server, url };
}
