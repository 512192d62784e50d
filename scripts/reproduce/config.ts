/**
 * What `npm run reproduce` runs: the datasets with their roles (docs/datasets.md, exactly), and the
 * grids chosen so that the whole run fits in 15 minutes on a 2-core machine.
 */
import { DEFAULT_ALPHAS, METHODS } from '../../src/shared/runParameters';

export interface DatasetConfig {
	/** File stem of the outputs under docs/reproduction/. */
	readonly id: string;
	readonly title: string;
	/** Relative to the datasets folder, or to the repository for the bundled sample. */
	readonly file: string;
	readonly bundled?: boolean;
	/** CLI role flags (none: the sidecar next to the file). */
	readonly roles: readonly string[];
	/** One line for the report: sensitive attribute, minority vs majority, favourable label. */
	readonly rolesText: string;
	readonly seeds: number;
	/** Over 10,000 rows: 3 seeds, a coarser α grid and no knowledge experiment (the 15-minute budget). */
	readonly large?: boolean;
	/** Also run the flips experiment with the blind firm (`--exclude-sensitive`), the sensitivity section. */
	readonly blind?: boolean;
	/** Runs only size and flips (the COMPAS exploration). */
	readonly exploration?: boolean;
	/** The poster dataset this one corresponds to, for the comparison table. */
	readonly poster?: string;
}

const COMPAS_FEATURES = 'sex,age,age_cat,juv_fel_count,juv_misd_count,juv_other_count,priors_count,c_charge_degree';

/** Seeds: 10 under 10,000 rows (COMPAS, German credit, the synthetic sample); 3 for the large tables (20k–45k rows). */
export const DATASETS: readonly DatasetConfig[] = [
	{
		id: 'adult-sex',
		title: 'Adult (sex)',
		file: 'adult.csv',
		seeds: 3,
		large: true,
		blind: true,
		poster: 'Adult',
		roles: ['--sensitive', 'sex', '--minority', 'Female', '--label', 'income-per-year', '--positive', '>50K'],
		rolesText: '`sex`: Female (minority) vs Male; label `income-per-year`, favourable `>50K`; all 13 other columns as features',
	},
	{
		id: 'adult-race',
		title: 'Adult (race)',
		file: 'adult.csv',
		seeds: 3,
		large: true,
		poster: 'Adult',
		roles: ['--sensitive', 'race', '--minority', 'Black', '--majority', 'White', '--label', 'income-per-year', '--positive', '>50K'],
		rolesText:
			'`race`: Black (minority) vs White, other races left out; label `income-per-year`, favourable `>50K`; all 13 other columns as features',
	},
	{
		id: 'compas',
		title: 'COMPAS (race)',
		file: 'compas.csv',
		seeds: 10,
		blind: true,
		poster: 'COMPAS',
		roles: [
			'--sensitive',
			'race',
			'--minority',
			'African-American',
			'--majority',
			'Caucasian',
			'--label',
			'two_year_recid',
			'--positive',
			'0',
			'--features',
			COMPAS_FEATURES,
		],
		rolesText: `\`race\`: African-American (the collective) vs Caucasian, other races left out; label \`two_year_recid\`, favourable \`0\` (no recidivism); ProPublica features \`${COMPAS_FEATURES}\``,
	},
	{
		id: 'german-credit',
		title: 'German credit',
		file: 'german-credit.csv',
		seeds: 10,
		blind: true,
		roles: ['--sensitive', 'personal_status', '--minority', 'female div/dep/mar', '--label', 'class', '--positive', 'good'],
		rolesText:
			'`personal_status`: `female div/dep/mar` (minority) vs the rest pooled; label `class`, favourable `good`; all 19 other columns',
	},
	{
		id: 'bank',
		title: 'Bank marketing',
		file: 'bank.csv',
		seeds: 3,
		large: true,
		roles: ['--sensitive', 'marital', '--minority', 'single', '--label', 'y', '--positive', 'yes'],
		rolesText: '`marital`: single (minority) vs married; label `y`, favourable `yes`; all 15 other columns',
	},
	{
		id: 'law-school',
		title: 'Law school',
		file: 'law-school.csv',
		seeds: 3,
		large: true,
		blind: true,
		roles: ['--sensitive', 'race', '--minority', 'Non-White', '--majority', 'White', '--label', 'pass_bar', '--positive', '1'],
		rolesText: '`race`: Non-White (minority) vs White; label `pass_bar`, favourable `1`; all 10 other columns',
	},
	{
		id: 'credit-default',
		title: 'Credit default',
		file: 'credit-default.csv',
		seeds: 3,
		large: true,
		roles: ['--sensitive', 'SEX', '--minority', '1', '--label', 'default payment', '--positive', '0'],
		rolesText: '`SEX`: `1` (male, the smaller group) vs `2`; label `default payment`, favourable `0` (no default); all 22 other columns',
	},
	{
		id: 'synthetic',
		title: 'Synthetic (bundled)',
		file: 'samples/synthetic.csv',
		bundled: true,
		seeds: 10,
		roles: [],
		rolesText:
			'`group`: minority vs majority; label `label`, favourable `favourable`; 7 features, the `cf_*` counterfactual columns excluded (roles from `samples/synthetic.fairness.json`)',
	},
	{
		id: 'compas-caucasian',
		title: 'COMPAS exploration: Caucasian collective, favourable = recidivism 1',
		file: 'compas.csv',
		seeds: 10,
		exploration: true,
		roles: [
			'--sensitive',
			'race',
			'--minority',
			'Caucasian',
			'--majority',
			'African-American',
			'--label',
			'two_year_recid',
			'--positive',
			'1',
			'--features',
			COMPAS_FEATURES,
		],
		rolesText:
			'`race`: Caucasian (the smaller group, acting) vs African-American; label `two_year_recid`, "favourable" `1` (recidivism), so the collective\'s flips 0 → 1 move its own members towards the prediction the larger group receives more often',
	},
];

/** The grids, stated in the report. */
export const GRID = {
	alphas: [...DEFAULT_ALPHAS],
	/** The large tables' α grid (the size experiment is their costliest run). */
	largeAlphas: [0.05, 0.1, 0.2, 0.3, 0.4, 0.5],
	sizeFlips: 6,
	flipsAlpha: 0.3,
	flipsFlips: 10,
	knowledgeRows: 10,
	knowledgeFlips: 6,
	knowledgeMethods: ['rb-prob', 'rb-label', 'rb-dist'],
	methods: [...METHODS],
	k: 5,
	firmMethods: ['calibrated-eqodds', 'eqodds-thresholds', 'fare', 'reweighing', 'massaging'],
	/** FARE's sweep, trimmed from the CLI's 6 × 6 (a tree per point and seed is the costly part). */
	fareGammas: [0, 0.5, 0.9, 0.99],
	fareLeaves: [2, 8, 32],
	/** Concurrent CLI runs, one core each. */
	slots: 2,
	budgetSeconds: 15 * 60,
} as const;

/** `blind`: the flips experiment with the blind firm (`--exclude-sensitive`). */
export type Experiment = 'size' | 'flips' | 'knowledge' | 'compare' | 'blind';
export const EXPERIMENTS: readonly Experiment[] = ['size', 'flips', 'knowledge', 'compare', 'blind'];

export function alphasOf(d: DatasetConfig): readonly number[] {
	return d.large === true ? GRID.largeAlphas : GRID.alphas;
}

/** The flips experiment's grid (α, values of M), shared by the logistic and the boosting sections. */
export const FLIPS_EXPERIMENT_ARGS: readonly string[] = [
	'--experiment',
	'flips',
	'--alpha',
	String(GRID.flipsAlpha),
	'--flips',
	String(GRID.flipsFlips),
];

/**
 * One `simulate` run of the reproduction: FILE, the experiment and its grid, the methods (all four
 * unless given), k, one worker (the runs themselves share the cores, GRID.slots at a time), then
 * the run's roles, seeds and output options.
 */
export function simulateArgs(
	file: string,
	experiment: readonly string[],
	rest: readonly string[],
	methods: readonly string[] = GRID.methods,
): string[] {
	return ['simulate', file, ...experiment, '--methods', methods.join(','), '--k', String(GRID.k), '--workers', '1', ...rest];
}

/**
 * The arguments of one run: after `node dist/cli.js` for the simulations, after
 * `node out/reproduce/compareRun.js` (scripts/reproduce/compareRun.ts) for compare.
 */
export function cliArgs(d: DatasetConfig, experiment: Experiment, file: string): string[] {
	const common = [...d.roles, '--seeds', String(d.seeds), '--json'];
	switch (experiment) {
		case 'size':
			return simulateArgs(file, ['--experiment', 'size', '--alphas', alphasOf(d).join(','), '--flips', String(GRID.sizeFlips)], common);
		case 'flips':
			return simulateArgs(file, FLIPS_EXPERIMENT_ARGS, common);
		case 'blind':
			return [...cliArgs(d, 'flips', file), '--exclude-sensitive'];
		case 'knowledge':
			return simulateArgs(
				file,
				[
					'--experiment',
					'knowledge',
					'--alpha',
					String(GRID.flipsAlpha),
					'--knowledge',
					String(GRID.knowledgeRows),
					'--flips',
					String(GRID.knowledgeFlips),
				],
				common,
				GRID.knowledgeMethods,
			);
		case 'compare':
			return [file, ...d.roles, '--seeds', String(d.seeds)];
	}
}

export function experimentsOf(d: DatasetConfig): Experiment[] {
	if (d.exploration === true) {
		return ['size', 'flips'];
	}
	return ['size', 'flips', 'compare', ...(d.large === true ? [] : ['knowledge' as const]), ...(d.blind === true ? ['blind' as const] : [])];
}
