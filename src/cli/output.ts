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
