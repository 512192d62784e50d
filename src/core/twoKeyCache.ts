/**
 * A value computed once per pair of keys and kept for as long as the first key lives: the outer map
 * is a WeakMap, so dropping the first key (a table, a document's analysis) drops every value computed
 * for it. The inner map is the caller's choice: a WeakMap when the second key is an object that should
 * not be kept alive by the cache, a Map for a primitive key such as a column index.
 */

/** What the cache needs of its inner map: Map and WeakMap both fit. */
export interface KeyedStore<K, V> {
	has(key: K): boolean;
	get(key: K): V | undefined;
	set(key: K, value: V): unknown;
}

export class TwoKeyCache<A extends object, B, V> {
	private readonly byFirst = new WeakMap<A, KeyedStore<B, V>>();

	/** `newInner` makes the inner map of each first key (e.g. `() => new WeakMap()`). */
	constructor(private readonly newInner: () => KeyedStore<B, V>) {}

	/**
	 * The value stored for (first, second), or `compute()`'s, stored on the way. A computed undefined is
	 * stored too (`has`, not `get`, decides), so a missing value is not recomputed on every call.
	 */
	get(first: A, second: B, compute: () => V): V {
		let bySecond = this.byFirst.get(first);
		if (bySecond === undefined) {
			bySecond = this.newInner();
			this.byFirst.set(first, bySecond);
		}
		if (bySecond.has(second)) {
			return bySecond.get(second) as V;
		}
		const value = compute();
		bySecond.set(second, value);
		return value;
	}
}
