/**
 * The language server's simulate request through a BullMQ queue (setting
 * collectiveFairness.simulation.queue): a private redis-server on a free 127.0.0.1 port, one
 * `collective-fairness worker` process, and the rows compared with the same request run on the
 * server's own pool. A setting that is not a Redis URL is refused, naming the setting. Skipped,
 * saying so, where redis-server is not installed (CI installs it).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CLI, ensureBuilt, generated, tempDir } from '../cli/run';
import { redisSkipReason, startRedisServer, until } from '../../support/redis';
import { TestClient } from './lspClient';

const skipReason = redisSkipReason('the queue test');

interface SimulationRows {
	readonly experiment: string;
	readonly rows: readonly unknown[];
}

void describe('language server: simulations through the BullMQ queue setting', { skip: skipReason, timeout: 180_000 }, () => {
	let dir: string;
	let cleanup = (): void => undefined;
	let redisServer: ChildProcess | undefined;
	let worker: ChildProcess | undefined;
	let workerLog = '';
	let url: string;
	let client: TestClient;
	let uri: string;
	const params = { experiment: 'flips', seeds: 2, flips: 4, methods: ['random', 'rb-prob'] };

	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		({ server: redisServer, url } = await startRedisServer());
		const data = generated(dir, 1500);
		assert.ok(existsSync(data.replace(/\.csv$/, '.fairness.json')), 'generate writes the roles beside the data');
		uri = pathToFileURL(data).href;
		worker = spawn(process.execPath, [CLI, 'worker', '--queue', url, '--threads', '1'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
		worker.stderr!.on('data', (d: Buffer) => {
			workerLog += d.toString('utf8');
		});
		await until('the worker to connect', () => /waiting for units/.test(workerLog), 20_000);
		client = new TestClient();
		await client.initialize();
	});

	after(async () => {
		await client?.stop();
		if (worker !== undefined && worker.exitCode === null) {
			worker.kill('SIGKILL');
		}
		redisServer?.kill('SIGTERM');
		cleanup();
	});

	const simulate = (): Promise<SimulationRows> =>
		client.connection.sendRequest<SimulationRows>('collectiveFairness/simulate', { uri, params });
	const configure = (queue: string): Promise<void> =>
		client.connection.sendNotification('workspace/didChangeConfiguration', {
			settings: { collectiveFairness: { simulation: { queue } } },
		});

	void it("runs the units on the queue's worker and returns the rows of a run on the server's own pool", async () => {
		const local = await simulate();
		assert.equal(local.experiment, 'flips');
		assert.ok(local.rows.length > 0, 'the local run has rows');
		assert.doesNotMatch(workerLog, /unit \S+ done/, 'nothing reached the worker before the setting');
		await configure(url);
		const queued = await simulate();
		assert.match(workerLog, /unit \S+ done/, `the worker ran the units; its log:\n${workerLog}`);
		assert.deepEqual(queued.rows, local.rows);
		await configure('');
	});

	void it('refuses a setting that is not a Redis URL, naming the setting', async () => {
		await configure('http://127.0.0.1:6379');
		await assert.rejects(simulate(), (e: { message: string }) =>
			/collectiveFairness\.simulation\.queue: .*not a Redis URL/.test(e.message),
		);
		await configure('');
	});
});
