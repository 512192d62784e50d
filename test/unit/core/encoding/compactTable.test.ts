/**
 * Bounded memory must not change a figure: the table's narrow category codes, the typed-array
 * split and the two-step preparation (rows, then features) give the same split and the same
 * encoded matrix as the former storage (Int32Array codes) and a naive split (a filtered array per
 * stratum), here written out as oracles.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../../../src/core/csv/index';
import type { Column, Table } from '../../../../src/core/csv/table';
import { runAudit } from '../../../../src/core/audit';
import { encodeFeatures, prepareDataset, prepareRows } from '../../../../src/core/dataset';
import { compareFirms } from '../../../../src/core/fairness/pairedFirms';
import { firmPredictLabels, fitFirmModel } from '../../../../src/core/models/firmModel';
import { stratifiedSplit } from '../../../../src/core/encoding/split';
import { createRandom, deriveSeed, shuffleInPlace, type Random } from '../../../../src/core/random';
import type { Sidecar } from '../../../../src/core/roles/sidecar';

/**
 * The split written from its contract alone, naively (one pass over all rows per stratum): strata
 * in ascending key order, each one's positions in ascending order shuffled with the shared
 * generator, the first round(s · fraction) of them, at least one when s ≥ 2, to the test part.
 */
function naiveSplit(strata: ArrayLike<number>, testFraction: number, random: Random): { train: Int32Array; test: Int32Array } {
	const positions = Array.from({ length: strata.length }, (_, i) => i);
	const inTest = new Set<number>();
	for (const key of [...new Set(Array.from(strata))].sort((a, b) => a - b)) {
		const stratum = positions.filter((i) => strata[i] === key);
		shuffleInPlace(stratum, random);
		const rounded = Math.round(stratum.length * testFraction);
		const take = stratum.length >= 2 ? Math.max(1, rounded) : rounded;
		stratum.slice(0, take).forEach((i) => inTest.add(i));
	}
	return {
		train: Int32Array.from(positions.filter((i) => !inTest.has(i))),
		test: Int32Array.from(positions.filter((i) => inTest.has(i))),
	};
}

/** The same table with every category code widened to Int32Array, as the readers stored it before. */
function withInt32Codes(table: Table): Table {
	const columns: Column[] = table.columns.map((c) => (c.kind === 'categorical' ? { ...c, codes: Int32Array.from(c.codes) } : c));
	return { columns, rowCount: table.rowCount };
}

// out/test/unit/core/encoding → the repository (compiled by tsc or bundled by test:one alike).
const samples = join(__dirname, '..', '..', '..', '..', '..', 'samples');
const sample = join(samples, 'synthetic.csv');
const sidecar = JSON.parse(readFileSync(join(samples, 'synthetic.fairness.json'), 'utf8')) as Sidecar;

describe('compact table and split: the same matrix as before', () => {
	it('splits exactly as the naive per-stratum split does, for any strata, fraction and seed', () => {
		const random = createRandom(11);
		for (let trial = 0; trial < 40; trial++) {
			const n = 1 + random.int(400);
			const kinds = 1 + random.int(7);
			// Negative, sparse and repeated stratum keys, and strata of one row.
			const strata = Int32Array.from({ length: n }, () => (random.int(kinds) - 2) * 3);
			const fraction = [0.2, 0.5, 0.01, 0.99][trial % 4]!;
			const ours = stratifiedSplit(strata, fraction, createRandom(trial));
			const naive = naiveSplit(strata, fraction, createRandom(trial));
			assert.deepEqual(ours.train, naive.train, `trial ${trial}: train`);
			assert.deepEqual(ours.test, naive.test, `trial ${trial}: test`);
			assert.equal(ours.train.length + ours.test.length, n);
		}
	});

	it('stores the sample’s categorical columns in one byte a cell', () => {
		const { table } = parseCsv(readFileSync(sample));
		const categorical = table.columns.filter((c) => c.kind === 'categorical');
		assert.ok(categorical.length >= 3, 'the sample has categorical columns');
		for (const c of categorical) {
			assert.ok(
				c.kind === 'categorical' && c.codes instanceof Int8Array,
				`${c.name}: ${c.kind === 'categorical' ? c.codes.constructor.name : ''}`,
			);
		}
	});

	it('encodes the compact table into the same matrix, labels, groups and split as the Int32Array table', () => {
		const { table } = parseCsv(readFileSync(sample));
		for (const seed of [0, 7]) {
			const compact = prepareDataset(table, sidecar, { seed });
			const former = prepareDataset(withInt32Codes(table), sidecar, { seed });
			assert.ok(compact.x.rows > 100 && compact.x.blockCount > 0 && compact.x.denseWidth > 0, 'dense and one-hot parts both present');
			assert.deepEqual(compact.x.dense, former.x.dense);
			assert.deepEqual(compact.x.active, former.x.active);
			assert.deepEqual(compact.x.names, former.x.names);
			assert.deepEqual(compact.encoder, former.encoder);
			assert.deepEqual(compact.y, former.y);
			assert.deepEqual(compact.group, former.group);
			assert.deepEqual(compact.train, former.train);
			assert.deepEqual(compact.test, former.test);
		}
	});

	it('prepares rows once and encodes any feature set on them as prepareDataset would', () => {
		const { table } = parseCsv(readFileSync(sample));
		const rows = prepareRows(table, sidecar, { seed: 3 });
		const whole = prepareDataset(table, sidecar, { seed: 3 });
		const { x, encoder } = encodeFeatures(table, rows, rows.roles.featureColumns);
		assert.deepEqual(x, whole.x);
		assert.deepEqual(encoder, whole.encoder);
		// The blind firm's features on the same rows: the aware firm's matrix without the attribute's block.
		const blindSidecar: Sidecar = { ...sidecar, features: { ...sidecar.features, includeSensitive: false } };
		const blind = prepareDataset(table, blindSidecar, { seed: 3 });
		assert.deepEqual(blind.train, rows.train);
		assert.deepEqual(encodeFeatures(table, rows, blind.roles.featureColumns).x, blind.x);
		assert.ok(blind.x.width < whole.x.width, 'the blind matrix leaves the sensitive attribute out');
	});

	it('the audit’s two firms, one matrix at a time on a shared split, give the comparison two full preparations gave', () => {
		const { table } = parseCsv(readFileSync(sample));
		const resamples = 200;
		const audit = runAudit(table, sidecar, { seed: 5, resamples });
		// The former path: each firm prepared from scratch (roles, split, encoder, matrix), both held at once.
		const predictionsOf = (side: Sidecar): { y: Uint8Array; yhat: Uint8Array; group: Int32Array } => {
			const data = prepareDataset(table, side, { seed: 5 });
			const fitted = fitFirmModel({ kind: 'logistic', C: 1 }, data.x, data.y, { rows: data.train });
			return { y: pick(data.y, data.test), yhat: firmPredictLabels(fitted, data.x, data.test), group: pick(data.group, data.test) };
		};
		const aware = predictionsOf({ ...sidecar, features: { ...sidecar.features, includeSensitive: true } });
		const blind = predictionsOf({ ...sidecar, features: { ...sidecar.features, includeSensitive: false } });
		assert.deepEqual(blind.y, aware.y, 'the same test rows for both firms');
		const former = compareFirms(aware.y, aware.yhat, blind.yhat, aware.group, {
			resamples,
			level: 0.95,
			random: createRandom(deriveSeed(5, 'bootstrap', 'firms')),
			sensitive: audit.roles.sensitive,
		});
		assert.ok(audit.firms !== undefined && !('unavailable' in audit.firms), 'both firms trained');
		assert.deepEqual(audit.firms, former);
	});
});

function pick<T extends Uint8Array | Int32Array>(values: T, rows: Int32Array): T {
	const out = new (values.constructor as new (n: number) => T)(rows.length);
	rows.forEach((row, i) => {
		out[i] = values[row]!;
	});
	return out;
}
