/**
 * Test helper: builds GroupedOutcomes from confusion counts per group, so that each hand-computed
 * example can be written as its confusion table. Rows are interleaved across groups and cells
 * (round-robin) so that no test depends on rows being sorted by group.
 */
import type { GroupedOutcomes } from '../../../../src/core/fairness';

/** Confusion counts of one group: TP (y=1, ŷ=1), FN (y=1, ŷ=0), FP (y=0, ŷ=1), TN (y=0, ŷ=0). */
export interface CellSpec {
	readonly tp: number;
	readonly fn: number;
	readonly fp: number;
	readonly tn: number;
}

export interface OutcomeSpec {
	/** Group name → its confusion counts, in group-index order. */
	readonly groups: ReadonlyArray<readonly [string, CellSpec]>;
	/** Confusion counts of rows outside every group (group −1). */
	readonly outside?: CellSpec;
	readonly reference?: number;
}

export function outcomesFrom(spec: OutcomeSpec): Required<Pick<GroupedOutcomes, 'yhat'>> & GroupedOutcomes {
	const queues: Array<Array<[number, number, number]>> = [];
	const push = (g: number, cells: CellSpec): void => {
		const queue: Array<[number, number, number]> = [];
		const add = (count: number, y: number, yhat: number): void => {
			for (let k = 0; k < count; k++) {
				queue.push([g, y, yhat]);
			}
		};
		add(cells.tp, 1, 1);
		add(cells.fn, 1, 0);
		add(cells.fp, 0, 1);
		add(cells.tn, 0, 0);
		queues.push(queue);
	};
	spec.groups.forEach(([, cells], g) => push(g, cells));
	if (spec.outside !== undefined) {
		push(-1, spec.outside);
	}
	const rows: Array<[number, number, number]> = [];
	for (let round = 0; queues.some((q) => round < q.length); round++) {
		for (const queue of queues) {
			if (round < queue.length) {
				rows.push(queue[round]!);
			}
		}
	}
	return {
		y: Uint8Array.from(rows, (r) => r[1]),
		yhat: Uint8Array.from(rows, (r) => r[2]),
		group: Int32Array.from(rows, (r) => r[0]),
		groupNames: spec.groups.map(([name]) => name),
		reference: spec.reference ?? 0,
	};
}

/**
 * The degenerate groups the metric and JSON tests share, reference 'A' (6 rows, every rate
 * defined), then 'Empty' (0 rows), 'NoPos' (no favourable labels: TPR undefined) and 'NoNeg' (no
 * unfavourable labels: FPR undefined). metrics.test.ts works out every figure they give.
 */
export const DEGENERATE_GROUPS: OutcomeSpec['groups'] = [
	['A', { tp: 2, fn: 1, fp: 1, tn: 2 }],
	['Empty', { tp: 0, fn: 0, fp: 0, tn: 0 }],
	['NoPos', { tp: 0, fn: 0, fp: 1, tn: 3 }],
	['NoNeg', { tp: 2, fn: 1, fp: 0, tn: 0 }],
];

/** Random outcomes: `sizes[g]` rows per group, P(y=1) = baseRates[g], ŷ = y flipped w.p. noise[g]. */
export function syntheticOutcomes(
	sizes: readonly number[],
	baseRates: readonly number[],
	noise: readonly number[],
	uniform: () => number,
): Required<Pick<GroupedOutcomes, 'yhat'>> & GroupedOutcomes {
	const n = sizes.reduce((a, b) => a + b, 0);
	const y = new Uint8Array(n);
	const yhat = new Uint8Array(n);
	const group = new Int32Array(n);
	let i = 0;
	sizes.forEach((size, g) => {
		for (let k = 0; k < size; k++, i++) {
			group[i] = g;
			y[i] = uniform() < baseRates[g]! ? 1 : 0;
			yhat[i] = uniform() < noise[g]! ? 1 - y[i]! : y[i]!;
		}
	});
	return { y, yhat, group, groupNames: sizes.map((_, g) => `g${g}`), reference: 0 };
}
