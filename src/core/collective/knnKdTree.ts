/**
 * The k-d trees inside the leaves of the neighbour index (knnIndex.ts), stored implicitly in the
 * slot order: a cell is a slot range [lo, hi); its median slot mid = ⌊(lo + hi) / 2⌋ holds the row
 * that splits it on column `splitColumn[mid]`, every row in [lo, mid) is ≤ that row on that column
 * and every row in (mid, hi) is ≥. A cell of at most {@link KD_BUCKET} rows, or one whose rows are
 * identical on every dense column (`splitColumn[mid] = −1`), is a bucket scanned row by row.
 *
 * Why implicit: no node objects or child pointers, so a million-row index costs one small integer
 * per row beyond the rows themselves, and building it is a sequence of in-place selections,
 * O(m log m) in all.
 */

/** Cells of at most this many rows are scanned rather than split (the scan of a few rows is cheaper than descending). */
export const KD_BUCKET = 12;

/**
 * Reorders rows[lo, hi) into the implicit k-d layout above, splitting each cell on the dense
 * column where its rows spread the most (ties: the lower column), so cells shrink fastest along
 * the directions that matter for Euclidean distance. Deterministic for a given input order.
 */
export function arrangeKdTree(
	rows: Int32Array,
	lo: number,
	hi: number,
	dense: Float64Array,
	p: number,
	splitColumn: Int8Array | Int16Array | Int32Array,
): void {
	if (p === 0) {
		return;
	}
	// An explicit stack of cells instead of recursion: a pathological split sequence cannot overflow it.
	const stack: number[] = [lo, hi];
	while (stack.length > 0) {
		const end = stack.pop()!;
		const begin = stack.pop()!;
		if (end - begin <= KD_BUCKET) {
			continue;
		}
		const column = widestColumn(rows, begin, end, dense, p);
		if (column < 0) {
			continue; // every row identical on the dense part: a bucket
		}
		const mid = (begin + end) >>> 1;
		selectNth(rows, begin, end, mid, dense, p, column);
		splitColumn[mid] = column;
		stack.push(begin, mid, mid + 1, end);
	}
}

/** The column with the largest max − min over rows[lo, hi), or −1 when every column is constant there. */
function widestColumn(rows: Int32Array, lo: number, hi: number, dense: Float64Array, p: number): number {
	let best = -1;
	let bestSpread = 0;
	for (let j = 0; j < p; j++) {
		let min = Infinity;
		let max = -Infinity;
		for (let s = lo; s < hi; s++) {
			const v = dense[rows[s]! * p + j]!;
			if (v < min) {
				min = v;
			}
			if (v > max) {
				max = v;
			}
		}
		if (max - min > bestSpread) {
			best = j;
			bestSpread = max - min;
		}
	}
	return best;
}

/**
 * Hoare's selection (Wirth's form) on rows[lo, hi) by column `column`: afterwards rows[nth] holds
 * the row of rank nth − lo, no row before it is greater and no row after it is smaller. Expected
 * O(hi − lo); the median-of-three pivot keeps sorted or constant runs from degrading it.
 */
function selectNth(rows: Int32Array, lo: number, hi: number, nth: number, dense: Float64Array, p: number, column: number): void {
	let left = lo;
	let right = hi - 1;
	while (right > left) {
		const a = dense[rows[left]! * p + column]!;
		const b = dense[rows[(left + right) >>> 1]! * p + column]!;
		const c = dense[rows[right]! * p + column]!;
		const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
		let i = left;
		let j = right;
		while (i <= j) {
			while (dense[rows[i]! * p + column]! < pivot) {
				i++;
			}
			while (dense[rows[j]! * p + column]! > pivot) {
				j--;
			}
			if (i <= j) {
				const t = rows[i]!;
				rows[i] = rows[j]!;
				rows[j] = t;
				i++;
				j--;
			}
		}
		if (nth <= j) {
			right = j;
		} else if (nth >= i) {
			left = i;
		} else {
			return;
		}
	}
}
