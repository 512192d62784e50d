/**
 * A child process for outputs.test.ts: writes a report through the CLI's output path with the
 * flush slowed to ten seconds, so the test can press Ctrl-C in the middle of the final write.
 * Does nothing without a target argument (node --test may pick this file up on its own).
 */
import { promises as fs } from 'node:fs';
import { writeOutput } from '../../../src/cli/output';

async function main(target: string | undefined): Promise<void> {
	if (target === undefined) {
		return;
	}
	const probe = await fs.open(__filename, 'r');
	const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
	await probe.close();
	const sync = proto.sync;
	proto.sync = function slowSync(this: unknown): Promise<void> {
		process.stdout.write('syncing\n');
		return new Promise<void>((resolve) => setTimeout(resolve, 10_000)).then(() => sync.call(this));
	};
	await writeOutput(
		target,
		{ tool: 'collective-fairness' },
		{ simulations: {} },
		{ file: `${target}.input.csv`, sidecarPath: undefined, rows: 0, force: false },
	);
}

void main(process.argv[2]);
