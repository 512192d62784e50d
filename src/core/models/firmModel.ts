/**
 * The firm's learner as a choice: L2 logistic regression (logistic.ts) or histogram gradient
 * boosting (boosting/), behind one fit / predict interface, so that the audit, the simulations and
 * the firm-side methods that work from scores or labels run with either.
 *
 * Every output names the model through {@link describeFirmModel}: its kind, its parameters and one
 * line of text. Warm starts apply to logistic regression only (a convex problem: the previous
 * optimum is a good start for the next one); boosting instead reuses its bins (binFeatures), which
 * depend on the features alone. See docs/methods.md, "The firm's learner".
 */
import type { FeatureMatrix } from '../encoding/matrix';
import {
	binFeatures,
	boostingDecisionFunction,
	fitBoosting,
	resolveBoostingParams,
	treeCount,
	type BinnedFeatures,
	type BoostingFit,
	type BoostingModel,
	type BoostingParams,
	type BoostingParamsInput,
} from './boosting';
import { decisionFunction, fitLogistic, type LogisticFit } from './logistic';
import type { LogisticModel } from './logisticModel';
import { labelsAtThreshold, probabilitiesInPlace } from './predictions';

export const FIRM_MODEL_KINDS = ['logistic', 'boosting'] as const;
export type FirmModelKind = (typeof FIRM_MODEL_KINDS)[number];

/** Which learner, with which parameters. */
export type FirmModelSpec =
	{ readonly kind: 'logistic'; readonly C?: number } | { readonly kind: 'boosting'; readonly params?: BoostingParamsInput };

export type FittedFirmModel =
	| { readonly kind: 'logistic'; readonly model: LogisticModel; readonly fit: LogisticFit; readonly C: number; readonly seconds: number }
	| { readonly kind: 'boosting'; readonly model: BoostingModel; readonly fit: BoostingFit; readonly seconds: number };

export interface FirmFitOptions {
	/** Non-negative weight per matrix row (reweighing). */
	readonly sampleWeight?: ArrayLike<number>;
	/** Training rows (matrix row indices); default all rows. */
	readonly rows?: Int32Array;
	readonly signal?: { aborted: boolean };
	/** A previous logistic fit on the same matrix to start from (ignored for boosting). */
	readonly warmStart?: FittedFirmModel;
	/** Bins of the same matrix and rows (boosting only; built when absent). */
	readonly bins?: BinnedFeatures;
}

/** The model as reports and JSON output carry it. */
export type FirmModelDescription =
	| {
			readonly kind: 'logistic-regression';
			readonly text: string;
			readonly C: number;
			readonly solver: string;
			readonly iterations: number;
			readonly converged: boolean;
			readonly objective: number;
			readonly seconds: number;
	  }
	| {
			readonly kind: 'gradient-boosting';
			readonly text: string;
			readonly params: BoostingParams;
			readonly iterations: number;
			/** Leaves summed over the trees. */
			readonly leaves: number;
			readonly trainLogLoss: number;
			readonly stoppedEarly: boolean;
			/** Always true: boosting has no convergence test; kept so readers of `converged` need no special case. */
			readonly converged: true;
			readonly seconds: number;
			/** Absent: logistic-regression fields, declared so that readers of either kind type-check. */
			readonly C?: undefined;
			readonly solver?: undefined;
			readonly objective?: undefined;
	  };

/** Parses a --model value; throws naming the option and the accepted values. */
export function parseFirmModelKind(value: string, option = '--model'): FirmModelKind {
	if ((FIRM_MODEL_KINDS as readonly string[]).includes(value)) {
		return value as FirmModelKind;
	}
	throw new Error(`${option} must be one of ${FIRM_MODEL_KINDS.join(', ')}; got '${value}'`);
}

/** Fits the chosen learner; errors are the learner's own (single class, bad parameters, …). */
export function fitFirmModel(spec: FirmModelSpec, x: FeatureMatrix, y: ArrayLike<number>, options: FirmFitOptions = {}): FittedFirmModel {
	const started = performance.now();
	if (spec.kind === 'logistic') {
		const C = spec.C ?? 1;
		const warm = options.warmStart?.kind === 'logistic' ? options.warmStart.model : undefined;
		// The warm start's Hessian factor preconditions the refit (newton.ts); it is ignored when the rows differ.
		const factor = options.warmStart?.kind === 'logistic' ? options.warmStart.fit.hessianFactor : undefined;
		const fit = fitLogistic(x, y, {
			C,
			...(factor !== undefined ? { hessianFactor: factor } : {}),
			...(options.rows !== undefined ? { rows: options.rows } : {}),
			...(options.sampleWeight !== undefined ? { sampleWeight: options.sampleWeight } : {}),
			...(options.signal !== undefined ? { signal: options.signal } : {}),
			...(warm !== undefined ? { warmStart: warm } : {}),
		});
		return { kind: 'logistic', model: fit.model, fit, C, seconds: (performance.now() - started) / 1000 };
	}
	if (spec.kind === 'boosting') {
		const fit = fitBoosting(x, y, {
			...spec.params,
			...(options.rows !== undefined ? { rows: options.rows } : {}),
			...(options.sampleWeight !== undefined ? { sampleWeight: options.sampleWeight } : {}),
			...(options.signal !== undefined ? { signal: options.signal } : {}),
			...(options.bins !== undefined ? { bins: options.bins } : {}),
		});
		return { kind: 'boosting', model: fit.model, fit, seconds: (performance.now() - started) / 1000 };
	}
	throw new Error(`unknown firm model '${String((spec as { kind: unknown }).kind)}'; expected ${FIRM_MODEL_KINDS.join(' or ')}`);
}

/** Bins for repeated boosting fits on the same rows (undefined for logistic regression, which has none). */
export function firmModelBins(spec: FirmModelSpec, x: FeatureMatrix, rows?: Int32Array): BinnedFeatures | undefined {
	if (spec.kind !== 'boosting') {
		return undefined;
	}
	const params = resolveBoostingParams(spec.params);
	return binFeatures(x, rows, params.maxBins, params.seed);
}

/** Log-odds scores of the requested rows (default all), in row order. */
export function firmDecisionFunction(fitted: FittedFirmModel, x: FeatureMatrix, rows?: Int32Array): Float64Array {
	return fitted.kind === 'logistic' ? decisionFunction(fitted.model, x, rows) : boostingDecisionFunction(fitted.model, x, rows);
}

/** P(y = 1 | x) for the requested rows. */
export function firmPredictProba(fitted: FittedFirmModel, x: FeatureMatrix, rows?: Int32Array): Float64Array {
	return probabilitiesInPlace(firmDecisionFunction(fitted, x, rows));
}

/** 1 where P(y = 1 | x) > threshold (strict: a score of exactly 0 is class 0, as in scikit-learn). */
export function firmPredictLabels(fitted: FittedFirmModel, x: FeatureMatrix, rows?: Int32Array, threshold = 0.5): Uint8Array {
	return labelsAtThreshold(firmDecisionFunction(fitted, x, rows), threshold, 'firm model');
}

/** One line naming a spec, before any fit (for progress lines and headers). */
export function firmModelName(spec: FirmModelSpec): string {
	if (spec.kind === 'logistic') {
		return `logistic regression (C = ${spec.C ?? 1})`;
	}
	const p = resolveBoostingParams(spec.params);
	return `gradient boosting (${p.earlyStopping ? `up to ${p.maxIterations} trees, early stopping` : `${p.maxIterations} trees`}, ${p.maxLeaves} leaves, learning rate ${p.learningRate}, L2 ${p.l2Regularization}, min ${p.minSamplesLeaf} rows per leaf)`;
}

/** What a fit was and did, for reports and JSON output. */
export function describeFirmModel(fitted: FittedFirmModel): FirmModelDescription {
	if (fitted.kind === 'logistic') {
		const f = fitted.fit;
		return {
			kind: 'logistic-regression',
			text: `logistic regression (C = ${fitted.C}), ${f.solver}, ${f.iterations} iterations${f.converged ? '' : ', not converged'}`,
			C: fitted.C,
			solver: f.solver,
			iterations: f.iterations,
			converged: f.converged,
			objective: f.objective,
			seconds: fitted.seconds,
		};
	}
	const f = fitted.fit;
	const leaves = f.leaves.reduce((s, l) => s + l, 0);
	const trees = treeCount(fitted.model);
	return {
		kind: 'gradient-boosting',
		text: `${firmModelName({ kind: 'boosting', params: f.params })}: ${trees} trees grown${f.stoppedEarly ? ' (stopped early)' : ''}, ${leaves} leaves in all`,
		params: f.params,
		iterations: f.iterations,
		leaves,
		trainLogLoss: f.trainLoss,
		stoppedEarly: f.stoppedEarly,
		converged: true,
		seconds: fitted.seconds,
	};
}
