/**
 * The default minority and the warning against the wrong one, from each group's favourable rate
 * (the counts come from the core's groupRates, or from the server for the editor). The minority is
 * the group with the lowest favourable rate once the label is known: the group whose 0 → 1 flips
 * can narrow the gap.
 */
import type { GroupRate } from '../core/roles/groupRates';

export type { GroupRate };

export interface MinoritySuggestion {
	readonly value: string;
	readonly rate: number;
	/** The suggested group is the most numerous one: the name "minority" does not mean the smaller group here. */
	readonly largest: boolean;
	/** A sentence for the pick. */
	readonly reason: string;
}

/** Fewest labelled rows for a group to be suggested on its rate (a group of 3 has a noisy rate). */
export const MIN_RATED_ROWS = 30;

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * The default minority: the group with the lowest favourable rate (among groups with at least
 * {@link MIN_RATED_ROWS} labelled rows, or all when none has), or undefined with fewer than two groups.
 */
export function suggestMinority(column: string, groups: readonly GroupRate[]): MinoritySuggestion | undefined {
	const rated = groups.filter((g) => g.labelled > 0);
	if (rated.length < 2) {
		return undefined;
	}
	const pool = rated.some((g) => g.labelled >= MIN_RATED_ROWS) ? rated.filter((g) => g.labelled >= MIN_RATED_ROWS) : rated;
	const rate = (g: GroupRate): number => g.favourable / g.labelled;
	const lowest = pool.reduce((a, b) => (rate(b) < rate(a) ? b : a));
	const highest = pool.reduce((a, b) => (rate(b) > rate(a) ? b : a));
	if (rate(lowest) === rate(highest)) {
		return undefined;
	}
	const largest = rated.every((g) => g === lowest || g.labelled <= lowest.labelled);
	const reason =
		`'${column} = ${lowest.value}' has the lowest favourable rate (${pct(rate(lowest))} against ${pct(rate(highest))} for '${column} = ${highest.value}')` +
		(largest ? `; it is also the largest group — "minority" here means the disadvantaged group, not the smaller one` : '');
	return { value: lowest.value, rate: rate(lowest), largest, reason };
}

/**
 * A warning when the chosen minority is the advantaged side (its favourable rate above the rest's):
 * a collective from it can only widen the gap. Undefined when the choice is the disadvantaged side.
 */
export function advantagedWarning(column: string, minority: readonly string[], groups: readonly GroupRate[]): string | undefined {
	let inF = 0;
	let inN = 0;
	let outF = 0;
	let outN = 0;
	for (const g of groups) {
		if (minority.includes(g.value)) {
			inF += g.favourable;
			inN += g.labelled;
		} else {
			outF += g.favourable;
			outN += g.labelled;
		}
	}
	if (inN === 0 || outN === 0 || inF / inN <= outF / outN) {
		return undefined;
	}
	return `'${column} = ${minority.join(' + ')}' is the advantaged group (favourable ${pct(inF / inN)} against ${pct(outF / outN)} for the rest): a collective from it can only widen the gap`;
}
