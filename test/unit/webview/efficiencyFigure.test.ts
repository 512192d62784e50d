import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, type SimulationResult } from '../../../src/core/collective/simulate';
import { flipsFigure } from '../../../src/shared/flipsFigure';
import { efficiencyMarkers, efficiencySentence } from '../../../src/shared/efficiencyFigure';
import { buildScorecard } from '../../../src/shared/scorecard';
import { methodLabel } from '../../../src/shared/figureSpec';
import { runAudit } from '../../../src/core/audit';
import { syntheticFixture } from '../../integration/runner/fixture';

describe('the panel shows relabelling efficiency, the signed gaps and the firm', () => {
	let r: SimulationResult;
	before(async () => {
		const f = syntheticFixture(1500, 5);
		r = await simulate(f.table, f.sidecar, { experiment: 'flips', alpha: 0.4, seeds: 4, flips: 6 });
	});

	it("marks each method's median flips-to-target on the target line of the flips chart", () => {
		const fig = flipsFigure(r, 'eqod');
		const markers = efficiencyMarkers(r);
		assert.deepEqual(fig.markers, markers);
		for (const e of r.efficiency.filter((x) => x.flipsToTarget.median !== null)) {
			const m = markers.find((k) => k.label.startsWith(`${methodLabel(e.method)} reaches`));
			assert.ok(m !== undefined, `a marker for ${e.method}`);
			assert.equal(m.y, r.target);
			assert.equal(m.x, e.flipsToTarget.median);
		}
		assert.equal(fig.target?.y, r.target);
	});

	it('says in the conclusion whether a method beats Random, with the paired interval', () => {
		const sentence = efficiencySentence(r)!;
		assert.match(sentence, /^Paired with Random on the same seeds, /);
		assert.match(
			sentence,
			/(fewer flips|more flips than Random|not distinguishable from Random at 4 seeds) \(paired 95 % interval -?\d+ to -?\d+ flips over 4 seeds\)/,
		);
		assert.ok(flipsFigure(r, 'eqod').conclusion!.endsWith(sentence));
		// SPD has no efficiency statistics: no markers, no sentence.
		assert.deepEqual(flipsFigure(r, 'spd').markers, []);
	});

	it('puts the signed gaps and the gap verdict in the data table', () => {
		const fig = flipsFigure(r, 'eqod');
		assert.ok(fig.table.columns.includes('ΔTPR (minority − majority)') && fig.table.columns.includes('gap left?'));
		const verdicts = new Set(fig.table.rows.map((row) => row[fig.table.columns.indexOf('gap left?')]));
		assert.ok(
			[...verdicts].every((v) => v === 'yes' || v === 'none measurable at these seeds' || v === '—'),
			[...verdicts].join(),
		);
	});

	it('a result saved before the statistics existed gets no markers and no sentence', () => {
		const { efficiency: _dropped, ...old } = r;
		assert.deepEqual(efficiencyMarkers(old as SimulationResult), []);
		assert.equal(efficiencySentence(old as SimulationResult), undefined);
	});

	it('the scorecard names the firm and states the two firms side by side', () => {
		const f = syntheticFixture(1200, 3);
		const card = buildScorecard(runAudit(f.table, f.sidecar, { resamples: 50 }));
		assert.match(card.firm, /It sees group as an input \(the aware firm/);
		assert.ok(
			card.findings.some((x) => /^Both firms on the same split: EqOd \d\.\d+ when the firm sees group/.test(x)),
			card.findings.join('\n'),
		);
	});
});
