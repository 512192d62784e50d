/**
 * `audit` says beside its figures what they cannot carry, as the editor's completion message does:
 * a minority that is the advantaged group (credit-default by SEX: women, coded 2, default less
 * often than men), in the text and as `warnings` in --json; none for a disadvantaged minority.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { cliAsync, ensureBuilt } from './run';
import { locateDataset } from '../../support/datasets';

const credit = locateDataset('credit-default.csv');
describe('audit: warnings beside the figures (credit-default by SEX)', { skip: credit.skip }, () => {
	before(ensureBuilt);
	const roles = (minority: string): string[] => [
		'--sensitive',
		'SEX',
		'--minority',
		minority,
		'--label',
		'default payment',
		'--positive',
		'0',
		'--resamples',
		'0',
	];

	it('warns that a minority with the higher favourable rate is the advantaged group, after the figures', async () => {
		const r = await cliAsync(['audit', credit.path!, ...roles('2')]);
		assert.equal(r.status, 0, r.stderr);
		const at = r.stdout.indexOf('WARNING: the minority SEX = 2 is the advantaged group (favourable ');
		assert.ok(at > r.stdout.indexOf('Equalized odds, average'), `beside (after) the figures:\n${r.stdout}`);
		assert.match(r.stdout.slice(at), /favourable (\d+\.\d)% against (\d+\.\d)%\): a collective from it can only widen the gap\./);
		const [, minority, majority] = /favourable (\d+\.\d)% against (\d+\.\d)%/.exec(r.stdout.slice(at))!;
		assert.ok(Number(minority) > Number(majority), `${minority}% > ${majority}%`);
		const json = JSON.parse((await cliAsync(['audit', credit.path!, ...roles('2'), '--json'])).stdout) as { warnings: string[] };
		assert.equal(json.warnings.length, 1);
		assert.match(json.warnings[0]!, /^the minority SEX = 2 is the advantaged group/);
	});

	it('says nothing of the kind for the disadvantaged group as the minority', async () => {
		const r = await cliAsync(['audit', credit.path!, ...roles('1')]);
		assert.equal(r.status, 0, r.stderr);
		assert.ok(!r.stdout.includes('WARNING'), r.stdout);
		const json = JSON.parse((await cliAsync(['audit', credit.path!, ...roles('1'), '--json'])).stdout) as { warnings: string[] };
		assert.deepEqual(json.warnings, []);
	});
});
