/**
 * Locates the real fairness datasets (adult.csv, compas.csv, …) that live outside the repository,
 * in `../shared/datasets/` beside the checkout; the environment variable
 * COLLECTIVE_FAIRNESS_DATASETS names another folder. They are never committed, so a test that
 * needs one must skip, with the reason printed, when it is absent:
 *
 *     const adult = locateDataset('adult.csv');
 *     describe('…', { skip: adult.skip }, () => { … readCsvFile(adult.path!) … });
 *
 * `skip` is `false` when the file is there and a sentence saying what is missing and how to
 * provide it otherwise (node:test prints the string as the skip reason).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DATASETS_ENV = 'COLLECTIVE_FAIRNESS_DATASETS';

/**
 * The repository root: the nearest folder above this code that holds package.json. Compiled by
 * tsc this file is out/test/support/datasets.js; bundled by `npm run test:one` it is inlined into
 * the test file, whose folder may be deeper, so a fixed number of `..` would miss.
 */
export const repoRoot = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json'))) {
			return dir;
		}
		if (dirname(dir) === dir) {
			return resolve(from, '..', '..', '..');
		}
	}
}

/** The datasets folder: $COLLECTIVE_FAIRNESS_DATASETS when set and non-empty, else ../shared/datasets. */
export function datasetsDir(): string {
	const fromEnv = process.env[DATASETS_ENV];
	return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : resolve(repoRoot, '..', 'shared', 'datasets');
}

export type LocatedDataset = { readonly path: string; readonly skip: false } | { readonly path: undefined; readonly skip: string };

/** Finds `name` in {@link datasetsDir}; when absent, `skip` says why (for node:test's skip option). */
export function locateDataset(name: string): LocatedDataset {
	const dir = datasetsDir();
	const path = join(dir, name);
	const source = process.env[DATASETS_ENV] ? `${DATASETS_ENV}=${dir}` : `${dir} (set ${DATASETS_ENV} to use another folder)`;
	if (!existsSync(dir)) {
		return { path: undefined, skip: `real dataset ${name} unavailable: no datasets folder at ${source}` };
	}
	if (!existsSync(path) || !statSync(path).isFile()) {
		return { path: undefined, skip: `real dataset ${name} unavailable: not found in ${source}` };
	}
	return { path, skip: false };
}
