/**
 * The relabelling-efficiency statistics on the panel's flips chart (docs/methods.md, "Relabelling
 * efficiency, measured with pairs"): each method's median flips-to-target as a marker on the target
 * line, and one sentence on whether a method beats Random, by how much, with the paired interval —
 * or that the interval covers no difference. Results saved before the statistics existed have no
 * `efficiency` list; then nothing is added.
 */
import { fmt, methodColour, methodLabel, type FigureMarker } from './figureSpec';
import type { SimulationResult } from './webviewProtocol';

type Entry = NonNullable<SimulationResult['efficiency']>[number];

function entriesAt(r: SimulationResult): Entry[] {
	const list = (r as Partial<SimulationResult>).efficiency ?? [];
	return list.filter((e) => e.knowledge === 'all' && e.alpha === r.params.alpha);
}

/** A marker per method at (median flips-to-target, target), when half the seeds or more reach it. */
export function efficiencyMarkers(r: SimulationResult): FigureMarker[] {
	return entriesAt(r).flatMap((e) =>
		e.flipsToTarget.median === null
			? []
			: [
					{
						x: e.flipsToTarget.median,
						y: e.target,
						colour: methodColour(e.method),
						label: `${methodLabel(e.method)} reaches EqOd ≤ ${fmt(e.target)} after ≈ ${Math.round(e.flipsToTarget.median)} flips (median of ${e.flipsToTarget.seeds} seeds)`,
					},
				],
	);
}

/** Whether the most efficient method beats Random on paired flips-to-target, and by how much. */
export function efficiencySentence(r: SimulationResult): string | undefined {
	const paired = entriesAt(r).filter((e) => e.vsRandom?.flipsToTarget !== undefined && e.vsRandom.flipsToTarget !== null);
	if (paired.length === 0) {
		return undefined;
	}
	const d = (e: Entry): NonNullable<NonNullable<Entry['vsRandom']>['flipsToTarget']> => e.vsRandom!.flipsToTarget!;
	const best = [...paired].sort((a, b) => d(a).mean - d(b).mean)[0]!;
	const diff = d(best);
	const ci = `paired 95 % interval ${Math.round(diff.lo)} to ${Math.round(diff.hi)} flips over ${diff.n} seeds`;
	const target = `EqOd ≤ ${fmt(best.target)}`;
	if (diff.hi < 0) {
		return `Paired with Random on the same seeds, ${methodLabel(best.method)} reaches ${target} with ${Math.round(-diff.mean)} fewer flips (${ci}).`;
	}
	if (diff.lo > 0) {
		return `Paired with Random on the same seeds, even ${methodLabel(best.method)}, the most efficient method, needs ${Math.round(diff.mean)} more flips than Random to reach ${target} (${ci}).`;
	}
	return `Paired with Random on the same seeds, no method reaches ${target} with measurably fewer flips: the best, ${methodLabel(best.method)}, is not distinguishable from Random at ${diff.n} seeds (${ci}).`;
}
