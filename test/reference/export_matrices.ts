/**
 * Writes the engine's encoded matrices for the neighbour and logistic parity fixtures to a
 * scratch folder, for test/reference/export_knn.py and export_logistic.py to read. The matrices
 * are large (≈ 26k rows) and are never committed; the tests rebuild them from the real file.
 *
 * Usage (from the repository root, after `npx tsc -p test`):
 *     node out/test/reference/export_matrices.js --out /tmp/cf-parity [--datasets DIR]
 * Does nothing without --out (node --test may pick this file up).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateDataset } from '../unit/helpers/datasets';
import { fingerprint, KNN_EXCLUDED, KNN_K, knnProblem, loadTable, logisticProblem, matrixRows, PARITY_SEED } from '../unit/parity/realData';

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const outAt = args.indexOf('--out');
	if (outAt < 0 || args[outAt + 1] === undefined) {
		process.stdout.write('usage: node out/test/reference/export_matrices.js --out DIR [--datasets DIR]\n');
		return;
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
	const table = await loadTable(adult.path);

	for (const variant of ['all', 'ties'] as const) {
		const knn = knnProblem(table, variant);
		const kx = knn.data.x;
		const file = join(out, variant === 'all' ? 'knn-matrix.json' : 'knn-ties-matrix.json');
		writeFileSync(file, JSON.stringify({
			variant: variant === 'all' ? 'every feature' : `without ${KNN_EXCLUDED[variant].join(', ')}`, excluded: KNN_EXCLUDED[variant],
			seed: PARITY_SEED, k: KNN_K, width: kx.width, denseWidth: kx.denseWidth, blockCount: kx.blockCount, names: kx.names,
			queryRows: Array.from(knn.queries, (i) => knn.data.roles.rows[i]!),
			queries: matrixRows(kx, knn.queries),
			majority: matrixRows(kx, knn.majority),
			majorityY: Array.from(knn.majority, (i) => knn.data.y[i]!),
			fingerprints: { queries: fingerprint(kx, knn.queries), majority: fingerprint(kx, knn.majority), favourableMajority: fingerprint(kx, knn.favourableMajority) },
		}));
		process.stdout.write(`wrote ${file} (${knn.queries.length} queries, ${knn.majority.length} majority rows, width ${kx.width})\n`);
	}

	const data = logisticProblem(table, 'blind');
	const x = data.x;
	writeFileSync(join(out, 'logistic-matrix.json'), JSON.stringify({
		seed: PARITY_SEED, width: x.width, denseWidth: x.denseWidth, blockCount: x.blockCount, names: x.names,
		train: matrixRows(x, data.train),
		y: Array.from(data.train, (i) => data.y[i]!),
		fingerprint: fingerprint(x, data.train),
	}));
	process.stdout.write(`wrote ${join(out, 'logistic-matrix.json')} (${data.train.length} training rows, width ${x.width})\n`);
}

main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exitCode = 1;
});
