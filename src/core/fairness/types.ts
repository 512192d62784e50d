/**
 * The plain-JSON fairness report. Every number a user sees is a {@link Figure} (a value, or null
 * with the reason), with its bootstrap interval beside it; JSON.stringify of a report never holds
 * NaN or Infinity.
 */
import type { Figure, Interval } from '../figure.js';

/** A figure with, where bootstrapped, its percentile interval and how many resamples defined it. */
export type Estimate = Figure & {
	/** Percentile bootstrap interval; absent without bootstrap or with too few valid resamples. */
	readonly interval?: Interval;
	/** Resamples in which the figure was defined (present when the figure was bootstrapped). */
	readonly validResamples?: number;
	/** Why a defined figure has no interval (too few valid resamples). */
	readonly intervalReason?: string;
};

/** Confusion counts of one group; the prediction counts are absent in a labels-only audit. */
export interface GroupCounts {
	/** Rows with y = 1. */
	readonly favourableLabels: number;
	/** Rows with y = 0. */
	readonly unfavourableLabels: number;
	/** Rows with ŷ = 1. */
	readonly positivePredictions?: number;
	readonly truePositives?: number;
	readonly falseNegatives?: number;
	readonly falsePositives?: number;
	readonly trueNegatives?: number;
}

/** Rates of one group (a); each is undefined, with a reason, when its denominator is 0. */
export interface GroupRates {
	readonly name: string;
	readonly index: number;
	readonly isReference: boolean;
	/** Rows of the group; fixed across resamples (stratified bootstrap). */
	readonly size: number;
	readonly counts: GroupCounts;
	/** Base rate P(y=1 | a) = (TP+FN)/n. */
	readonly baseRate: Estimate;
	/** Selection rate P(ŷ=1 | a) = (TP+FP)/n. */
	readonly selectionRate?: Estimate;
	/** True-positive rate P(ŷ=1 | y=1, a) = TP/(TP+FN); undefined without favourable labels. */
	readonly truePositiveRate?: Estimate;
	/** False-positive rate P(ŷ=1 | y=0, a) = FP/(FP+TN); undefined without unfavourable labels. */
	readonly falsePositiveRate?: Estimate;
	/** Error rate P(ŷ≠y | a) = (FN+FP)/n. */
	readonly errorRate?: Estimate;
}

/**
 * One non-reference group a against the reference group r. Signed differences are a − r.
 * The prediction metrics are absent in a labels-only audit.
 */
export interface GroupComparison {
	readonly group: string;
	readonly groupIndex: number;
	readonly reference: string;
	/** Base-rate difference of the labels |P(y=1|a) − P(y=1|r)|: bias already in the data. */
	readonly baseRateDifference: Estimate;
	/** Signed base-rate difference P(y=1|a) − P(y=1|r). */
	readonly baseRateDifferenceSigned: Estimate;
	/**
	 * Disparate impact of the labels P(y=1|a) / P(y=1|r) (Feldman, Friedler, Moeller, Scheidegger
	 * & Venkatasubramanian 2015, "Certifying and removing disparate impact", KDD); undefined when
	 * the reference base rate is 0.
	 */
	readonly labelDisparateImpact: Estimate;
	/**
	 * Statistical parity difference |P(ŷ=1|a) − P(ŷ=1|r)| (demographic parity; Calders & Verwer
	 * 2010; the paper's SPD, Ben-Dov et al. 2025 §3).
	 */
	readonly statisticalParityDifference?: Estimate;
	/** Signed statistical parity P(ŷ=1|a) − P(ŷ=1|r); negative = group a selected less often. */
	readonly statisticalParitySigned?: Estimate;
	/** Signed TPR difference TPR_a − TPR_r. */
	readonly truePositiveRateDifference?: Estimate;
	/** Signed FPR difference FPR_a − FPR_r. */
	readonly falsePositiveRateDifference?: Estimate;
	/** Equal opportunity |TPR_a − TPR_r| (Hardt, Price & Srebro 2016, "Equality of Opportunity in Supervised Learning", NeurIPS). */
	readonly equalOpportunity?: Estimate;
	/**
	 * Equalized odds, average variant ½(|TPR_a − TPR_r| + |FPR_a − FPR_r|): the paper's EqOd
	 * ("the average gap in false-positive and true-positive rates", Ben-Dov, Samadi, Sanyal &
	 * Ţifrea 2025, arXiv:2508.15374). The criterion is Hardt, Price & Srebro 2016.
	 */
	readonly eqodAverage?: Estimate;
	/**
	 * Equalized odds, max variant max(|TPR_a − TPR_r|, |FPR_a − FPR_r|): fairlearn's
	 * `equalized_odds_difference` with its default agg='worst_case' (fairlearn.org user guide,
	 * "Common fairness metrics"). Always ≥ eqodAverage.
	 */
	readonly eqodMax?: Estimate;
	/**
	 * Disparate-impact ratio P(ŷ=1|a) / P(ŷ=1|r) (Feldman et al. 2015; below 0.8 fails the
	 * four-fifths rule); undefined when the reference selection rate is 0.
	 */
	readonly disparateImpact?: Estimate;
}

/**
 * Worst case of one metric over the non-reference groups: the largest difference, or the
 * smallest ratio. `group` names the group attaining it; `excludedGroups` lists groups whose
 * figure is undefined and so could not take part (the true worst case may lie among them).
 */
export type WorstCase = Estimate & {
	readonly group?: string;
	readonly excludedGroups?: readonly string[];
};

export interface WorstCases {
	readonly statisticalParityDifference?: WorstCase;
	readonly equalOpportunity?: WorstCase;
	readonly eqodAverage?: WorstCase;
	readonly eqodMax?: WorstCase;
	/** Smallest disparate-impact ratio. */
	readonly disparateImpact?: WorstCase;
	readonly baseRateDifference: WorstCase;
	/** Smallest label disparate-impact ratio. */
	readonly labelDisparateImpact: WorstCase;
}

export interface FairnessReport {
	/** 'predictions': an audit of ŷ against y; 'labels': of the labels alone. */
	readonly kind: 'predictions' | 'labels';
	readonly reference: string;
	readonly groups: readonly GroupRates[];
	readonly comparisons: readonly GroupComparison[];
	/** Present when more than one group is compared with the reference. */
	readonly worst?: WorstCases;
	readonly overall: {
		/** Rows audited, including rows outside every compared group. */
		readonly rows: number;
		readonly rowsOutsideGroups: number;
		/** Overall error P(ŷ≠y) over all audited rows (predictions audit only). */
		readonly error?: Estimate;
	};
	readonly bootstrap: {
		readonly method: 'percentile, stratified by group';
		readonly resamples: number;
		readonly level: number;
		/** A defined figure needs at least this many defined resamples to get an interval. */
		readonly minValidResamples: number;
		readonly seed?: number;
	};
}
