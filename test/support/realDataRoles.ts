/**
 * The roles the tests and the bench pose on the real datasets (located by datasets.ts), declared
 * once so that a parity test, a unit test, the server test and the bench timing the same problem
 * pose it alike.
 */
import type { Sidecar } from '../../src/core/roles/sidecar';

/** ProPublica's usual COMPAS features (no dates, case numbers, scores or outcome columns). */
export const COMPAS_FEATURES: readonly string[] = [
	'sex',
	'age',
	'age_cat',
	'juv_fel_count',
	'juv_misd_count',
	'juv_other_count',
	'priors_count',
	'c_charge_degree',
];

/** Adult by sex: Female minority, every other row (Male) the majority; all other columns features. */
export const ADULT_SEX: Sidecar = {
	version: 1,
	sensitive: { column: 'sex', minority: ['Female'] },
	label: { column: 'income-per-year', favourable: ['>50K'] },
};

/** Adult by race: Black minority, White majority, the other values left out. */
export const ADULT_RACE: Sidecar = {
	version: 1,
	sensitive: { column: 'race', minority: ['Black'], majority: ['White'], others: 'exclude' },
	label: { column: 'income-per-year', favourable: ['>50K'] },
};

/** COMPAS by race: African-American minority, Caucasian majority; favourable = no two-year recidivism. */
export const COMPAS_RACE: Sidecar = {
	version: 1,
	sensitive: { column: 'race', minority: ['African-American'], majority: ['Caucasian'], others: 'exclude' },
	label: { column: 'two_year_recid', favourable: ['0'] },
	features: { include: COMPAS_FEATURES },
};
