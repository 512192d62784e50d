// The sections of `npm run bench`, in the order a full run measures them, and the targets each
// real-data section owns (listed as SKIP in the summary when the section cannot run).
import { flips } from './flips.mjs';
import { ingest, server } from './io.mjs';
import { boosting, knn, logistic } from './models.mjs';
import { scale } from './scale.mjs';

/** Each section takes the run's context (bench/run.mjs) and resolves to its figures for last.json. */
export const SECTIONS = { ingest, logistic, boosting, knn, flips, server, scale };

export const SECTION_TARGETS = {
	logistic: [['warm refit, ~300 flips (Adult sex)', 'ms', '≤ 150']],
	boosting: [['boosting fit / sklearn HistGradientBoosting fit (Adult sex, wall)', '×', '≤ 2']],
	knn: [['kNN 3124 Black × 27816 White, k=5', 's', '≤ 2']],
	flips: [['flips experiment speed-up vs aca_ref.py (wall)', '×', '≥ 20']],
	server: [
		['hover p95 once parsed, Adult (200 random cells)', 'ms', '< 20'],
		['hover during a simulation (Adult), max', 'ms', '< 100'],
	],
};
