import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StrategyError } from '../../../src/core/collective/strategies';
import { FirmMethodError } from '../../../src/core/firm/approaches';
import { SubjectError } from '../../../src/core/subjectError';
import { DatasetFileError } from '../../../src/io/typedColumns';

describe('errors naming their subject', () => {
	it('start the message with the subject and keep it', () => {
		const e = new SubjectError('adult.csv', 'not a readable file', 'InputError');
		assert.equal(e.message, 'adult.csv: not a readable file');
		assert.equal(e.subject, 'adult.csv');
		assert.equal(e.name, 'InputError');
		assert.ok(e instanceof Error);
	});

	it('keep each kind apart for instanceof, with the name each kind is reported by', () => {
		const strategy = new StrategyError('rb-label', 'k = 9 but the collective knows only 3 majority rows');
		const firm = new FirmMethodError('reweighing', 'one group has no favourable labels');
		const file = new DatasetFileError('data.parquet', 'not a readable Parquet file');
		assert.equal(strategy.message, 'rb-label: k = 9 but the collective knows only 3 majority rows');
		assert.equal(strategy.name, 'StrategyError');
		assert.equal(firm.message, 'reweighing: one group has no favourable labels');
		assert.equal(firm.name, 'FirmMethodError');
		assert.equal(file.message, 'data.parquet: not a readable Parquet file');
		assert.equal(file.name, 'InputError');
		assert.ok(strategy instanceof StrategyError && !(strategy instanceof FirmMethodError));
		assert.ok(firm instanceof FirmMethodError && !(firm instanceof StrategyError));
		assert.ok(!(file instanceof StrategyError) && !(file instanceof FirmMethodError));
		assert.ok([strategy, firm, file].every((e) => e instanceof SubjectError));
	});
});
