/** Argument checks and the result shape shared by kNearest (knn.ts) and kNearestBruteForce, so both fail and answer alike. */
import type { FeatureMatrix } from '../encoding/matrix';

/** The k nearest reference rows of every query row. */
export interface NeighbourResult {
	readonly k: number;
	/** queryRows.length × k, row-major: row indices into `reference` (values from referenceRows), nearest first. */
	readonly indices: Int32Array;
	/** Same layout: Euclidean (not squared) distances, non-decreasing along each query's k entries. */
	readonly distances: Float64Array;
}

/** Throws on a bad k, mismatched encodings, out-of-range or repeated reference rows, or non-finite dense values. */
export function validateArguments(
	query: FeatureMatrix,
	queryRows: ArrayLike<number>,
	reference: FeatureMatrix,
	referenceRows: ArrayLike<number>,
	k: number,
): void {
	if (!Number.isInteger(k) || k < 1) {
		throw new RangeError(`k must be a positive integer, got ${k}`);
	}
	if (k > referenceRows.length) {
		throw new RangeError(`k = ${k} but only ${referenceRows.length} known majority rows`);
	}
	if (query.width !== reference.width || query.denseWidth !== reference.denseWidth || query.blockCount !== reference.blockCount) {
		throw new Error(
			`query and reference encodings differ: width ${query.width}/${reference.width}, ` +
				`dense ${query.denseWidth}/${reference.denseWidth}, blocks ${query.blockCount}/${reference.blockCount}`,
		);
	}
	checkRows(query, queryRows, 'query', false);
	checkRows(reference, referenceRows, 'reference', true);
}

function checkRows(x: FeatureMatrix, rows: ArrayLike<number>, what: string, distinct: boolean): void {
	const seen = distinct ? new Uint8Array(x.rows) : undefined;
	const p = x.denseWidth;
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i]!;
		if (!Number.isInteger(r) || r < 0 || r >= x.rows) {
			throw new RangeError(`${what} row ${r} is not a row of a ${x.rows}-row matrix`);
		}
		if (seen) {
			if (seen[r]) {
				throw new Error(`${what} rows list row ${r} twice`);
			}
			seen[r] = 1;
		}
		for (let j = 0; j < p; j++) {
			if (!Number.isFinite(x.dense[r * p + j]!)) {
				throw new Error(`${what} row ${r} has a non-finite value in dense column ${j} (${x.names[j] ?? j})`);
			}
		}
	}
}
