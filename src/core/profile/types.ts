/**
 * Shapes of a column / table profile: the facts a hover, the profile command and the webview
 * show about each column before any fairness analysis. Plain JSON (no typed arrays, no NaN):
 * every number is finite and a number that cannot be computed is a {@link Figure} with a reason.
 */
import type { Figure } from '../figure';

/**
 * What a column looks like it holds. Thresholds in `infer.ts` ({@link INFERENCE_THRESHOLDS}):
 * - `constant`: ≤ 1 distinct non-missing value (including an all-missing column);
 * - `binary`: exactly 2 distinct non-missing values, numeric or not;
 * - `text`: free text — categorical, > 50 % distinct, mean length > 30 characters, and at least half the values contain whitespace;
 * - `identifier`: ≥ 95 % of ≥ 20 non-missing values distinct, and integers when numeric;
 * - otherwise `numeric` or `categorical`, following the storage.
 */
export type InferredType = 'numeric' | 'categorical' | 'binary' | 'identifier' | 'constant' | 'text';

/**
 * Rows grouped by the sensitive attribute (the shape of the engine's resolved roles).
 * `group[i]` is the group index of row i into `groupNames`, or −1 when the row belongs to no group
 * (missing sensitive value, or a group left out).
 */
export interface GroupAssignment {
	readonly group: Int32Array;
	readonly groupNames: readonly string[];
	/** Per row: 1 favourable label, 0 unfavourable, 255 missing label. Omit when there is no label. */
	readonly favourable?: Uint8Array;
}

export interface ProfileOptions {
	/** How many most frequent values to list, an integer in [0, 1000]. Default 10. */
	readonly topValues?: number;
	/** Number of equal-width histogram bins for numeric columns, an integer in [1, 1000]. Default 10. */
	readonly histogramBins?: number;
	readonly groups?: GroupAssignment;
}

/** A value and how many rows hold it. Numbers are written in shortest round-trip form. */
export interface TopValue {
	readonly value: string;
	readonly count: number;
}

/**
 * Equal-width bins over [min, max]: bin k covers [edges[k], edges[k+1]), the last one is closed.
 * A column with min = max has one bin of width 0.
 */
export interface Histogram {
	readonly edges: number[];
	readonly counts: number[];
}

/** Type-7 quantiles (Hyndman & Fan 1996; R, NumPy and pandas default). */
export interface Quantiles {
	readonly p5: number;
	readonly p25: number;
	readonly p50: number;
	readonly p75: number;
	readonly p95: number;
}

/** Summary of the finite values of a numeric column. */
export interface NumericSummary {
	readonly available: true;
	/** Number of finite values summarised. */
	readonly count: number;
	readonly min: number;
	readonly max: number;
	readonly mean: number;
	/** Sample standard deviation (n − 1); undefined with a reason for a single value. */
	readonly sd: Figure;
	readonly quantiles: Quantiles;
	readonly histogram: Histogram;
	/** True when every finite value is an integer. */
	readonly integral: boolean;
	/** Cells holding ±Infinity: counted as values, left out of the summary. */
	readonly nonFinite: number;
}

export interface NumericSummaryUnavailable {
	readonly available: false;
	readonly reason: string;
}

/** The missing rate of this column within one group. */
export interface GroupMissing {
	readonly group: string;
	readonly rows: number;
	readonly missing: number;
	readonly missingRate: Figure;
}

/** The largest difference of a rate between two groups, and which groups they are. */
export interface GroupGap {
	/** max − min over the groups where the rate is defined; undefined with fewer than two such groups. */
	readonly gap: Figure;
	readonly highest: string | null;
	readonly lowest: string | null;
}

export interface ColumnProfile {
	readonly name: string;
	/** How the table stores the column. */
	readonly storage: 'numeric' | 'categorical';
	readonly type: InferredType;
	/** Why, in words, e.g. "32,561 distinct of 32,561 values". */
	readonly reason: string;
	readonly rows: number;
	readonly missing: number;
	readonly missingRate: Figure;
	/** Exact number of distinct non-missing values. */
	readonly distinct: number;
	/** Most frequent values, by count descending, ties by value ascending (numbers numerically, text by code unit). */
	readonly topValues: TopValue[];
	/** Non-missing rows whose value is not among `topValues`. */
	readonly otherCount: number;
	/** Present for numeric storage. */
	readonly numeric?: NumericSummary | NumericSummaryUnavailable;
	/** Present for categorical storage: mean length in characters (code points) of the non-missing values. */
	readonly meanLength?: Figure;
	/** Present when groups were given. */
	readonly groups?: GroupMissing[];
	readonly missingRateGap?: GroupGap;
}

export interface GroupSummary {
	readonly group: string;
	readonly rows: number;
	/** Rows of the group with a label. */
	readonly labelled: number;
	readonly favourable: number;
	readonly favourableRate: Figure;
}

export interface GroupsProfile {
	readonly groups: GroupSummary[];
	/** Rows in no group (group index −1). */
	readonly ungroupedRows: number;
	/** Undefined (with reason) when no favourable labels were given. */
	readonly favourableRateGap: GroupGap;
	/** The column with the largest between-group gap in missing rate, or null when no gap is defined. */
	readonly largestMissingRateGap: {
		readonly column: string;
		readonly gap: number;
		readonly highest: string;
		readonly lowest: string;
	} | null;
}

export interface TableProfile {
	readonly rows: number;
	readonly columns: ColumnProfile[];
	readonly groups?: GroupsProfile;
}
