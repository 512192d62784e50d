/** Synthetic data with known counterfactuals (written as CSV by src/shared/csvWriter.ts). */
export { generateSynthetic, SYNTHETIC_FEATURES, SYNTHETIC_GROUP_DEPENDENT_FEATURES, EDUCATION_LEVELS, REGION_LEVELS } from './generate';
export type { SyntheticDataset, SyntheticRoles } from './generate';
export { resolveSyntheticOptions, SYNTHETIC_DEFAULTS, MAX_SYNTHETIC_ROWS } from './options';
export type { SyntheticOptions, ResolvedSyntheticOptions } from './options';
export {
	generateToy,
	resolveToyOptions,
	toySidecar,
	TOY_DEFAULTS,
	TOY_FEATURES,
	TOY_COUNTERFACTUAL_COLUMNS,
	TOY_TEST_FRACTION,
} from './toy';
export type { ToyDataset, ToyOptions, ResolvedToyOptions } from './toy';
