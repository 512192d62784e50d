/**
 * Label leakage: a feature that predicts the label almost perfectly on its own is usually recorded
 * after the outcome (COMPAS's is_recid, r_charge_degree, violent_recid …) and makes any audit
 * meaningless — a classifier reading it is "accurate" and "fair" for the wrong reason.
 *
 * Each column is scored by the AUC of a one-column model, measured honestly: the column is cut
 * into levels (its own values, quantile bins for a continuous column, missing as a level of its
 * own since "no re-offence date" is the leak in COMPAS), each level's favourable rate is learnt on
 * half the rows (alternate rows), and the AUC of those rates is computed on the other half. Levels
 * seen fewer than `LEAK_RULES.minLevelRows` times in the learning half are pooled, so an identifier or
 * a timestamp cannot score by memorising rows. AUC is max(AUC, 1 − AUC): a column predicting the
 * unfavourable outcome leaks as much. A column also leaks when some of its levels are
 * near-deterministic (≥ `LEAK_RULES.pureRate` one outcome, learnt and held out) and together single out
 * most of one outcome's rows (COMPAS's `end`, the days to the event, AUC 0.93).
 */
import type { Column, Table } from '../csv/table';
import { findColumn } from '../csv/table';
import { codeColumn } from './coding';

/** The leak test's thresholds and sizes, in one place. */
export const LEAK_RULES = Object.freeze({
	/** Default AUC from which a single column counts as a leak. */
	aucThreshold: 0.95,
	/** Quantile bins of a continuous column. */
	bins: 20,
	/** Levels rarer than this in the learning half are pooled into one "rare" level. */
	minLevelRows: 5,
	/** A level is near-deterministic when at least this share of its rows have one outcome. */
	pureRate: 0.98,
	/** A column is near-deterministic when such levels single out at least this share of one outcome's rows. */
	pureRecallThreshold: 0.6,
});

export interface LeakFinding {
	readonly column: string;
	/** Out-of-sample AUC of the one-column model, in [0.5, 1]. */
	readonly auc: number;
	/** Rows the AUC was measured on (the evaluation half). */
	readonly evaluated: number;
	/** Largest share of one outcome's held-out rows singled out by near-deterministic levels. */
	readonly pureRecall: number;
}

/**
 * The AUC of a one-column model of `favourable` (1/0 per table row; other values = missing label)
 * over `rows`, or undefined when the evaluation half has only one class.
 */
export function singleColumnAuc(
	column: Column,
	rowCount: number,
	favourable: Uint8Array,
	rows: Int32Array,
): { auc: number; evaluated: number; pureRecall: number } | undefined {
	const coding = codeColumn(column, rowCount, LEAK_RULES.bins);
	const missingLevel = coding.levels;
	const levels = coding.levels + 1;
	const levelOf = (r: number): number => {
		const c = coding.codes[r]!;
		return c < 0 ? missingLevel : c;
	};
	// Learn each level's rate on the even positions.
	const fitN = new Float64Array(levels);
	const fitF = new Float64Array(levels);
	for (let i = 0; i < rows.length; i += 2) {
		const r = rows[i]!;
		const y = favourable[r]!;
		if (y > 1) {
			continue;
		}
		const l = levelOf(r);
		fitN[l]!++;
		fitF[l]! += y;
	}
	let rareN = 0;
	let rareF = 0;
	for (let l = 0; l < levels; l++) {
		if (fitN[l]! < LEAK_RULES.minLevelRows) {
			rareN += fitN[l]!;
			rareF += fitF[l]!;
		}
	}
	// Laplace-smoothed rates; a level too rare to learn takes the pooled rare rate.
	const rareRate = (rareF + 1) / (rareN + 2);
	const score = new Float64Array(levels);
	for (let l = 0; l < levels; l++) {
		score[l] = fitN[l]! >= LEAK_RULES.minLevelRows ? (fitF[l]! + 1) / (fitN[l]! + 2) : rareRate;
	}
	// Evaluate on the odd positions: Mann–Whitney AUC over the scores, ties counted half.
	const pos = new Map<number, number>();
	const neg = new Map<number, number>();
	let nPos = 0;
	let nNeg = 0;
	for (let i = 1; i < rows.length; i += 2) {
		const r = rows[i]!;
		const y = favourable[r]!;
		if (y > 1) {
			continue;
		}
		const s = score[levelOf(r)]!;
		if (y === 1) {
			pos.set(s, (pos.get(s) ?? 0) + 1);
			nPos++;
		} else {
			neg.set(s, (neg.get(s) ?? 0) + 1);
			nNeg++;
		}
	}
	if (nPos === 0 || nNeg === 0) {
		return undefined;
	}
	// Near-deterministic levels: learnt as (almost) always one outcome, and holding that outcome on
	// the held-out half too. pureRecall: the larger share, over the two outcomes, of its held-out
	// rows that such levels single out.
	let pureRecall = 0;
	for (const [mine, other, total, rateOf] of [
		[pos, neg, nPos, (x: number) => x],
		[neg, pos, nNeg, (x: number) => 1 - x],
	] as const) {
		let hits = 0;
		for (const [s, count] of mine) {
			const against = other.get(s) ?? 0;
			if (rateOf(s) >= LEAK_RULES.pureRate && count / (count + against) >= LEAK_RULES.pureRate) {
				hits += count;
			}
		}
		pureRecall = Math.max(pureRecall, hits / total);
	}
	const scores = [...new Set([...pos.keys(), ...neg.keys()])].sort((a, b) => a - b);
	let negBelow = 0;
	let wins = 0;
	for (const s of scores) {
		const p = pos.get(s) ?? 0;
		const n = neg.get(s) ?? 0;
		wins += p * (negBelow + n / 2);
		negBelow += n;
	}
	const auc = wins / (nPos * nNeg);
	return { auc: Math.max(auc, 1 - auc), evaluated: nPos + nNeg, pureRecall };
}

/**
 * Whether a one-column result is a leak: its AUC reaches `threshold`, or it has near-deterministic
 * levels (see {@link fixesOutcomes}). The one rule for the CLI's audit and the editor's diagnostics.
 */
export function isLabelLeak(result: Omit<LeakFinding, 'column'>, threshold: number = LEAK_RULES.aucThreshold): boolean {
	return result.auc >= threshold || fixesOutcomes(result);
}

/** Whether near-deterministic levels single out `LEAK_RULES.pureRecallThreshold` of one outcome's rows. */
export function fixesOutcomes(result: Pick<LeakFinding, 'pureRecall'>): boolean {
	return result.pureRecall >= LEAK_RULES.pureRecallThreshold;
}

/** Columns among `columns` that leak ({@link isLabelLeak}), highest AUC first. */
export function findLabelLeaks(
	table: Table,
	columns: readonly string[],
	favourable: Uint8Array,
	rows: Int32Array,
	threshold: number = LEAK_RULES.aucThreshold,
): LeakFinding[] {
	const out: LeakFinding[] = [];
	for (const name of columns) {
		const col = findColumn(table, name);
		if (col === undefined) {
			continue;
		}
		const r = singleColumnAuc(col, table.rowCount, favourable, rows);
		if (r !== undefined && isLabelLeak(r, threshold)) {
			out.push({ column: name, ...r });
		}
	}
	return out.sort((a, b) => b.auc - a.auc || (a.column < b.column ? -1 : 1));
}

/** One sentence for a finding (diagnostics, CLI, panel). */
export function describeLeak(f: LeakFinding, label: string): string {
	const pure = fixesOutcomes(f)
		? `, and some of its values fix the outcome for ${(100 * f.pureRecall).toFixed(0)}% of one outcome's rows`
		: '';
	return `'${f.column}' predicts '${label}' almost perfectly on its own (one-column AUC ${f.auc.toFixed(3)} on ${f.evaluated.toLocaleString('en-US')} held-out rows${pure}): it is probably recorded after the outcome, and figures from a model using it are not to be trusted`;
}
