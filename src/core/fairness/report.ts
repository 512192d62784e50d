/**
 * Builds the {@link FairnessReport}: point estimates from one confusion pass, percentile
 * intervals from the stratified bootstrap, and a reason for every undefined figure.
 */
import { defined, undefinedFigure } from '../figure.js';
import {
	type BootstrapOptions,
	type BootstrapResult,
	bootstrapStatistics,
	minValidResamples,
	resolveBootstrapOptions,
} from './bootstrap.js';
import { CELLS_PER_STRATUM, ConfusionCell, type GroupedOutcomes, stratumSize, tabulate } from './confusion.js';
import {
	type ComparisonStatName,
	type GroupStatName,
	LABEL_COMPARISON_STATS,
	PREDICTION_COMPARISON_STATS,
	type StatLayout,
	WORST_CASES,
	comparisonSlot,
	createLayout,
	definedComparisons,
	evaluateInto,
	fillWorstInto,
	groupSlot,
	worstComparison,
} from './metrics.js';
import type { Estimate, FairnessReport, GroupComparison, GroupCounts, GroupRates, WorstCase, WorstCases } from './types.js';

/**
 * Audits predictions ŷ against labels y: per-group rates, every difference against the
 * reference, worst cases, overall error, each with a bootstrap interval.
 */
export function auditPredictions(outcomes: GroupedOutcomes, options: BootstrapOptions): FairnessReport {
	if (outcomes.yhat === undefined) {
		throw new TypeError('auditPredictions needs predictions (yhat); use auditLabels for labels alone');
	}
	return audit(outcomes, options, 'predictions');
}

/** Audits the labels alone (ŷ ignored): base rates, base-rate differences and label disparate impact. */
export function auditLabels(outcomes: GroupedOutcomes, options: BootstrapOptions): FairnessReport {
	return audit({ ...outcomes, yhat: undefined }, options, 'labels');
}

/** Everything the figure builders need to explain an undefined slot. */
interface Context {
	readonly names: readonly string[];
	readonly cells: Float64Array;
	readonly layout: StatLayout;
	readonly point: Float64Array;
	readonly boot: BootstrapResult | undefined;
}

function audit(outcomes: GroupedOutcomes, options: BootstrapOptions, kind: 'predictions' | 'labels'): FairnessReport {
	const { resamples, level } = resolveBootstrapOptions(options);
	const { cells, groupCount } = tabulate(outcomes);
	const layout = createLayout(groupCount, outcomes.reference);
	const point = new Float64Array(layout.length);
	evaluateInto(cells, layout, point);
	const included = definedComparisons(point, layout);
	fillWorstInto(point, layout, included);
	const boot = resamples > 0 ? bootstrapStatistics(cells, layout, included, options) : undefined;
	const context: Context = { names: outcomes.groupNames, cells, layout, point, boot };
	const withPredictions = kind === 'predictions';

	const groups: GroupRates[] = [];
	for (let g = 0; g < groupCount; g++) {
		groups.push(groupRates(context, g, withPredictions));
	}
	const comparisons: GroupComparison[] = [];
	for (let c = 0; c < layout.compared.length; c++) {
		comparisons.push(groupComparison(context, c, withPredictions));
	}
	let totalRows = 0;
	for (let s = 0; s <= groupCount; s++) {
		totalRows += stratumSize(cells, s);
	}
	const overallError = withPredictions ? estimate(context, layout.overallErrorSlot, () => 'no rows to audit') : undefined;
	return {
		kind,
		reference: outcomes.groupNames[outcomes.reference]!,
		groups,
		comparisons,
		...(layout.compared.length > 1 ? { worst: worstCases(context, withPredictions) } : {}),
		overall: {
			rows: totalRows,
			rowsOutsideGroups: stratumSize(cells, groupCount),
			...(overallError === undefined ? {} : { error: overallError }),
		},
		bootstrap: {
			method: 'percentile, stratified by group',
			resamples,
			level,
			minValidResamples: minValidResamples(resamples),
			...(options.seed === undefined ? {} : { seed: options.seed }),
		},
	};
}

/** The figure in `slot`, with its interval, or undefined with the reason `explain` gives. */
function estimate(context: Context, slot: number, explain: () => string): Estimate {
	const value = context.point[slot]!;
	if (Number.isNaN(value)) {
		return undefinedFigure(explain());
	}
	const figure = defined(value);
	const boot = context.boot;
	if (boot === undefined) {
		return figure;
	}
	const validResamples = boot.valid[slot]!;
	const lo = boot.lo[slot]!;
	if (Number.isNaN(lo)) {
		return {
			...figure,
			validResamples,
			intervalReason: `only ${validResamples} of ${boot.resamples} resamples gave a defined value; an interval needs at least ${boot.minValid}`,
		};
	}
	return { ...figure, interval: { lo, hi: boot.hi[slot]!, level: boot.level }, validResamples };
}

const RATE_WORDS: Record<GroupStatName, string> = {
	baseRate: 'base rate',
	selectionRate: 'selection rate',
	truePositiveRate: 'true-positive rate',
	falsePositiveRate: 'false-positive rate',
	errorRate: 'error rate',
};

/** Why a group's rate is undefined: the group is empty, or the rate's conditioning set is. */
function rateReason(context: Context, group: number, stat: GroupStatName): string {
	const name = context.names[group]!;
	const o = group * CELLS_PER_STRATUM;
	const cells = context.cells;
	if (stratumSize(cells, group) === 0) {
		return `no rows in group '${name}', so its ${RATE_WORDS[stat]} is undefined`;
	}
	if (stat === 'truePositiveRate' && cells[o + ConfusionCell.truePositive]! + cells[o + ConfusionCell.falseNegative]! === 0) {
		return `no favourable labels (y = 1) among the group '${name}' rows, so its true-positive rate is undefined`;
	}
	if (stat === 'falsePositiveRate' && cells[o + ConfusionCell.falsePositive]! + cells[o + ConfusionCell.trueNegative]! === 0) {
		return `no unfavourable labels (y = 0) among the group '${name}' rows, so its false-positive rate is undefined`;
	}
	return `the ${RATE_WORDS[stat]} of group '${name}' is undefined`; // not reached: rates are undefined only for the reasons above
}

function groupRates(context: Context, g: number, withPredictions: boolean): GroupRates {
	const o = g * CELLS_PER_STRATUM;
	const { cells } = context;
	const tp = cells[o + ConfusionCell.truePositive]!;
	const fn = cells[o + ConfusionCell.falseNegative]!;
	const fp = cells[o + ConfusionCell.falsePositive]!;
	const tn = cells[o + ConfusionCell.trueNegative]!;
	const rate = (stat: GroupStatName): Estimate => estimate(context, groupSlot(g, stat), () => rateReason(context, g, stat));
	const counts: GroupCounts = withPredictions
		? {
				favourableLabels: tp + fn,
				unfavourableLabels: fp + tn,
				positivePredictions: tp + fp,
				truePositives: tp,
				falseNegatives: fn,
				falsePositives: fp,
				trueNegatives: tn,
			}
		: { favourableLabels: tp + fn, unfavourableLabels: fp + tn };
	const base = {
		name: context.names[g]!,
		index: g,
		isReference: g === context.layout.reference,
		size: tp + fn + fp + tn,
		counts,
		baseRate: rate('baseRate'),
	};
	if (!withPredictions) {
		return base;
	}
	return {
		...base,
		selectionRate: rate('selectionRate'),
		truePositiveRate: rate('truePositiveRate'),
		falsePositiveRate: rate('falsePositiveRate'),
		errorRate: rate('errorRate'),
	};
}

/** The group rates each comparison metric is built from, in the order their reasons are reported. */
const INPUTS: Record<ComparisonStatName, readonly GroupStatName[]> = {
	statisticalParitySigned: ['selectionRate'],
	statisticalParityDifference: ['selectionRate'],
	truePositiveRateDifference: ['truePositiveRate'],
	falsePositiveRateDifference: ['falsePositiveRate'],
	equalOpportunity: ['truePositiveRate'],
	eqodAverage: ['truePositiveRate', 'falsePositiveRate'],
	eqodMax: ['truePositiveRate', 'falsePositiveRate'],
	disparateImpact: ['selectionRate'],
	baseRateDifferenceSigned: ['baseRate'],
	baseRateDifference: ['baseRate'],
	labelDisparateImpact: ['baseRate'],
};

/** Why comparison c's metric is undefined: an undefined input rate, else a zero reference rate. */
function comparisonReason(context: Context, c: number, stat: ComparisonStatName): string {
	const { layout, point } = context;
	const g = layout.compared[c]!;
	for (const input of INPUTS[stat]) {
		for (const group of [g, layout.reference]) {
			if (Number.isNaN(point[groupSlot(group, input)]!)) {
				return rateReason(context, group, input);
			}
		}
	}
	const reference = context.names[layout.reference]!;
	if (stat === 'disparateImpact') {
		return `the reference group '${reference}' has no positive predictions (selection rate 0), so the ratio is undefined`;
	}
	if (stat === 'labelDisparateImpact') {
		return `the reference group '${reference}' has no favourable labels (base rate 0), so the ratio is undefined`;
	}
	return `undefined for group '${context.names[g]!}'`; // not reached: differences of defined rates are defined
}

function groupComparison(context: Context, c: number, withPredictions: boolean): GroupComparison {
	const { layout, names } = context;
	const metric = (stat: ComparisonStatName): Estimate =>
		estimate(context, comparisonSlot(layout, c, stat), () => comparisonReason(context, c, stat));
	const figures: Partial<Record<ComparisonStatName, Estimate>> = {};
	for (const stat of withPredictions ? [...PREDICTION_COMPARISON_STATS, ...LABEL_COMPARISON_STATS] : LABEL_COMPARISON_STATS) {
		figures[stat] = metric(stat);
	}
	return {
		group: names[layout.compared[c]!]!,
		groupIndex: layout.compared[c]!,
		reference: names[layout.reference]!,
		baseRateDifference: figures.baseRateDifference!,
		baseRateDifferenceSigned: figures.baseRateDifferenceSigned!,
		labelDisparateImpact: figures.labelDisparateImpact!,
		...figures,
	};
}

function worstCases(context: Context, withPredictions: boolean): WorstCases {
	const { layout, names, point } = context;
	const included = definedComparisons(point, layout);
	const result: Partial<Record<ComparisonStatName, WorstCase>> = {};
	WORST_CASES.forEach(({ name }, w) => {
		if (!withPredictions && !LABEL_COMPARISON_STATS.some((stat) => stat === name)) {
			return;
		}
		const excludedGroups: string[] = [];
		const reasons: string[] = [];
		for (let c = 0; c < layout.compared.length; c++) {
			if (Number.isNaN(point[comparisonSlot(layout, c, name)]!)) {
				excludedGroups.push(names[layout.compared[c]!]!);
				reasons.push(comparisonReason(context, c, name));
			}
		}
		const slot = layout.worstStart + w;
		const figure = estimate(context, slot, () => `undefined for every compared group: ${reasons.join('; ')}`);
		if (figure.value === null) {
			result[name] = figure;
			return;
		}
		// The same search that filled the slot, now for the group's name.
		const c = worstComparison(point, layout, w, included);
		result[name] = {
			...figure,
			group: names[layout.compared[c]!]!,
			...(excludedGroups.length > 0 ? { excludedGroups } : {}),
		};
	});
	return {
		...result,
		baseRateDifference: result.baseRateDifference!,
		labelDisparateImpact: result.labelDisparateImpact!,
	};
}
