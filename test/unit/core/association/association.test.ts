/** Association measures pinned to hand-computed examples. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { codeColumn, contingency, cramersV, mutualInformation } from '../../../../src/core/association';

const coding = (codes: number[], levels: number) => ({ codes: Int32Array.from(codes), levels });

void describe('association', () => {
	void it("Cramér's V of a 2×2 table equals |phi|", () => {
		// a=20 b=10 / c=5 d=15, n=50: phi = (20·15 − 10·5) / √(30·20·25·25) = 250 / 612.37 = 0.40825
		const x = [...Array(30).fill(0), ...Array(20).fill(1)];
		const y = [...Array(20).fill(0), ...Array(10).fill(1), ...Array(5).fill(0), ...Array(15).fill(1)];
		const t = contingency(coding(x, 2), coding(y, 2));
		assert.equal(t.n, 50);
		assert.deepEqual([...t.counts], [20, 10, 5, 15]);
		assert.ok(Math.abs(cramersV(t)! - 250 / Math.sqrt(30 * 20 * 25 * 25)) < 1e-12);
	});

	void it('is 1 for a perfect association, 0 for independence, undefined for a constant', () => {
		assert.equal(cramersV(contingency(coding([0, 0, 1, 1, 2, 2], 3), coding([1, 1, 0, 0, 1, 1], 2))), 1);
		assert.equal(cramersV(contingency(coding([0, 0, 1, 1], 2), coding([0, 1, 0, 1], 2))), 0);
		assert.equal(cramersV(contingency(coding([0, 1, 0, 1], 2), coding([0, 0, 0, 0], 2))), undefined);
	});

	void it('skips rows missing on either side', () => {
		const t = contingency(coding([0, -1, 1, 1], 2), coding([0, 0, -1, 1], 2));
		assert.equal(t.n, 2);
	});

	void it('mutual information: X determines a fair coin Y → I = ln 2, U = 1', () => {
		const r = mutualInformation(contingency(coding([0, 0, 1, 1], 2), coding([0, 0, 1, 1], 2)));
		assert.ok(Math.abs(r.mi - Math.log(2)) < 1e-12);
		assert.ok(Math.abs(r.uncertaintyOfY! - 1) < 1e-12);
		// Worked 2×2: counts [[3,1],[1,3]], n=8: I = 2·(3/8)ln(1.5) + 2·(1/8)ln(0.5) = 0.130812
		const t = mutualInformation(contingency(coding([0, 0, 0, 0, 1, 1, 1, 1], 2), coding([0, 0, 0, 1, 1, 1, 1, 0], 2)));
		assert.ok(Math.abs(t.mi - (0.75 * Math.log(1.5) + 0.25 * Math.log(0.5))) < 1e-12);
	});

	void it('codes numeric columns: few values as themselves, many in quantile bins', () => {
		const few = codeColumn({ kind: 'numeric', name: 'k', values: Float64Array.from([3, 1, NaN, 3, 2]), missing: 1 }, 5);
		assert.deepEqual([...few.codes], [2, 0, -1, 2, 1]);
		const many = codeColumn({ kind: 'numeric', name: 'x', values: Float64Array.from({ length: 100 }, (_, i) => i), missing: 0 }, 100, 4);
		assert.equal(many.levels, 4);
		assert.deepEqual(
			[0, 24, 25, 26, 50, 51, 99].map((i) => many.codes[i]),
			[0, 0, 0, 1, 1, 2, 3],
		);
	});
});
