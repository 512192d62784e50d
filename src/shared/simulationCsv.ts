/**
 * Simulation rows as CSV, one writer for `simulate --csv` and the report's `.rows.csv`: a header,
 * then per experiment its base row (no collective) and one line per method × knowledge × α × grid
 * point (the full grid where the run kept one), each metric as mean, sd and interval bounds —
 * the four summary cells `compare --csv` writes too.
 */
import { csvField } from './csvWriter';
import type { SeedSummary, SimulationResult, SimulationRow } from './model';

/** The four columns of each metric's summary over seeds: `<metric>_mean`, `_sd`, `_lo`, `_hi`. */
export function summaryCsvColumns(metrics: readonly string[]): string[] {
	return metrics.flatMap((m) => [`${m}_mean`, `${m}_sd`, `${m}_lo`, `${m}_hi`]);
}

/** A summary's four cells (mean, sd, interval bounds); empty where it is absent or undefined. */
export function summaryCsvCells(s: SeedSummary | undefined): string[] {
	return s === undefined || s.mean === null ? ['', '', '', ''] : [s.mean, s.sd, s.lo, s.hi].map(String);
}

const METRICS = ['error', 'spd', 'eqod', 'eqodMax', 'success', 'counterfactualGap'] as const;

const HEADER = [
	'experiment',
	'method',
	'knowledge',
	'alpha',
	'grid_index',
	'flips',
	'pool_size',
	'collective_size',
	'seeds',
	...summaryCsvColumns(METRICS),
].join(',');

/**
 * The base row's α, grid-index and collective-size cells. The two outputs have always differed
 * here and scripts read them as they are, so each caller keeps its own: the CLI writes α and index
 * 0 with M empty, the report leaves α and index empty with M 0.
 */
export interface BaseRowCells {
	readonly alpha: string;
	readonly gridIndex: string;
	readonly collectiveSize: string;
}

/** `simulate --csv`. */
export const CLI_BASE_ROW: BaseRowCells = { alpha: '0', gridIndex: '0', collectiveSize: '' };
/** The report's rows file. */
export const REPORT_BASE_ROW: BaseRowCells = { alpha: '', gridIndex: '', collectiveSize: '0' };

/** The experiments' rows, in the order given, under one header; every line ends in `\n`. */
export function simulationRowsCsv(results: readonly SimulationResult[], base: BaseRowCells): string {
	const lines = [HEADER];
	for (const r of results) {
		lines.push(
			[
				r.experiment,
				'base',
				'',
				base.alpha,
				base.gridIndex,
				'0',
				'',
				base.collectiveSize,
				String(r.base.seeds),
				...METRICS.flatMap((m) => summaryCsvCells(r.base[m])),
			].join(','),
		);
		const rows: readonly SimulationRow[] = r.grid ?? r.rows;
		for (const x of rows) {
			lines.push(
				[
					r.experiment,
					x.method,
					String(x.knowledge),
					String(x.alpha),
					String(x.gridIndex),
					String(x.flips),
					String(x.poolSize),
					String(x.collectiveSize),
					String(x.seeds),
					...METRICS.flatMap((m) => summaryCsvCells(x[m])),
				]
					.map((c) => csvField(c))
					.join(','),
			);
		}
	}
	return `${lines.join('\n')}\n`;
}
