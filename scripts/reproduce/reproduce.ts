/**
 * `npm run reproduce`: runs the paper's four experiments on every dataset of docs/datasets.md with
 * the CLI (the aware firm, the paper's protocol, plus the blind firm's flips run as a sensitivity
 * check), keeps the compacted JSON under docs/reproduction/, has the panel draw the figures in
 * headless Chromium, and writes docs/reproduction.md from those numbers.
 *
 *   node scripts/reproduce/run.mjs [--report-only] [--only id,id]
 *
 * --report-only skips the runs and rebuilds the figures and the report from the committed JSON
 * (for editing the report's wording; the timing table then shows the committed run's times).
 * --only runs the named datasets (ids of config.ts, e.g. compas,german-credit) and writes the
 * JSON, figures and report under out/reproduce/only/ instead, leaving docs/ alone: a quick check.
 * --keep-figures (with --report-only) keeps the committed PNGs instead of drawing them again.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PanelResults, SimulationResult } from '../../src/shared/webviewProtocol';
import { comparisonFromCompare } from '../../src/shared/comparison';
import type { Comparison, Simulation } from './analysis';
import { cliArgs, DATASETS, EXPERIMENTS, experimentsOf, GRID, type DatasetConfig, type Experiment } from './config';
import { compact, runJobs, type Job } from './jobs';
import { startRenderer, type Renderer } from './render';
import { syntheticSpec, writeReport, type DatasetRun, type RunInfo } from './report';

const ONLY = ((): string[] | undefined => {
	const i = process.argv.indexOf('--only');
	return i < 0 ? undefined : (process.argv[i + 1] ?? '').split(',').filter((x) => x !== '');
})();

const ROOT = process.env.REPRODUCE_ROOT ?? process.cwd();
const OUT = ONLY === undefined ? path.join(ROOT, 'docs', 'reproduction') : path.join(ROOT, 'out', 'reproduce', 'only', 'reproduction');
const REPORT =
	ONLY === undefined ? path.join(ROOT, 'docs', 'reproduction.md') : path.join(ROOT, 'out', 'reproduce', 'only', 'reproduction.md');
const SELECTED = ONLY === undefined ? DATASETS : DATASETS.filter((d) => ONLY.includes(d.id));
const DATASETS_DIR = process.env.COLLECTIVE_FAIRNESS_DATASETS
	? path.resolve(process.env.COLLECTIVE_FAIRNESS_DATASETS)
	: path.resolve(ROOT, '..', 'shared', 'datasets');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FIGURE_PAGE = process.env.REPRODUCE_FIGURE_PAGE ?? '';
const COMPARE_RUN = process.env.REPRODUCE_COMPARE_RUN ?? '';

/** Relative cost per experiment and row, for running the longest jobs first. */
const COST: Record<Experiment, number> = { size: 3, compare: 3, flips: 2, knowledge: 2, blind: 2 };

function log(line: string): void {
	process.stdout.write(`${line}\n`);
}

function datasetFile(d: DatasetConfig): string {
	return d.bundled === true ? d.file : path.relative(ROOT, path.join(DATASETS_DIR, d.file));
}

async function runAll(): Promise<{ runs: DatasetRun[]; info: RunInfo }> {
	const cli = path.join(ROOT, 'dist', 'cli.js');
	if (!existsSync(cli)) {
		throw new Error(`${cli} not found: run npm run build first (npm run reproduce does)`);
	}
	if (SELECTED.length === 0) {
		throw new Error(`--only ${ONLY?.join(',') ?? ''} names no dataset; the ids are ${DATASETS.map((d) => d.id).join(', ')}`);
	}
	const missing = SELECTED.filter((d) => !existsSync(path.resolve(ROOT, datasetFile(d))));
	if (missing.length > 0) {
		throw new Error(
			`missing dataset(s): ${missing.map((d) => datasetFile(d)).join(', ')} (set COLLECTIVE_FAIRNESS_DATASETS to the folder holding them)`,
		);
	}
	const jobs: Job[] = [];
	for (const d of SELECTED) {
		const rows = Number(
			readFileSync(path.resolve(ROOT, datasetFile(d)))
				.toString('latin1')
				.split('\n').length,
		);
		for (const e of experimentsOf(d)) {
			const script =
				e === 'compare'
					? { script: COMPARE_RUN, display: 'node out/reproduce/compareRun.js' }
					: { script: cli, display: 'collective-fairness' };
			jobs.push({ key: `${d.id}/${e}`, ...script, args: cliArgs(d, e, datasetFile(d)), cost: COST[e] * rows * d.seeds });
		}
	}
	const loadAtStart = os.loadavg()[0]!;
	log(
		`Running ${jobs.length} CLI runs, ${GRID.slots} at a time (one core each) on ${os.cpus().length} cores, load ${loadAtStart.toFixed(1)}:`,
	);
	const started = performance.now();
	const results = await runJobs(ROOT, jobs, GRID.slots, log);
	const runSeconds = (performance.now() - started) / 1000;
	const runs: DatasetRun[] = SELECTED.map((d) => {
		const get = (e: Experiment): { json: unknown; seconds: number; command: string } | undefined => {
			const r = results.get(`${d.id}/${e}`);
			return r === undefined ? undefined : { json: compact(r.json), seconds: r.seconds, command: r.command };
		};
		const parts = Object.fromEntries(experimentsOf(d).map((e) => [e, get(e)]));
		return {
			config: d,
			size: parts.size!.json as Simulation,
			flips: parts.flips!.json as Simulation,
			knowledge: parts.knowledge?.json as Simulation | undefined,
			compare: parts.compare?.json as Comparison | undefined,
			blind: parts.blind?.json as Simulation | undefined,
			seconds: Object.fromEntries(experimentsOf(d).map((e) => [e, parts[e]!.seconds])),
			commands: Object.fromEntries(experimentsOf(d).map((e) => [e, parts[e]!.command])),
		};
	});
	return {
		runs,
		info: {
			runSeconds,
			renderSeconds: 0,
			totalSeconds: 0,
			cores: os.cpus().length,
			loadAtStart,
			loadAtEnd: os.loadavg()[0]!,
			date: new Date().toISOString(),
			node: process.version,
		},
	};
}

function loadCommitted(): { runs: DatasetRun[]; info: RunInfo } {
	const runs = SELECTED.map((d) => JSON.parse(readFileSync(path.join(OUT, `${d.id}.json`), 'utf8')) as DatasetRun);
	const info = JSON.parse(readFileSync(path.join(OUT, 'run.json'), 'utf8')) as RunInfo;
	return { runs: runs.map((r, i) => ({ ...r, config: SELECTED[i]! })), info };
}

async function main(): Promise<void> {
	const t0 = performance.now();
	const reportOnly = process.argv.includes('--report-only');
	const keepFigures = reportOnly && process.argv.includes('--keep-figures');
	const { runs, info } = reportOnly ? loadCommitted() : await runAll();
	if (!reportOnly) {
		// Regenerate: nothing from an earlier run survives.
		rmSync(OUT, { recursive: true, force: true });
		mkdirSync(OUT, { recursive: true });
		for (const r of runs) {
			const { config, ...rest } = r;
			writeFileSync(
				path.join(OUT, `${config.id}.json`),
				`${JSON.stringify({ dataset: config.title, roles: config.rolesText, seeds: config.seeds, ...rest })}\n`,
			);
		}
	} else if (!keepFigures) {
		for (const f of readdirSync(OUT).filter((f) => f.endsWith('.png'))) {
			rmSync(path.join(OUT, f));
		}
	}

	const r0 = performance.now();
	const figures = new Map<string, string[]>();
	// The panel is the figures' only renderer: if it fails (a page error), the report says which
	// figures are missing and why instead of drawing them some other way.
	const missing: string[] = [];
	if (keepFigures) {
		const pngs = readdirSync(OUT).filter((f) => f.endsWith('.png'));
		for (const r of runs) {
			figures.set(
				r.config.id,
				pngs.filter(
					(f) =>
						f.startsWith(`${r.config.id}-`) &&
						!DATASETS.some((d) => d.id !== r.config.id && d.id.startsWith(`${r.config.id}-`) && f.startsWith(`${d.id}-`)),
				),
			);
		}
		const { missingFigures } = info;
		if (missingFigures !== undefined) {
			missing.push(missingFigures.replace(/\.$/, ''));
		}
	} else {
		await drawAll(runs, figures, missing);
	}
	const renderSeconds = (performance.now() - r0) / 1000;
	const missingFigures = missing.length > 0 ? `${missing.join('; ')}.` : undefined;
	const { missingFigures: _old, ...committed } = info;
	const finalInfo: RunInfo = {
		...(reportOnly ? committed : { ...info, renderSeconds, totalSeconds: (performance.now() - t0) / 1000 }),
		...(missingFigures !== undefined ? { missingFigures } : {}),
	};
	if (!reportOnly) {
		writeFileSync(path.join(OUT, 'run.json'), `${JSON.stringify(compact(finalInfo), null, '\t')}\n`);
	}
	writeReport(REPORT, runs, figures, finalInfo);
	log(`\nTiming (wall seconds; ${GRID.slots} runs at a time):`);
	log(`  ${'dataset'.padEnd(18)} ${EXPERIMENTS.map((e) => e.padStart(9)).join(' ')}`);
	for (const r of runs) {
		log(
			`  ${r.config.id.padEnd(18)} ${EXPERIMENTS.map((e) => (r.seconds[e] !== undefined ? r.seconds[e]!.toFixed(1) : '—').padStart(9)).join(' ')}`,
		);
	}
	log(
		`  CLI runs ${finalInfo.runSeconds.toFixed(0)} s, figures ${renderSeconds.toFixed(0)} s, total ${((performance.now() - t0) / 1000).toFixed(0)} s (budget ${GRID.budgetSeconds} s).`,
	);
	log(
		`Wrote ${path.relative(ROOT, REPORT)} and ${[...figures.values()].flat().length} figures under ${path.relative(ROOT, OUT)}/ (load ${os.loadavg()[0]!.toFixed(1)}).`,
	);
	if (missingFigures !== undefined) {
		log(`Figures missing: ${missingFigures}`);
	}
}

async function drawAll(runs: readonly DatasetRun[], figures: Map<string, string[]>, missing: string[]): Promise<void> {
	try {
		log("Drawing the figures in headless Chromium (the panel's own page and chart code)…");
		const renderer = await startRenderer(ROOT, FIGURE_PAGE, CHROMIUM);
		try {
			for (const r of runs) {
				figures.set(r.config.id, await drawFigures(renderer, r, missing));
			}
		} finally {
			await renderer.close();
		}
	} catch (e) {
		missing.push(`all figures: the headless panel did not start (${e instanceof Error ? e.message : String(e)})`);
	}
}

async function drawFigures(renderer: Renderer, r: DatasetRun, missing: string[]): Promise<string[]> {
	const results: PanelResults = {
		simulations: {
			size: r.size as unknown as SimulationResult,
			flips: r.flips as unknown as SimulationResult,
			...(r.knowledge !== undefined ? { knowledge: r.knowledge as unknown as SimulationResult } : {}),
		},
		...(r.compare !== undefined ? { comparison: comparisonFromCompare(r.compare) } : {}),
	};
	const names: string[] = [];
	try {
		const images = await renderer.panel(results);
		for (const [figure, png] of images) {
			const name = `${r.config.id}-${figure}.png`;
			writeFileSync(path.join(OUT, name), png);
			names.push(name);
		}
		if (r.config.id === 'synthetic') {
			const [png] = await renderer.specs([syntheticSpec(r.size)]);
			const name = `${r.config.id}-counterfactual.png`;
			writeFileSync(path.join(OUT, name), png!);
			names.push(name);
		}
	} catch (e) {
		missing.push(`${r.config.title}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
	}
	log(`  ${r.config.id}: ${names.length} figures`);
	return names;
}

main().catch((e: unknown) => {
	process.stderr.write(`reproduce: ${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
