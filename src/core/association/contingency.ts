/**
 * Association between two categorical codings of the same rows: the contingency table, Cramér's V
 * and the mutual information. Used to flag proxy columns — features that give the sensitive
 * attribute away, so that leaving the attribute itself out of the model does not make it blind
 * to group membership.
 */

import type { CategoryCodes } from '../csv/table';

/** Row-aligned codes in [0, levels), −1 for "missing" (rows where either side is missing are skipped). */
export interface Coding {
	readonly codes: CategoryCodes;
	readonly levels: number;
}

/** Counts n[i][j] of rows with x = i and y = j, flattened row-major (i · yLevels + j). */
export interface Contingency {
	readonly counts: Float64Array;
	readonly xLevels: number;
	readonly yLevels: number;
	/** Rows counted (both sides present). */
	readonly n: number;
}

/**
 * The contingency table of `x` against `y` over their first `rows` entries. O(rows + x·y).
 * @throws RangeError when a code is out of range or the codings are shorter than `rows`.
 */
export function contingency(x: Coding, y: Coding, rows: number = Math.min(x.codes.length, y.codes.length)): Contingency {
	if (rows > x.codes.length || rows > y.codes.length) {
		throw new RangeError(`contingency: ${rows} rows requested but the codings hold ${x.codes.length} and ${y.codes.length}`);
	}
	const counts = new Float64Array(x.levels * y.levels);
	let n = 0;
	for (let r = 0; r < rows; r++) {
		const i = x.codes[r]!;
		const j = y.codes[r]!;
		if (i < 0 || j < 0) {
			continue;
		}
		if (i >= x.levels || j >= y.levels) {
			throw new RangeError(`contingency: code out of range at row ${r} (${i} of ${x.levels}, ${j} of ${y.levels})`);
		}
		counts[i * y.levels + j]!++;
		n++;
	}
	return { counts, xLevels: x.levels, yLevels: y.levels, n };
}

function margins(t: Contingency): { row: Float64Array; col: Float64Array } {
	const row = new Float64Array(t.xLevels);
	const col = new Float64Array(t.yLevels);
	for (let i = 0; i < t.xLevels; i++) {
		for (let j = 0; j < t.yLevels; j++) {
			const c = t.counts[i * t.yLevels + j]!;
			row[i]! += c;
			col[j]! += c;
		}
	}
	return { row, col };
}

/**
 * Cramér's V = √(χ² / (n · (min(r, c) − 1))), where r and c count the levels that occur and χ² is
 * Pearson's statistic Σ (n_ij − e_ij)² / e_ij with e_ij = n_i· n_·j / n. 0 = independent, 1 = one
 * determines the other. Undefined (returns undefined) when either side has fewer than two levels
 * present: nothing can be associated with a constant. Reference: Cramér (1946), *Mathematical
 * Methods of Statistics*, §21.9.
 * @example cramersV(contingency({ codes: [0,0,1,1], levels: 2 }, { codes: [0,0,1,1], levels: 2 })) === 1
 */
export function cramersV(t: Contingency): number | undefined {
	const { row, col } = margins(t);
	const r = row.filter((v) => v > 0).length;
	const c = col.filter((v) => v > 0).length;
	if (r < 2 || c < 2 || t.n === 0) {
		return undefined;
	}
	let chi2 = 0;
	for (let i = 0; i < t.xLevels; i++) {
		if (row[i] === 0) {
			continue;
		}
		for (let j = 0; j < t.yLevels; j++) {
			if (col[j] === 0) {
				continue;
			}
			const expected = (row[i]! * col[j]!) / t.n;
			const d = t.counts[i * t.yLevels + j]! - expected;
			chi2 += (d * d) / expected;
		}
	}
	return Math.min(1, Math.sqrt(chi2 / (t.n * (Math.min(r, c) - 1))));
}

/** Shannon entropy (nats) of counts summing to n. */
function entropy(counts: Float64Array, n: number): number {
	let h = 0;
	for (const c of counts) {
		if (c > 0) {
			const p = c / n;
			h -= p * Math.log(p);
		}
	}
	return h;
}

/**
 * Mutual information I(X; Y) = Σ p_ij ln(p_ij / (p_i· p_·j)) in nats (plug-in estimate), and the
 * uncertainty coefficient U(Y | X) = I(X; Y) / H(Y): the share of Y's entropy that knowing X removes
 * (Theil 1970). With Y the sensitive attribute, U is "how much of group membership this column gives
 * away", in [0, 1]; undefined when Y is constant (H(Y) = 0) or no row is counted.
 */
export function mutualInformation(t: Contingency): { mi: number; uncertaintyOfY: number | undefined } {
	if (t.n === 0) {
		return { mi: 0, uncertaintyOfY: undefined };
	}
	const { row, col } = margins(t);
	let mi = 0;
	for (let i = 0; i < t.xLevels; i++) {
		for (let j = 0; j < t.yLevels; j++) {
			const c = t.counts[i * t.yLevels + j]!;
			if (c > 0) {
				mi += (c / t.n) * Math.log((c * t.n) / (row[i]! * col[j]!));
			}
		}
	}
	mi = Math.max(0, mi);
	const hy = entropy(col, t.n);
	return { mi, uncertaintyOfY: hy > 0 ? Math.min(1, mi / hy) : undefined };
}
