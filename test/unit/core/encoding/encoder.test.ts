import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeRows, fitEncoder } from '../../../../src/core/encoding/encoder';
import { denseRow, rowDot, squaredDistance } from '../../../../src/core/encoding/matrix';
import { stratifiedSplit } from '../../../../src/core/encoding/split';
import { createRandom } from '../../../../src/core/random';
import { table } from '../../../support/table';

describe('encoder', () => {
	// Training rows 0–3; row 4 is "test" and carries a level never seen in training.
	const t = table({
		age: [20, 30, null, 50, 1000],
		job: ['a', 'b', 'a', null, 'zzz'],
		city: ['x', 'x', 'x', 'y', 'x'],
	});
	const train = [0, 1, 2, 3];

	it('standardises with training statistics only, filling missing values with the training median', () => {
		const spec = fitEncoder(t, ['age', 'job', 'city'], train, { rareLevelMinCount: 2 });
		// training ages 20, 30, (missing → median 30), 50: mean 32.5, population sd √118.75 (squared deviations 156.25 + 6.25 + 6.25 + 306.25 = 475, ÷ 4)
		const age = spec.numeric[0]!;
		assert.equal(age.fill, 30);
		assert.equal(age.mean, 32.5);
		assert.ok(Math.abs(age.scale - Math.sqrt(118.75)) < 1e-12);
		const x = encodeRows(t, spec, [0, 1, 2, 3, 4]);
		assert.ok(Math.abs(x.dense[2]! - (30 - 32.5) / Math.sqrt(118.75)) < 1e-12);
		assert.ok(Math.abs(x.dense[4]! - (1000 - 32.5) / Math.sqrt(118.75)) < 1e-12, 'test values use training statistics');
	});

	it('one-hot encodes with rare and unseen levels pooled, and missing as an all-zero block', () => {
		const spec = fitEncoder(t, ['age', 'job', 'city'], train, { rareLevelMinCount: 2 });
		// job: a ×2 kept; b ×1 rare → (other). city: x ×3 kept, y ×1 rare → (other)
		assert.deepEqual(spec.names, ['age', 'job=a', 'job=(other)', 'city=x', 'city=(other)']);
		const x = encodeRows(t, spec, [0, 1, 2, 3, 4]);
		assert.equal(x.width, 5);
		assert.equal(x.blockCount, 2);
		assert.deepEqual([...x.active], [1, 3, 2, 3, 1, 3, -1, 4, 2, 3]);
		assert.deepEqual([...denseRow(x, 3)].slice(1), [0, 0, 0, 1]);
	});

	it('computes dot products and distances over the sparse layout like dense rows', () => {
		const spec = fitEncoder(t, ['age', 'job', 'city'], train, { rareLevelMinCount: 1 });
		const x = encodeRows(t, spec, [0, 1, 2, 3, 4]);
		const w = Array.from({ length: x.width }, (_, j) => j * 0.5 - 1);
		for (let i = 0; i < x.rows; i++) {
			const d = denseRow(x, i);
			const expected = d.reduce((s, v, j) => s + v * w[j]!, 0);
			assert.ok(Math.abs(rowDot(x, i, w) - expected) < 1e-12);
			for (let j = 0; j < x.rows; j++) {
				const e = denseRow(x, j);
				const sq = d.reduce((s, v, k) => s + (v - e[k]!) ** 2, 0);
				assert.ok(Math.abs(squaredDistance(x, i, x, j) - sq) < 1e-12);
			}
		}
	});
});

describe('stratified split', () => {
	it('splits every stratum in proportion, deterministically for a seed', () => {
		const strata = Int32Array.from({ length: 1000 }, (_, i) => (i < 100 ? 3 : i < 300 ? 2 : i % 2));
		const a = stratifiedSplit(strata, 0.2, createRandom(1));
		const b = stratifiedSplit(strata, 0.2, createRandom(1));
		assert.deepEqual(a, b);
		assert.equal(a.train.length + a.test.length, 1000);
		const inTest = (s: number): number => [...a.test].filter((i) => strata[i] === s).length;
		assert.equal(inTest(3), 20);
		assert.equal(inTest(2), 40);
		assert.equal(inTest(0), 70);
		assert.equal(inTest(1), 70);
		assert.deepEqual(
			[...a.test],
			[...a.test].sort((x, y) => x - y),
		);
		assert.notDeepEqual(a.test, stratifiedSplit(strata, 0.2, createRandom(2)).test);
	});

	it('puts at least one row of each stratum of two or more into the test part', () => {
		const s = stratifiedSplit(Int32Array.from([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]), 0.2, createRandom(3));
		assert.equal([...s.test].filter((i) => i < 2).length, 1);
		assert.ok(s.train.includes(12));
		assert.throws(() => stratifiedSplit([0, 1], 1.2, createRandom(1)), /test fraction/);
	});
});
