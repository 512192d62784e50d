/** Simulation rows as CSV (one row per method × knowledge × α × grid point), for spreadsheets and R. */
import type { SeedSummary } from '../core/collective/aggregate';
import type { SimulationResult } from '../core/collective/simulate';
import { csvField } from '../shared/csvWriter';

const METRICS = ['error', 'spd', 'eqod', 'eqodMax', 'success', 'counterfactualGap'] as const;

export function simulationCsv(r: SimulationResult): string {
	const rows = r.grid ?? r.rows;
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
	const cells = (s: SeedSummary | undefined): string[] =>
		s === undefined || s.mean === null ? ['', '', '', ''] : [s.mean, s.sd, s.lo, s.hi].map(String);
	const lines = [header.join(',')];
	lines.push(
		[r.experiment, 'base', '', '0', '0', '0', '', '', String(r.base.seeds), ...METRICS.flatMap((m) => cells(r.base[m]))].join(','),
	);
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
	return `${lines.join('\n')}\n`;
}
