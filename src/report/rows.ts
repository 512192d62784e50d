/**
 * The numbers behind the report as data: every simulation row (the full grid where the run kept
 * one) as CSV, one line per experiment × method × knowledge × α × M, and everything as JSON.
 */
import { csvField } from '../shared/csvWriter';
import type { SeedSummary, SimulationRow } from '../shared/model';
import type { PanelResults } from '../shared/webviewProtocol';

const METRICS = ['error', 'spd', 'eqod', 'eqodMax', 'success', 'counterfactualGap'] as const;

const cells = (s: SeedSummary | undefined): string[] =>
	s === undefined || s.mean === null ? ['', '', '', ''] : [s.mean, s.sd, s.lo, s.hi].map(String);

export function rowsCsv(results: PanelResults): string {
	const header = [
		'experiment',
		'method',
		'knowledge',
		'alpha',
		'grid_index',
		'flips',
		'pool_size',
		'collective_size',
		'seeds',
		...METRICS.flatMap((m) => [`${m}_mean`, `${m}_sd`, `${m}_lo`, `${m}_hi`]),
	];
	const lines = [header.join(',')];
	for (const r of Object.values(results.simulations)) {
		if (r === undefined) {
			continue;
		}
		lines.push(
			[r.experiment, 'base', '', '', '', '0', '', '0', String(r.base.seeds), ...METRICS.flatMap((m) => cells(r.base[m]))].join(','),
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
					...METRICS.flatMap((m) => cells(x[m])),
				]
					.map((c) => csvField(c))
					.join(','),
			);
		}
	}
	return `${lines.join('\n')}\n`;
}
