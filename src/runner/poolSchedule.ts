/**
 * Which unit a free pool thread runs next. Preparing a seed (split, encoding, base fit) is a large
 * share of a unit at a million rows, so a thread takes, in this order: the first waiting unit of a
 * seed it already holds; else the first of a seed whose context another thread has shared; else
 * the first of a seed nobody is preparing (it prepares it, and shares it if other units of that
 * seed are waiting). Otherwise every waiting unit's seed is being prepared elsewhere, and the
 * thread waits for that context rather than build the same one a second time.
 * The choice changes only which thread runs a unit, never its numbers.
 */
import type { UnitKey } from '../core/collective/unit';

export type UnitChoice =
	| { readonly index: number; readonly how: 'held' | 'shared' }
	| { readonly index: number; readonly how: 'prepare'; readonly share: boolean };

export interface ScheduleView {
	readonly units: readonly UnitKey[];
	/** Indices of the units not yet handed out, in plan order. */
	readonly waiting: readonly number[];
	/** Seeds whose context the parent holds, ready to send. */
	readonly shared: { has(seed: number): boolean };
	/** Seeds another thread is preparing now. */
	readonly preparing: { has(seed: number): boolean };
}

export function chooseUnit(view: ScheduleView, held: ReadonlySet<number>): UnitChoice | undefined {
	const seedOf = (index: number): number => view.units[index]!.seed;
	const first = (test: (seed: number) => boolean): number | undefined => view.waiting.find((i) => test(seedOf(i)));
	const own = first((seed) => held.has(seed));
	if (own !== undefined) {
		return { index: own, how: 'held' };
	}
	const shared = first((seed) => view.shared.has(seed));
	if (shared !== undefined) {
		return { index: shared, how: 'shared' };
	}
	const fresh = first((seed) => !view.preparing.has(seed));
	if (fresh === undefined) {
		return undefined;
	}
	const seed = seedOf(fresh);
	return { index: fresh, how: 'prepare', share: view.waiting.some((i) => i !== fresh && seedOf(i) === seed) };
}
