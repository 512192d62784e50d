/**
 * The completion messages' claims: a simulation's headline is the panel's conclusion and asks for
 * more seeds exactly when it says the point is not distinguishable; an audit warns on groups with
 * fewer than 30 test rows of a label and on an advantaged minority.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditWarnings, simulationHeadline } from '../../../src/commands/evidence';
import type { AuditResult, SimulationResult } from '../../../src/shared/model';
import { sizeFigure } from '../../../src/shared/sizeFigure';
import { repoRoot } from '../../support/datasets';

const fixture = <T>(name: string): T =>
	JSON.parse(readFileSync(join(repoRoot, 'test', 'webview', 'fixtures', `${name}.json`), 'utf8')) as T;

describe('simulationHeadline', () => {
	it('is the conclusion sentence, asking for more seeds when it is not distinguishable', () => {
		for (const name of ['size', 'minimum', 'flips', 'knowledge']) {
			const r = fixture<SimulationResult>(name);
			const h = simulationHeadline(r);
			assert.ok(h !== undefined && h.text.length > 20, name);
			assert.equal(h.needsMoreSeeds, h.text.includes('not distinguishable'), name);
		}
	});

	it("says what the panel's size figure concludes, for a size run as for a minimum run", () => {
		for (const name of ['size', 'minimum']) {
			const r = fixture<SimulationResult>(name);
			assert.ok(r.base.eqod.mean !== null, `${name}: the fixture's base EqOd is defined`);
			const h = simulationHeadline(r)!;
			assert.equal(h.text, sizeFigure(r, 'eqod').conclusion, name);
			assert.doesNotMatch(h.text, /EqOd is undefined/, name);
		}
	});
});

describe('auditWarnings', () => {
	const audit = fixture<AuditResult>('audit');
	it('is empty for the fixture audit with large groups and a disadvantaged minority, or says why not', () => {
		const small = audit.predictions.groups.filter((g) => Math.min(g.counts.favourableLabels, g.counts.unfavourableLabels) < 30);
		const warnings = auditWarnings(audit);
		assert.equal(warnings.filter((w) => w.includes('too noisy')).length, small.length);
	});

	it('warns on a group with few favourable test rows and on an advantaged minority', () => {
		const groups = audit.predictions.groups.map((g) =>
			g.name === audit.roles.minority
				? { ...g, counts: { ...g.counts, favourableLabels: 12 }, baseRate: { value: 0.9 } }
				: { ...g, baseRate: { value: 0.2 } },
		) as AuditResult['predictions']['groups'];
		const warnings = auditWarnings({ ...audit, predictions: { ...audit.predictions, groups } });
		assert.ok(
			warnings.some((w) => w.startsWith(`group ${audit.roles.sensitive} = ${audit.roles.minority} has only 12 favourable`)),
			warnings.join(' | '),
		);
		assert.ok(
			warnings.some((w) => /is the advantaged group \(favourable 90\.0% against 20\.0%\)/.test(w)),
			warnings.join(' | '),
		);
	});
});
