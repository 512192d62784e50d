/**
 * The design matrix the learners see, kept sparse where it is sparse.
 *
 * Numeric features are stored dense (row-major, `denseWidth` per row, already standardised).
 * Each categorical column becomes one one-hot block; since exactly one level of a block is 1
 * (or none, for a missing value), a row stores just the feature index of its active level.
 * Adult, for example, is 6 dense + 8 blocks (~100 one-hot features) per row: a logistic-regression
 * gradient touches 14 numbers per row instead of ~106, and a squared distance between two rows is
 * the dense part plus 2 per block whose active level differs.
 */
export interface FeatureMatrix {
	readonly rows: number;
	/** Total number of features d = denseWidth + (number of one-hot columns). */
	readonly width: number;
	/** Numeric features: feature indices 0 … denseWidth−1. */
	readonly denseWidth: number;
	/** rows × denseWidth, row-major. */
	readonly dense: Float64Array;
	/** Number of one-hot blocks per row. */
	readonly blockCount: number;
	/**
	 * rows × blockCount, row-major: the feature index (≥ denseWidth) whose value is 1 in that block,
	 * or −1 when the block is all zero (missing value, or a level dropped by the encoder).
	 */
	readonly active: Int32Array;
	/** One name per feature, e.g. `age` or `workclass=Private`. */
	readonly names: readonly string[];
}

/** Dot product of row i with a weight vector w (length ≥ width). */
export function rowDot(x: FeatureMatrix, i: number, w: ArrayLike<number>): number {
	let s = 0;
	const p = x.denseWidth;
	const base = i * p;
	for (let j = 0; j < p; j++) {
		s += x.dense[base + j]! * w[j]!;
	}
	const q = x.blockCount;
	const b = i * q;
	for (let t = 0; t < q; t++) {
		const f = x.active[b + t]!;
		if (f >= 0) {
			s += w[f]!;
		}
	}
	return s;
}

/** Squared Euclidean distance between row i of a and row j of b (same encoding). */
export function squaredDistance(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number {
	let s = 0;
	const p = a.denseWidth;
	for (let t = 0; t < p; t++) {
		const d = a.dense[i * p + t]! - b.dense[j * p + t]!;
		s += d * d;
	}
	const q = a.blockCount;
	for (let t = 0; t < q; t++) {
		const fa = a.active[i * q + t]!;
		const fb = b.active[j * q + t]!;
		if (fa !== fb) {
			s += (fa >= 0 ? 1 : 0) + (fb >= 0 ? 1 : 0);
		}
	}
	return s;
}

/** Dense copy of one row (for tests and small-data oracles). */
export function denseRow(x: FeatureMatrix, i: number): Float64Array {
	const out = new Float64Array(x.width);
	for (let j = 0; j < x.denseWidth; j++) {
		out[j] = x.dense[i * x.denseWidth + j]!;
	}
	for (let t = 0; t < x.blockCount; t++) {
		const f = x.active[i * x.blockCount + t]!;
		if (f >= 0) {
			out[f] = 1;
		}
	}
	return out;
}

/** Builds a matrix from dense rows, treating every column as dense (test helper, small data). */
export function fromDenseRows(rows: ReadonlyArray<ArrayLike<number>>, names?: readonly string[]): FeatureMatrix {
	const n = rows.length;
	const d = n > 0 ? rows[0]!.length : 0;
	const dense = new Float64Array(n * d);
	rows.forEach((r, i) => {
		for (let j = 0; j < d; j++) {
			dense[i * d + j] = r[j]!;
		}
	});
	return {
		rows: n,
		width: d,
		denseWidth: d,
		dense,
		blockCount: 0,
		active: new Int32Array(0),
		names: names ?? Array.from({ length: d }, (_, j) => `x${j}`),
	};
}
