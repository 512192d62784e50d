/**
 * What the boosting section runs (boosting.ts): two datasets, both firms, the flips and size
 * experiments. The grids are reproduce's own (config.ts GRID) except where the budget says
 * otherwise: boosting fits 100 trees per refit, about 50 times a logistic refit on Adult, on a
 * machine shared with other work, so the size experiment takes a coarser α grid and fewer seeds.
 */
import { FLIPS_EXPERIMENT_ARGS, simulateArgs, type DatasetConfig } from './config';

export interface BoostingPlan {
	/** Id of the dataset in config.ts (its roles and file). */
	readonly dataset: string;
	/** Rough row count, for scheduling the longest runs first. */
	readonly rows: number;
	readonly flipsSeeds: number;
	readonly sizeSeeds: number;
}

export const BOOSTING_PLAN: readonly BoostingPlan[] = [
	{ dataset: 'adult-sex', rows: 32_561, flipsSeeds: 5, sizeSeeds: 3 },
	{ dataset: 'compas', rows: 6_150, flipsSeeds: 10, sizeSeeds: 5 },
];

/** The size experiment's α grid and M points per α (coarser than reproduce's). */
export const BOOSTING_SIZE_ALPHAS = [0.1, 0.3, 0.5] as const;
export const BOOSTING_SIZE_FLIPS = 5;

export interface BoostingRunKey {
	readonly dataset: string;
	readonly model: 'logistic' | 'boosting';
	readonly experiment: 'flips' | 'size';
}

/** Markers around the section in docs/reproduction.md (report.ts keeps what lies between them). */
export const BOOSTING_BLOCK_START = '<!-- boosting section: written by scripts/reproduce/boosting.ts -->';
export const BOOSTING_BLOCK_END = '<!-- end of the boosting section -->';

/** The CLI arguments of one run (after `node dist/cli.js`). */
export function boostingArgs(d: DatasetConfig, plan: BoostingPlan, key: BoostingRunKey, file: string): string[] {
	const experiment =
		key.experiment === 'flips'
			? FLIPS_EXPERIMENT_ARGS
			: ['--experiment', 'size', '--alphas', BOOSTING_SIZE_ALPHAS.join(','), '--flips', String(BOOSTING_SIZE_FLIPS)];
	return simulateArgs(file, experiment, [
		...d.roles,
		'--seeds',
		String(key.experiment === 'flips' ? plan.flipsSeeds : plan.sizeSeeds),
		...(key.model === 'boosting' ? ['--model', 'boosting'] : []),
		'--json',
	]);
}

/** Replaces the block between the markers (or appends it before the Timing section when absent). */
export function spliceBlock(report: string, block: string): string {
	const wrapped = `${BOOSTING_BLOCK_START}\n${block.trimEnd()}\n${BOOSTING_BLOCK_END}`;
	const start = report.indexOf(BOOSTING_BLOCK_START);
	const end = report.indexOf(BOOSTING_BLOCK_END);
	if (start >= 0 && end > start) {
		return report.slice(0, start) + wrapped + report.slice(end + BOOSTING_BLOCK_END.length);
	}
	const timing = report.indexOf('\n## Timing');
	return timing >= 0 ? `${report.slice(0, timing)}\n${wrapped}\n${report.slice(timing)}` : `${report.trimEnd()}\n\n${wrapped}\n`;
}
