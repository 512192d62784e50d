/**
 * From table columns to the learners' {@link FeatureMatrix}: numeric columns standardised with
 * training statistics only (missing values filled with the training median first), categorical
 * columns one-hot encoded with rare levels pooled. Statistics come from the training rows alone
 * so that nothing about the test set leaks into the model (Hastie, Tibshirani & Friedman,
 * ESL §7.10.2). The fitted {@link EncoderSpec} is plain JSON and can encode other rows later.
 */
import type { Table } from '../csv/table';
import { findColumn } from '../csv/table';
import { sortedFinite, quantileSorted } from '../stats/summary';
import type { FeatureMatrix } from './matrix';

export interface EncoderOptions {
	/**
	 * A level seen in fewer training rows than this is pooled into `column=(other)`, with levels
	 * never seen in training; a one-hot feature fitted on a handful of rows is noise. Default 10.
	 */
	readonly rareLevelMinCount?: number;
}

export interface NumericFeatureSpec {
	readonly column: string;
	/** Training mean after filling missing values. */
	readonly mean: number;
	/** Training population standard deviation (1 when the column is constant in training). */
	readonly scale: number;
	/** Value used for missing cells: the training median. */
	readonly fill: number;
}

export interface CategoricalFeatureSpec {
	readonly column: string;
	/** Levels with a feature of their own, in order. */
	readonly levels: readonly string[];
	/** Levels pooled into `column=(other)` (rare in training); unseen levels go there too when it exists. */
	readonly pooled: readonly string[];
}

export interface EncoderSpec {
	readonly numeric: readonly NumericFeatureSpec[];
	readonly categorical: readonly CategoricalFeatureSpec[];
	/** Feature names in matrix order. */
	readonly names: readonly string[];
}

export const OTHER_LEVEL = '(other)';

/** Fits standardisation and one-hot levels on `trainRows` (table row indices). */
export function fitEncoder(
	table: Table,
	columns: readonly string[],
	trainRows: ArrayLike<number>,
	options: EncoderOptions = {},
): EncoderSpec {
	const minCount = options.rareLevelMinCount ?? 10;
	const numeric: NumericFeatureSpec[] = [];
	const categorical: CategoricalFeatureSpec[] = [];
	for (const name of columns) {
		const col = findColumn(table, name);
		if (col === undefined) {
			throw new Error(`encoder: no column named '${name}'`);
		}
		if (col.kind === 'numeric') {
			const values = new Float64Array(trainRows.length);
			for (let i = 0; i < trainRows.length; i++) {
				values[i] = col.values[trainRows[i]!]!;
			}
			const fill = quantileSorted(sortedFinite(values), 0.5) ?? 0;
			let mean = 0;
			for (let i = 0; i < values.length; i++) {
				const v = Number.isNaN(values[i]!) ? fill : values[i]!;
				mean += (v - mean) / (i + 1);
			}
			let m2 = 0;
			for (let i = 0; i < values.length; i++) {
				const d = (Number.isNaN(values[i]!) ? fill : values[i]!) - mean;
				m2 += d * d;
			}
			const sd = values.length > 0 ? Math.sqrt(m2 / values.length) : 0;
			numeric.push({ column: name, mean, scale: sd > 1e-12 * Math.max(1, Math.abs(mean)) ? sd : 1, fill });
		} else {
			const counts = new Int32Array(col.levels.length);
			for (let i = 0; i < trainRows.length; i++) {
				const code = col.codes[trainRows[i]!]!;
				if (code >= 0) {
					counts[code]!++;
				}
			}
			const levels: string[] = [];
			const pooled: string[] = [];
			col.levels.forEach((level, code) => {
				if (counts[code]! >= minCount) {
					levels.push(level);
				} else if (counts[code]! > 0) {
					pooled.push(level);
				}
			});
			categorical.push({ column: name, levels, pooled });
		}
	}
	const names = [
		...numeric.map((s) => s.column),
		...categorical.flatMap((s) => [
			...s.levels.map((l) => `${s.column}=${l}`),
			...(s.pooled.length > 0 ? [`${s.column}=${OTHER_LEVEL}`] : []),
		]),
	];
	return { numeric, categorical, names };
}

/** Encodes table rows (in the given order) into a matrix; row i of the matrix is table row rows[i]. */
export function encodeRows(table: Table, spec: EncoderSpec, rows: ArrayLike<number>): FeatureMatrix {
	const n = rows.length;
	const p = spec.numeric.length;
	const q = spec.categorical.length;
	const dense = new Float64Array(n * p);
	spec.numeric.forEach((s, j) => {
		const col = findColumn(table, s.column);
		if (col === undefined || col.kind !== 'numeric') {
			throw new Error(`encoder: column '${s.column}' is missing or no longer numeric`);
		}
		for (let i = 0; i < n; i++) {
			const v = col.values[rows[i]!]!;
			dense[i * p + j] = ((Number.isNaN(v) ? s.fill : v) - s.mean) / s.scale;
		}
	});
	const active = new Int32Array(n * q);
	let offset = p;
	spec.categorical.forEach((s, t) => {
		const col = findColumn(table, s.column);
		if (col === undefined || col.kind !== 'categorical') {
			throw new Error(`encoder: column '${s.column}' is missing or no longer categorical`);
		}
		// code → feature index, built once per column so the row loop is a table lookup.
		const otherIndex = s.pooled.length > 0 ? offset + s.levels.length : -1;
		const featureOfCode = new Int32Array(col.levels.length).fill(otherIndex);
		const position = new Map(s.levels.map((l, k) => [l, k]));
		col.levels.forEach((level, code) => {
			const k = position.get(level);
			if (k !== undefined) {
				featureOfCode[code] = offset + k;
			}
		});
		for (let i = 0; i < n; i++) {
			const code = col.codes[rows[i]!]!;
			active[i * q + t] = code < 0 ? -1 : featureOfCode[code]!;
		}
		offset += s.levels.length + (s.pooled.length > 0 ? 1 : 0);
	});
	return { rows: n, width: offset, denseWidth: p, dense, blockCount: q, active, names: spec.names };
}
