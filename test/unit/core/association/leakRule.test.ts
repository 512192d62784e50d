import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeLeak, fixesOutcomes, isLabelLeak, LEAK_RULES } from '../../../../src/core/association/leak';

describe('the label-leak rule', () => {
	it('is a leak from the AUC threshold on, or when some levels fix one outcome', () => {
		assert.equal(isLabelLeak({ auc: 0.95, evaluated: 100, pureRecall: 0 }), true);
		assert.equal(isLabelLeak({ auc: 0.949, evaluated: 100, pureRecall: 0.59 }), false);
		assert.equal(isLabelLeak({ auc: 0.7, evaluated: 100, pureRecall: 0.6 }), true);
		assert.equal(isLabelLeak({ auc: 0.9, evaluated: 100, pureRecall: 0 }, 0.9), true, 'a caller’s threshold replaces the default');
		assert.equal(fixesOutcomes({ pureRecall: 0.6 }), true);
		assert.equal(fixesOutcomes({ pureRecall: 0.599 }), false);
	});

	it('keeps its thresholds frozen in one place', () => {
		assert.deepEqual({ ...LEAK_RULES }, { aucThreshold: 0.95, bins: 20, minLevelRows: 5, pureRate: 0.98, pureRecallThreshold: 0.6 });
		assert.ok(Object.isFrozen(LEAK_RULES));
	});

	it('mentions the outcome-fixing values only for a finding that has them', () => {
		const base = { column: 'end', auc: 0.93, evaluated: 1000 };
		assert.match(describeLeak({ ...base, pureRecall: 0.8 }, 'two_year_recid'), /fix the outcome for 80% of one outcome's rows/);
		assert.doesNotMatch(describeLeak({ ...base, pureRecall: 0.2 }, 'two_year_recid'), /fix the outcome/);
	});
});
