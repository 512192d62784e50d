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
	const members = new Map<number, number[]>();
	for (let i = 0; i < strata.length; i++) {
		const s = strata[i]!;
		let list = members.get(s);
		if (list === undefined) {
			list = [];
			members.set(s, list);
		}
		list.push(i);
	}
	const isTest = new Uint8Array(strata.length);
	for (const key of [...members.keys()].sort((a, b) => a - b)) {
		const list = members.get(key)!;
		shuffleInPlace(list, random);
		let take = Math.round(list.length * testFraction);
		if (take === 0 && list.length >= 2) {
			take = 1;
		}
		for (let i = 0; i < take; i++) {
			isTest[list[i]!] = 1;
		}
	}
	const train: number[] = [];
	const test: number[] = [];
	for (let i = 0; i < strata.length; i++) {
		(isTest[i] === 1 ? test : train).push(i);
	}
	return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
