import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { num } from '../../../src/server/hoverText';

// The hover's summary line puts rounded means beside integer quantiles: both get thousands
// separators (a UX trial read "8,100 … mean 42500" as two different units).
describe('hover numbers', () => {
	it('rounds to 4 significant digits with thousands separators', () => {
		assert.equal(num(42512.37), '42,510');
		assert.equal(num(8100), '8,100');
		assert.equal(num(0.123456), '0.1235');
		assert.equal(num(-1234.5), '-1,235');
	});
	it('keeps very large and very small values in exponent form', () => {
		assert.equal(num(1234567.8), '1.23e+6');
		assert.equal(num(0.0001234), '1.23e-4');
	});
});
