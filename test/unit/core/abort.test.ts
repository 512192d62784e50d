/**
 * One abort helper for every layer: a cancelled run fails with an Error named 'AbortError' whose
 * message says what stopped, and callers recognise it by the name.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { abortError, isAbortError, throwIfAborted } from '../../../src/core/abort';
import { checkAborted } from '../../../src/core/models/solver';

describe('abort helper', () => {
	it('builds an AbortError with the message given (or "cancelled")', () => {
		const e = abortError('the simulation was cancelled');
		assert.equal(e.name, 'AbortError');
		assert.equal(e.message, 'the simulation was cancelled');
		assert.equal(abortError().message, 'cancelled');
		assert.equal(isAbortError(e), true);
		assert.equal(isAbortError(new Error('the simulation was cancelled')), false);
		assert.equal(isAbortError('AbortError'), false);
	});

	it('throws only once the signal is set', () => {
		const controller = new AbortController();
		assert.doesNotThrow(() => throwIfAborted(controller.signal, 'x'));
		assert.doesNotThrow(() => throwIfAborted(undefined, 'x'));
		controller.abort();
		assert.throws(() => throwIfAborted(controller.signal, 'the comparison was cancelled'), {
			name: 'AbortError',
			message: 'the comparison was cancelled',
		});
		assert.throws(() => checkAborted({ aborted: true }), { name: 'AbortError', message: 'logistic regression: fit aborted' });
	});
});
