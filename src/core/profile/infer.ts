/**
 * Type inference for a column from its value counts. The point is to warn early about columns
 * that should not be features — a constant carries no signal, an identifier lets a model memorise
 * rows, free text one-hot encodes to one feature per row — and to tell binary labels apart.
 */
import type { InferredType } from './types';

/**
 * The thresholds, and why:
 * - `minRowsForIdentifier` 20: below that, "all values distinct" happens by chance for any
 *   continuous or fine-grained column (20 incomes are almost surely all different).
 * - `identifierDistinctRatio` 0.95: ids are unique by construction; 5 % slack tolerates duplicated
 *   records and joins. Numeric columns must also be integral, since continuous measurements
 *   (floats) are all distinct without being ids. Residual risk: an integer measurement with
 *   almost no repeats (e.g. incomes to the dollar in a small file) is called an identifier.
 * - Free text (`textMeanLength` 30, `textDistinctRatio` 0.5, `textWhitespaceShare` 0.5): category
 *   labels are short (Adult's longest is 25 characters) and repeat; sentences are long, mostly
 *   unique and contain spaces. Checked before identifiers, because comments are also all distinct.
 */
export const INFERENCE_THRESHOLDS = {
	minRowsForIdentifier: 20,
	identifierDistinctRatio: 0.95,
	textMeanLength: 30,
	textDistinctRatio: 0.5,
	textWhitespaceShare: 0.5,
} as const;

/** Everything the inference looks at. */
export interface InferenceInput {
	readonly storage: 'numeric' | 'categorical';
	/** Non-missing values. */
	readonly present: number;
	readonly missing: number;
	readonly distinct: number;
	/** The distinct values when there are at most two (for the reason text). */
	readonly fewValues: readonly string[];
	/** Numeric: every finite value is an integer (and there is no ±Infinity). */
	readonly integral: boolean;
	/** Categorical: mean length of the non-missing values, in code points. */
	readonly meanLength: number;
	/** Categorical: share of the non-missing values containing whitespace. */
	readonly whitespaceShare: number;
}

export function inferType(input: InferenceInput): { type: InferredType; reason: string } {
	const t = INFERENCE_THRESHOLDS;
	const { present, missing, distinct } = input;
	const distinctOf = `${formatCount(distinct)} distinct of ${formatCount(present)} values`;
	if (distinct === 0) {
		return { type: 'constant', reason: present + missing === 0 ? 'no rows' : `all ${formatCount(missing)} values missing` };
	}
	if (distinct === 1) {
		return { type: 'constant', reason: `a single value (${quote(input.fewValues[0]!)}) in ${formatCount(present)} values` };
	}
	if (distinct === 2) {
		return { type: 'binary', reason: `exactly 2 distinct values (${input.fewValues.map(quote).join(', ')})` };
	}
	const ratio = distinct / present;
	if (
		input.storage === 'categorical' &&
		ratio > t.textDistinctRatio &&
		input.meanLength > t.textMeanLength &&
		input.whitespaceShare >= t.textWhitespaceShare
	) {
		return {
			type: 'text',
			reason: `free text: ${distinctOf}, mean length ${input.meanLength.toFixed(1)}, ${percent(input.whitespaceShare)} with spaces`,
		};
	}
	if (present >= t.minRowsForIdentifier && ratio >= t.identifierDistinctRatio) {
		if (input.storage === 'categorical') {
			return { type: 'identifier', reason: `identifier-like: ${distinctOf}` };
		}
		if (input.integral) {
			return { type: 'identifier', reason: `identifier-like: ${distinctOf}, all integers` };
		}
	}
	return { type: input.storage, reason: distinctOf };
}

/** 32561 → "32,561", independent of the locale (so reports are byte-identical everywhere). */
export function formatCount(n: number): string {
	const text = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return n < 0 ? `-${text}` : text;
}

function percent(share: number): string {
	return `${(100 * share).toFixed(0)} %`;
}

/** A value for a reason string: JSON-quoted, shortened when long. */
function quote(value: string): string {
	return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
}
