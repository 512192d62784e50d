/**
 * The reproduction report rewritten in a temporary folder from the committed runs of COMPAS and
 * German credit (docs/reproduction/ID.json), for the tests of what the rewrite keeps and writes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DATASETS } from '../../../scripts/reproduce/config';
import { writeReport, type DatasetRun, type RunInfo } from '../../../scripts/reproduce/report';
import { repoRoot } from '../../support/datasets';

export const REPRODUCTION_DIR = path.join(repoRoot, 'docs', 'reproduction');
export const REPORT_IDS = ['compas', 'german-credit'] as const;

/** A committed run's JSON, or undefined when `npm run reproduce` has not written it. */
export function committedRun(id: string): Record<string, unknown> | undefined {
	const file = path.join(REPRODUCTION_DIR, `${id}.json`);
	return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

// Fixed timings and machine, so the report's text depends on the runs alone.
const INFO: RunInfo = {
	runSeconds: 1,
	renderSeconds: 1,
	totalSeconds: 2,
	cores: 2,
	loadAtStart: 1,
	loadAtEnd: 1,
	date: '2026-01-01T00:00:00Z',
	node: 'v20',
};

/**
 * Writes `before` to a fresh reproduction.md, lets report.ts rewrite it from the committed runs,
 * hands the file and its new text to `check`, and removes the folder whatever happens.
 */
export function rewriteReport(before: string, check: (file: string, text: string) => void): void {
	const dir = mkdtempSync(path.join(tmpdir(), 'reproduce-'));
	try {
		const file = path.join(dir, 'reproduction.md');
		writeFileSync(file, before);
		const runs = REPORT_IDS.map((id) => ({ ...committedRun(id), config: DATASETS.find((d) => d.id === id)! }) as unknown as DatasetRun);
		writeReport(file, runs, new Map(), INFO);
		check(file, readFileSync(file, 'utf8'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
