/**
 * Seeded stratified train/test split: every stratum (group × label) is split in the same
 * proportion, so a small minority keeps its favourable rate in both parts and test-set metrics
 * are not at the mercy of one unlucky draw.
 */
import { type Random, shuffleInPlace } from '../random';

export interface Split {
	/** Positions (0 … n−1) in the training part, ascending. */
	readonly train: Int32Array;
	/** Positions in the test part, ascending. */
	readonly test: Int32Array;
}

/**
 * Splits positions 0 … strata.length−1. Each stratum of size s gives round(s · testFraction) rows
 * to the test part (at least one when s ≥ 2 and testFraction > 0, so no stratum is absent from it).
 */
export function stratifiedSplit(strata: ArrayLike<number>, testFraction: number, random: Random): Split {
	if (!(testFraction > 0 && testFraction < 1)) {
		throw new RangeError(`test fraction must be in (0, 1), got ${testFraction}`);
	}
	// Positions grouped by stratum in one Int32Array (a counting sort, ascending within each
	// stratum) rather than a JS array per stratum: 4 bytes a row at ten million rows, not ~16.
	const sizes = new Map<number, number>();
	for (let i = 0; i < strata.length; i++) {
		const s = strata[i]!;
		sizes.set(s, (sizes.get(s) ?? 0) + 1);
	}
	const keys = [...sizes.keys()].sort((a, b) => a - b);
	const start = new Map<number, number>();
	let offset = 0;
	for (const key of keys) {
		start.set(key, offset);
		offset += sizes.get(key)!;
	}
	const next = new Map(start);
	const members = new Int32Array(strata.length);
	for (let i = 0; i < strata.length; i++) {
		const s = strata[i]!;
		const at = next.get(s)!;
		members[at] = i;
		next.set(s, at + 1);
	}
	const isTest = new Uint8Array(strata.length);
	let testCount = 0;
	for (const key of keys) {
		const from = start.get(key)!;
		const list = members.subarray(from, from + sizes.get(key)!);
		shuffleInPlace(list, random);
		let take = Math.round(list.length * testFraction);
		if (take === 0 && list.length >= 2) {
			take = 1;
		}
		for (let i = 0; i < take; i++) {
			isTest[list[i]!] = 1;
		}
		testCount += take;
	}
	const train = new Int32Array(strata.length - testCount);
	const test = new Int32Array(testCount);
	let trainAt = 0;
	let testAt = 0;
	for (let i = 0; i < strata.length; i++) {
		if (isTest[i] === 1) {
			test[testAt++] = i;
		} else {
			train[trainAt++] = i;
		}
	}
	return { train, test };
}
