/**
 * `audit` prints a label-leak warning beside its figures (and `labelLeaks` in --json) when a
 * feature predicts the label on its own: on COMPAS with every column, the post-outcome columns.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { cliAsync, ensureBuilt } from './run';
import { locateDataset } from '../../support/datasets';

const compas = locateDataset('compas.csv');
describe('audit: label-leak warning (COMPAS, every column)', { skip: compas.skip }, () => {
	before(ensureBuilt);
	const roles = [
		'--sensitive',
		'race',
		'--minority',
		'African-American',
		'--label',
		'two_year_recid',
		'--positive',
		'0',
		'--resamples',
		'0',
	];

	it('warns after the figures and names the post-outcome columns', async () => {
		const r = await cliAsync(['audit', compas.path!, ...roles]);
		assert.equal(r.status, 0, r.stderr);
		const at = r.stdout.indexOf("WARNING: 5 features leak the label 'two_year_recid'");
		assert.ok(at > r.stdout.indexOf('Equalized odds, average'), 'beside (after) the figures');
		for (const c of ['is_recid', 'r_charge_degree', 'r_offense_date', 'r_charge_desc', 'end']) {
			assert.match(r.stdout.slice(at), new RegExp(`- '${c}': one-column AUC 0\\.9\\d\\d`));
		}
		assert.match(r.stdout, /--exclude is_recid,r_charge_degree,r_offense_date,r_charge_desc,end/);
	});

	it('reports no leak once they are excluded, and lists them in --json otherwise', async () => {
		const clean = await cliAsync([
			'audit',
			compas.path!,
			...roles,
			'--exclude',
			'is_recid,r_charge_degree,r_offense_date,r_charge_desc,end',
		]);
		assert.equal(clean.status, 0, clean.stderr);
		assert.ok(!clean.stdout.includes('WARNING'), 'no warning without the leaking columns');
		const json = await cliAsync(['audit', compas.path!, ...roles, '--json']);
		const leaks = (JSON.parse(json.stdout) as { labelLeaks: Array<{ column: string; auc: number }> }).labelLeaks;
		assert.deepEqual(leaks.map((l) => l.column).sort(), ['end', 'is_recid', 'r_charge_degree', 'r_charge_desc', 'r_offense_date']);
	});
});
