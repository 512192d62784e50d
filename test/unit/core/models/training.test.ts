import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureMatrix } from '../../../../src/core/encoding/matrix';
import { prepareTraining } from '../../../../src/core/models/training';

/** Four rows, one dense feature and one block of two levels; row 3's feature is NaN. */
function matrixWithBadRow(): FeatureMatrix {
	return {
		rows: 4,
		width: 3,
		denseWidth: 1,
		dense: Float64Array.from([0.5, -1, 2, Number.NaN]),
		blockCount: 1,
		active: Int32Array.from([1, 2, -1, 1]),
		names: ['age', 'job=a', 'job=b'],
	};
}

describe('prepareTraining checks the rows once per matrix, the labels on every call', () => {
	it('builds the same training view on a second call over rows it already checked', () => {
		const x = matrixWithBadRow();
		const rows = Int32Array.from([0, 1, 2]);
		const first = prepareTraining(x, [1, 0, 1, 0], { C: 2, rows });
		const second = prepareTraining(x, [0, 0, 1, 0], { C: 2, rows });
		assert.deepEqual(Array.from(first.index), [0, 1, 2]);
		assert.deepEqual(Array.from(second.index), [0, 1, 2]);
		assert.deepEqual(Array.from(first.sign), [1, -1, 1]);
		assert.deepEqual(Array.from(second.sign), [-1, -1, 1], 'the labels of this call, not of the first');
		assert.deepEqual(Array.from(second.weight), [2, 2, 2]);
		assert.equal(second.lossMass, 6);
	});

	it('rejects a row with a non-finite feature on every call, even after other rows of its matrix passed', () => {
		const x = matrixWithBadRow();
		prepareTraining(x, [1, 0, 1, 0], { C: 1, rows: Int32Array.from([0, 1, 2]) });
		for (let call = 0; call < 2; call++) {
			assert.throws(
				() => prepareTraining(x, [1, 0, 1, 0], { C: 1, rows: Int32Array.from([0, 3]) }),
				/feature age of row 3 is NaN/,
				`call ${call + 1}`,
			);
		}
	});

	it('still rejects a bad label in rows whose features were checked before', () => {
		const x = matrixWithBadRow();
		const rows = Int32Array.from([0, 1, 2]);
		prepareTraining(x, [1, 0, 1, 0], { C: 1, rows });
		assert.throws(() => prepareTraining(x, [1, 0, 2, 0], { C: 1, rows }), /labels must be 0 or 1; row 2 has 2/);
	});

	it('rejects a one-hot index outside its range in a matrix it has not seen', () => {
		const x = { ...matrixWithBadRow(), active: Int32Array.from([1, 7, -1, 1]) };
		assert.throws(() => prepareTraining(x, [1, 0, 1, 0], { C: 1, rows: Int32Array.from([0, 1]) }), /row 1 has feature index 7/);
	});
});

describe('prepareTraining shares the rows and weights of views of the same rows', () => {
	const x: FeatureMatrix = {
		rows: 6,
		width: 3,
		denseWidth: 1,
		dense: Float64Array.from([0.5, -1, 2, 0, 1.5, -0.5]),
		blockCount: 1,
		active: Int32Array.from([1, 2, -1, 1, 2, 1]),
		names: ['age', 'job=a', 'job=b'],
	};

	it('gives a refit of the same rows the same index and weight arrays, and its own labels', () => {
		const rows = Int32Array.from([0, 2, 3, 5]);
		const first = prepareTraining(x, [0, 1, 1, 0, 1, 1], { C: 2, rows });
		const refit = prepareTraining(x, [1, 1, 1, 0, 1, 0], { C: 2, rows });
		assert.equal(refit.index, first.index);
		assert.equal(refit.weight, first.weight);
		assert.deepEqual(Array.from(refit.sign), [1, 1, -1, -1]);
		assert.deepEqual(Array.from(first.sign), [-1, 1, -1, 1], 'the first view keeps its labels');
		assert.equal(refit.lossMass, first.lossMass);
	});

	it('builds afresh when the caller rewrote its rows or weights in place, or changed C', () => {
		const rows = Int32Array.from([0, 2, 3, 5]);
		const weights = Float64Array.from([1, 1, 2, 1, 1, 3]);
		const y = [0, 1, 1, 0, 1, 1];
		const first = prepareTraining(x, y, { C: 1, rows, sampleWeight: weights });
		rows[1] = 4;
		const moved = prepareTraining(x, y, { C: 1, rows, sampleWeight: weights });
		assert.notEqual(moved.index, first.index);
		assert.deepEqual(Array.from(moved.index), [0, 4, 3, 5]);
		weights[5] = 0.5;
		const reweighted = prepareTraining(x, y, { C: 1, rows, sampleWeight: weights });
		assert.deepEqual(Array.from(reweighted.weight), [1, 1, 1, 0.5]);
		const otherC = prepareTraining(x, y, { C: 3, rows, sampleWeight: weights });
		assert.deepEqual(Array.from(otherC.weight), [3, 3, 3, 1.5]);
		assert.equal(otherC.lossMass, 3 * 3.5);
	});

	it('still refuses a single class, and a bad label, on the shared rows', () => {
		const rows = Int32Array.from([0, 1, 2]);
		prepareTraining(x, [0, 1, 0, 0, 0, 0], { C: 1, rows });
		assert.throws(() => prepareTraining(x, [0, 0, 0, 1, 1, 1], { C: 1, rows }), /needs both classes/);
		assert.throws(() => prepareTraining(x, [0, 2, 1, 0, 0, 0], { C: 1, rows }), /labels must be 0 or 1; row 1 has 2/);
	});
});
