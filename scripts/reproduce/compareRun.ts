/**
 * The firm-side comparison with a trimmed FARE grid: `collective-fairness compare` has no flag for
 * FARE's γ × k̄ sweep, and its default 36 trees per seed take minutes on the larger tables. Same
 * roles (the CLI's own role flags), same core `compare`, every other firm-side sweep at its default;
 * no collective (the report draws it from the simulations, as the panel does) and no defending firm.
 *
 *   node out/reproduce/compareRun.js FILE [role flags] --seeds N      (JSON on stdout, as compare --json)
 */
import { parseArgs } from 'node:util';
import { ROLE_OPTIONS, sidecarFromFlags } from '../../src/cli/roleFlags';
import { compare } from '../../src/core/firm/compare';
import type { FirmApproach } from '../../src/core/firm/params';
import { loadDataset } from '../../src/io/loadDataset';
import { GRID } from './config';

async function main(): Promise<void> {
	const { values, positionals } = parseArgs({
		args: process.argv.slice(2),
		options: { ...ROLE_OPTIONS, seeds: { type: 'string' } },
		allowPositionals: true,
	});
	const file = positionals[0];
	if (file === undefined || positionals.length !== 1) {
		throw new Error('usage: compareRun.js FILE [role flags] --seeds N');
	}
	const loaded = await loadDataset(file);
	const sidecar = sidecarFromFlags(values, loaded.sidecar, file);
	const result = await compare(loaded.parse.table, sidecar, {
		firm: {
			approaches: GRID.firmMethods as readonly FirmApproach[],
			seeds: Number(values.seeds ?? 5),
			fareGammas: GRID.fareGammas,
			fareLeaves: GRID.fareLeaves,
		},
		includeCollective: false,
	});
	process.stdout.write(
		`${JSON.stringify({ tool: 'collective-fairness', command: 'compare', dataset: { file, rows: loaded.parse.table.rowCount }, ...result })}\n`,
	);
}

main().catch((e: unknown) => {
	process.stderr.write(`compareRun: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
