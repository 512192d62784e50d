/**
 * The real-data problems the parity suite shares with its fixture scripts (test/reference/): the
 * rows and the matrices, on the roles of test/support/realDataRoles.ts. The export script and the
 * tests both build them through this file, so the matrix sklearn saw is the one the test rebuilds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Table } from '../../src/core/csv/table';
import { prepareDataset, type PreparedDataset } from '../../src/core/dataset';
import type { FeatureMatrix } from '../../src/core/encoding/matrix';
import { MAJORITY, MINORITY } from '../../src/core/roles/resolve';
import type { Sidecar } from '../../src/core/roles/sidecar';
import { readCsvFile } from '../../src/io/readCsvFile';
import { repoRoot } from '../support/datasets';
import { ADULT_RACE, ADULT_SEX } from '../support/realDataRoles';

export const referenceFixtureDir = join(repoRoot, 'test', 'fixtures', 'reference');

export function readReferenceFixture<T>(name: string): T {
	return JSON.parse(readFileSync(join(referenceFixtureDir, name), 'utf8')) as T;
}

export async function loadTable(path: string): Promise<Table> {
	return (await readCsvFile(path)).table;
}

/**
 * The fixed choices behind the parity problems: the export scripts in test/reference/ built the
 * fixtures with them (and write the seed and k into the files) and the tests rebuild with them.
 */
export const PARITY = {
	/** Seed of the split and encoding of the neighbour, logistic and boosting problems. */
	seed: 0,
	/** Number of minority training rows used as neighbour queries. */
	knnQueries: 200,
	/** Neighbours per query (k of the k-NN fixtures). */
	knnK: 5,
} as const;

export interface KnnProblem {
	readonly data: PreparedDataset;
	/** Matrix rows of the query rows: PARITY.knnQueries minority training rows evenly spaced in ascending order. */
	readonly queries: Int32Array;
	/** Matrix rows of the majority's training rows, ascending (RB-label's reference set). */
	readonly majority: Int32Array;
	/** Matrix rows of the favourable majority training rows, ascending (RB-dist's reference set). */
	readonly favourableMajority: Int32Array;
}

/**
 * Neighbour problems: 'all' uses every feature, as the engine does by default; 'ties' leaves out
 * fnlwgt (a near-continuous column), so that many rows share distances and the tie rule is exercised.
 */
export type KnnVariant = 'all' | 'ties';
export const KNN_EXCLUDED: Record<KnnVariant, readonly string[]> = { all: [], ties: ['fnlwgt'] };

/**
 * The neighbour and logistic fixtures were exported on the blind firm's matrix (the sensitive
 * attribute is not a feature); stated explicitly, so they do not depend on the default (the aware firm).
 */
const BLIND = { includeSensitive: false } as const;
export type ParityFirm = 'aware' | 'blind';

/** Adult by race, encoded as the engine does for seed {@link PARITY}.seed, blind firm. */
export function knnProblem(table: Table, variant: KnnVariant = 'all'): KnnProblem {
	const sidecar: Sidecar = {
		...ADULT_RACE,
		features: KNN_EXCLUDED[variant].length === 0 ? BLIND : { ...BLIND, exclude: KNN_EXCLUDED[variant] },
	};
	const data = prepareDataset(table, sidecar, { seed: PARITY.seed });
	const minority = Array.from(data.train).filter((i) => data.group[i] === MINORITY);
	const majority = Int32Array.from(Array.from(data.train).filter((i) => data.group[i] === MAJORITY));
	const queries = Int32Array.from(
		{ length: Math.min(PARITY.knnQueries, minority.length) },
		(_, t) => minority[Math.floor((t * minority.length) / PARITY.knnQueries)]!,
	);
	const favourableMajority = majority.filter((i) => data.y[i] === 1);
	return { data, queries, majority, favourableMajority };
}

/**
 * Adult by sex, seed {@link PARITY}.seed: the base model's training problem, for the given firm
 * (the logistic fixture is the blind firm's); without one, the engine's default firm.
 */
export function logisticProblem(table: Table, firm?: ParityFirm): PreparedDataset {
	const sidecar: Sidecar = firm === undefined ? ADULT_SEX : { ...ADULT_SEX, features: { includeSensitive: firm === 'aware' } };
	return prepareDataset(table, sidecar, { seed: PARITY.seed });
}

/** The listed rows of a matrix in its own layout (dense part row-major, active index per block). */
export function matrixRows(x: FeatureMatrix, rows: ArrayLike<number>): { dense: number[]; active: number[] } {
	const dense: number[] = [];
	const active: number[] = [];
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		for (let j = 0; j < x.denseWidth; j++) {
			dense.push(x.dense[i * x.denseWidth + j]!);
		}
		for (let t = 0; t < x.blockCount; t++) {
			active.push(x.active[i * x.blockCount + t]!);
		}
	}
	return { dense, active };
}

/** A short fingerprint of rows of a matrix, to check a rebuilt matrix is the one exported. */
export function fingerprint(
	x: FeatureMatrix,
	rows: ArrayLike<number>,
): { rows: number; width: number; denseSum: number; activeSum: number } {
	let denseSum = 0;
	let activeSum = 0;
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		for (let j = 0; j < x.denseWidth; j++) {
			denseSum += Math.abs(x.dense[i * x.denseWidth + j]!);
		}
		for (let t = 0; t < x.blockCount; t++) {
			activeSum += x.active[i * x.blockCount + t]!;
		}
	}
	return { rows: rows.length, width: x.width, denseSum, activeSum };
}
