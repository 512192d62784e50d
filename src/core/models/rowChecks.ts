/**
 * Per-row checks of a learner's training input, shared so that every learner rejects the same bad
 * label or weight with the same message (naming the learner and the matrix row).
 */

/** y[i], checked to be 0 or 1. */
export function checkedLabel(y: ArrayLike<number>, i: number, learner: string): number {
	const label = y[i]!;
	if (label !== 0 && label !== 1) {
		throw new Error(`${learner}: labels must be 0 or 1; row ${i} has ${label}`);
	}
	return label;
}

/** The sample weight of row i (1 without weights), checked to be finite and ≥ 0. */
export function checkedWeight(weights: ArrayLike<number> | undefined, i: number, learner: string): number {
	const s = weights === undefined ? 1 : weights[i]!;
	if (!(s >= 0) || !Number.isFinite(s)) {
		throw new Error(`${learner}: sample weights must be finite and ≥ 0; row ${i} has ${s}`);
	}
	return s;
}
