/**
 * Seeded pseudo-random numbers. Every stochastic routine in the engine takes a {@link Random}
 * (never Math.random), so the same seed gives the same numbers in the CLI, the language server
 * and any number of worker threads.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018, https://prng.di.unimi.it/), state seeded by
 * SplitMix32 so that nearby seeds give unrelated streams. Period 2^128 − 1; 32-bit output, two
 * outputs per double (53 bits).
 */
export interface Random {
	/** Uniform double in [0, 1). */
	next(): number;
	/** Uniform integer in [0, n), n ≥ 1 (unbiased, by rejection). */
	int(n: number): number;
	/** Standard normal deviate (Box–Muller). */
	normal(): number;
}

/** SplitMix32 step: a well-mixed 32-bit hash of a 32-bit state (Steele, Lea & Flood 2014). */
function splitmix32(state: number): number {
	let z = (state + 0x9e3779b9) | 0;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Derives a child seed from a parent seed and a path of labels, so that independent pieces of
 * work (one per seed × method × α …) get independent streams whatever order or worker runs them.
 * @example deriveSeed(7, 'split') !== deriveSeed(7, 'collective', 3)
 */
export function deriveSeed(seed: number, ...path: Array<string | number>): number {
	let h = splitmix32(seed >>> 0);
	for (const part of path) {
		const text = String(part);
		for (let i = 0; i < text.length; i++) {
			h = splitmix32((h ^ text.charCodeAt(i)) >>> 0);
		}
		h = splitmix32((h ^ 0x2f) >>> 0); // separator, so ('ab') and ('a','b') differ
	}
	return h;
}

/** Creates the xoshiro128** generator for a 32-bit seed. */
export function createRandom(seed: number): Random {
	let s0 = splitmix32(seed >>> 0);
	let s1 = splitmix32(s0 ^ 0x1234567);
	let s2 = splitmix32(s1 ^ 0x7654321);
	let s3 = splitmix32(s2 ^ 0x5bd1e995);
	if ((s0 | s1 | s2 | s3) === 0) {
		s0 = 1; // the all-zero state is the one fixed point of xoshiro
	}
	const nextUint32 = (): number => {
		const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
		const t = s1 << 9;
		s2 ^= s0;
		s3 ^= s1;
		s1 ^= s2;
		s0 ^= s3;
		s2 ^= t;
		s3 = rotl(s3, 11);
		return result;
	};
	let spareNormal: number | undefined;
	const next = (): number => {
		const hi = nextUint32() >>> 5; // 27 bits
		const lo = nextUint32() >>> 6; // 26 bits
		return (hi * 67108864 + lo) / 9007199254740992;
	};
	return {
		next,
		int(n: number): number {
			if (!Number.isInteger(n) || n < 1 || n > 0x100000000) {
				throw new RangeError(`Random.int needs an integer n in [1, 2^32], got ${n}`);
			}
			const limit = 0x100000000 - (0x100000000 % n);
			let x = nextUint32();
			while (x >= limit) {
				x = nextUint32();
			}
			return x % n;
		},
		normal(): number {
			if (spareNormal !== undefined) {
				const z = spareNormal;
				spareNormal = undefined;
				return z;
			}
			let u = next();
			while (u === 0) {
				u = next();
			}
			const v = next();
			const r = Math.sqrt(-2 * Math.log(u));
			spareNormal = r * Math.sin(2 * Math.PI * v);
			return r * Math.cos(2 * Math.PI * v);
		},
	};
}

function rotl(x: number, k: number): number {
	return (x << k) | (x >>> (32 - k));
}

/** Fisher–Yates shuffle in place (Knuth, TAOCP vol. 2, Algorithm P). Returns the same array. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(values: T, random: Random): T {
	for (let i = values.length - 1; i > 0; i--) {
		const j = random.int(i + 1);
		const tmp = values[i];
		values[i] = values[j];
		values[j] = tmp;
	}
	return values;
}

/** A uniformly random permutation of 0 … n−1. */
export function permutation(n: number, random: Random): Int32Array {
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) {
		order[i] = i;
	}
	return shuffleInPlace(order, random);
}

/** k distinct indices drawn uniformly from `from` without replacement (partial Fisher–Yates). */
export function sampleWithoutReplacement(from: ArrayLike<number>, k: number, random: Random): Int32Array {
	if (k > from.length || k < 0) {
		throw new RangeError(`cannot draw ${k} of ${from.length} without replacement`);
	}
	const pool = Int32Array.from(from);
	for (let i = 0; i < k; i++) {
		const j = i + random.int(pool.length - i);
		const tmp = pool[i]!;
		pool[i] = pool[j]!;
		pool[j] = tmp;
	}
	return pool.slice(0, k);
}
