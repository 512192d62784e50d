/**
 * A figure over seeds: mean, sample standard deviation and a percentile interval, and the summaries
 * every kind of run reports (error, SPD, EqOd, the signed gaps, success, the defended firm's figures).
 * Shared by the simulation's rows (aggregate.ts) and the firm comparison (firm/pareto.ts,
 * firm/defenseSummary.ts).
 */
import { moments, quantileSorted, sortedFinite, standardDeviation } from '../stats/summary';
import type { RunMetrics } from './evaluate';

/** A figure over seeds; `mean: null` with the reason when no seed defined it. */
export type SeedSummary =
	| { readonly mean: number; readonly sd: number; readonly lo: number; readonly hi: number; readonly n: number }
	| { readonly mean: null; readonly reason: string; readonly n: 0 };

/**
 * `none-measurable`: the seed intervals of both signed gaps cover zero — no measurable gap left at
 * this sample size, whatever EqOd (biased upward by noise near zero) says; `gap`: at least one
 * interval excludes zero; `unknown`: a gap is undefined on every seed.
 */
export type GapVerdict = 'gap' | 'none-measurable' | 'unknown';

export function gapVerdict(tpr: SeedSummary, fpr: SeedSummary): GapVerdict {
	if (tpr.mean === null || fpr.mean === null) {
		return 'unknown';
	}
	const covers = (s: { lo: number; hi: number }): boolean => s.lo <= 0 && s.hi >= 0;
	return covers(tpr) && covers(fpr) ? 'none-measurable' : 'gap';
}

/** The figures every row and the base carry, each summarised over seeds. */
export interface MetricSummaries {
	readonly error: SeedSummary;
	readonly spd: SeedSummary;
	readonly eqod: SeedSummary;
	readonly eqodMax: SeedSummary;
	/** Signed TPR(minority) − TPR(majority) over seeds, with its interval (see {@link GapVerdict}). */
	readonly tprGap: SeedSummary;
	/** Signed FPR(minority) − FPR(majority) over seeds. */
	readonly fprGap: SeedSummary;
	/** Whether a gap is left that this many seeds can measure (docs/methods.md, "The EqOd floor"). */
	readonly gapVerdict: GapVerdict;
	readonly success?: SeedSummary;
	readonly counterfactualGap?: SeedSummary;
	/** With a defending firm (params.defense): its figures and how much of the effect survives. */
	readonly defended?: DefendedSummary;
}

export interface DefendedSummary {
	readonly error: SeedSummary;
	readonly spd: SeedSummary;
	readonly eqod: SeedSummary;
	readonly eqodMax: SeedSummary;
	/** Flipped rows the defending firm's filter dropped, per seed. */
	readonly removedFlips: SeedSummary;
	/** Other training rows it dropped, per seed. */
	readonly removedOther: SeedSummary;
	/**
	 * Share of the collective's EqOd improvement that survives the defence:
	 * (defended base EqOd − defended EqOd) / (base EqOd − EqOd), from the means over seeds.
	 * Undefined (with the reason) when the undefended improvement is below 0.01.
	 */
	readonly survival?: { readonly value: number } | { readonly value: null; readonly reason: string };
}

/** Below this undefended EqOd improvement a survival share is noise, not a finding. */
export const MIN_IMPROVEMENT_FOR_SURVIVAL = 0.01;

/** Interval coverage over seeds (percentiles 2.5 and 97.5, type 7). */
export const SEED_INTERVAL_LEVEL = 0.95;

export function summarise(values: ReadonlyArray<number | undefined>, what: string): SeedSummary {
	// A non-finite figure is as undefined as a missing one, and must never reach JSON as null/NaN.
	const present = Float64Array.from(values.filter((v): v is number => v !== undefined && Number.isFinite(v)));
	const m = moments(present);
	if (m === undefined) {
		return { mean: null, reason: `${what} is undefined for every seed (a group has no rows of a needed label in the test set)`, n: 0 };
	}
	const sorted = sortedFinite(present);
	const tail = (1 - SEED_INTERVAL_LEVEL) / 2;
	return {
		mean: m.mean,
		sd: standardDeviation(m) ?? 0,
		lo: quantileSorted(sorted, tail)!,
		hi: quantileSorted(sorted, 1 - tail)!,
		n: m.count,
	};
}

/**
 * Each field `labels` names, summarised over the per-seed rows; the label is what an undefined
 * figure's reason calls it. The keys come out in the order of `labels` (the JSON output's order).
 */
export function summariseFields<Key extends string>(
	list: ReadonlyArray<NoInfer<Partial<Record<Key, number | undefined>>>>,
	labels: Readonly<Record<Key, string>>,
): Record<Key, SeedSummary> {
	const out = {} as Record<Key, SeedSummary>;
	for (const key of Object.keys(labels) as Key[]) {
		out[key] = summarise(
			list.map((row) => row[key]),
			labels[key],
		);
	}
	return out;
}

/** The four figures every kind of run reports, and what an undefined one's reason calls it. */
const RUN_FIGURE_LABELS = {
	error: 'error',
	spd: 'statistical parity',
	eqod: 'equalized odds',
	eqodMax: 'equalized odds (max)',
} as const satisfies Readonly<Record<keyof RunMetrics & keyof DefendedSummary, string>>;

/** The four run figures summarised over seeds. */
export type RunSummaries = Record<keyof typeof RUN_FIGURE_LABELS, SeedSummary>;

/**
 * Error, SPD, EqOd and max EqOd summarised over seeds: the part every summary shares (a
 * simulation's base and defended rows here, a firm approach's comparison row in firm/pareto.ts).
 */
export function summariseRuns(list: ReadonlyArray<Pick<RunMetrics, keyof RunSummaries>>): RunSummaries {
	return summariseFields(list, RUN_FIGURE_LABELS);
}

function summariseDefended(list: readonly RunMetrics[]): DefendedSummary | undefined {
	const defended = list.map((m) => m.defended).filter((d): d is NonNullable<RunMetrics['defended']> => d !== undefined);
	if (defended.length === 0) {
		return undefined;
	}
	return {
		...summariseRuns(defended),
		...summariseFields(defended, { removedFlips: 'removed flips', removedOther: 'removed rows' }),
	};
}

export function summariseMetrics(list: readonly RunMetrics[]): MetricSummaries {
	const withCf = list.some((m) => m.success !== undefined);
	const defended = summariseDefended(list);
	const gaps = summariseFields(list, { tprGap: 'the TPR gap', fprGap: 'the FPR gap' });
	return {
		...summariseRuns(list),
		...gaps,
		gapVerdict: gapVerdict(gaps.tprGap, gaps.fprGap),
		...(withCf ? summariseFields(list, { success: 'collective success', counterfactualGap: 'counterfactual gap' }) : {}),
		...(defended !== undefined ? { defended } : {}),
	};
}
