/**
 * The command line every matrix exporter takes: `--out DIR [--datasets DIR]`. Returns the output
 * folder (created) and Adult's path, or undefined after printing the usage line.
 */
import { mkdirSync } from 'node:fs';
import type { FeatureMatrix } from '../../src/core/encoding/matrix';
import { locateDataset } from '../support/datasets';

export function exportArgs(script: string): { out: string; adult: string } | undefined {
	const args = process.argv.slice(2);
	const outAt = args.indexOf('--out');
	if (outAt < 0 || args[outAt + 1] === undefined) {
		process.stdout.write(`usage: node out/test/reference/${script}.js --out DIR [--datasets DIR]\n`);
		return undefined;
	}
	const out = args[outAt + 1]!;
	const datasetsAt = args.indexOf('--datasets');
	if (datasetsAt >= 0 && args[datasetsAt + 1] !== undefined) {
		process.env['COLLECTIVE_FAIRNESS_DATASETS'] = args[datasetsAt + 1]!;
	}
	const adult = locateDataset('adult.csv');
	if (adult.skip !== false) {
		throw new Error(adult.skip);
	}
	mkdirSync(out, { recursive: true });
	return { out, adult: adult.path };
}

/** How a matrix file describes its columns (the Python readers rebuild the rows from it, see matrix_block.py). */
export function matrixLayout(x: FeatureMatrix): { width: number; denseWidth: number; blockCount: number; names: readonly string[] } {
	return { width: x.width, denseWidth: x.denseWidth, blockCount: x.blockCount, names: x.names };
}
