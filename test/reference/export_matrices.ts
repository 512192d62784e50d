/**
 * Writes the engine's encoded matrices for the neighbour and logistic parity fixtures to a
 * scratch folder, for test/reference/export_knn.py and export_logistic.py to read. The matrices
 * are large (≈ 26k rows) and are never committed; the tests rebuild them from the real file.
 *
 * Usage (from the repository root, after `npx tsc -p test`):
 *     node out/test/reference/export_matrices.js --out /tmp/cf-parity [--datasets DIR]
 * Does nothing without --out (node --test may pick this file up).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportArgs, matrixLayout } from './exportArgs';
import { fingerprint, KNN_EXCLUDED, knnProblem, loadTable, logisticProblem, matrixRows, PARITY } from '../parity/realData';

async function main(): Promise<void> {
	const parsed = exportArgs('export_matrices');
	if (parsed === undefined) {
		return;
	}
	const { out } = parsed;
	const table = await loadTable(parsed.adult);

	for (const variant of ['all', 'ties'] as const) {
		const knn = knnProblem(table, variant);
		const kx = knn.data.x;
		const file = join(out, variant === 'all' ? 'knn-matrix.json' : 'knn-ties-matrix.json');
		writeFileSync(
			file,
			JSON.stringify({
				variant: variant === 'all' ? 'every feature' : `without ${KNN_EXCLUDED[variant].join(', ')}`,
				excluded: KNN_EXCLUDED[variant],
				seed: PARITY.seed,
				k: PARITY.knnK,
				...matrixLayout(kx),
				queryRows: Array.from(knn.queries, (i) => knn.data.roles.rows[i]!),
				queries: matrixRows(kx, knn.queries),
				majority: matrixRows(kx, knn.majority),
				majorityY: Array.from(knn.majority, (i) => knn.data.y[i]!),
				fingerprints: {
					queries: fingerprint(kx, knn.queries),
					majority: fingerprint(kx, knn.majority),
					favourableMajority: fingerprint(kx, knn.favourableMajority),
				},
			}),
		);
		process.stdout.write(`wrote ${file} (${knn.queries.length} queries, ${knn.majority.length} majority rows, width ${kx.width})\n`);
	}

	const data = logisticProblem(table, 'blind');
	const x = data.x;
	writeFileSync(
		join(out, 'logistic-matrix.json'),
		JSON.stringify({
			seed: PARITY.seed,
			...matrixLayout(x),
			train: matrixRows(x, data.train),
			y: Array.from(data.train, (i) => data.y[i]!),
			fingerprint: fingerprint(x, data.train),
		}),
	);
	process.stdout.write(`wrote ${join(out, 'logistic-matrix.json')} (${data.train.length} training rows, width ${x.width})\n`);
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exitCode = 1;
});
