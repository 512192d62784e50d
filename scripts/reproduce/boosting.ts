/**
 * The boosting section of docs/reproduction.md: the flips and size experiments under the paper's
 * protocol (the aware firm) on Adult (sex) and COMPAS (race), once with the logistic firm and once
 * with the boosting firm (`--model boosting`, scikit-learn's default parameters), on the same seeds,
 * splits and grids, so that the two firms stand side by side with their paired efficiency statistics.
 *
 *   node scripts/reproduce/boosting.mjs [--report-only]
 *
 * Runs the CLI (dist/cli.js; `npm run build` first) two runs at a time, keeps the compacted JSON in
 * docs/reproduction/boosting/, draws one SVG per dataset and experiment there, and writes the section
 * into docs/reproduction.md between its two markers (report.ts keeps that block when it rewrites the
 * rest). --report-only redraws the figures and the section from the committed JSON.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Simulation } from './analysis';
import { BOOSTING_PLAN, boostingArgs, spliceBlock, type BoostingRunKey } from './boostingConfig';
import { boostingSection, type BoostingRuns } from './boostingSection';
import { flipsSvg, sizeSvg } from './boostingSvg';
import { DATASETS } from './config';
import { compact, runJobs, type Job } from './jobs';

const ROOT = process.env.REPRODUCE_ROOT ?? process.cwd();
const OUT = path.join(ROOT, 'docs', 'reproduction', 'boosting');
const REPORT = path.join(ROOT, 'docs', 'reproduction.md');
const DATASETS_DIR = process.env.COLLECTIVE_FAIRNESS_DATASETS
	? path.resolve(process.env.COLLECTIVE_FAIRNESS_DATASETS)
	: path.resolve(ROOT, '..', 'shared', 'datasets');

const fileOf = (key: BoostingRunKey): string => path.join(OUT, `${key.dataset}-${key.model}-${key.experiment}.json`);

async function runAll(): Promise<RunLog> {
	const cli = path.join(ROOT, 'dist', 'cli.js');
	if (!existsSync(cli)) {
		throw new Error(`${cli} not found: run npm run build first`);
	}
	const jobs: Job[] = [];
	for (const plan of BOOSTING_PLAN) {
		const dataset = DATASETS.find((d) => d.id === plan.dataset)!;
		const file = path.relative(ROOT, path.join(DATASETS_DIR, dataset.file));
		if (!existsSync(path.resolve(ROOT, file))) {
			throw new Error(`missing dataset ${file} (set COLLECTIVE_FAIRNESS_DATASETS to the folder holding it)`);
		}
		for (const model of ['logistic', 'boosting'] as const) {
			for (const experiment of ['flips', 'size'] as const) {
				const key = { dataset: plan.dataset, model, experiment };
				const seeds = experiment === 'flips' ? plan.flipsSeeds : plan.sizeSeeds;
				jobs.push({
					key: `${plan.dataset}/${model}/${experiment}`,
					script: cli,
					display: 'collective-fairness',
					args: boostingArgs(dataset, plan, key, file),
					cost: plan.rows * seeds * (model === 'boosting' ? 10 : 1) * (experiment === 'size' ? 2 : 1),
				});
			}
		}
	}
	const loadAtStart = os.loadavg()[0]!;
	process.stdout.write(`Running ${jobs.length} CLI runs, 2 at a time, on ${os.cpus().length} cores, load ${loadAtStart.toFixed(1)}\n`);
	const started = performance.now();
	const results = await runJobs(ROOT, jobs, 2, (line) => process.stdout.write(`${line}\n`));
	mkdirSync(OUT, { recursive: true });
	const runs: Array<RunLog['runs'][number]> = [];
	for (const job of jobs) {
		const [dataset, model, experiment] = job.key.split('/') as [string, 'logistic' | 'boosting', 'flips' | 'size'];
		const r = results.get(job.key)!;
		writeFileSync(fileOf({ dataset, model, experiment }), `${JSON.stringify(compact(r.json))}\n`);
		runs.push({ key: job.key, seconds: Math.round(r.seconds * 10) / 10, command: r.command });
	}
	const log: RunLog = {
		runs,
		wallSeconds: Math.round((performance.now() - started) / 1000),
		loadAtStart: Math.round(loadAtStart * 10) / 10,
		loadAtEnd: Math.round(os.loadavg()[0]! * 10) / 10,
		cores: os.cpus().length,
	};
	writeFileSync(path.join(OUT, 'run.json'), `${JSON.stringify(log, null, '\t')}\n`);
	return log;
}

export interface RunLog {
	readonly runs: ReadonlyArray<{ readonly key: string; readonly seconds: number; readonly command: string }>;
	readonly wallSeconds: number;
	readonly loadAtStart: number;
	readonly loadAtEnd: number;
	readonly cores: number;
}

function readRuns(): BoostingRuns {
	const read = (key: BoostingRunKey): Simulation => JSON.parse(readFileSync(fileOf(key), 'utf8')) as Simulation;
	return BOOSTING_PLAN.map((plan) => {
		const title = DATASETS.find((d) => d.id === plan.dataset)!.title;
		const of = (model: 'logistic' | 'boosting'): { flips: Simulation; size: Simulation } => ({
			flips: read({ dataset: plan.dataset, model, experiment: 'flips' }),
			size: read({ dataset: plan.dataset, model, experiment: 'size' }),
		});
		return { plan, title, logistic: of('logistic'), boosting: of('boosting') };
	});
}

function writeFigures(runs: BoostingRuns): void {
	for (const r of runs) {
		writeFileSync(path.join(OUT, `${r.plan.dataset}-flips.svg`), flipsSvg(r.title, r.logistic.flips, r.boosting.flips));
		writeFileSync(path.join(OUT, `${r.plan.dataset}-size.svg`), sizeSvg(r.title, r.logistic.size, r.boosting.size));
	}
}

async function main(): Promise<void> {
	const log = process.argv.includes('--report-only')
		? (JSON.parse(readFileSync(path.join(OUT, 'run.json'), 'utf8')) as RunLog)
		: await runAll();
	const runs = readRuns();
	writeFigures(runs);
	writeFileSync(REPORT, spliceBlock(readFileSync(REPORT, 'utf8'), boostingSection(runs, log)));
	process.stdout.write(`Wrote ${path.relative(ROOT, OUT)}/ and the boosting section of ${path.relative(ROOT, REPORT)}\n`);
}

if (require.main === module) {
	main().catch((e: unknown) => {
		process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
		process.exit(1);
	});
}
