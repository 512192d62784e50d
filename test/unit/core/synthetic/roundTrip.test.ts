/**
 * The `generate` command writes the synthetic table with tableToCsv and `audit` reads it back with
 * the project's CSV reader: the two must agree cell for cell (levels, codes, NaN, no −0).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseCsv } from '../../../../src/core/csv/ingest';
import { generateSynthetic } from '../../../../src/core/synthetic/index';
import { tableToCsv } from '../../../../src/shared/csvWriter';

describe('synthetic CSV round trip', () => {
	it('parses back to the identical table, with and without missing cells, for both delimiters', () => {
		for (const [seed, missingRate, delimiter] of [
			[1, 0, ','],
			[2, 0.05, ','],
			[3, 0.2, ';'],
		] as const) {
			const { table } = generateSynthetic({ rows: 3000, seed, missingRate });
			const parsed = parseCsv(tableToCsv(table, { delimiter }), {});
			assert.deepEqual(parsed.issues, []);
			assert.deepEqual(parsed.table, table, `seed ${seed}`);
		}
	});

	it('never stores −0 (it would not survive the text form)', () => {
		const { table } = generateSynthetic({ rows: 20_000, seed: 8 });
		for (const column of table.columns) {
			if (column.kind === 'numeric') {
				assert.ok(!column.values.some((v) => Object.is(v, -0)), column.name);
			}
		}
	});
});
