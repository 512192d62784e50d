import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tabulate } from '../../../../src/core/fairness';
import { auditPredictions } from '../../../../src/core/fairness';
import { createRandom } from '../../../../src/core/random';

describe('confusion counting', () => {
	// Rows (y, ŷ, group): (1,1,0) (1,0,0) (0,1,1) (0,0,1) (1,1,−1) (0,0,0)
	// → group 0: TP 1, FN 1, TN 1; group 1: FP 1, TN 1; outside: TP 1.
	const outcomes = {
		y: [1, 1, 0, 0, 1, 0],
		yhat: [1, 0, 1, 0, 1, 0],
		group: [0, 0, 1, 1, -1, 0],
		groupNames: ['a', 'b'],
		reference: 0,
	};

	it('counts [TP, FN, FP, TN] per group and for the rows outside every group', () => {
		const table = tabulate(outcomes);
		assert.equal(table.groupCount, 2);
		assert.deepEqual([...table.cells], [1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0]);
		const restricted = tabulate({ ...outcomes, rows: Int32Array.of(0, 0, 2) }); // rows may repeat
		assert.deepEqual([...restricted.cells], [2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
	});

	it('rejects malformed input with the offending row', () => {
		assert.throws(() => tabulate({ ...outcomes, y: [1, 2, 0, 0, 1, 0] }), /y\[1\] = 2/);
		assert.throws(() => tabulate({ ...outcomes, yhat: [1, 0, 1, 0, 1, Number.NaN] }), /yhat\[5\] = NaN/);
		assert.throws(() => tabulate({ ...outcomes, group: [0, 0, 1, 2, -1, 0] }), /group\[3\] = 2/);
		assert.throws(() => tabulate({ ...outcomes, group: [0, 0, 1] }), /group has 3 entries/);
		assert.throws(() => tabulate({ ...outcomes, reference: 2 }), /reference group 2/);
		assert.throws(() => tabulate({ ...outcomes, rows: Int32Array.of(6) }), /rows\[0\] = 6/);
		assert.throws(() => auditPredictions({ ...outcomes, yhat: [1] }, { random: createRandom(1) }), /yhat has 1 entries/);
	});
});
