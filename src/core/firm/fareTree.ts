/**
 * FARE's restricted encoder (Jovanović, Balunović, Dimitrov & Vechev 2023, "FARE: Provably Fair
 * Representation Learning with Practical Certificates", ICML): a decision tree
 * whose leaves are the k cells of the representation, grown best-first with the fair criterion
 *   FairGini(node) = (1 − γ) · Gini(y) + γ · (0.5 − Gini(a)),   Gini(p) = 1 − p² − (1 − p)² = 2p(1 − p),
 * so γ = 0 is an ordinary classification tree and γ → 1 prefers cells that mix the groups.
 *
 * A split's gain is n·FairGini(node) − n_L·FairGini(L) − n_R·FairGini(R) (scikit-learn's
 * weighted impurity decrease up to the constant 1/N). Growth is best-first like scikit-learn with
 * max_leaf_nodes = k̄: the leaf with the largest gain splits next, until k̄ leaves or no leaf has
 * a split with gain ≥ 0 keeping min_samples_leaf rows on each side. Candidate splits are every
 * midpoint between distinct values of a numeric feature and every one-hot level (level vs rest;
 * a missing value goes to "rest"). Ties go to the first feature, then the lower threshold.
 */
import type { FeatureMatrix } from '../encoding/matrix';

export interface FareTreeOptions {
	/** γ ∈ [0, 1]: weight of the group-mixing term. */
	readonly gamma: number;
	/** k̄ ≥ 1: maximum number of leaves (cells). */
	readonly maxLeaves: number;
	/** n_i ≥ 1: minimum rows per leaf. */
	readonly minLeaf: number;
}

/** Internal node: numeric feature (< threshold goes left) or one-hot feature (== 1 goes left). */
export type FareNode =
	| { readonly kind: 'numeric'; readonly feature: number; readonly threshold: number; readonly left: number; readonly right: number }
	| { readonly kind: 'level'; readonly feature: number; readonly left: number; readonly right: number }
	| { readonly kind: 'leaf'; readonly cell: number };

export interface FareTree {
	/** nodes[0] is the root. */
	readonly nodes: readonly FareNode[];
	readonly cells: number;
	readonly options: FareTreeOptions;
}

const gini = (p: number): number => 2 * p * (1 - p);

export function fairGini(n: number, positives: number, minority: number, gamma: number): number {
	return n === 0 ? 0 : (1 - gamma) * gini(positives / n) + gamma * (0.5 - gini(minority / n));
}

interface Split {
	readonly gain: number;
	readonly feature: number;
	/** Numeric threshold, or NaN for a level split. */
	readonly threshold: number;
}

interface Pending {
	readonly node: number;
	readonly rows: Int32Array;
	readonly split: Split | undefined;
}

/**
 * Grows the tree on `rows` with labels y (0/1) and binary group a (1 minority). Deterministic.
 */
export function growFareTree(
	x: FeatureMatrix,
	y: ArrayLike<number>,
	a: ArrayLike<number>,
	rows: Int32Array,
	options: FareTreeOptions,
): FareTree {
	const { gamma, maxLeaves, minLeaf } = options;
	if (!(gamma >= 0 && gamma <= 1) || !Number.isInteger(maxLeaves) || maxLeaves < 1 || !Number.isInteger(minLeaf) || minLeaf < 1) {
		throw new RangeError(`FARE tree needs γ ∈ [0, 1], integer k̄ ≥ 1 and n_i ≥ 1; got γ = ${gamma}, k̄ = ${maxLeaves}, n_i = ${minLeaf}`);
	}
	const nodes: Array<FareNode | undefined> = [undefined];
	const open: Pending[] = [{ node: 0, rows, split: bestSplit(x, y, a, rows, options) }];
	let leaves = 1;
	while (leaves < maxLeaves) {
		let pick = -1;
		for (let i = 0; i < open.length; i++) {
			const s = open[i]!.split;
			if (s !== undefined && (pick < 0 || s.gain > open[pick]!.split!.gain)) {
				pick = i;
			}
		}
		if (pick < 0) {
			break;
		}
		const { node, rows: nodeRows, split } = open.splice(pick, 1)[0]!;
		const goesLeft = (i: number): boolean =>
			Number.isNaN(split!.threshold) ? hasLevel(x, i, split!.feature) : x.dense[i * x.denseWidth + split!.feature]! < split!.threshold;
		const leftRows = nodeRows.filter(goesLeft);
		const rightRows = nodeRows.filter((i) => !goesLeft(i));
		const left = nodes.length;
		const right = left + 1;
		nodes.push(undefined, undefined);
		nodes[node] = Number.isNaN(split!.threshold)
			? { kind: 'level', feature: split!.feature, left, right }
			: { kind: 'numeric', feature: split!.feature, threshold: split!.threshold, left, right };
		open.push({ node: left, rows: leftRows, split: bestSplit(x, y, a, leftRows, options) });
		open.push({ node: right, rows: rightRows, split: bestSplit(x, y, a, rightRows, options) });
		leaves++;
	}
	// Number the cells in node order, so the numbering depends only on the tree.
	const pendingNodes = new Set(open.map((p) => p.node));
	let cell = 0;
	const final: FareNode[] = nodes.map((n, i) => {
		if (n !== undefined) {
			return n;
		}
		if (!pendingNodes.has(i)) {
			throw new Error('FARE tree: unfinished node (internal error)');
		}
		return { kind: 'leaf', cell: -1 };
	});
	for (let i = 0; i < final.length; i++) {
		if (final[i]!.kind === 'leaf') {
			final[i] = { kind: 'leaf', cell: cell++ };
		}
	}
	return { nodes: final, cells: cell, options };
}

function hasLevel(x: FeatureMatrix, i: number, feature: number): boolean {
	for (let t = 0; t < x.blockCount; t++) {
		if (x.active[i * x.blockCount + t] === feature) {
			return true;
		}
	}
	return false;
}

/** The cell of matrix row i. */
export function cellOf(tree: FareTree, x: FeatureMatrix, i: number): number {
	let k = 0;
	for (;;) {
		const n = tree.nodes[k]!;
		if (n.kind === 'leaf') {
			return n.cell;
		}
		const left = n.kind === 'numeric' ? x.dense[i * x.denseWidth + n.feature]! < n.threshold : hasLevel(x, i, n.feature);
		k = left ? n.left : n.right;
	}
}

/** Cells of the given matrix rows (default all). */
export function assignCells(tree: FareTree, x: FeatureMatrix, rows?: ArrayLike<number>): Int32Array {
	const n = rows?.length ?? x.rows;
	return Int32Array.from({ length: n }, (_, r) => cellOf(tree, x, rows === undefined ? r : rows[r]!));
}

function bestSplit(
	x: FeatureMatrix,
	y: ArrayLike<number>,
	a: ArrayLike<number>,
	rows: Int32Array,
	options: FareTreeOptions,
): Split | undefined {
	const { gamma, minLeaf } = options;
	const n = rows.length;
	if (n < 2 * minLeaf) {
		return undefined;
	}
	let totalY = 0;
	let totalA = 0;
	for (const i of rows) {
		totalY += y[i]!;
		totalA += a[i]!;
	}
	const parent = n * fairGini(n, totalY, totalA, gamma);
	if (parent <= 1e-12 * n) {
		return undefined; // a pure node stays a leaf, as in scikit-learn
	}
	let best: Split | undefined;
	const consider = (nLeft: number, yLeft: number, aLeft: number, feature: number, threshold: number): void => {
		const nRight = n - nLeft;
		if (nLeft < minLeaf || nRight < minLeaf) {
			return;
		}
		const gain = parent - nLeft * fairGini(nLeft, yLeft, aLeft, gamma) - nRight * fairGini(nRight, totalY - yLeft, totalA - aLeft, gamma);
		// Gain ≥ 0 (up to rounding) as in scikit-learn with min_impurity_decrease = 0.
		if (gain >= -1e-9 * n && (best === undefined || gain > best.gain + 1e-12 * n)) {
			best = { gain, feature, threshold };
		}
	};
	const p = x.denseWidth;
	const order = Int32Array.from(rows);
	for (let j = 0; j < p; j++) {
		order.sort((u, v) => x.dense[u * p + j]! - x.dense[v * p + j]!);
		let nLeft = 0;
		let yLeft = 0;
		let aLeft = 0;
		for (let r = 0; r < n - 1; r++) {
			const i = order[r]!;
			nLeft++;
			yLeft += y[i]!;
			aLeft += a[i]!;
			const here = x.dense[i * p + j]!;
			const next = x.dense[order[r + 1]! * p + j]!;
			if (next > here) {
				consider(nLeft, yLeft, aLeft, j, here + (next - here) / 2);
			}
		}
	}
	if (x.blockCount > 0) {
		const counts = new Map<number, [number, number, number]>();
		for (const i of rows) {
			for (let t = 0; t < x.blockCount; t++) {
				const f = x.active[i * x.blockCount + t]!;
				if (f >= 0) {
					const c = counts.get(f) ?? [0, 0, 0];
					c[0]++;
					c[1] += y[i]!;
					c[2] += a[i]!;
					counts.set(f, c);
				}
			}
		}
		for (const f of [...counts.keys()].sort((u, v) => u - v)) {
			const c = counts.get(f)!;
			if (c[0] < n) {
				consider(c[0], c[1], c[2], f, NaN);
			}
		}
	}
	return best;
}
