/**
 * Issue 14's report, without a browser: an Adult run's report (the CLI's `audit --out
 * report.html`, the same builder the panel's export uses) names EqOd, SPD, disparate impact and
 * the four-fifths finding before its first chart; data tables are collapsed and the manifest is
 * last; the SVG charts clip their error bars to the plot, label the base and target lines, and lay
 * their legends out below the plot without overlaps; the figure specs carry one front per
 * approach with the collective on top, a conclusion each, and unique colour-and-shape pairs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildReport } from '../../../src/report/report';
import { figureSvg, layoutLegend, textWidth } from '../../../src/report/svgChart';
import { legendEntries, nonDominated } from '../../../src/shared/figureSpec';
import { buildFigures } from '../../../src/shared/panelFigures';
import { locateDataset, repoRoot } from '../../support/datasets';
import { elevenFronts, fixtureResults, withIntervals } from '../../support/panelFixtures';

const { minimum, flips, knowledge, audit } = fixtureResults;
const CLI = path.join(repoRoot, 'dist', 'cli.js');

const adult = locateDataset('adult.csv');

describe(
	'the report of an Adult run',
	{ skip: adult.skip !== false ? adult.skip : !existsSync(CLI) ? `no CLI bundle at ${CLI} (run npm run build)` : false },
	() => {
		it('opens with the scorecard and findings: EqOd, SPD, disparate impact and four-fifths before the first chart', () => {
			const dir = mkdtempSync(path.join(tmpdir(), 'cf-adult-report-'));
			try {
				const out = path.join(dir, 'adult.html');
				execFileSync(
					process.execPath,
					[
						CLI,
						'audit',
						adult.path!,
						'--sensitive',
						'sex',
						'--minority',
						'Female',
						'--label',
						'income-per-year',
						'--positive',
						'>50K',
						'--resamples',
						'200',
						'--out',
						out,
					],
					{ stdio: 'pipe' },
				);
				const html = readFileSync(out, 'utf8');
				const firstChart = html.indexOf('<img');
				assert.ok(firstChart > 0, 'the report has a chart');
				for (const words of [
					'EqOd (equalized odds, average)',
					'SPD (statistical parity difference)',
					'Disparate impact',
					'Four-fifths rule: fails',
				]) {
					const at = html.indexOf(words);
					assert.ok(at >= 0 && at < firstChart, `"${words}" at ${at}, first chart at ${firstChart}`);
				}
				assert.match(html, /Disparate impact 0\.3\d+ &lt; 0\.8, adverse impact against sex = Female/);
				// Tables collapsed, the manifest (hash, version, roles) at the end.
				assert.equal((html.match(/<details open/g) ?? []).length, 0);
				assert.ok(html.indexOf('id="manifest"') > html.lastIndexOf('<img'));
				assert.ok(html.indexOf('sha256 of the CSV bytes') > html.indexOf('id="manifest"'));
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		});
	},
);

describe('report charts and figure specs (issue 14)', () => {
	const results = { simulations: { minimum, flips, knowledge }, audit, comparison: elevenFronts() };

	it("puts the scorecard, then the collective's conclusions, then the charts, glossary and manifest", () => {
		const { html } = buildReport({
			dataset: { label: 'synthetic.csv', sha256: 'abc' },
			version: '0.1.0',
			date: new Date(0),
			results,
			metric: 'eqod',
		});
		const order = ['id="scorecard"', 'id="collective"', '<img', 'id="glossary"', 'id="manifest"'].map((s) => html.indexOf(s));
		assert.deepEqual(
			[...order].sort((a, b) => a - b),
			order,
			String(order),
		);
		assert.ok(order.every((i) => i > 0));
		// Every chart's conclusion is printed, in the summary and above the chart.
		for (const f of buildFigures(results, 'eqod').filter((x) => x.empty === undefined)) {
			assert.ok((f.conclusion ?? '').length > 40, f.id);
		}
	});

	it('gives every figure a conclusion, unique colour-and-shape pairs, one front per approach and the collective on top', () => {
		const figures = buildFigures(results, 'eqod');
		for (const f of figures) {
			assert.ok((f.conclusion ?? '').length > 0, `${f.id} has a conclusion`);
			const pairs = legendEntries(f).map((e) => `${e.colour}|${e.shape}`);
			assert.equal(new Set(pairs).size, pairs.length, `${f.id}: ${pairs.join(', ')}`);
		}
		const pareto = figures.find((f) => f.id === 'pareto')!;
		const fronts = pareto.series.filter((s) => s.kind === 'front');
		assert.deepEqual(
			fronts.map((s) => s.label),
			[
				'Collective (flips run)',
				'Firm: calibrated-eqodds',
				'Firm: eqodds-thresholds',
				'Firm: fare',
				'Firm: reweighing',
				'Firm: massaging',
				'Firm: exponentiated-gradient',
			],
		);
		for (const s of fronts) {
			assert.deepEqual(
				s.points.map((p) => p.highlight === true),
				nonDominated(s.points),
				`${s.label}: the front is its non-dominated points`,
			);
		}
		const collective = fronts[0]!;
		assert.ok(
			fronts.slice(1).every((s) => (s.layer ?? 1) > (collective.layer ?? 1)),
			'the collective is drawn on top',
		);
		// Empty figures say how to get them; S(α) without counterfactuals does not apply.
		const none = buildFigures({ simulations: { flips } }, 'eqod');
		assert.equal(none.find((f) => f.id === 'success')?.notApplicable, true);
		assert.equal(none.find((f) => f.id === 'size')?.runs, 'size');
	});

	it('clips SVG error bars to the plot, labels the base and target lines, and lays the legend out without overlaps', () => {
		const wide = { ...results, simulations: { minimum: withIntervals(minimum, 1), flips: withIntervals(flips, 1), knowledge } };
		for (const f of buildFigures(wide, 'eqod').filter((x) => x.empty === undefined)) {
			const svg = figureSvg(f);
			const plot = svg.indexOf('<g clip-path="url(#plot-');
			const plotEnd = svg.indexOf('</g>', plot);
			assert.ok(plot > 0 && svg.includes(`<clipPath id="plot-${f.id}">`), `${f.id}: a clipped plot group`);
			const bars = [...svg.matchAll(/class="error-bar"/g)].map((m) => m.index);
			assert.ok(
				bars.every((i) => i > plot && i < plotEnd),
				`${f.id}: every error bar inside the clipped group`,
			);
			if (f.series.some((s) => s.kind === 'reference')) {
				assert.match(svg, /class="reference-label"[^>]*>base model, mean of 3 seeds</, `${f.id}: the base line is named in the plot`);
			}
			if (f.target !== undefined) {
				assert.ok(svg.includes(`>${f.target.label}</text>`), `${f.id}: the target line is named in the plot`);
			}
			// Legend rows below the plot (its bottom is at 350), no two labels overlapping.
			const labels = [...svg.matchAll(/<text class="legend-label" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</g)].map((m) => ({
				x: Number(m[1]),
				y: Number(m[2]),
				text: m[3]!,
			}));
			assert.equal(labels.length, legendEntries(f).length, f.id);
			const height = Number(/height="(\d+)"/.exec(svg)![1]);
			for (const [i, a] of labels.entries()) {
				assert.ok(a.y > 360 && a.y < height, `${f.id}: "${a.text}" at y ${a.y} is below the plot and inside the image (${height})`);
				assert.ok(a.x + textWidth(a.text) <= 900, `${f.id}: "${a.text}" fits the width`);
				for (const b of labels.slice(i + 1)) {
					const sameRow = Math.abs(a.y - b.y) < 14;
					const apart = a.x + textWidth(a.text) <= b.x - 34 || b.x + textWidth(b.text) <= a.x - 34;
					assert.ok(!sameRow || apart, `${f.id}: "${a.text}" and "${b.text}" overlap`);
				}
			}
		}
		// A legend too long for one row wraps onto the next instead of running off the image.
		const slots = layoutLegend(
			Array.from({ length: 12 }, (_, i) => `calibrated-eqodds variant number ${i}`),
			410,
		);
		assert.ok(new Set(slots.map((s) => s.y)).size > 3 && slots.every((s) => s.x + s.width <= 880));
	});
});
