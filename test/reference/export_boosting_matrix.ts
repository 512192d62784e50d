/**
 * Writes the engine's encoding of Adult by sex (seed 0: the firm's base problem) to a scratch
 * file for test/reference/boosting_fixture.py: training and test rows in the FeatureMatrix layout,
 * their labels, and the Kamiran–Calders reweighing weights of the training rows (the weighted
 * case of the parity test). The matrix is never committed; the test rebuilds it from the real file.
 *
 * Usage (from the repository root, after `npx tsc -p test`):
 *     node out/test/reference/export_boosting_matrix.js --out /tmp/cf-parity [--datasets DIR]
 * Does nothing without --out (node --test may pick this file up).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reweighingWeights } from '../../src/core/firm/kamiranCalders';
import { exportArgs, matrixLayout } from './exportArgs';
import { fingerprint, loadTable, logisticProblem, matrixRows, PARITY } from '../parity/realData';

async function main(): Promise<void> {
	const parsed = exportArgs('export_boosting_matrix');
	if (parsed === undefined) {
		return;
	}
	const { out } = parsed;
	const data = logisticProblem(await loadTable(parsed.adult));
	const x = data.x;
	const weights = reweighingWeights(data.y, data.group, data.train);
	const file = join(out, 'boosting-matrix.json');
	writeFileSync(
		file,
		JSON.stringify({
			seed: PARITY.seed,
			...matrixLayout(x),
			train: matrixRows(x, data.train),
			yTrain: Array.from(data.train, (i) => data.y[i]!),
			wTrain: Array.from(data.train, (i) => weights[i]!),
			test: matrixRows(x, data.test),
			yTest: Array.from(data.test, (i) => data.y[i]!),
			fingerprint: { train: fingerprint(x, data.train), test: fingerprint(x, data.test) },
		}),
	);
	process.stdout.write(`wrote ${file} (${data.train.length} training rows, ${data.test.length} test rows, width ${x.width})\n`);
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exitCode = 1;
});
