/**
 * FARE as the firm would use it: grow the fair tree on the training rows,
 * represent every row by its cell, train the firm's logistic regression on the representation,
 * and certify the statistical parity of *any* classifier of the representation.
 *
 * Representations:
 * - 'cell' (default): the one-hot of the cell id, so logistic regression can give every cell its
 *   own score (the most a classifier of the representation can do).
 * - 'centre': FARE's own encoding, each cell's per-feature median (numeric) and mode (one-hot
 *   block level) over its training rows, in the original feature layout.
 *
 * Certificate. For any classifier g of the cell z, |P(g = 1 | a = 0) − P(g = 1 | a = 1)| ≤
 * TV(Z₀, Z₁) = ½ Σ_j |p₀ⱼ − p₁ⱼ| = Σ_j (p₀ⱼ − p₁ⱼ)⁺ = Σ_j (p₁ⱼ − p₀ⱼ)⁺, with p_aj = P(z = j | a)
 * (the optimal adversary; FARE §4). On n_a held-out rows of group a with c_aj in cell j, take for
 * every (a, j) the two one-sided Clopper–Pearson bounds L_aj ≤ p_aj ≤ U_aj, each with miss
 * probability ε / (4k) (union bound over 4k bounds: all hold with probability ≥ 1 − ε). Then
 *   SPD(g) ≤ min(1, ½ Σ_j max(U₀ⱼ − L₁ⱼ, U₁ⱼ − L₀ⱼ), Σ_j (U₀ⱼ − L₁ⱼ)⁺, Σ_j (U₁ⱼ − L₀ⱼ)⁺)
 * for every g simultaneously, with probability ≥ 1 − ε (default ε = 0.05). This is a simpler split
 * of ε than FARE's (ε_b, ε_s, ε_c); it needs no Hoeffding term because it bounds the cell
 * probabilities directly. It bounds the *population* SPD; a test-set SPD is an estimate of it.
 */
import type { FeatureMatrix } from '../encoding/matrix';
import { quantileSorted } from '../stats/summary';
import { clopperPearsonLower, clopperPearsonUpper } from './clopperPearson';
import { assignCells, type FareTree } from './fareTree';

export type FareRepresentation = 'cell' | 'centre';

/** One-hot of the cell id, for matrix rows `rows` (row r of the result ↔ rows[r]). */
export function cellMatrix(cells: Int32Array, cellCount: number): FeatureMatrix {
	return {
		rows: cells.length,
		width: cellCount,
		denseWidth: 0,
		dense: new Float64Array(0),
		blockCount: 1,
		active: Int32Array.from(cells),
		names: Array.from({ length: cellCount }, (_, j) => `cell=${j}`),
	};
}

/**
 * Each cell's centre from its training rows: the median of every numeric feature (type-7) and the
 * most frequent level of every one-hot block (ties to the lower feature index; −1 if all missing).
 * Empty cells (possible only for other data) get zeros and −1.
 */
export function cellCentres(
	x: FeatureMatrix,
	trainRows: Int32Array,
	trainCells: Int32Array,
	cellCount: number,
): { dense: Float64Array; active: Int32Array } {
	const p = x.denseWidth;
	const q = x.blockCount;
	const members: number[][] = Array.from({ length: cellCount }, () => []);
	trainRows.forEach((i, r) => members[trainCells[r]!]!.push(i));
	const dense = new Float64Array(cellCount * p);
	const active = new Int32Array(cellCount * q).fill(-1);
	members.forEach((rows, cell) => {
		for (let j = 0; j < p; j++) {
			const values = Float64Array.from(rows, (i) => x.dense[i * p + j]!).sort();
			dense[cell * p + j] = quantileSorted(values, 0.5) ?? 0;
		}
		for (let t = 0; t < q; t++) {
			const counts = new Map<number, number>();
			for (const i of rows) {
				const f = x.active[i * q + t]!;
				if (f >= 0) {
					counts.set(f, (counts.get(f) ?? 0) + 1);
				}
			}
			let best = -1;
			let bestCount = 0;
			for (const [f, c] of counts) {
				if (c > bestCount || (c === bestCount && f < best)) {
					best = f;
					bestCount = c;
				}
			}
			active[cell * q + t] = best;
		}
	});
	return { dense, active };
}

/** Rows represented by their cells' centres, in the original feature layout. */
export function centreMatrix(x: FeatureMatrix, centres: { dense: Float64Array; active: Int32Array }, cells: Int32Array): FeatureMatrix {
	const p = x.denseWidth;
	const q = x.blockCount;
	const dense = new Float64Array(cells.length * p);
	const active = new Int32Array(cells.length * q);
	cells.forEach((cell, r) => {
		dense.set(centres.dense.subarray(cell * p, cell * p + p), r * p);
		active.set(centres.active.subarray(cell * q, cell * q + q), r * q);
	});
	return { rows: cells.length, width: x.width, denseWidth: p, dense, blockCount: q, active, names: x.names };
}

export interface FareCertificate {
	/** Upper bound on the population SPD of every classifier of the representation. */
	readonly spdBound: number;
	/** 1 − ε. */
	readonly confidence: number;
	/** Held-out rows per group used. */
	readonly rows: readonly [number, number];
}

/**
 * The bound above from held-out cells and groups (a ∈ {0, 1}; other groups ignored).
 * @throws RangeError when a group has no held-out rows.
 */
export function fareCertificate(cells: ArrayLike<number>, group: ArrayLike<number>, cellCount: number, epsilon = 0.05): FareCertificate {
	if (!(epsilon > 0 && epsilon < 1)) {
		throw new RangeError(`certificate ε must be in (0, 1), got ${epsilon}`);
	}
	const counts = [new Int32Array(cellCount), new Int32Array(cellCount)];
	const n = [0, 0];
	for (let i = 0; i < cells.length; i++) {
		const g = group[i]!;
		if (g === 0 || g === 1) {
			counts[g]![cells[i]!]!++;
			n[g]!++;
		}
	}
	if (n[0] === 0 || n[1] === 0) {
		throw new RangeError(`the FARE certificate needs held-out rows of both groups; got ${n[0]} and ${n[1]}`);
	}
	const delta = epsilon / (4 * cellCount);
	let half = 0;
	let forward = 0;
	let backward = 0;
	for (let j = 0; j < cellCount; j++) {
		const u0 = clopperPearsonUpper(counts[0]![j]!, n[0]!, delta);
		const l0 = clopperPearsonLower(counts[0]![j]!, n[0]!, delta);
		const u1 = clopperPearsonUpper(counts[1]![j]!, n[1]!, delta);
		const l1 = clopperPearsonLower(counts[1]![j]!, n[1]!, delta);
		half += Math.max(u0 - l1, u1 - l0);
		forward += Math.max(0, u0 - l1);
		backward += Math.max(0, u1 - l0);
	}
	return { spdBound: Math.min(1, half / 2, forward, backward), confidence: 1 - epsilon, rows: [n[0]!, n[1]!] };
}

/** Cells of the given rows, then the certificate on them (convenience for held-out sets). */
export function certifyRows(tree: FareTree, x: FeatureMatrix, rows: Int32Array, group: ArrayLike<number>, epsilon = 0.05): FareCertificate {
	const cells = assignCells(tree, x, rows);
	return fareCertificate(
		cells,
		Int32Array.from(rows, (i) => group[i]!),
		tree.cells,
		epsilon,
	);
}
