import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../../../../src/core/csv/table';
import { generateSynthetic, SYNTHETIC_FEATURES, SYNTHETIC_GROUP_DEPENDENT_FEATURES } from '../../../../src/core/synthetic/index';
import { tableToCsv } from '../../../../src/shared/csvWriter';
import { logisticFairnessCheck } from './fairnessCheck';

function column(table: Table, name: string): Column {
	const found = table.columns.find((c) => c.name === name);
	assert.ok(found, `column ${name} exists`);
	return found;
}
function categorical(table: Table, name: string): CategoricalColumn {
	const c = column(table, name);
	assert.equal(c.kind, 'categorical', `${name} is categorical`);
	return c as CategoricalColumn;
}
function numeric(table: Table, name: string): NumericColumn {
	const c = column(table, name);
	assert.equal(c.kind, 'numeric', `${name} is numeric`);
	return c as NumericColumn;
}
/** Per group (0 majority, 1 minority): rows, recorded favourable, counterfactual favourable. */
function groupRates(table: Table): { rows: number[]; favourable: number[]; cfFavourable: number[] } {
	const group = categorical(table, 'group');
	const label = categorical(table, 'label');
	const cfLabel = categorical(table, 'cf_label');
	const minority = group.levels.indexOf('minority');
	const rows = [0, 0];
	const favourable = [0, 0];
	const cfFavourable = [0, 0];
	for (let i = 0; i < table.rowCount; i++) {
		const g = group.codes[i] === minority ? 1 : 0;
		rows[g]!++;
		favourable[g]! += label.levels[label.codes[i]!] === 'favourable' ? 1 : 0;
		cfFavourable[g]! += cfLabel.levels[cfLabel.codes[i]!] === 'favourable' ? 1 : 0;
	}
	return { rows, favourable, cfFavourable };
}

describe('generateSynthetic', () => {
	const dataset = generateSynthetic({ rows: 20_000, seed: 11 });
	const { table } = dataset;

	it('is deterministic: same options and seed give the identical table and CSV', () => {
		const again = generateSynthetic({ rows: 20_000, seed: 11 });
		assert.deepEqual(again.table, table);
		assert.equal(tableToCsv(again.table), tableToCsv(table));
		const other = generateSynthetic({ rows: 20_000, seed: 12 });
		assert.notEqual(tableToCsv(other.table), tableToCsv(table));
	});

	it('has the documented columns, kinds, levels and roles', () => {
		const cfNames = [...SYNTHETIC_GROUP_DEPENDENT_FEATURES.map((n) => `cf_${n}`), 'cf_label'];
		assert.deepEqual(
			table.columns.map((c) => c.name),
			['group', ...SYNTHETIC_FEATURES, 'label', ...cfNames],
		);
		assert.equal(table.rowCount, 20_000);
		for (const c of table.columns) {
			assert.equal(c.kind === 'numeric' ? c.values.length : c.codes.length, 20_000);
			assert.equal(c.missing, 0);
		}
		assert.deepEqual([...categorical(table, 'group').levels].sort(), ['majority', 'minority']);
		assert.deepEqual([...categorical(table, 'label').levels].sort(), ['favourable', 'unfavourable']);
		assert.deepEqual([...categorical(table, 'education').levels].sort(), ['bachelor', 'graduate', 'high-school', 'some-college']);
		assert.deepEqual([...categorical(table, 'region').levels].sort(), ['east', 'north', 'south', 'west']);
		for (const name of ['age', 'years_experience', 'test_score', 'income', 'hours_per_week']) {
			numeric(table, name);
		}
		assert.deepEqual(dataset.roles, {
			sensitive: 'group',
			minority: ['minority'],
			majority: ['majority'],
			label: 'label',
			favourable: ['favourable'],
			counterfactualColumns: cfNames,
		});
		assert.deepEqual(dataset.options, { rows: 20_000, seed: 11, minorityFraction: 0.3, groupShift: 1, labelBias: 0.6, missingRate: 0 });
	});

	it('keeps categorical levels in order of first appearance', () => {
		for (const c of table.columns) {
			if (c.kind === 'categorical') {
				let next = 0;
				for (const code of c.codes) {
					assert.ok(code <= next, `${c.name}: code ${code} appears before ${next}`);
					if (code === next) {
						next++;
					}
				}
				assert.equal(next, c.levels.length);
			}
		}
	});

	it('draws the minority fraction within sampling error', () => {
		for (const minorityFraction of [0.3, 0.1]) {
			const { rows } = groupRates(generateSynthetic({ rows: 20_000, seed: 5, minorityFraction }).table);
			const sd = Math.sqrt((minorityFraction * (1 - minorityFraction)) / 20_000);
			assert.ok(Math.abs(rows[1]! / 20_000 - minorityFraction) < 4 * sd, `minority share ${rows[1]! / 20_000} vs ${minorityFraction}`);
		}
	});

	it('biases the recorded label against the minority, and the counterfactual undoes it', () => {
		const { rows, favourable, cfFavourable } = groupRates(table);
		const majorityRate = favourable[0]! / rows[0]!;
		const minorityRate = favourable[1]! / rows[1]!;
		const minorityCfRate = cfFavourable[1]! / rows[1]!;
		assert.ok(minorityRate < majorityRate - 0.1, `minority ${minorityRate} < majority ${majorityRate}`);
		assert.ok(minorityCfRate > minorityRate + 0.1, `counterfactual ${minorityCfRate} > recorded ${minorityRate}`);
		// The fair outcome does not depend on A: counterfactual minority rate ≈ majority rate.
		assert.ok(Math.abs(minorityCfRate - majorityRate) < 0.03);
	});

	it('gives majority rows counterfactuals equal to their factual values; minority labels only move up', () => {
		const group = categorical(table, 'group');
		const majority = group.levels.indexOf('majority');
		const label = categorical(table, 'label');
		const cfLabel = categorical(table, 'cf_label');
		let minorityChanged = 0;
		for (const name of [...SYNTHETIC_GROUP_DEPENDENT_FEATURES, 'label']) {
			const f = column(table, name);
			const cf = column(table, `cf_${name}`);
			for (let i = 0; i < table.rowCount; i++) {
				const a = f.kind === 'numeric' ? String(f.values[i]) : f.levels[f.codes[i]!];
				const b = cf.kind === 'numeric' ? String(cf.values[i]) : cf.levels[cf.codes[i]!];
				if (group.codes[i] === majority) {
					assert.equal(b, a, `${name} row ${i}`);
				} else if (a !== b) {
					minorityChanged++;
				}
			}
		}
		assert.ok(minorityChanged > 1000, 'counterfactuals differ for many minority rows');
		for (let i = 0; i < table.rowCount; i++) {
			if (label.levels[label.codes[i]!] === 'favourable') {
				assert.equal(cfLabel.levels[cfLabel.codes[i]!], 'favourable', `row ${i}: favourable stays favourable`);
			}
		}
		// The shifted numeric features move up (never down) in the counterfactual.
		for (const name of ['test_score', 'income', 'years_experience']) {
			const f = numeric(table, name);
			const cf = numeric(table, `cf_${name}`);
			for (let i = 0; i < table.rowCount; i++) {
				assert.ok(cf.values[i]! >= f.values[i]!, `${name} row ${i}`);
			}
		}
	});

	it('with groupShift 0 and labelBias 0, counterfactuals equal the factual values for everyone', () => {
		const fair = generateSynthetic({ rows: 2000, seed: 3, groupShift: 0, labelBias: 0 }).table;
		for (const name of [...SYNTHETIC_GROUP_DEPENDENT_FEATURES, 'label']) {
			const f = column(fair, name);
			const cf = column(fair, `cf_${name}`);
			assert.deepEqual(f.kind === 'numeric' ? f.values : f.codes, cf.kind === 'numeric' ? cf.values : cf.codes, name);
		}
	});

	it('changing minorityFraction keeps every row’s latents (independent streams)', () => {
		const a = numeric(generateSynthetic({ rows: 500, seed: 9, minorityFraction: 0.2 }).table, 'age');
		const b = numeric(generateSynthetic({ rows: 500, seed: 9, minorityFraction: 0.6 }).table, 'age');
		assert.deepEqual(a.values, b.values);
	});

	it('makes feature cells missing at the requested rate, the same cells in the counterfactual', () => {
		const t = generateSynthetic({ rows: 10_000, seed: 4, missingRate: 0.1 }).table;
		for (const name of SYNTHETIC_FEATURES) {
			const c = column(t, name);
			assert.ok(Math.abs(c.missing / 10_000 - 0.1) < 0.012, `${name} missing ${c.missing}`);
		}
		const income = numeric(t, 'income');
		const cfIncome = numeric(t, 'cf_income');
		for (let i = 0; i < t.rowCount; i++) {
			assert.equal(Number.isNaN(income.values[i]!), Number.isNaN(cfIncome.values[i]!));
		}
		for (const name of ['group', 'label', 'cf_label']) {
			assert.equal(column(t, name).missing, 0);
		}
	});

	it('is calibrated: a logistic regression without the group has error 0.15–0.25 and equalized odds 0.08–0.2', () => {
		const check = logisticFairnessCheck(table, SYNTHETIC_FEATURES);
		assert.ok(check.error > 0.15 && check.error < 0.25, `error ${check.error}`);
		assert.ok(check.equalizedOdds > 0.08 && check.equalizedOdds < 0.2, `EqOd ${check.equalizedOdds}`);
		const fair = logisticFairnessCheck(
			generateSynthetic({ rows: 20_000, seed: 11, groupShift: 0, labelBias: 0 }).table,
			SYNTHETIC_FEATURES,
		);
		assert.ok(fair.equalizedOdds < 0.04, `fair EqOd ${fair.equalizedOdds}`);
	});

	it('rejects invalid options with RangeErrors naming the option', () => {
		const cases: Array<[Record<string, number>, RegExp]> = [
			[{ rows: 0, seed: 1 }, /'rows' must be an integer in \[1, 10000000\], got 0/],
			[{ rows: 2.5, seed: 1 }, /'rows'/],
			[{ rows: 10, seed: 1.5 }, /'seed' must be a \(safe\) integer, got 1.5/],
			[{ rows: 10, seed: 1, minorityFraction: 0 }, /'minorityFraction' must be in \(0, 1\)/],
			[{ rows: 10, seed: 1, minorityFraction: 1 }, /'minorityFraction'/],
			[{ rows: 10, seed: 1, minorityFraction: Number.NaN }, /'minorityFraction'.*got NaN/],
			[{ rows: 10, seed: 1, groupShift: -1 }, /'groupShift' must be a number in \[0, 5\], got -1/],
			[{ rows: 10, seed: 1, labelBias: 6 }, /'labelBias' must be a number in \[0, 5\], got 6/],
			[{ rows: 10, seed: 1, missingRate: 0.95 }, /'missingRate' must be a number in \[0, 0.9\]/],
		];
		for (const [options, message] of cases) {
			assert.throws(
				() => generateSynthetic(options as { rows: number; seed: number }),
				(error: unknown) => error instanceof RangeError && message.test(error.message),
			);
		}
	});

	it('handles a single row and tiny tables (unseen levels are dropped)', () => {
		const one = generateSynthetic({ rows: 1, seed: 0 }).table;
		assert.equal(one.rowCount, 1);
		for (const c of one.columns) {
			if (c.kind === 'categorical') {
				assert.equal(c.levels.length, 1);
				assert.equal(c.codes[0], 0);
			}
		}
	});
});
