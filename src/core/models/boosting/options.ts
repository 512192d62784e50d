/**
 * Parameters of the histogram gradient-boosting classifier, their defaults and their checks.
 *
 * Names follow scikit-learn's HistGradientBoostingClassifier (learning_rate, max_iter,
 * max_leaf_nodes, max_depth, min_samples_leaf, l2_regularization, max_bins, validation_fraction,
 * n_iter_no_change, tol) so that the parity fixture can pass the same values to both. One
 * deliberate difference: early stopping is off unless asked for (scikit-learn's 'auto' turns it on
 * above 10,000 rows), so that the firm's model keeps the same number of trees from one refit to the
 * next along a simulation's grid and the audit names one fixed model.
 */

/** Every parameter resolved: what a fit used, as reports print it. */
export interface BoostingParams {
	/** Shrinkage applied to every leaf value, > 0 (default 0.1). */
	readonly learningRate: number;
	/** Boosting iterations (trees), an integer ≥ 1 (default 100); the cap when early stopping. */
	readonly maxIterations: number;
	/** Leaves per tree, an integer ≥ 2 (default 31); trees grow leaf-wise, best gain first. */
	readonly maxLeaves: number;
	/** Depth limit, an integer ≥ 1, or undefined for none (default none). */
	readonly maxDepth: number | null;
	/** Fewest training rows in a leaf, an integer ≥ 1 (default 20). */
	readonly minSamplesLeaf: number;
	/** L2 penalty λ on leaf values, ≥ 0: a leaf's value is −G / (H + λ) (default 0). */
	readonly l2Regularization: number;
	/** Bins per numeric feature for non-missing values, 2 … 255 (default 255); missing values get one more. */
	readonly maxBins: number;
	/** Stop when the validation log-loss has not improved by `tolerance` in `patience` iterations (default false). */
	readonly earlyStopping: boolean;
	/** Share of the training rows held out, stratified by label, when early stopping (default 0.1). */
	readonly validationFraction: number;
	/** Iterations without improvement before stopping (scikit-learn's n_iter_no_change; default 10). */
	readonly patience: number;
	/** Smallest improvement of the validation loss that counts (scikit-learn's tol; default 1e-7). */
	readonly tolerance: number;
	/** Seed of the validation split and of the binning subsample above 200,000 rows (default 0). */
	readonly seed: number;
}

/** What a caller sets; the rest take {@link BOOSTING_DEFAULTS}. */
export type BoostingParamsInput = Partial<BoostingParams>;

export const BOOSTING_DEFAULTS: BoostingParams = {
	learningRate: 0.1,
	maxIterations: 100,
	maxLeaves: 31,
	maxDepth: null,
	minSamplesLeaf: 20,
	l2Regularization: 0,
	maxBins: 255,
	earlyStopping: false,
	validationFraction: 0.1,
	patience: 10,
	tolerance: 1e-7,
	seed: 0,
};

/** Hard cap of {@link BoostingParams.maxBins}: bins are stored in a byte, the missing bin is 255. */
export const MAX_BINS = 255;
/** The bin that holds missing (NaN) values of a numeric feature. */
export const MISSING_BIN = 255;
/** Histogram slots per dense feature: the value bins and the missing bin after them. */
export const BINS_PER_FEATURE = MISSING_BIN + 1;
/** Rows above which bin edges are computed from a sample (scikit-learn's `subsample`). */
export const BINNING_SAMPLE = 200_000;

/** Resolves defaults and rejects bad values with a message naming the option and the value. */
export function resolveBoostingParams(input: BoostingParamsInput = {}): BoostingParams {
	const p = { ...BOOSTING_DEFAULTS };
	// Every parameter the input sets, over the defaults' keys (the input and the resolved set name the same ones).
	const take = <K extends keyof BoostingParams>(key: K): void => {
		const value: BoostingParams[K] | undefined = input[key];
		if (value !== undefined) {
			p[key] = value;
		}
	};
	for (const key of Object.keys(BOOSTING_DEFAULTS) as Array<keyof BoostingParams>) {
		take(key);
	}
	const fail = (option: string, value: unknown, need: string): never => {
		throw new Error(`gradient boosting: ${option} must be ${need}; got ${String(value)}`);
	};
	if (!(p.learningRate > 0) || !Number.isFinite(p.learningRate)) {
		fail('learningRate', p.learningRate, 'a finite number > 0');
	}
	const integerAtLeast = (option: keyof BoostingParams, value: number, least: number): void => {
		if (!Number.isInteger(value) || value < least) {
			fail(option, value, `an integer ≥ ${least}`);
		}
	};
	integerAtLeast('maxIterations', p.maxIterations, 1);
	integerAtLeast('maxLeaves', p.maxLeaves, 2);
	if (p.maxDepth !== null) {
		integerAtLeast('maxDepth', p.maxDepth, 1);
	}
	integerAtLeast('minSamplesLeaf', p.minSamplesLeaf, 1);
	integerAtLeast('patience', p.patience, 1);
	if (!(p.l2Regularization >= 0) || !Number.isFinite(p.l2Regularization)) {
		fail('l2Regularization', p.l2Regularization, 'a finite number ≥ 0');
	}
	if (!Number.isInteger(p.maxBins) || p.maxBins < 2 || p.maxBins > MAX_BINS) {
		fail('maxBins', p.maxBins, `an integer from 2 to ${MAX_BINS}`);
	}
	if (!(p.validationFraction > 0 && p.validationFraction < 1)) {
		fail('validationFraction', p.validationFraction, 'a number strictly between 0 and 1');
	}
	if (!(p.tolerance >= 0) || !Number.isFinite(p.tolerance)) {
		fail('tolerance', p.tolerance, 'a finite number ≥ 0');
	}
	if (!Number.isInteger(p.seed)) {
		fail('seed', p.seed, 'an integer');
	}
	if (typeof p.earlyStopping !== 'boolean') {
		fail('earlyStopping', p.earlyStopping, 'true or false');
	}
	return p;
}
