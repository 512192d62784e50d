/**
 * The boosting section of the reproduction (scripts/reproduce/boosting*.ts): the block is spliced
 * into docs/reproduction.md between its markers, survives report.ts rewriting the rest, and its
 * text, rendered from the committed runs, names both firms, every method's efficiency and conclusion.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Simulation } from '../../../scripts/reproduce/analysis';
import type { RunLog } from '../../../scripts/reproduce/boosting';
import { BOOSTING_BLOCK_END, BOOSTING_BLOCK_START, BOOSTING_PLAN, spliceBlock } from '../../../scripts/reproduce/boostingConfig';
import { boostingSection } from '../../../scripts/reproduce/boostingSection';
import { flipsSvg } from '../../../scripts/reproduce/boostingSvg';
import { DATASETS } from '../../../scripts/reproduce/config';
import { committedRun, REPORT_IDS, REPRODUCTION_DIR, rewriteReport } from './reportRun';

const boostingDir = path.join(REPRODUCTION_DIR, 'boosting');
const runFiles = BOOSTING_PLAN.flatMap((p) =>
	(['logistic', 'boosting'] as const).flatMap((model) => (['flips', 'size'] as const).map((e) => `${p.dataset}-${model}-${e}.json`)),
);
const committed = existsSync(path.join(boostingDir, 'run.json')) && runFiles.every((f) => existsSync(path.join(boostingDir, f)));
const read = (file: string): Simulation => JSON.parse(readFileSync(path.join(boostingDir, file), 'utf8')) as Simulation;

describe('reproduction: the boosting section', () => {
	it('splices the block before the timing table, then replaces it in place', () => {
		const report = '# R\n\n## Per dataset\n\ntext\n\n## Timing\n\n| a |\n';
		const once = spliceBlock(report, '## Boosting\n\nfirst');
		assert.ok(once.indexOf(BOOSTING_BLOCK_START) < once.indexOf('## Timing'));
		assert.ok(once.includes(`${BOOSTING_BLOCK_START}\n## Boosting\n\nfirst\n${BOOSTING_BLOCK_END}`));
		const twice = spliceBlock(once, '## Boosting\n\nsecond');
		assert.equal(twice.split(BOOSTING_BLOCK_START).length, 2, 'one block');
		assert.ok(twice.includes('second') && !twice.includes('first'));
		assert.equal(spliceBlock(twice, '## Boosting\n\nsecond'), twice, 'idempotent');
	});

	const haveReproduction = REPORT_IDS.every((id) => committedRun(id) !== undefined);

	it(
		'survives report.ts rewriting the rest of the report',
		{ skip: haveReproduction ? false : 'docs/reproduction/ holds no JSON of compas and german-credit (run npm run reproduce)' },
		() => {
			const block = `${BOOSTING_BLOCK_START}\n## The firm's learner\n\nkept   verbatim\n\n\n\nwith blank lines\n${BOOSTING_BLOCK_END}`;
			rewriteReport(`# old\n\n${block}\n\n## Timing\n\nold\n`, (_file, text) => {
				assert.ok(text.includes(block), 'the block is kept byte for byte');
				assert.ok(text.indexOf(BOOSTING_BLOCK_END) < text.indexOf('## Timing'), 'before the timing table');
				assert.ok(!text.includes('\nold\n'));
			});
		},
	);

	it(
		'renders both firms, every method with its paired statistic and conclusion, and draws both panels',
		{ skip: committed ? false : 'docs/reproduction/boosting/ holds no runs (node scripts/reproduce/boosting.mjs makes them)' },
		() => {
			const runs = BOOSTING_PLAN.map((plan) => ({
				plan,
				title: DATASETS.find((d) => d.id === plan.dataset)!.title,
				logistic: { flips: read(`${plan.dataset}-logistic-flips.json`), size: read(`${plan.dataset}-logistic-size.json`) },
				boosting: { flips: read(`${plan.dataset}-boosting-flips.json`), size: read(`${plan.dataset}-boosting-size.json`) },
			}));
			for (const r of runs) {
				assert.equal(r.boosting.flips.params.model?.kind, 'boosting', `${r.plan.dataset}: the boosting run trained boosting`);
				assert.equal(r.logistic.flips.params.model, undefined, `${r.plan.dataset}: the logistic run kept its parameters`);
			}
			const log = JSON.parse(readFileSync(path.join(boostingDir, 'run.json'), 'utf8')) as RunLog;
			const text = boostingSection(runs, log);
			assert.doesNotMatch(text, /NaN|undefined|Infinity/);
			assert.doesNotMatch(text, /M = \d+\.\d/, 'M is given as whole rows');
			assert.doesNotMatch(text, /\/work\/|\/home\/|\/tmp\//);
			for (const r of runs) {
				for (const firm of ['logistic regression', 'gradient boosting']) {
					const rows = text.split('\n').filter((l) => l.startsWith(`| ${r.title} | ${firm} |`));
					// One flips row, one row per method (4), one size row.
					assert.equal(rows.length, 6, `${r.title}, ${firm}: ${rows.length} rows`);
				}
				for (const e of r.boosting.flips.efficiency) {
					assert.ok(text.includes(e.conclusion), `the conclusion of ${e.method} is quoted`);
				}
			}
			const svg = flipsSvg('T', runs[0]!.logistic.flips, runs[0]!.boosting.flips);
			assert.match(svg, /^<svg /);
			assert.ok(svg.includes('logistic regression') && svg.includes('gradient boosting'));
			assert.equal((svg.match(/<path /g) ?? []).length, 8, 'four methods in each of two panels');
			assert.doesNotMatch(svg, /NaN/);
		},
	);
});
