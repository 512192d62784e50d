import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compareFirms, firmSentence } from '../../../../src/core/fairness/pairedFirms';
import { createRandom } from '../../../../src/core/random';
import { runAudit } from '../../../../src/core/audit';
import { syntheticFixture } from '../../../integration/runner/fixture';

describe('the aware and the blind firm side by side', () => {
	// Majority rows 0–3, minority rows 4–7; y, the aware firm's and the blind firm's predictions.
	const y = [1, 1, 0, 0, 1, 1, 0, 0];
	const group = [0, 0, 0, 0, 1, 1, 1, 1];
	const options = { resamples: 200, level: 0.95, random: createRandom(3), sensitive: 'race' };

	it("computes each firm's figures from the same rows, and a zero difference for identical predictions", () => {
		const same = [1, 0, 0, 0, 1, 0, 1, 0];
		const c = compareFirms(y, same, same, group, options);
		assert.deepEqual(c.aware, c.blind);
		// Majority: TPR ½, FPR 0; minority: TPR ½, FPR ½ → EqOd ¼, SPD |2/4 − 1/4| = ¼, error 3/8.
		assert.equal(c.aware.eqod, 0.25);
		assert.equal(c.aware.spd, 0.25);
		assert.equal(c.aware.error, 3 / 8);
		assert.equal(c.aware.fprGap, 0.5);
		assert.deepEqual(c.difference.eqod, { value: 0, lo: 0, hi: 0 });
		assert.match(c.sentence, /not distinguishable/);
	});

	it('a firm that treats the minority worse shows a positive difference whose paired interval excludes zero', () => {
		const n = 400;
		const yy: number[] = [];
		const aware: number[] = [];
		const blind: number[] = [];
		const gg: number[] = [];
		for (let i = 0; i < n; i++) {
			const g = i % 2;
			const label = (i >> 1) % 2;
			gg.push(g);
			yy.push(label);
			blind.push(label); // perfectly fair and accurate
			aware.push(g === 1 && (i >> 2) % 3 === 0 ? 0 : label); // misses a third of the minority's rows
		}
		const c = compareFirms(yy, aware, blind, gg, options);
		assert.ok(c.difference.eqod.value! > 0.1);
		assert.ok(c.difference.eqod.lo! > 0, JSON.stringify(c.difference.eqod));
		assert.match(c.sentence, /less fair than the blind one/);
		assert.match(firmSentence({ value: -0.05, lo: -0.08, hi: -0.02 }, 'sex'), /fairer than the blind one/);
		assert.match(firmSentence({ value: null }, 'sex'), /undefined/);
	});

	it('the audit trains both firms on the same split and names the one used', () => {
		const f = syntheticFixture(1200, 3);
		const aware = runAudit(f.table, f.sidecar, { resamples: 50 });
		assert.equal(aware.firm, 'aware');
		assert.ok(aware.roles.features.includes('group'));
		assert.ok(aware.firms !== undefined && !('unavailable' in aware.firms));
		assert.equal(aware.firms.aware.eqod, aware.summary.eqodAverage.value);
		const blind = runAudit(f.table, { ...f.sidecar, features: { ...f.sidecar.features, includeSensitive: false } }, { resamples: 50 });
		assert.equal(blind.firm, 'blind');
		assert.ok(!blind.roles.features.includes('group'));
		assert.ok(blind.firms !== undefined && !('unavailable' in blind.firms));
		// Same split, same two models, whichever firm is the primary one.
		assert.deepEqual(blind.firms.aware, aware.firms.aware);
		assert.deepEqual(blind.firms.blind, aware.firms.blind);
		assert.equal(blind.firms.blind.eqod, blind.summary.eqodAverage.value);
	});

	it('says why when the other firm has no feature left', () => {
		const f = syntheticFixture(600, 3);
		const onlyGroup = runAudit(
			f.table,
			{
				...f.sidecar,
				features: { include: [] as string[], exclude: f.table.columns.map((c) => c.name).filter((n) => n !== 'group' && n !== 'label') },
			},
			{ resamples: 0 },
		);
		assert.ok(onlyGroup.firms !== undefined && 'unavailable' in onlyGroup.firms);
		assert.match(onlyGroup.firms.unavailable, /blind firm cannot be trained: .*no feature columns/);
	});
});
