/**
 * The defending firm's result over seeds: per M, the ordinary and the defending firm's figures,
 * how many relabeled and other rows the filter removed, and the share of the collective's EqOd
 * improvement that survives the defense:
 *   survival(M) = [EqOd_def(0) − EqOd_def(M)] / [EqOd(0) − EqOd(M)]
 * on means over seeds, each firm measured from its own M = 0 (the defended base moves too). 1
 * means the defense undoes nothing, 0 everything; negative means the defended firm ends less fair
 * than its own base. Undefined when the undefended improvement is below 0.01 (a ratio of noise: on COMPAS a 0.006 gain gave "198 %").
 */
import {
	MIN_IMPROVEMENT_FOR_SURVIVAL,
	summariseFields,
	summariseRuns,
	type RunSummaries,
	type SeedSummary,
} from '../collective/seedSummary';
import type { Method } from '../collective/params';
import type { Figure } from '../figure';
import { defined, undefinedFigure } from '../figure';
import type { DefensePoint } from './defendedCollective';

export interface DefenseRow {
	readonly gridIndex: number;
	/** M, mean over seeds. */
	readonly flips: number;
	readonly poolSize: number;
	readonly seeds: number;
	readonly undefended: RunSummaries;
	readonly defended: RunSummaries;
	readonly flippedRemoved: SeedSummary;
	readonly otherRemoved: SeedSummary;
	readonly survival: Figure;
}

export interface DefenseResultSummary {
	readonly method: Method;
	readonly alpha: number;
	readonly threshold: number;
	readonly folds: number;
	readonly rows: DefenseRow[];
	/** The row with the largest undefended EqOd improvement, and its survival. */
	readonly headline?: DefenseRow;
}

/** Minimum undefended EqOd improvement for a survival ratio to be reported: the simulation's own. */
export const MIN_IMPROVEMENT = MIN_IMPROVEMENT_FOR_SURVIVAL;

export function summariseDefense(
	perSeed: ReadonlyArray<readonly DefensePoint[]>,
	setting: { method: Method; alpha: number; threshold: number; folds: number },
): DefenseResultSummary {
	const byIndex = new Map<number, DefensePoint[]>();
	for (const points of perSeed) {
		for (const p of points) {
			byIndex.set(p.gridIndex, [...(byIndex.get(p.gridIndex) ?? []), p]);
		}
	}
	const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
	const rows: DefenseRow[] = [...byIndex.entries()]
		.sort((a, b) => a[0] - b[0])
		.map(([gridIndex, list]) => ({
			gridIndex,
			flips: mean(list.map((p) => p.flips)),
			poolSize: mean(list.map((p) => p.poolSize)),
			seeds: list.length,
			undefended: summariseRuns(list.map((p) => p.undefended)),
			defended: summariseRuns(list.map((p) => p.defended)),
			...summariseFields(list, { flippedRemoved: 'relabeled rows removed', otherRemoved: 'other rows removed' }),
			survival: undefinedFigure('pending'),
		}));
	const start = rows[0];
	const withSurvival = rows.map((r) => ({ ...r, survival: survivalOf(start, r) }));
	let headline: DefenseRow | undefined;
	for (const r of withSurvival) {
		const gain = improvement(start?.undefended.eqod, r.undefended.eqod);
		if (
			gain !== undefined &&
			gain >= MIN_IMPROVEMENT &&
			(headline === undefined || gain > improvement(start?.undefended.eqod, headline.undefended.eqod)!)
		) {
			headline = r;
		}
	}
	return { ...setting, rows: withSurvival, ...(headline !== undefined ? { headline } : {}) };
}

function improvement(from: SeedSummary | undefined, to: SeedSummary): number | undefined {
	return from === undefined || from.mean === null || to.mean === null ? undefined : from.mean - to.mean;
}

function survivalOf(start: DefenseRow | undefined, row: DefenseRow): Figure {
	if (row.flips === 0) {
		return undefinedFigure('no flips: nothing to survive');
	}
	const undefended = improvement(start?.undefended.eqod, row.undefended.eqod);
	const defended = improvement(start?.defended.eqod, row.defended.eqod);
	if (undefended === undefined || defended === undefined) {
		return undefinedFigure('EqOd is undefined for every seed');
	}
	if (undefended < MIN_IMPROVEMENT) {
		return undefinedFigure(
			`the collective improves EqOd by only ${undefended.toFixed(4)} here without a defense (< ${MIN_IMPROVEMENT}), so a share of it is noise`,
		);
	}
	return defined(defended / undefended);
}
