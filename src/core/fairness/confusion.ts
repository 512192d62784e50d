/**
 * The one O(n) pass that every fairness figure starts from: a 2 × 2 confusion table (true label
 * × prediction) per group. All metrics and every bootstrap resample are functions of these cells
 * alone, which is what makes the bootstrap cheap (see bootstrap.ts).
 */

/**
 * Rows to audit. Labels and predictions are 0/1 with 1 the favourable outcome (hired, granted,
 * released …). Group indices are per row; −1 marks a row that belongs to none of the compared
 * groups (it still counts in the overall error).
 */
export interface GroupedOutcomes {
	/** True label per row, 0 or 1 (1 = favourable). */
	readonly y: ArrayLike<number>;
	/** Prediction per row, 0 or 1; absent for an audit of the labels alone. */
	readonly yhat?: ArrayLike<number>;
	/** Group index per row into `groupNames`, or −1 for a row outside every compared group. */
	readonly group: ArrayLike<number>;
	readonly groupNames: readonly string[];
	/** Index of the reference (usually majority) group that every other group is compared with. */
	readonly reference: number;
	/** Restrict the audit to these row indices (e.g. the test split); all rows when absent. */
	readonly rows?: Int32Array;
}

/** Offset of each cell within a stratum's confusion table. Without predictions ŷ is taken as 0. */
export const ConfusionCell = { truePositive: 0, falseNegative: 1, falsePositive: 2, trueNegative: 3 } as const;
export const CELLS_PER_STRATUM = 4;

/**
 * Confusion counts per stratum. Strata 0 … groupCount−1 are the groups; stratum `groupCount`
 * holds the rows outside every group, so that totals over all strata give the overall figures.
 */
export interface ConfusionTable {
	readonly groupCount: number;
	/** (groupCount + 1) × 4 counts: [TP, FN, FP, TN] per stratum. */
	readonly cells: Float64Array;
}

/** Cell index of a (label, prediction) pair: [TP, FN, FP, TN] = [(1,1), (1,0), (0,1), (0,0)]. */
function cellOf(label: number, prediction: number): number {
	return (1 - label) * 2 + (1 - prediction);
}

/**
 * Checks the shapes that the counting loop relies on. Invalid input is a caller bug (the table
 * layer should have mapped labels to 0/1), hence exceptions rather than undefined figures.
 */
export function validateShapes(outcomes: GroupedOutcomes): void {
	const { y, yhat, group, groupNames, reference } = outcomes;
	if (group.length !== y.length) {
		throw new RangeError(`group has ${group.length} entries but y has ${y.length}`);
	}
	if (yhat !== undefined && yhat.length !== y.length) {
		throw new RangeError(`yhat has ${yhat.length} entries but y has ${y.length}`);
	}
	if (!Number.isInteger(reference) || reference < 0 || reference >= groupNames.length) {
		throw new RangeError(`reference group ${reference} is not an index into the ${groupNames.length} group names`);
	}
}

/**
 * Counts the confusion cells per stratum into `cells` (zeroed first), checking each row's values
 * on the way: the checks are a few comparisons, cheaper than a second pass. Shapes must have been
 * checked with {@link validateShapes}. Reusing `cells` keeps hot loops allocation-free.
 */
export function countCellsInto(outcomes: GroupedOutcomes, cells: Float64Array): void {
	const { y, yhat, group, groupNames, rows } = outcomes;
	const outside = groupNames.length;
	const n = y.length;
	cells.fill(0, 0, (outside + 1) * CELLS_PER_STRATUM);
	const count = rows === undefined ? n : rows.length;
	for (let k = 0; k < count; k++) {
		const i = rows === undefined ? k : rows[k]!;
		if (!(i >= 0 && i < n)) {
			throw new RangeError(`rows[${k}] = ${i} is outside 0 … ${n - 1}`);
		}
		const label = y[i]!;
		if (label !== 0 && label !== 1) {
			throw new RangeError(`y[${i}] = ${label}; labels must be 0 or 1`);
		}
		let prediction = 0;
		if (yhat !== undefined) {
			prediction = yhat[i]!;
			if (prediction !== 0 && prediction !== 1) {
				throw new RangeError(`yhat[${i}] = ${prediction}; predictions must be 0 or 1`);
			}
		}
		const g = group[i]!;
		if (!(g >= -1 && g < outside && Number.isInteger(g))) {
			throw new RangeError(`group[${i}] = ${g}; must be −1 or an index into the ${outside} group names`);
		}
		const stratum = g < 0 ? outside : g;
		const cell = stratum * CELLS_PER_STRATUM + cellOf(label, prediction);
		cells[cell] = cells[cell]! + 1;
	}
}

/** Validates and counts: the confusion table of every group plus the outside rows. */
export function tabulate(outcomes: GroupedOutcomes): ConfusionTable {
	validateShapes(outcomes);
	const groupCount = outcomes.groupNames.length;
	const cells = new Float64Array((groupCount + 1) * CELLS_PER_STRATUM);
	countCellsInto(outcomes, cells);
	return { groupCount, cells };
}

/** Number of rows in a stratum. */
export function stratumSize(cells: ArrayLike<number>, stratum: number): number {
	const o = stratum * CELLS_PER_STRATUM;
	return cells[o]! + cells[o + 1]! + cells[o + 2]! + cells[o + 3]!;
}
