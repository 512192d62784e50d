/**
 * Files a report export writes beside its HTML (NAME.rows.csv, NAME.rows.json): data for the
 * reader, not datasets to audit, so the Datasets view leaves them out.
 */
import { existsSync } from 'node:fs';

/** Whether `file` is the rows table of an exported report (NAME.rows.csv beside NAME.html). */
export function isReportExport(file: string): boolean {
	const m = /^(.*)\.rows\.(csv|tsv)$/i.exec(file);
	return m !== null && existsSync(`${m[1]!}.html`);
}
