import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, runUnitsInProcess, type SimulationResult } from '../../../src/core/collective/simulate';
import type { SimulationParams, Experiment } from '../../../src/core/collective/params';
import { createPoolExecutor } from '../../../src/runner/pool';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { numbersOf, syntheticFixture } from './fixture';

const params: Partial<SimulationParams> & { experiment: Experiment } = { experiment: 'flips', seeds: 2, flips: 4 };

async function isAbortError(p: Promise<unknown>): Promise<number> {
	const error = await p.then(
		() => undefined,
		(e: unknown) => e,
	);
	assert.ok(error instanceof Error, 'the run should have been cancelled');
	assert.equal(error.name, 'AbortError');
	return performance.now();
}

describe('determinism across executors', () => {
	const { table, sidecar } = syntheticFixture(2000);
	const runs = new Map<string, SimulationResult>();
	const run = async (name: string, executor?: ReturnType<typeof createPoolExecutor>, firstSeed = 0): Promise<SimulationResult> => {
		const r = await simulate(table, sidecar, { ...params, firstSeed }, executor !== undefined ? { executor } : {});
		runs.set(name, r);
		return r;
	};

	it('in-process, a 1-worker pool and a 2-worker pool give identical numbers', async () => {
		const inProcess = await run('in-process');
		const one = await run('pool-1', createPoolExecutor(1));
		const two = await run('pool-2', createPoolExecutor(2));
		assert.ok(inProcess.rows.length > 0);
		assert.deepEqual(JSON.parse(numbersOf(one)), JSON.parse(numbersOf(inProcess)));
		assert.deepEqual(JSON.parse(numbersOf(two)), JSON.parse(numbersOf(inProcess)));
		// Byte-identical, not just deep-equal after parsing (key order, −0, float printing).
		assert.equal(numbersOf(two), numbersOf(inProcess));
	});

	it('a different first seed gives different rows', async () => {
		const other = await run('seed-5', createPoolExecutor(2), 5);
		const reference = runs.get('in-process') ?? (await run('in-process'));
		assert.notDeepEqual(other.rows, reference.rows);
		assert.notDeepEqual(other.base, reference.base);
	});
});

describe('threads across the passes of a run', () => {
	// One seed, the four methods, the coarse grid and its refinement: the shape of the 1M-row bench run.
	const { table, sidecar } = syntheticFixture(3000, 11);
	const oneSeed: Partial<SimulationParams> & { experiment: Experiment } = { experiment: 'flips', seeds: 1, flips: 4 };
	const observed = async (
		workers: number,
	): Promise<{ result: SimulationResult; started: number[]; exited: number[]; dispatched: string[] }> => {
		const started: number[] = [];
		const exited: number[] = [];
		const dispatched: string[] = [];
		const executor = createPoolExecutor(workers, undefined, {
			onWorkerStart: (id) => started.push(id),
			onWorkerExit: (id) => exited.push(id),
			onDispatch: (id, key, how) => dispatched.push(`${id} ${key.seed} ${key.method} ${how}`),
		});
		const result = await simulate(table, sidecar, oneSeed, { executor });
		return { result, started, exited, dispatched };
	};

	it('1, 2 and 3 workers give byte-identical rows, equal to the in-process run', async () => {
		const inProcess = numbersOf(await simulate(table, sidecar, oneSeed));
		for (const workers of [1, 2, 3]) {
			const { result } = await observed(workers);
			assert.ok(result.gridRefinement.length > 0, 'the run has a refinement pass');
			assert.equal(numbersOf(result), inProcess, `${workers} workers`);
		}
	});

	it('two workers start two threads for both passes, prepare the one seed once, both run units, and all exit with the run', async () => {
		const { result, started, exited, dispatched } = await observed(2);
		assert.equal(started.length, 2, 'the refinement pass reuses the threads');
		assert.deepEqual([...exited].sort(), [...started].sort(), 'release() ends them when simulate() settles');
		assert.deepEqual(
			process.getActiveResourcesInfo().filter((r) => /Worker|MessagePort/.test(r)),
			[],
		);
		const units = result.params.methods.length;
		assert.equal(dispatched.length, 2 * units, 'every unit in each of the two passes');
		assert.equal(dispatched.filter((d) => d.endsWith(' prepare')).length, 1, dispatched.join('; '));
		// The second thread is sent the context instead of building it, and later units find it held.
		assert.equal(dispatched.filter((d) => d.endsWith(' shared')).length, 1, dispatched.join('; '));
		const threadsUsed = new Set(dispatched.map((d) => d.split(' ')[0]));
		assert.equal(threadsUsed.size, 2, 'a one-seed run keeps both cores busy');
		const secondPass = dispatched.slice(units);
		assert.ok(
			secondPass.every((d) => d.endsWith(' held')),
			`the refinement pass prepares nothing: ${secondPass.join('; ')}`,
		);
	});
});

describe('threads started before the first pass', () => {
	const { table, sidecar } = syntheticFixture(3000, 11);
	const oneSeed: Partial<SimulationParams> & { experiment: Experiment } = { experiment: 'flips', seeds: 1, flips: 4 };

	it('startThreads() starts every thread at once, the run uses those and no others, and the rows are the same', async () => {
		const started: number[] = [];
		const exited: number[] = [];
		const dispatched = new Set<number>();
		const executor = createPoolExecutor(2, undefined, {
			onWorkerStart: (id) => started.push(id),
			onWorkerExit: (id) => exited.push(id),
			onDispatch: (id) => dispatched.add(id),
		});
		executor.startThreads();
		assert.equal(started.length, 2, 'both threads start before any pass');
		executor.startThreads();
		assert.equal(started.length, 2, 'a second call starts nothing');
		const early = await simulate(table, sidecar, oneSeed, { executor });
		assert.equal(started.length, 2, 'the passes start no other thread');
		assert.deepEqual([...dispatched].sort(), [...started].sort(), 'both early threads ran units');
		assert.deepEqual([...exited].sort(), [...started].sort(), 'release() ends them when simulate() settles');
		assert.equal(numbersOf(early), numbersOf(await simulate(table, sidecar, oneSeed)));
	});

	it('threads started early and not yet used do not keep the process alive, and release() ends them', async () => {
		const exited: number[] = [];
		const executor = createPoolExecutor(2, undefined, { onWorkerExit: (id) => exited.push(id) });
		executor.startThreads();
		await new Promise((resolve) => setTimeout(resolve, 300));
		assert.deepEqual(
			process.getActiveResourcesInfo().filter((r) => /Worker|MessagePort/.test(r)),
			[],
			'idle early threads are unreferenced',
		);
		assert.equal(exited.length, 0, 'they wait for a pass');
		await executor.release();
		assert.equal(exited.length, 2);
	});
});

describe('cancellation', () => {
	// Long enough that the run is far from done when it is cancelled (about 4 s uncancelled).
	const { table, sidecar } = syntheticFixture(4000, 3);
	const long: Partial<SimulationParams> & { experiment: Experiment } = { experiment: 'flips', seeds: 4, flips: 30 };

	it('a pool run rejects with an AbortError within 0.5 s of abort() and leaves no thread running', async (t) => {
		const started: number[] = [];
		const exited: number[] = [];
		const executor = createPoolExecutor(2, undefined, { onWorkerStart: (id) => started.push(id), onWorkerExit: (id) => exited.push(id) });
		const controller = new AbortController();
		let abortedAt = 0;
		let fitsSeen = 0;
		const run = simulate(table, sidecar, long, {
			executor,
			signal: controller.signal,
			onProgress: (p) => {
				fitsSeen = p.done;
				if (p.done === 3) {
					abortedAt = performance.now();
					controller.abort();
				}
			},
		});
		const rejectedAt = await isAbortError(run);
		const latency = rejectedAt - abortedAt;
		assert.ok(abortedAt > 0, 'the run should have reached its third refit');
		assert.ok(latency < 500, `rejected ${latency.toFixed(1)} ms after abort()`);
		assert.equal(started.length, 2);
		assert.deepEqual([...exited].sort(), [...started].sort(), 'every worker has exited by the time the promise rejects');
		assert.ok(fitsSeen < 100, 'no progress after the abort');
		// No worker-related handle survives (MessagePort / Worker resources would keep the process alive).
		const resources = process.getActiveResourcesInfo().filter((r) => /Worker|MessagePort/.test(r));
		assert.deepEqual(resources, []);
		t.diagnostic(`pool cancellation latency ${latency.toFixed(1)} ms`);
	});

	it('a pool run cancelled before it starts rejects without starting a thread', async () => {
		const started: number[] = [];
		const controller = new AbortController();
		controller.abort();
		await isAbortError(
			simulate(table, sidecar, long, {
				executor: createPoolExecutor(2, undefined, { onWorkerStart: (id) => started.push(id) }),
				signal: controller.signal,
			}),
		);
		assert.deepEqual(started, []);
	});

	it('the in-process executor rejects with an AbortError within 0.5 s of an abort() from a timer', async (t) => {
		const controller = new AbortController();
		let abortedAt = 0;
		let fitsAfterAbort = 0;
		const run = simulate(table, sidecar, long, {
			executor: runUnitsInProcess,
			signal: controller.signal,
			onProgress: (p) => {
				if (abortedAt > 0) {
					fitsAfterAbort++;
				}
				if (p.done === 3) {
					// From a macrotask, as a UI click or SIGINT would arrive: only seen if the run yields.
					setTimeout(() => {
						abortedAt = performance.now();
						controller.abort();
					}, 0);
				}
			},
		});
		const rejectedAt = await isAbortError(run);
		const latency = rejectedAt - abortedAt;
		assert.ok(abortedAt > 0);
		assert.ok(latency < 500, `rejected ${latency.toFixed(1)} ms after abort()`);
		assert.ok(fitsAfterAbort <= 1, `${fitsAfterAbort} refits after abort()`);
		t.diagnostic(`in-process cancellation latency ${latency.toFixed(1)} ms`);
	});
});

describe('pool failures', () => {
	const { table, sidecar } = syntheticFixture(2000);
	/** A stand-in worker script, written to a temp dir. */
	const withScript = async (body: string, run: (script: string) => Promise<void>): Promise<void> => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-pool-test-'));
		const script = path.join(dir, 'worker.js');
		writeFileSync(script, `const { parentPort } = require('node:worker_threads');\n${body}\n`);
		try {
			await run(script);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};

	it('a unit that fails in a worker rejects the run with its error, after every thread has exited', async () => {
		await withScript(
			`parentPort.on('message', (m) => { if (m.type === 'run') parentPort.postMessage({ type: 'error', index: m.index, name: 'RangeError', message: 'unit ' + m.index + ' failed' }); });`,
			async (script) => {
				const exited: number[] = [];
				const executor = createPoolExecutor(2, script, { onWorkerExit: (id) => exited.push(id) });
				await assert.rejects(simulate(table, sidecar, params, { executor }), { name: 'RangeError', message: /^unit \d failed$/ });
				assert.equal(exited.length, 2);
			},
		);
	});

	it('a worker that exits before the run is over rejects the run instead of leaving it pending', async () => {
		await withScript(`parentPort.on('message', (m) => { if (m.type === 'run') process.exit(0); });`, async (script) => {
			await assert.rejects(
				simulate(table, sidecar, params, { executor: createPoolExecutor(1, script) }),
				/a simulation worker exited with code 0 before the run finished/,
			);
		});
	});
});
