/**
 * Writes a report and its data: X.html, X.rows.json and X.rows.csv side by side, each atomically.
 * None may replace the dataset or its sidecar: all three targets are checked before any is
 * written (so a refusal leaves nothing half-exported), and writeFileAtomic checks again.
 */
import * as path from 'node:path';
import { ProtectedFileError, sameFile, writeFilesAtomic } from '../io/atomicWrite';
import type { ReportFiles } from './report';

/** The three paths for a chosen report path. `.rows.` keeps `data.html` from naming `data.csv`. */
export function reportPaths(target: string): { html: string; json: string; csv: string } {
	const ext = path.extname(target);
	const stem = ext.toLowerCase() === '.html' || ext.toLowerCase() === '.htm' ? target.slice(0, -ext.length) : target;
	return { html: `${stem}.html`, json: `${stem}.rows.json`, csv: `${stem}.rows.csv` };
}

export async function writeReportFiles(target: string, files: ReportFiles, protectedPaths: readonly string[]): Promise<string[]> {
	const p = reportPaths(target);
	for (const t of [p.html, p.json, p.csv]) {
		for (const q of protectedPaths) {
			if (await sameFile(t, q)) {
				throw new ProtectedFileError(t);
			}
		}
	}
	// One set: all three are flushed before any is renamed into place (a full disk leaves none).
	await writeFilesAtomic(
		[
			{ target: p.html, content: files.html },
			{ target: p.json, content: files.json },
			{ target: p.csv, content: files.csv },
		],
		protectedPaths,
	);
	return [p.html, p.json, p.csv];
}
