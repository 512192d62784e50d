/**
 * The motivating toy (generate --toy): the generator is deterministic and has the stated shape and
 * causal structure, and the shipped samples/toy.csv (+ sidecar) is exactly its default output.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CategoricalColumn, NumericColumn, Table } from '../../../../src/core/csv/table';
import { formatSidecar } from '../../../../src/core/roles/sidecar';
import { generateToy, resolveToyOptions, TOY_DEFAULTS, toySidecar } from '../../../../src/core/synthetic/index';
import { tableToCsv } from '../../../../src/shared/csvWriter';
import { repoRoot } from '../../../support/datasets';

function numeric(table: Table, name: string): Float64Array {
	const c = table.columns.find((x) => x.name === name);
	assert.ok(c !== undefined && c.kind === 'numeric', `${name} is a numeric column`);
	return (c as NumericColumn).values;
}
function labels(table: Table, name: string): string[] {
	const c = table.columns.find((x) => x.name === name);
	assert.ok(c !== undefined && c.kind === 'categorical', `${name} is a categorical column`);
	const cat = c as CategoricalColumn;
	return Array.from(cat.codes, (code) => cat.levels[code]!);
}

describe('generateToy', () => {
	it('is deterministic: the same options give the identical CSV, another seed another one', () => {
		const a = tableToCsv(generateToy({ rows: 500, seed: 7 }).table);
		assert.equal(tableToCsv(generateToy({ rows: 500, seed: 7 }).table), a);
		assert.notEqual(tableToCsv(generateToy({ rows: 500, seed: 8 }).table), a);
	});

	it('has two features, the group, the label and three counterfactual columns, no missing cells', () => {
		const { table, options } = generateToy();
		assert.deepEqual(options, TOY_DEFAULTS);
		assert.equal(table.rowCount, 3000);
		assert.deepEqual(
			table.columns.map((c) => c.name),
			['group', 'x1', 'x2', 'label', 'cf_x1', 'cf_x2', 'cf_label'],
		);
		assert.deepEqual(
			table.columns.map((c) => c.missing),
			[0, 0, 0, 0, 0, 0, 0],
		);
		const group = labels(table, 'group');
		const share = group.filter((g) => g === 'minority').length / table.rowCount;
		assert.ok(Math.abs(share - 0.2) < 0.03, `minority share ${share}`);
	});

	it('displaces the minority in feature space and biases its recorded label; the majority is its own counterfactual', () => {
		const { table } = generateToy();
		const group = labels(table, 'group');
		const label = labels(table, 'label');
		const cfLabel = labels(table, 'cf_label');
		const [x1, x2, cf1, cf2] = ['x1', 'x2', 'cf_x1', 'cf_x2'].map((n) => numeric(table, n));
		const moved = [0, 0];
		let minority = 0;
		const rates = { majority: [0, 0], minority: [0, 0] };
		for (let i = 0; i < table.rowCount; i++) {
			const g = group[i] as 'majority' | 'minority';
			rates[g][0]! += label[i] === 'favourable' ? 1 : 0;
			rates[g][1]! += 1;
			if (g === 'majority') {
				assert.equal(x1![i], cf1![i]);
				assert.equal(x2![i], cf2![i]);
				assert.equal(label[i], cfLabel[i]);
				continue;
			}
			minority++;
			moved[0]! += x1![i]! - cf1![i]!;
			moved[1]! += x2![i]! - cf2![i]!;
			// The bias only ever withholds the favourable label.
			assert.ok(!(label[i] === 'favourable' && cfLabel[i] === 'unfavourable'), `row ${i}`);
		}
		// shift 1 along (−cos 30°, sin 30°), up to the 3-decimal rounding.
		assert.ok(Math.abs(moved[0]! / minority + Math.cos(Math.PI / 6)) < 1e-3, `x1 displacement ${moved[0]! / minority}`);
		assert.ok(Math.abs(moved[1]! / minority - 0.5) < 1e-3, `x2 displacement ${moved[1]! / minority}`);
		const favourable = (r: number[]): number => r[0]! / r[1]!;
		assert.ok(
			favourable(rates.minority) < favourable(rates.majority) - 0.15,
			`favourable rates ${favourable(rates.minority)} vs ${favourable(rates.majority)}`,
		);
	});

	it('rejects out-of-range options with the option named', () => {
		assert.throws(() => resolveToyOptions({ rows: 10 }), /'rows' must be an integer in \[20, 1000000\], got 10/);
		assert.throws(() => resolveToyOptions({ minorityFraction: 0.7 }), /'minorityFraction' must be in \(0, 0\.5\], got 0\.7/);
		assert.throws(() => resolveToyOptions({ labelBias: Number.NaN }), /'labelBias' must be a number in \[0, 5\], got NaN/);
		assert.throws(() => resolveToyOptions({ seed: 1.5 }), /'seed' must be a \(safe\) integer/);
	});

	it('is what samples/toy.csv and samples/toy.fairness.json ship (generate --toy with the defaults)', () => {
		const toy = generateToy();
		assert.equal(readFileSync(join(repoRoot, 'samples', 'toy.csv'), 'utf8'), tableToCsv(toy.table));
		assert.equal(readFileSync(join(repoRoot, 'samples', 'toy.fairness.json'), 'utf8'), formatSidecar(toySidecar(toy)));
	});
});
