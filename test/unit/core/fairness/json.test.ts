import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditLabels, auditPredictions } from '../../../../src/core/fairness';
import type { FairnessReport } from '../../../../src/core/fairness';
import { createRandom } from '../../../../src/core/random';
import { DEGENERATE_GROUPS, outcomesFrom } from './outcomes';

/** Every { value, … } object: a finite number, or null with a non-empty reason. Returns how many. */
function checkFigures(node: unknown, path: string): number {
	if (node === null || typeof node !== 'object') {
		if (typeof node === 'number') {
			assert.ok(Number.isFinite(node), `${path} = ${node}`);
		}
		return 0;
	}
	let count = 0;
	if ('value' in node) {
		count++;
		const figure = node as { value: unknown; reason?: unknown };
		if (figure.value === null) {
			assert.ok(typeof figure.reason === 'string' && figure.reason.length > 0, `${path} undefined without a reason`);
		} else {
			assert.ok(typeof figure.value === 'number' && Number.isFinite(figure.value), `${path}.value = ${String(figure.value)}`);
			assert.equal(figure.reason, undefined, `${path} defined but carries a reason`);
		}
	}
	for (const [key, child] of Object.entries(node)) {
		count += checkFigures(child, `${path}.${key}`);
	}
	return count;
}

function checkReport(report: FairnessReport): void {
	const json = JSON.stringify(report);
	assert.ok(!json.includes('NaN') && !json.includes('Infinity'), json);
	// null appears only as the value of an undefined figure, always followed by its reason.
	assert.equal((json.match(/null/g) ?? []).length, (json.match(/"value":null,"reason":"/g) ?? []).length, json);
	assert.ok(checkFigures(JSON.parse(json), 'report') > 0);
	assert.deepEqual(JSON.parse(json), report);
}

describe('reports from degenerate inputs are NaN-free plain JSON', () => {
	const degenerate = outcomesFrom({ groups: [...DEGENERATE_GROUPS, ['AllSelected', { tp: 1, fn: 0, fp: 1, tn: 0 }]] });
	const zeroReference = outcomesFrom({
		groups: [
			['R', { tp: 0, fn: 0, fp: 0, tn: 4 }],
			['G', { tp: 0, fn: 0, fp: 0, tn: 0 }],
			['H', { tp: 1, fn: 0, fp: 0, tn: 0 }],
		],
	});
	const cases = {
		degenerate,
		'zero reference rates': zeroReference,
		'an empty reference': outcomesFrom({
			groups: [
				['R', { tp: 0, fn: 0, fp: 0, tn: 0 }],
				['G', { tp: 1, fn: 1, fp: 1, tn: 1 }],
			],
		}),
		'no rows at all': outcomesFrom({
			groups: [
				['R', { tp: 0, fn: 0, fp: 0, tn: 0 }],
				['G', { tp: 0, fn: 0, fp: 0, tn: 0 }],
			],
		}),
		'a single group': outcomesFrom({ groups: [['Only', { tp: 1, fn: 2, fp: 3, tn: 4 }]] }),
	};
	for (const [name, outcomes] of Object.entries(cases)) {
		it(`with ${name}`, () => {
			for (const resamples of [0, 50]) {
				checkReport(auditPredictions(outcomes, { resamples, random: createRandom(1), seed: 1 }));
				checkReport(auditLabels(outcomes, { resamples, random: createRandom(1) }));
			}
		});
	}

	it('says why the overall error of an empty audit is undefined', () => {
		const report = auditPredictions(cases['no rows at all'], { random: createRandom(1) });
		assert.deepEqual(report.overall, { rows: 0, rowsOutsideGroups: 0, error: { value: null, reason: 'no rows to audit' } });
	});
});
