import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TwoKeyCache } from '../../../src/core/twoKeyCache';

describe('TwoKeyCache', () => {
	it('computes once per pair of keys and keeps pairs apart', () => {
		const cache = new TwoKeyCache<object, number, string>(() => new Map());
		const first = {};
		const other = {};
		const calls: string[] = [];
		const compute = (name: string) => (): string => {
			calls.push(name);
			return name;
		};
		assert.equal(cache.get(first, 1, compute('first/1')), 'first/1');
		assert.equal(cache.get(first, 1, compute('again')), 'first/1');
		assert.equal(cache.get(first, 2, compute('first/2')), 'first/2');
		assert.equal(cache.get(other, 1, compute('other/1')), 'other/1');
		assert.deepEqual(calls, ['first/1', 'first/2', 'other/1']);
	});

	it('stores a computed undefined instead of recomputing it', () => {
		const cache = new TwoKeyCache<object, object, number | undefined>(() => new WeakMap());
		const first = {};
		const second = {};
		let calls = 0;
		const compute = (): undefined => {
			calls++;
			return undefined;
		};
		assert.equal(cache.get(first, second, compute), undefined);
		assert.equal(cache.get(first, second, compute), undefined);
		assert.equal(calls, 1);
	});

	it('makes one inner map per first key', () => {
		let inners = 0;
		const cache = new TwoKeyCache<object, number, number>(() => {
			inners++;
			return new Map();
		});
		const first = {};
		cache.get(first, 1, () => 1);
		cache.get(first, 2, () => 2);
		cache.get({}, 1, () => 3);
		assert.equal(inners, 2);
	});
});
