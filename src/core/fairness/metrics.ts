/**
 * Group-fairness metrics as functions of confusion cells. One numeric evaluator serves both the
 * point estimate and every bootstrap resample, so the two can never disagree about a formula.
 *
 * Inside this file (and bootstrap.ts) an undefined figure is NaN in a Float64Array, because the
 * bootstrap evaluates thousands of vectors and must not allocate per figure. NaN never leaves the
 * module: report.ts turns each slot into a {@link Figure} with a reason.
 *
 * Notation: for group a, TP/FN/FP/TN its confusion cells, n = TP+FN+FP+TN,
 *   base rate        P(y=1 | a)      = (TP+FN)/n
 *   selection rate   P(ŷ=1 | a)      = (TP+FP)/n
 *   TPR              P(ŷ=1 | y=1, a) = TP/(TP+FN)
 *   FPR              P(ŷ=1 | y=0, a) = FP/(FP+TN)
 *   error            P(ŷ≠y | a)      = (FN+FP)/n
 * Differences are "group minus reference" when signed.
 */
import { CELLS_PER_STRATUM, ConfusionCell, type GroupedOutcomes, countCellsInto, validateShapes } from './confusion.js';

/**
 * Each name's offset in a block of slots, in the order listed: the offsets and the block's length
 * come from one list, so a figure added to the list cannot be left unnumbered or miscounted.
 */
function slotOffsets<Name extends string>(names: readonly Name[]): Readonly<Record<Name, number>> {
	return Object.freeze(Object.fromEntries(names.map((name, offset) => [name, offset])) as Record<Name, number>);
}

/** Per-group slots of the statistic vector. */
const GROUP_STAT_NAMES = ['baseRate', 'selectionRate', 'truePositiveRate', 'falsePositiveRate', 'errorRate'] as const;
export type GroupStatName = (typeof GROUP_STAT_NAMES)[number];
export const GroupStat = slotOffsets<GroupStatName>(GROUP_STAT_NAMES);
const GROUP_STATS = GROUP_STAT_NAMES.length;

/** Comparison figures that need predictions, in the order a report lists them. */
export const PREDICTION_COMPARISON_STATS = [
	'statisticalParityDifference',
	'statisticalParitySigned',
	'truePositiveRateDifference',
	'falsePositiveRateDifference',
	'equalOpportunity',
	'eqodAverage',
	'eqodMax',
	'disparateImpact',
] as const;
/** Comparison figures of the labels alone: all that an audit without predictions reports. */
export const LABEL_COMPARISON_STATS = ['baseRateDifference', 'baseRateDifferenceSigned', 'labelDisparateImpact'] as const;
/** Per-comparison (non-reference group vs reference) slots of the statistic vector. */
const COMPARISON_STAT_NAMES = [...PREDICTION_COMPARISON_STATS, ...LABEL_COMPARISON_STATS];
export type ComparisonStatName = (typeof COMPARISON_STAT_NAMES)[number];
export const ComparisonStat = slotOffsets<ComparisonStatName>(COMPARISON_STAT_NAMES);
const COMPARISON_STATS = COMPARISON_STAT_NAMES.length;

/**
 * Worst cases over the non-reference groups. Differences are worst when largest; ratios are
 * worst when smallest, i.e. the group selected least often relative to the reference, which is
 * the group the four-fifths rule (Feldman et al. 2015) would flag.
 */
export const WORST_CASES: ReadonlyArray<{ readonly name: ComparisonStatName; readonly worstIs: 'max' | 'min' }> = [
	{ name: 'statisticalParityDifference', worstIs: 'max' },
	{ name: 'equalOpportunity', worstIs: 'max' },
	{ name: 'eqodAverage', worstIs: 'max' },
	{ name: 'eqodMax', worstIs: 'max' },
	{ name: 'disparateImpact', worstIs: 'min' },
	{ name: 'baseRateDifference', worstIs: 'max' },
	{ name: 'labelDisparateImpact', worstIs: 'min' },
];

/** Where each figure lives in the flat statistic vector. */
export interface StatLayout {
	readonly groupCount: number;
	readonly reference: number;
	/** Group index of each comparison, i.e. every group except the reference, in index order. */
	readonly compared: Int32Array;
	readonly comparisonStart: number;
	readonly worstStart: number;
	readonly overallErrorSlot: number;
	readonly length: number;
}

export function createLayout(groupCount: number, reference: number): StatLayout {
	const compared = new Int32Array(groupCount - 1);
	for (let g = 0, c = 0; g < groupCount; g++) {
		if (g !== reference) {
			compared[c++] = g;
		}
	}
	const comparisonStart = groupCount * GROUP_STATS;
	const worstStart = comparisonStart + compared.length * COMPARISON_STATS;
	const overallErrorSlot = worstStart + WORST_CASES.length;
	return { groupCount, reference, compared, comparisonStart, worstStart, overallErrorSlot, length: overallErrorSlot + 1 };
}

export function groupSlot(group: number, stat: GroupStatName): number {
	return group * GROUP_STATS + GroupStat[stat];
}

export function comparisonSlot(layout: StatLayout, comparison: number, stat: ComparisonStatName): number {
	return layout.comparisonStart + comparison * COMPARISON_STATS + ComparisonStat[stat];
}

/** numerator / denominator, NaN (internal "undefined") when the denominator is 0. */
function rate(numerator: number, denominator: number): number {
	return denominator > 0 ? numerator / denominator : NaN;
}

/**
 * Fills every slot except the worst cases from the confusion cells. NaN propagates through the
 * arithmetic, so a difference involving an undefined rate is itself undefined.
 */
export function evaluateInto(cells: ArrayLike<number>, layout: StatLayout, out: Float64Array): void {
	let totalRows = 0;
	let totalErrors = 0;
	for (let s = 0; s <= layout.groupCount; s++) {
		const o = s * CELLS_PER_STRATUM;
		const tp = cells[o + ConfusionCell.truePositive]!;
		const fn = cells[o + ConfusionCell.falseNegative]!;
		const fp = cells[o + ConfusionCell.falsePositive]!;
		const tn = cells[o + ConfusionCell.trueNegative]!;
		const n = tp + fn + fp + tn;
		totalRows += n;
		totalErrors += fn + fp;
		if (s === layout.groupCount) {
			break; // the outside stratum only counts towards the overall error
		}
		const g = s * GROUP_STATS;
		out[g + GroupStat.baseRate] = rate(tp + fn, n);
		out[g + GroupStat.selectionRate] = rate(tp + fp, n);
		out[g + GroupStat.truePositiveRate] = rate(tp, tp + fn);
		out[g + GroupStat.falsePositiveRate] = rate(fp, fp + tn);
		out[g + GroupStat.errorRate] = rate(fn + fp, n);
	}
	const r = layout.reference * GROUP_STATS;
	for (let c = 0; c < layout.compared.length; c++) {
		const g = layout.compared[c]! * GROUP_STATS;
		const o = layout.comparisonStart + c * COMPARISON_STATS;
		const paritySigned = out[g + GroupStat.selectionRate]! - out[r + GroupStat.selectionRate]!;
		const tprSigned = out[g + GroupStat.truePositiveRate]! - out[r + GroupStat.truePositiveRate]!;
		const fprSigned = out[g + GroupStat.falsePositiveRate]! - out[r + GroupStat.falsePositiveRate]!;
		const baseSigned = out[g + GroupStat.baseRate]! - out[r + GroupStat.baseRate]!;
		out[o + ComparisonStat.statisticalParitySigned] = paritySigned;
		out[o + ComparisonStat.statisticalParityDifference] = Math.abs(paritySigned);
		out[o + ComparisonStat.truePositiveRateDifference] = tprSigned;
		out[o + ComparisonStat.falsePositiveRateDifference] = fprSigned;
		out[o + ComparisonStat.equalOpportunity] = Math.abs(tprSigned);
		out[o + ComparisonStat.eqodAverage] = 0.5 * (Math.abs(tprSigned) + Math.abs(fprSigned));
		// Math.max(NaN, x) is NaN, so an undefined TPR or FPR makes the max undefined too.
		out[o + ComparisonStat.eqodMax] = Math.max(Math.abs(tprSigned), Math.abs(fprSigned));
		out[o + ComparisonStat.disparateImpact] = rate(out[g + GroupStat.selectionRate]!, out[r + GroupStat.selectionRate]!);
		out[o + ComparisonStat.baseRateDifferenceSigned] = baseSigned;
		out[o + ComparisonStat.baseRateDifference] = Math.abs(baseSigned);
		out[o + ComparisonStat.labelDisparateImpact] = rate(out[g + GroupStat.baseRate]!, out[r + GroupStat.baseRate]!);
	}
	out[layout.overallErrorSlot] = rate(totalErrors, totalRows);
}

/**
 * Worst case of one metric over the comparisons whose bit is set in `included` (the comparisons
 * where the point estimate is defined). Returns the comparison index, or −1 when the value is
 * undefined: nothing included, or an included comparison undefined in this (resampled) vector,
 * since a maximum over fewer groups would not estimate the same quantity.
 */
export function worstComparison(values: ArrayLike<number>, layout: StatLayout, worstIndex: number, included: Uint8Array): number {
	const { name, worstIs } = WORST_CASES[worstIndex]!;
	const sign = worstIs === 'max' ? 1 : -1;
	let best = -1;
	let bestValue = -Infinity;
	for (let c = 0; c < layout.compared.length; c++) {
		if (included[worstIndex * layout.compared.length + c] === 0) {
			continue;
		}
		const v = values[comparisonSlot(layout, c, name)]!;
		if (Number.isNaN(v)) {
			return -1;
		}
		if (sign * v > bestValue) {
			bestValue = sign * v;
			best = c;
		}
	}
	return best;
}

/** Fills the worst-case slots of `out` from its comparison slots. */
export function fillWorstInto(out: Float64Array, layout: StatLayout, included: Uint8Array): void {
	for (let w = 0; w < WORST_CASES.length; w++) {
		const c = worstComparison(out, layout, w, included);
		out[layout.worstStart + w] = c < 0 ? NaN : out[comparisonSlot(layout, c, WORST_CASES[w]!.name)]!;
	}
}

/** Inclusion mask for the worst cases: the comparisons whose point estimate is defined. */
export function definedComparisons(point: ArrayLike<number>, layout: StatLayout): Uint8Array {
	const k = layout.compared.length;
	const included = new Uint8Array(WORST_CASES.length * k);
	for (let w = 0; w < WORST_CASES.length; w++) {
		for (let c = 0; c < k; c++) {
			included[w * k + c] = Number.isNaN(point[comparisonSlot(layout, c, WORST_CASES[w]!.name)]!) ? 0 : 1;
		}
	}
	return included;
}

/** Plain numbers for hot loops; a field is undefined where the figure is. */
export interface PointMetrics {
	/** Overall error P(ŷ≠y) over all audited rows, including rows outside every group. */
	error: number | undefined;
	/** Statistical parity difference |P(ŷ=1|a) − P(ŷ=1|ref)|. */
	spd: number | undefined;
	/** Equalized odds, average variant ½(|ΔTPR| + |ΔFPR|) (Ben-Dov et al. 2025). */
	eqodAverage: number | undefined;
	/** Equalized odds, max variant max(|ΔTPR|, |ΔFPR|) (fairlearn's equalized_odds_difference). */
	eqodMax: number | undefined;
	/**
	 * Signed TPR and FPR gaps of the minority (group 1) against the reference, TPR(minority) −
	 * TPR(reference) and likewise for FPR. Near zero EqOd, an average of absolute values of noisy
	 * differences is biased upward by sampling noise; the signed gaps averaged over seeds are not
	 * (docs/methods.md, "The EqOd floor").
	 */
	tprGap: number | undefined;
	fprGap: number | undefined;
}

// Scratch reused by pointMetrics so that the simulator's inner loop allocates only the result.
let scratchCells = new Float64Array(0);
let scratchStats = new Float64Array(0);
let scratchLayout: StatLayout | undefined;

/**
 * Error, SPD and both EqOd variants without bootstrap, for the simulator's hot loop: one pass
 * over the rows, no per-call allocation besides the returned object. With more than two groups
 * each difference is the worst case over the non-reference groups, and undefined if any group's
 * difference is (the worst case is then unknown). Throws on invalid input, like the audits.
 */
export function pointMetrics(outcomes: GroupedOutcomes): PointMetrics {
	if (outcomes.yhat === undefined) {
		throw new TypeError('pointMetrics needs predictions (yhat); use auditLabels for labels alone');
	}
	validateShapes(outcomes);
	const groupCount = outcomes.groupNames.length;
	if (scratchLayout === undefined || scratchLayout.groupCount !== groupCount || scratchLayout.reference !== outcomes.reference) {
		scratchLayout = createLayout(groupCount, outcomes.reference);
		scratchCells = new Float64Array((groupCount + 1) * CELLS_PER_STRATUM);
		scratchStats = new Float64Array(scratchLayout.length);
	}
	const layout = scratchLayout;
	countCellsInto(outcomes, scratchCells);
	evaluateInto(scratchCells, layout, scratchStats);
	return {
		error: finiteOrUndefined(scratchStats[layout.overallErrorSlot]!),
		spd: worstOfAll(scratchStats, layout, 'statisticalParityDifference'),
		eqodAverage: worstOfAll(scratchStats, layout, 'eqodAverage'),
		eqodMax: worstOfAll(scratchStats, layout, 'eqodMax'),
		tprGap: minorityComparison(scratchStats, layout, 'truePositiveRateDifference'),
		fprGap: minorityComparison(scratchStats, layout, 'falsePositiveRateDifference'),
	};
}

/** The minority's (group 1's) signed comparison against the reference, when it is compared. */
function minorityComparison(stats: Float64Array, layout: StatLayout, name: ComparisonStatName): number | undefined {
	const c = layout.compared.indexOf(MINORITY_GROUP);
	return c < 0 ? undefined : finiteOrUndefined(stats[comparisonSlot(layout, c, name)]!);
}

/** Group index of the minority (the roles' convention: 0 majority, 1 minority). */
const MINORITY_GROUP = 1;

function worstOfAll(stats: Float64Array, layout: StatLayout, name: ComparisonStatName): number | undefined {
	if (layout.compared.length === 0) {
		return undefined;
	}
	let worst = -Infinity;
	for (let c = 0; c < layout.compared.length; c++) {
		const v = stats[comparisonSlot(layout, c, name)]!;
		if (Number.isNaN(v)) {
			return undefined;
		}
		worst = Math.max(worst, v);
	}
	return worst;
}

function finiteOrUndefined(v: number): number | undefined {
	return Number.isFinite(v) ? v : undefined;
}
