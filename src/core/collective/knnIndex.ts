/**
 * The search structure behind {@link kNearest}: reference rows grouped by their one-hot pattern.
 *
 * Why a trie over patterns: between two rows the one-hot part of the squared distance is an integer,
 * the sum over blocks of 0 (same level), 1 (exactly one block missing) or 2 (two different levels).
 * Sorting the reference rows lexicographically by their active levels turns the set of patterns into
 * a trie whose depth-t nodes share the first t levels; descending it while adding each edge's cost
 * gives a lower bound on every row below a node, so whole groups of patterns are skipped once that
 * bound exceeds the current k-th distance. Inside a leaf (one full pattern) the rows form an
 * implicit k-d tree over the dense columns (knnKdTree.ts): the squared gaps to the splitting planes
 * crossed so far are again a lower bound, so whole cells are skipped. Both bounds are exact in
 * floating point (see knn.ts), so pruning never changes the answer.
 *
 * Why a k-d tree in the leaves rather than one sorted column: at a million rows the one-hot part has
 * few patterns (a generated census-like table: tens), so a leaf holds tens of thousands of rows, and
 * a band along one of 5–6 dense columns still holds a large share of them (the 1M-row flips run
 * spent 80 % of its time scanning such bands).
 *
 * Build cost: O(m log m · q) to sort m rows with q blocks, O(m·q) nodes at most, O(m log m) for the
 * k-d trees; memory O(m·(p + q)).
 */
import type { FeatureMatrix } from '../encoding/matrix';
import { arrangeKdTree } from './knnKdTree';

/** Reference rows grouped by one-hot pattern (a trie), each leaf sorted along one dense column. */
export interface PatternIndex {
	/** Depth t of the trie tests block `blockOrder[t]`; its length is the block count q. */
	readonly blockOrder: Int32Array;
	/**
	 * Per node: the active feature index (or −1) on the edge into it; the root's entry is unused.
	 * Nodes are numbered breadth-first, so the children of a node are contiguous and sorted by level
	 * (−1 first).
	 */
	readonly nodeLevel: Int32Array;
	/** Per node at depth < q: its children are nodes `childStart[n]` … `childEnd[n] − 1`; at depth q (a leaf): row slots. */
	readonly childStart: Int32Array;
	readonly childEnd: Int32Array;
	/** Node number of the first leaf; leaves are nodes firstLeaf … nodeLevel.length − 1. */
	readonly firstLeaf: number;
	/**
	 * Per node: the only leaf below it, or −1 when it has several. Why: below depth ~log(m) most
	 * paths are chains of single children, and comparing the rest of one pattern in a flat loop is
	 * much cheaper than descending node by node.
	 */
	readonly singleLeaf: Int32Array;
	/** Per leaf (leaf − firstLeaf) × q: its full pattern, level per trie depth. */
	readonly leafLevels: Int32Array;
	/** Per slot (position in pattern-then-k-d order): the reference row index it holds. */
	readonly rowOf: Int32Array;
	/** Slot-major copy of the dense part (m × p), so a leaf scan reads memory in order. */
	readonly dense: Float64Array;
	/**
	 * Per slot: the dense column that the k-d cell whose median is this slot splits on, or −1 for
	 * slots inside a bucket (see knnKdTree.ts for the implicit layout).
	 */
	readonly splitColumn: Int8Array | Int16Array | Int32Array;
}

/**
 * Builds the index over `referenceRows` (distinct row indices into `reference`). Ties in the sort
 * (same pattern) are broken by row index and the k-d arrangement is deterministic, so the layout is
 * a pure function of the input.
 */
export function buildPatternIndex(reference: FeatureMatrix, referenceRows: ArrayLike<number>): PatternIndex {
	const m = referenceRows.length;
	const p = reference.denseWidth;
	const q = reference.blockCount;
	const active = reference.active;
	const blockOrder = chooseBlockOrder(reference, referenceRows);

	const rows = Int32Array.from(referenceRows);
	const src = reference.dense;
	rows.sort((a, b) => {
		for (let t = 0; t < q; t++) {
			const block = blockOrder[t]!;
			const diff = active[a * q + block]! - active[b * q + block]!;
			if (diff !== 0) {
				return diff;
			}
		}
		return a - b;
	});

	// Breadth-first construction: the nodes of one depth split the slot ranges of the previous
	// depth into runs of equal level. Plain arrays first, since the node count is not known ahead.
	const level: number[] = [-1];
	const start: number[] = [0];
	const end: number[] = [m];
	const childStart: number[] = [];
	const childEnd: number[] = [];
	let depthFirst = 0;
	let depthEnd = 1;
	for (let t = 0; t < q; t++) {
		const block = blockOrder[t]!;
		for (let n = depthFirst; n < depthEnd; n++) {
			childStart[n] = level.length;
			let s = start[n]!;
			const e = end[n]!;
			while (s < e) {
				const v = active[rows[s]! * q + block]!;
				let u = s + 1;
				while (u < e && active[rows[u]! * q + block]! === v) {
					u++;
				}
				level.push(v);
				start.push(s);
				end.push(u);
				s = u;
			}
			childEnd[n] = level.length;
		}
		depthFirst = depthEnd;
		depthEnd = level.length;
	}
	// Leaves point at their slot range and record their pattern; their rows become k-d trees.
	const leafLevels = new Int32Array((depthEnd - depthFirst) * q);
	const splitColumn = p < 128 ? new Int8Array(m) : p < 32768 ? new Int16Array(m) : new Int32Array(m);
	splitColumn.fill(-1);
	for (let n = depthFirst; n < depthEnd; n++) {
		arrangeKdTree(rows, start[n]!, end[n]!, src, p, splitColumn);
		childStart[n] = start[n]!;
		childEnd[n] = end[n]!;
		const row = rows[start[n]!]!;
		for (let t = 0; t < q; t++) {
			leafLevels[(n - depthFirst) * q + t] = active[row * q + blockOrder[t]!]!;
		}
	}
	// Children are numbered after their parent, so one backward pass settles every node.
	const singleLeaf = new Int32Array(level.length);
	for (let n = level.length - 1; n >= 0; n--) {
		singleLeaf[n] = n >= depthFirst ? n : childEnd[n]! - childStart[n]! === 1 ? singleLeaf[childStart[n]!]! : -1;
	}
	return {
		blockOrder,
		firstLeaf: depthFirst,
		singleLeaf,
		leafLevels,
		nodeLevel: Int32Array.from(level),
		childStart: Int32Array.from(childStart),
		childEnd: Int32Array.from(childEnd),
		rowOf: rows,
		dense: slotMajorDense(rows, src, p),
		splitColumn,
	};
}

/** The dense part of the rows in slot order (m × p). */
function slotMajorDense(rows: Int32Array, src: Float64Array, p: number): Float64Array {
	const dense = new Float64Array(rows.length * p);
	for (let s = 0; s < rows.length; s++) {
		const r = rows[s]!;
		for (let j = 0; j < p; j++) {
			dense[s * p + j] = src[r * p + j]!;
		}
	}
	return dense;
}

/**
 * Blocks in increasing order of their number of distinct levels among the reference rows (ties: the
 * lower block). Why: few-level blocks near the root keep the upper trie narrow, so the nodes a query
 * visits while allowing one or two mismatches are mostly near the leaves, where they are cheap.
 */
function chooseBlockOrder(x: FeatureMatrix, rows: ArrayLike<number>): Int32Array {
	const q = x.blockCount;
	const counts = new Int32Array(q);
	const seen = new Set<number>();
	for (let t = 0; t < q; t++) {
		seen.clear();
		for (let i = 0; i < rows.length; i++) {
			seen.add(x.active[rows[i]! * q + t]!);
		}
		counts[t] = seen.size;
	}
	const order = new Int32Array(q);
	for (let t = 0; t < q; t++) {
		order[t] = t;
	}
	return order.sort((a, b) => counts[a]! - counts[b]! || a - b);
}
