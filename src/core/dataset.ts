/**
 * A dataset ready for learning: roles resolved, rows split, features encoded. Everything later
 * (the audit, the collective's simulation, the firm-side baselines) starts from this one shape,
 * so they all see the same rows, the same split and the same features for a given seed.
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
}

export interface PreparedDataset {
	readonly roles: ResolvedRoles;
	/** Row i of every per-row array below is table row roles.rows[i]. */
	readonly x: FeatureMatrix;
	/** 1 favourable, 0 not, per matrix row. */
	readonly y: Uint8Array;
	/** Group index per matrix row (0 majority, 1 minority, ≥ 2 separate others). */
	readonly group: Int32Array;
	/** Matrix rows in the training part, ascending. */
	readonly train: Int32Array;
	/** Matrix rows in the test part, ascending. */
	readonly test: Int32Array;
	readonly encoder: EncoderSpec;
	readonly seed: number;
}

export function prepareDataset(table: Table, sidecar: Sidecar, options: PrepareOptions = {}): PreparedDataset {
	const seed = options.seed ?? 0;
	const roles = resolveRoles(table, sidecar);
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
	const trainTableRows = split.train.map((i) => roles.rows[i]!);
	const encoder = fitEncoder(table, roles.featureColumns, trainTableRows, options.encoder);
	const x = encodeRows(table, encoder, roles.rows);
	return { roles, x, y, group, train: split.train, test: split.test, encoder, seed };
}
