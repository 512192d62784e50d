/**
 * A dataset ready for learning: roles resolved, rows split, features encoded. Everything later
 * (the audit, the collective's simulation, the firm-side baselines) starts from this one shape,
 * so they all see the same rows, the same split and the same features for a given seed.
 *
 * The rows and the features are prepared in two steps ({@link prepareRows}, then
 * {@link encodeFeatures}) so that a caller training two firms on the same split (the audit's
 * aware and blind firms) can hold one feature matrix at a time: at ten million rows a matrix is
 * about half a gigabyte (see docs/architecture.md, "Memory at scale").
 */
import type { Table } from './csv/table';
import { createRandom, deriveSeed } from './random';
import { resolveRoles, type ResolvedRoles } from './roles/resolve';
import type { Sidecar } from './roles/sidecar';
import { encodeRows, fitEncoder, type EncoderOptions, type EncoderSpec } from './encoding/encoder';
import type { FeatureMatrix } from './encoding/matrix';
import { stratifiedSplit } from './encoding/split';

export interface PrepareOptions {
	readonly seed?: number;
	/** Fraction of rows held out for testing; default 0.2. */
	readonly testFraction?: number;
	readonly encoder?: EncoderOptions;
	/** The roles of this table and sidecar when the caller has already resolved them (they do not depend on the seed). */
	readonly roles?: ResolvedRoles;
}

/** The rows of a dataset, its labels, groups and split: everything but the encoded features. */
export interface PreparedRows {
	readonly roles: ResolvedRoles;
	/** 1 favourable, 0 not, per matrix row. */
	readonly y: Uint8Array;
	/** Group index per matrix row (0 majority, 1 minority, ≥ 2 separate others). */
	readonly group: Int32Array;
	/** Matrix rows in the training part, ascending. */
	readonly train: Int32Array;
	/** Matrix rows in the test part, ascending. */
	readonly test: Int32Array;
	readonly seed: number;
}

export interface PreparedDataset extends PreparedRows {
	/** Row i of every per-row array below is table row roles.rows[i]. */
	readonly x: FeatureMatrix;
	readonly encoder: EncoderSpec;
}

export function prepareDataset(table: Table, sidecar: Sidecar, options: PrepareOptions = {}): PreparedDataset {
	const rows = prepareRows(table, sidecar, options);
	const { encoder, x } = encodeFeatures(table, rows, rows.roles.featureColumns, options.encoder);
	return { ...rows, x, encoder };
}

/** Resolves the roles and splits the kept rows (seeded, stratified by group × label). */
export function prepareRows(table: Table, sidecar: Sidecar, options: PrepareOptions = {}): PreparedRows {
	const seed = options.seed ?? 0;
	const roles = options.roles ?? resolveRoles(table, sidecar);
	const n = roles.rows.length;
	const y = new Uint8Array(n);
	const group = new Int32Array(n);
	const strata = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		const r = roles.rows[i]!;
		y[i] = roles.favourable[r]!;
		group[i] = roles.group[r]!;
		strata[i] = group[i]! * 2 + y[i]!;
	}
	const split = stratifiedSplit(strata, options.testFraction ?? 0.2, createRandom(deriveSeed(seed, 'split')));
	return { roles, y, group, train: split.train, test: split.test, seed };
}

/**
 * Fits the encoder on the training rows and encodes every kept row of `columns`; the same rows,
 * split and encoder as {@link prepareDataset} gives when `columns` are the roles' feature columns.
 */
export function encodeFeatures(
	table: Table,
	rows: PreparedRows,
	columns: readonly string[],
	options?: EncoderOptions,
): { readonly encoder: EncoderSpec; readonly x: FeatureMatrix } {
	const tableRows = rows.roles.rows;
	const trainTableRows = new Int32Array(rows.train.length);
	for (let i = 0; i < rows.train.length; i++) {
		trainTableRows[i] = tableRows[rows.train[i]!]!;
	}
	const encoder = fitEncoder(table, columns, trainTableRows, options);
	return { encoder, x: encodeRows(table, encoder, tableRows) };
}
