/** `collective-fairness worker`: serve the simulation units a `simulate --queue` run puts on Redis. */
import { parseArgs } from 'node:util';
import { defaultWorkerCount } from '../../runner/pool';
import { requireRedisUrl } from '../../runner/queueConnection';
import { runQueueWorker } from '../../runner/queueWorker';
import type { Command } from '../command';
import { EXIT_CANCELLED, EXIT_OK, UsageError } from '../errors';
import { parseNumberFlag } from '../common';
import { printErr } from '../terminal';

const HELP = `Usage: collective-fairness worker --queue redis://HOST:PORT[/DB] [options]

Pulls simulation units from the queue that 'collective-fairness simulate FILE --queue URL' fills,
runs them on this machine's threads and sends the results back. Start any number of workers, on
any machines that reach the Redis server; each fetches a run's dataset once (by content hash)
and keeps it. Runs until Ctrl-C (units it was running go to another worker).

Options:
  --queue URL             the Redis server: redis://HOST:PORT[/DB] (rediss:// for TLS) (required)
  --threads N             units run at once on this machine (default: every core)
  --lock-seconds S        a unit whose worker stops answering for S seconds is handed to another
                          worker (default 30)

A worker that cannot reach Redis says so and retries with backoff (0.5 s doubling to 15 s).
It refuses units queued by another version of collective-fairness.`;

export const workerCommand: Command = {
	name: 'worker',
	summary: 'run simulation units from a Redis queue (for simulate --queue)',
	help: HELP,
	async run(args) {
		const { values, positionals } = parseArgs({
			args: [...args],
			options: { queue: { type: 'string' }, threads: { type: 'string' }, 'lock-seconds': { type: 'string' } },
			allowPositionals: true,
		});
		if (positionals.length > 0) {
			throw new UsageError(`worker takes no FILE (the dataset comes from the queue), got '${positionals[0]}'`);
		}
		if (values.queue === undefined) {
			throw new UsageError('give --queue redis://HOST:PORT[/DB]');
		}
		requireRedisUrl(values.queue);
		const threads = parseNumberFlag('threads', values.threads, { integer: true, min: 1, max: 64 }) ?? defaultWorkerCount('cli');
		const lockSeconds = parseNumberFlag('lock-seconds', values['lock-seconds'], { min: 2, max: 3600 }) ?? 30;
		const controller = new AbortController();
		let signalled: NodeJS.Signals | undefined;
		const onSignal = (signal: NodeJS.Signals): void => {
			signalled = signal;
			controller.abort();
		};
		process.once('SIGINT', onSignal);
		process.once('SIGTERM', onSignal);
		const log = (line: string): void => printErr(`worker ${process.pid}: ${line}\n`);
		try {
			await runQueueWorker({ url: values.queue, threads, lockSeconds, log, signal: controller.signal });
		} catch (error) {
			if (!controller.signal.aborted) {
				throw error;
			}
		} finally {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		}
		log('stopped');
		return signalled === 'SIGINT' ? EXIT_CANCELLED : EXIT_OK;
	},
};
