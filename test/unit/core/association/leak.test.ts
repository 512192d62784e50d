/**
 * Label-leak detection: a column that predicts the label on its own, measured out of sample, so
 * identifiers and timestamps cannot score by memorising rows. On COMPAS with every column, the
 * post-outcome columns are found and the pre-outcome ones (decile scores, priors) are not.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvFile } from '../../../../src/io/readCsvFile';
import { resolveRoles } from '../../../../src/core/roles/resolve';
import type { Sidecar } from '../../../../src/core/roles/sidecar';
import { describeLeak, findLabelLeaks, singleColumnAuc } from '../../../../src/core/association/leak';
import { table } from '../../../support/table';
import { locateDataset } from '../../../support/datasets';
import { ADULT_SEX } from '../../../support/realDataRoles';

describe('singleColumnAuc', () => {
	const n = 400;
	const y = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
	const t = table({
		copy: y.map((v) => (v === 1 ? 'yes' : 'no')),
		afterwards: y.map((v, i) => (v === 1 ? null : `2014-01-${(i % 28) + 1}`)),
		noise: y.map((_, i) => (i * 7919) % 11),
		id: y.map((_, i) => `case-${i}`),
		y,
	});
	const r = resolveRoles(t, { version: 1, sensitive: { column: 'noise', minority: ['3'] }, label: { column: 'y', favourable: ['1'] } });

	it('scores a copy of the label and a post-outcome date (missing = the outcome) near 1', () => {
		assert.ok(singleColumnAuc(t.columns[0]!, n, r.favourable, r.rows)!.auc > 0.99);
		assert.ok(singleColumnAuc(t.columns[1]!, n, r.favourable, r.rows)!.auc > 0.99);
	});

	it('scores noise and a unique identifier near 0.5 (held-out rows, rare levels pooled)', () => {
		assert.ok(singleColumnAuc(t.columns[2]!, n, r.favourable, r.rows)!.auc < 0.7);
		assert.ok(Math.abs(singleColumnAuc(t.columns[3]!, n, r.favourable, r.rows)!.auc - 0.5) < 0.05);
	});

	it('lists leaks highest first, with a sentence', () => {
		const leaks = findLabelLeaks(t, ['copy', 'afterwards', 'noise', 'id'], r.favourable, r.rows);
		assert.deepEqual(leaks.map((l) => l.column).sort(), ['afterwards', 'copy']);
		assert.match(describeLeak(leaks[0]!, 'y'), /predicts 'y' almost perfectly on its own \(one-column AUC 1\.000/);
	});
});

/** A real dataset with its roles resolved, and the leaks found among its feature columns. */
async function leaksOf(path: string, roles: Pick<Sidecar, 'sensitive' | 'label'>) {
	const t = (await readCsvFile(path)).table;
	const r = resolveRoles(t, { version: 1, ...roles });
	return findLabelLeaks(t, r.featureColumns, r.favourable, r.rows);
}

const compas = locateDataset('compas.csv');
describe('COMPAS with every column (real data)', { skip: compas.skip }, () => {
	it('flags the post-outcome columns and none of the pre-outcome ones', async () => {
		const found = await leaksOf(compas.path!, {
			sensitive: { column: 'race', minority: ['African-American'] },
			label: { column: 'two_year_recid', favourable: ['0'] },
		});
		const leaks = found.map((l) => l.column);
		for (const post of ['is_recid', 'r_charge_degree', 'r_offense_date', 'r_charge_desc', 'end']) {
			assert.ok(leaks.includes(post), `${post} flagged (got ${leaks.join(', ')})`);
		}
		for (const pre of ['priors_count', 'decile_score', 'age', 'sex', 'c_charge_degree', 'juv_fel_count']) {
			assert.ok(!leaks.includes(pre), `${pre} not flagged`);
		}
	});
});

const adult = locateDataset('adult.csv');
describe('Adult (real data)', { skip: adult.skip }, () => {
	it('has no leak', async () => {
		assert.deepEqual(await leaksOf(adult.path!, ADULT_SEX), []);
	});
});
