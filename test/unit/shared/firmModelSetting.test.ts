/** The setting collectiveFairness.firm.model: logistic unless the client says boosting; anything else falls back. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, ServerSettings } from '../../../src/shared/settings';

describe('setting firm.model', () => {
	it('defaults to logistic regression, beside the aware firm', () => {
		assert.equal(DEFAULT_SETTINGS.firm.model, 'logistic');
		assert.deepEqual(ServerSettings.from({}).firm, { seesSensitiveAttribute: true, model: 'logistic' });
	});

	it('reads boosting, and keeps the other firm setting', () => {
		assert.deepEqual(ServerSettings.from({ firm: { model: 'boosting', seesSensitiveAttribute: false } }).firm, {
			seesSensitiveAttribute: false,
			model: 'boosting',
		});
	});

	it('falls back to logistic for a value it does not know', () => {
		for (const model of ['xgboost', 'Boosting', 1, null, { kind: 'boosting' }]) {
			assert.equal(ServerSettings.from({ firm: { model } }).firm.model, 'logistic', JSON.stringify(model));
		}
	});
});
