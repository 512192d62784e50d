/**
 * `--out FILE` for audit, simulate and compare: FILE.html gets the self-contained HTML report
 * (with FILE.rows.json and FILE.rows.csv beside it, the same document the panel exports); any
 * other name gets the JSON result. Everything is written atomically, only to a new path or (with
 * --force) over a report of ours (outputTargets.ts), and a Ctrl-C during the write removes the
 * temporary files before exiting.
 */
import { removePendingTempFilesSync, writeFileAtomic } from '../io/atomicWrite';
import { checkReportTargets } from './outputTargets';
import { EXIT_CANCELLED } from './errors';
import { exportFairnessReport } from '../report/export';
import { reportPaths } from '../report/write';
import type { PanelResults } from '../shared/webviewProtocol';
import { VERSION } from '../shared/version';
import type { LoadedDataset } from '../io/loadDataset';
import type { ProgressSink } from './progress';
import { describeParse, type RunOutputChoice } from './common';
import type { UnitExecutor } from '../core/collective/simulate';
import { sidecarPathFor } from '../shared/sidecarPath';
import { printErr, printJson, printOut } from './terminal';

export interface OutputContext {
	readonly file: string;
	readonly sidecarPath: string | undefined;
	readonly rows: number;
	/** --force: an existing report of ours may be replaced (nothing else ever is). */
	readonly force: boolean;
}

/** The same checks before a long run, so a refused --out fails in a second rather than after it. */
export async function checkOutputBeforeRun(out: string | undefined, force: boolean, file: string): Promise<void> {
	if (out !== undefined) {
		const p = reportPaths(out);
		await checkReportTargets(/\.html?$/i.test(out) ? [p.html, p.json, p.csv] : [out], {
			force,
			protectedPaths: [file, sidecarPathFor(file)],
		});
	}
}

/** Writes the output and returns the paths written. */
export async function writeOutput(out: string, json: unknown, results: PanelResults, ctx: OutputContext): Promise<string[]> {
	const protectedPaths = [ctx.file, ...(ctx.sidecarPath !== undefined ? [ctx.sidecarPath] : [])];
	const html = /\.html?$/i.test(out);
	const p = reportPaths(out);
	await checkReportTargets(html ? [p.html, p.json, p.csv] : [out], { force: ctx.force, protectedPaths });
	return whileWriting(() => writeTargets(out, html, json, results, ctx, protectedPaths));
}

/**
 * Ctrl-C or SIGTERM during the final write: the run's own handler is gone by then, so without
 * this the default handler would kill the process and leave the hidden temporary file behind.
 */
async function whileWriting<T>(work: () => Promise<T>): Promise<T> {
	const onSignal = (signal: NodeJS.Signals): void => {
		removePendingTempFilesSync();
		printErr('collective-fairness: cancelled during the write; nothing was written\n');
		process.exit(signal === 'SIGINT' ? EXIT_CANCELLED : 128 + 15);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		return await work();
	} finally {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}

async function writeTargets(
	out: string,
	html: boolean,
	json: unknown,
	results: PanelResults,
	ctx: OutputContext,
	protectedPaths: readonly string[],
): Promise<string[]> {
	if (html) {
		return exportFairnessReport({ datasetPath: ctx.file, rows: ctx.rows, version: VERSION, results, target: out, protectedPaths });
	}
	await writeFileAtomic(out, `${JSON.stringify(json, null, 2)}\n`, protectedPaths);
	return [out];
}

/**
 * Runs a long computation with Ctrl-C wired to its AbortSignal, and the progress bar cleared
 * whatever happens (so an error message does not land on a half-drawn bar).
 */
export async function runCancellable<T>(progress: ProgressSink, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	const onSigint = (): void => controller.abort();
	process.once('SIGINT', onSigint);
	try {
		return await work(controller.signal);
	} finally {
		process.removeListener('SIGINT', onSigint);
		progress.finish();
	}
}

/** What simulate and compare hand their engine: the executor, Ctrl-C as the signal, the progress for the progress line. */
export interface ExecutorRunOptions {
	readonly executor: UnitExecutor;
	readonly workers: number;
	readonly signal: AbortSignal;
	readonly onProgress: (p: { readonly done: number; readonly total: number }) => void;
}

/** {@link runCancellable} for a run of units on an executor, its progress drawn under `stage` ("simulating"). */
export function runOnExecutor<T>(
	progress: ProgressSink,
	stage: string,
	executor: UnitExecutor,
	workers: number,
	run: (options: ExecutorRunOptions) => Promise<T>,
): Promise<T> {
	return runCancellable(progress, (signal) =>
		run({ executor, workers, signal, onProgress: (p) => progress.update(stage, p.done, p.total) }),
	);
}

/** How one command presents its result; the input and the output choice are the run's. */
export interface RunPresentation {
	readonly command: 'simulate' | 'compare';
	/** The result as the panel and the HTML report take it. */
	readonly panelResults: PanelResults;
	readonly csv: () => string;
	readonly text: () => string;
}

/** The result of simulate or compare: `--out` (JSON or HTML report), then stdout in the chosen format. */
export async function emitRunResult(
	result: object,
	input: { readonly file: string; readonly loaded: LoadedDataset },
	output: RunOutputChoice,
	o: RunPresentation,
): Promise<void> {
	const { file, loaded } = input;
	const json = {
		tool: 'collective-fairness',
		command: o.command,
		dataset: { file, rows: loaded.parse.table.rowCount, sidecar: loaded.sidecarPath ?? null, input: describeParse(loaded.parse) },
		...result,
	};
	const written =
		output.out === undefined
			? []
			: await writeOutput(output.out, json, o.panelResults, {
					file,
					sidecarPath: loaded.sidecarPath,
					rows: loaded.parse.table.rowCount,
					force: output.force,
				});
	if (output.format === 'json') {
		printJson(`${JSON.stringify(json, null, 2)}\n`);
	} else if (output.format === 'csv') {
		printOut(o.csv());
	} else {
		printOut(`${o.text()}\n`);
		if (written.length > 0) {
			printOut(`Written: ${written.join(', ')}\n`);
		}
	}
}
