/**
 * The one way a fairness report is exported: the CLI (`--out X.html`), the Export Report command
 * and the panel's Export button all call exportFairnessReport, so they write the same files from
 * the same inputs (SVG charts drawn here, the dataset's sha256, the three files side by side).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FairnessMetric, PanelResults } from '../shared/webviewProtocol';
import { sha256File } from './hash';
import { buildReport } from './report';
import { writeReportFiles } from './write';

export interface ReportExport {
	/** The dataset the results describe: its file name is the report's title, its bytes' sha256 its identity. */
	readonly datasetPath: string;
	/** Its sha256 when already known (the panel computes it once); hashed from the file otherwise. */
	readonly sha256?: string;
	/** Data rows, when the caller read the table (the CLI). */
	readonly rows?: number;
	readonly version: string;
	readonly results: PanelResults;
	/** The fairness axis of the charts (default EqOd). */
	readonly metric?: FairnessMetric;
	/** The chosen report path (X.html; X.rows.json and X.rows.csv go beside it). */
	readonly target: string;
	/** Files the export must never replace: the dataset and its sidecar. */
	readonly protectedPaths: readonly string[];
	/** Report date (tests fix it). */
	readonly date?: Date;
	/** Create the target's folder first (the command's `target` argument may name a new one). */
	readonly createDirectory?: boolean;
}

/** The default report path beside a dataset: `data.csv` → `data.fairness-report.html`. */
export function defaultReportPath(datasetPath: string): string {
	const stem = path.basename(datasetPath).replace(/\.[^.]+$/, '');
	return path.join(path.dirname(datasetPath), `${stem}.fairness-report.html`);
}

/** Builds the report and writes its three files; resolves to their paths (HTML first). */
export async function exportFairnessReport(e: ReportExport): Promise<string[]> {
	if (e.createDirectory === true) {
		await fs.mkdir(path.dirname(path.resolve(e.target)), { recursive: true });
	}
	const sha256 = e.sha256 ?? (await sha256File(e.datasetPath));
	const files = buildReport({
		dataset: { label: path.basename(e.datasetPath), sha256, ...(e.rows !== undefined ? { rows: e.rows } : {}) },
		version: e.version,
		date: e.date ?? new Date(),
		results: e.results,
		metric: e.metric ?? 'eqod',
	});
	return writeReportFiles(e.target, files, e.protectedPaths);
}
