/**
 * Synthetic tabular data with KNOWN counterfactuals, for testing the audit and the collective
 * simulation where the truth is available (real datasets never give x_{A←majority}).
 *
 * Structural causal model (the picture of Ben-Dov et al. 2025, §1.2 of the design notes: group
 * membership A and other factors U cause the features X and the label Y):
 *
 *   A ~ Bernoulli(minorityFraction)                      1 = minority, 0 = majority
 *   U = (ability, experience, motivation) ~ N(0, I₃)      latent, never written out
 *   ε = (ε_age, ε_years, ε_test, ε_income, ε_hours, ε_edu, ε_y) ~ N(0, I₇), v_region ~ U(0, 1)
 *   X = f(U, A, ε)                                        see {@link structuralFeatures}
 *   merit = (1.0·ability + 0.7·experience + 0.5·motivation + 0.9·ε_y) / ‖·‖   (standard normal)
 *   fair outcome      = 1{merit > θ}                       depends on U and ε only, never on A
 *   recorded label Y  = 1{merit − labelBias·A > θ}         biased against the minority
 *
 * The counterfactual for a row is the same equations with A set to 0 and the same U, ε and v:
 * x_{A←majority} = f(U, 0, ε) and Y_{A←majority} = 1{merit > θ} (the fair outcome). For majority
 * rows both are therefore identical to the factual values; for minority rows the shifted features
 * move up and the label can only move from unfavourable to favourable.
 *
 * Calibration (defaults, 20,000 rows, L2 logistic regression on X without A, 70/30 split): error
 * ≈ 0.2 and equalized odds (mean of the |ΔTPR| and |ΔFPR| gaps) ≈ 0.1–0.15, in the range of Adult and
 * COMPAS; see test/unit/core/synthetic/generate.test.ts, which re-checks it.
 */
import { narrowCodes } from '../csv/codes';
import type { CategoricalColumn, Column, NumericColumn, Table } from '../csv/table';
import { createRandom, deriveSeed, type Random } from '../random';
import { resolveSyntheticOptions, type ResolvedSyntheticOptions, type SyntheticOptions } from './options';

export interface SyntheticRoles {
	readonly sensitive: 'group';
	readonly minority: readonly ['minority'];
	readonly majority: readonly ['majority'];
	readonly label: 'label';
	readonly favourable: readonly ['favourable'];
	/** Names of the `cf_` columns, in table order: `cf_<feature>` for each A-dependent feature, then `cf_label`. */
	readonly counterfactualColumns: readonly string[];
}

export interface SyntheticDataset {
	readonly table: Table;
	readonly roles: SyntheticRoles;
	/** The options used, defaults filled in. */
	readonly options: ResolvedSyntheticOptions;
}

/** Feature columns in table order (between `group` and `label`). */
export const SYNTHETIC_FEATURES = ['age', 'years_experience', 'test_score', 'income', 'hours_per_week', 'education', 'region'] as const;
/**
 * The features whose structural equation contains A; each gets a `cf_` column. The schema does not
 * depend on `groupShift`: with groupShift 0 the `cf_` columns simply equal the factual ones.
 */
export const SYNTHETIC_GROUP_DEPENDENT_FEATURES = ['years_experience', 'test_score', 'income', 'education', 'region'] as const;

export const EDUCATION_LEVELS = ['high-school', 'some-college', 'bachelor', 'graduate'] as const;
export const REGION_LEVELS = ['north', 'east', 'south', 'west'] as const;

/** Thresholds on the education latent (0.8·ability + 0.6·ε_edu − 0.6·shift·A, sd 1 for the majority). */
const EDUCATION_CUTS = [-0.5, 0.45, 1.1] as const;
/** Region log-odds for the majority, and the shift added per unit of groupShift for the minority. */
const REGION_BASE_LOGITS = [0.4, 0, 0, -0.1] as const;
const REGION_MINORITY_SHIFT = [-0.8, 0.1, 0.9, -0.3] as const;
/** Merit weights of (ability, experience, motivation, ε_y) before normalisation to unit variance. */
const MERIT_WEIGHTS = [1.0, 0.7, 0.5, 0.9] as const;
const MERIT_NORM = Math.hypot(...MERIT_WEIGHTS);
/** θ: P(N(0,1) > 0.45) ≈ 0.33 of rows have a favourable fair outcome. */
const MERIT_THRESHOLD = 0.45;

/** One row's exogenous draws: everything but A. Drawn once, used for the factual and the counterfactual. */
interface Exogenous {
	ability: number;
	experience: number;
	motivation: number;
	eAge: number;
	eYears: number;
	eTest: number;
	eIncome: number;
	eHours: number;
	eEducation: number;
	vRegion: number;
}

/** The feature values of one row (education and region as level indices). */
interface FeatureValues {
	age: number;
	years_experience: number;
	test_score: number;
	income: number;
	hours_per_week: number;
	education: number;
	region: number;
}

/**
 * f(U, A, ε): the features of a row with group indicator `minority` (0 or 1) and shift `shift`.
 * Rounding and clipping are part of f, so the counterfactual goes through exactly the same steps.
 */
function structuralFeatures(e: Exogenous, minority: 0 | 1, shift: number): FeatureValues {
	const a = minority * shift;
	const age = clamp(Math.round(38 + 9 * e.experience + 5 * e.eAge), 18, 75);
	const years = clamp(Math.round(12 + 5 * e.experience + 2.5 * e.eYears - 3 * a), 0, age - 16);
	const test = clamp(Math.round(10 * (60 + 12 * e.ability + 6 * e.eTest - 8 * a)) / 10, 0, 100);
	const income =
		100 * Math.round(Math.exp(10.6 + 0.25 * e.ability + 0.2 * e.experience + 0.1 * e.motivation + 0.3 * e.eIncome - 0.25 * a) / 100);
	const hours = clamp(Math.round(40 + 5 * e.motivation + 6 * e.eHours), 5, 90);
	const educationLatent = 0.8 * e.ability + 0.6 * e.eEducation - 0.6 * a;
	let education = 0;
	while (education < EDUCATION_CUTS.length && educationLatent > EDUCATION_CUTS[education]!) {
		education++;
	}
	return { age, years_experience: years, test_score: test, income, hours_per_week: hours, education, region: regionLevel(e.vRegion, a) };
}

/**
 * Region by inverse CDF of a softmax whose logits move with A. Using the same uniform v for the
 * factual and the counterfactual couples them: a minority row keeps its region unless the
 * majority's distribution puts v in a different level.
 */
function regionLevel(v: number, groupEffect: number): number {
	const weights = REGION_BASE_LOGITS.map((logit, k) => Math.exp(logit + groupEffect * REGION_MINORITY_SHIFT[k]!));
	const total = weights.reduce((s, w) => s + w, 0);
	let cumulative = 0;
	for (let k = 0; k < weights.length - 1; k++) {
		cumulative += weights[k]! / total;
		if (v < cumulative) {
			return k;
		}
	}
	return weights.length - 1;
}

/** Clipping; `+ 0` turns the −0 that Math.round(−0.3) gives into +0, which the CSV writes as "0" anyway. */
function clamp(x: number, lo: number, hi: number): number {
	return (x < lo ? lo : x > hi ? hi : x) + 0;
}

/**
 * Generates a dataset from the model above. Deterministic: the same options give the identical
 * table. Independent streams (derived from the seed) are used for group membership, latents,
 * noise and missingness, so e.g. changing `minorityFraction` or `missingRate` keeps every row's U and ε.
 * @throws RangeError when an option is out of range (see {@link resolveSyntheticOptions}).
 */
export function generateSynthetic(options: SyntheticOptions): SyntheticDataset {
	const resolved = resolveSyntheticOptions(options);
	const { rows, seed, minorityFraction, groupShift, labelBias, missingRate } = resolved;
	const groupRandom = createRandom(deriveSeed(seed, 'synthetic', 'group'));
	const latentRandom = createRandom(deriveSeed(seed, 'synthetic', 'latent'));
	const noiseRandom = createRandom(deriveSeed(seed, 'synthetic', 'noise'));
	const missingRandom = createRandom(deriveSeed(seed, 'synthetic', 'missing'));

	const group = new Int32Array(rows);
	const label = new Int32Array(rows);
	const cfLabel = new Int32Array(rows);
	const factual = allocateFeatures(rows);
	const counterfactual = allocateFeatures(rows);

	for (let i = 0; i < rows; i++) {
		const minority: 0 | 1 = groupRandom.next() < minorityFraction ? 1 : 0;
		const e = drawExogenous(latentRandom, noiseRandom);
		const eMerit = noiseRandom.normal();
		const merit =
			(MERIT_WEIGHTS[0] * e.ability + MERIT_WEIGHTS[1] * e.experience + MERIT_WEIGHTS[2] * e.motivation + MERIT_WEIGHTS[3] * eMerit) /
			MERIT_NORM;
		group[i] = minority;
		// Codes: 0 = favourable, 1 = unfavourable (levels fixed below).
		label[i] = merit - labelBias * minority > MERIT_THRESHOLD ? 0 : 1;
		cfLabel[i] = merit > MERIT_THRESHOLD ? 0 : 1;
		const x = structuralFeatures(e, minority, groupShift);
		const xCf = minority === 1 ? structuralFeatures(e, 0, groupShift) : x;
		for (const name of SYNTHETIC_FEATURES) {
			// Always draw, so the missingness stream does not depend on earlier outcomes.
			const isMissing = missingRandom.next() < missingRate;
			factual[name][i] = isMissing ? Number.NaN : x[name];
			counterfactual[name][i] = isMissing ? Number.NaN : xCf[name];
		}
	}

	const featureColumn = (name: (typeof SYNTHETIC_FEATURES)[number], values: Float64Array, columnName: string): Column => {
		if (name === 'education') {
			return categoricalFromValues(columnName, values, EDUCATION_LEVELS);
		}
		if (name === 'region') {
			return categoricalFromValues(columnName, values, REGION_LEVELS);
		}
		return numericColumn(columnName, values);
	};
	const columns: Column[] = [categoricalFromCodes('group', group, ['majority', 'minority'])];
	for (const name of SYNTHETIC_FEATURES) {
		columns.push(featureColumn(name, factual[name], name));
	}
	columns.push(categoricalFromCodes('label', label, ['favourable', 'unfavourable']));
	const counterfactualColumns: string[] = [];
	for (const name of SYNTHETIC_GROUP_DEPENDENT_FEATURES) {
		counterfactualColumns.push(`cf_${name}`);
		columns.push(featureColumn(name, counterfactual[name], `cf_${name}`));
	}
	counterfactualColumns.push('cf_label');
	columns.push(categoricalFromCodes('cf_label', cfLabel, ['favourable', 'unfavourable']));

	return {
		table: { columns, rowCount: rows },
		roles: {
			sensitive: 'group',
			minority: ['minority'],
			majority: ['majority'],
			label: 'label',
			favourable: ['favourable'],
			counterfactualColumns,
		},
		options: resolved,
	};
}

function drawExogenous(latent: Random, noise: Random): Exogenous {
	return {
		ability: latent.normal(),
		experience: latent.normal(),
		motivation: latent.normal(),
		eAge: noise.normal(),
		eYears: noise.normal(),
		eTest: noise.normal(),
		eIncome: noise.normal(),
		eHours: noise.normal(),
		eEducation: noise.normal(),
		vRegion: noise.next(),
	};
}

function allocateFeatures(rows: number): Record<(typeof SYNTHETIC_FEATURES)[number], Float64Array> {
	return {
		age: new Float64Array(rows),
		years_experience: new Float64Array(rows),
		test_score: new Float64Array(rows),
		income: new Float64Array(rows),
		hours_per_week: new Float64Array(rows),
		education: new Float64Array(rows),
		region: new Float64Array(rows),
	};
}

function numericColumn(name: string, values: Float64Array): NumericColumn {
	let missing = 0;
	for (let i = 0; i < values.length; i++) {
		if (Number.isNaN(values[i]!)) {
			missing++;
		}
	}
	return { kind: 'numeric', name, values, missing };
}

/** Level indices stored as doubles (NaN = missing) → categorical column. */
function categoricalFromValues(name: string, values: Float64Array, levels: readonly string[]): CategoricalColumn {
	const codes = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		codes[i] = Number.isNaN(v) ? -1 : v;
	}
	return categoricalFromCodes(name, codes, levels);
}

/**
 * Builds a categorical column whose levels are in order of first appearance (the invariant of
 * {@link CategoricalColumn}, so a generated table equals the table parsed back from its CSV);
 * levels that never occur are dropped. `codes` index `levels` (−1 = missing) and are rewritten in place.
 */
export function categoricalFromCodes(name: string, codes: Int32Array, levels: readonly string[]): CategoricalColumn {
	const remap = new Int32Array(levels.length).fill(-1);
	const ordered: string[] = [];
	let missing = 0;
	for (let i = 0; i < codes.length; i++) {
		const code = codes[i]!;
		if (code < 0) {
			missing++;
			continue;
		}
		if (remap[code] === -1) {
			remap[code] = ordered.length;
			ordered.push(levels[code]!);
		}
		codes[i] = remap[code]!;
	}
	// Stored as narrow as the readers store them, so the table equals the one parsed back from its CSV.
	return { kind: 'categorical', name, codes: narrowCodes(codes, ordered.length), levels: ordered, missing };
}
