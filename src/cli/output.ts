/**
 * `--out FILE` for audit, simulate and compare: FILE.html gets the self-contained HTML report
 * (with FILE.rows.json and FILE.rows.csv beside it, the same document the panel exports); any
 * other name gets the JSON result. Everything is written atomically and never over the dataset
 * or its sidecar.
 */
import * as path from 'node:path';
import { writeFileAtomic } from '../io/atomicWrite';
import { sha256File } from '../report/hash';
import { buildReport } from '../report/report';
import { writeReportFiles } from '../report/write';
import type { PanelResults } from '../shared/webviewProtocol';
import { VERSION } from '../shared/version';
import type { LoadedDataset } from '../io/loadDataset';
import type { ProgressSink } from './progress';
import { describeParse } from './common';

export interface OutputContext {
	readonly file: string;
	readonly sidecarPath: string | undefined;
	readonly rows: number;
}

/** Writes the output and returns the paths written. */
export async function writeOutput(out: string, json: unknown, results: PanelResults, ctx: OutputContext): Promise<string[]> {
	const protectedPaths = [ctx.file, ...(ctx.sidecarPath !== undefined ? [ctx.sidecarPath] : [])];
	if (/\.html?$/i.test(out)) {
		const files = buildReport({
			dataset: { label: path.basename(ctx.file), sha256: await sha256File(ctx.file), rows: ctx.rows },
			version: VERSION,
			date: new Date(),
			results,
			metric: 'eqod',
		});
		return writeReportFiles(out, files, protectedPaths);
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

export interface RunOutput {
	readonly command: 'simulate' | 'compare';
	readonly file: string;
	readonly loaded: LoadedDataset;
	readonly out: string | undefined;
	readonly format: 'json' | 'csv' | 'text';
	/** The result as the panel and the HTML report take it. */
	readonly panelResults: PanelResults;
	readonly csv: () => string;
	readonly text: () => string;
}

/** The result of simulate or compare: `--out` (JSON or HTML report), then stdout in the chosen format. */
export async function emitRunResult(result: object, o: RunOutput): Promise<void> {
	const { loaded } = o;
	const output = { tool: 'collective-fairness', command: o.command, dataset: { file: o.file, rows: loaded.parse.table.rowCount, sidecar: loaded.sidecarPath ?? null, input: describeParse(loaded.parse) }, ...result };
	const written = o.out === undefined ? [] : await writeOutput(o.out, output, o.panelResults, { file: o.file, sidecarPath: loaded.sidecarPath, rows: loaded.parse.table.rowCount });
	if (o.format === 'json') {
		process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
	} else if (o.format === 'csv') {
		process.stdout.write(o.csv());
	} else {
		process.stdout.write(`${o.text()}\n`);
		if (written.length > 0) {
			process.stdout.write(`Written: ${written.join(', ')}\n`);
		}
	}
}
