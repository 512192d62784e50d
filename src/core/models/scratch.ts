/**
 * Row-length work arrays of the logistic solvers (margins, trial margins, curvature weights, …),
 * reused from one fit to the next in this thread.
 *
 * Why: a sweep along M refits the same ~26,000 Adult rows hundreds of times, and each fit used to
 * allocate five such arrays (about 1 MB); garbage collection was 7–17 % of a sweep's time. Fits are
 * synchronous and never nested, so one pool per thread (each worker has its own module instance)
 * is safe as long as a solver hands none of these arrays out. The pool is held through a WeakRef so
 * that one fit of millions of rows does not pin its buffers for the rest of the process: the
 * garbage collector may take it back between fits, and the next fit allocates anew.
 */

let pool: WeakRef<Float64Array> | undefined;

/**
 * `count` disjoint arrays of `rows` numbers each, with arbitrary contents (callers overwrite them
 * before reading). Valid until the next call: the next fit reuses the same memory.
 */
export function rowScratch(rows: number, count: number): Float64Array[] {
	const size = rows * count;
	let buffer = pool?.deref();
	if (buffer === undefined || buffer.length < size) {
		buffer = new Float64Array(size);
		pool = new WeakRef(buffer);
	}
	const views: Float64Array[] = [];
	for (let k = 0; k < count; k++) {
		views.push(buffer.subarray(k * rows, (k + 1) * rows));
	}
	return views;
}
