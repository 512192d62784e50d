/**
 * The firm's learner on the command line: `--model logistic|boosting` and the boosting parameters,
 * shared by every command that trains the firm. Parameter names follow scikit-learn's
 * HistGradientBoostingClassifier (in brackets in the help) so that a run can be repeated there.
 */
import { FIRM_MODEL_KINDS, parseFirmModelKind, type FirmModelSpec } from '../core/models/firmModel';
import { firmModelFromSidecar, type SidecarModel } from '../core/roles/sidecarModel';
import { parseNumberFlag } from './common';
import { UsageError } from './errors';

export const MODEL_OPTIONS = {
	model: { type: 'string' },
	'learning-rate': { type: 'string' },
	iterations: { type: 'string' },
	'max-leaves': { type: 'string' },
	'min-samples-leaf': { type: 'string' },
	l2: { type: 'string' },
	'early-stopping': { type: 'boolean' },
} as const;

export const MODEL_HELP = `  --model M               the firm's learner: logistic (default; L2 logistic regression, C = 1) |
                          boosting (histogram gradient boosting, binary log-loss)
  --learning-rate X       boosting: shrinkage of each tree, > 0 (default 0.1) [learning_rate]
  --iterations N          boosting: trees, 1 to 10000 (default 100) [max_iter]
  --max-leaves N          boosting: leaves per tree, 2 to 4096 (default 31) [max_leaf_nodes]
  --min-samples-leaf N    boosting: fewest training rows in a leaf, ≥ 1 (default 20) [min_samples_leaf]
  --l2 X                  boosting: L2 penalty on leaf values, ≥ 0 (default 0) [l2_regularization]
  --early-stopping        boosting: hold out 10 % of the training rows (seeded by --seed) and stop
                          once their log-loss has not improved for 10 trees
                          Without --model and boosting flags, the sidecar's "model" decides (if any)`;

export interface ModelFlagValues {
	readonly model?: string | undefined;
	readonly 'learning-rate'?: string | undefined;
	readonly iterations?: string | undefined;
	readonly 'max-leaves'?: string | undefined;
	readonly 'min-samples-leaf'?: string | undefined;
	readonly l2?: string | undefined;
	readonly 'early-stopping'?: boolean | undefined;
}

const BOOSTING_FLAGS = ['learning-rate', 'iterations', 'max-leaves', 'min-samples-leaf', 'l2', 'early-stopping'] as const;

/** The learner the flags ask for; `seed` seeds boosting's early-stopping split. Throws a UsageError naming the flag. */
export function firmModelFromFlags(values: ModelFlagValues, seed: number, flag = 'model'): FirmModelSpec {
	let kind: FirmModelSpec['kind'];
	try {
		kind = parseFirmModelKind(values.model ?? 'logistic', `--${flag}`);
	} catch (e) {
		throw new UsageError(e instanceof Error ? e.message : String(e));
	}
	const given = BOOSTING_FLAGS.filter((f) => values[f] !== undefined);
	if (kind !== 'boosting') {
		if (given.length > 0) {
			throw new UsageError(
				`--${given[0]} applies to --${flag} boosting only (the learner is ${kind}; choose one of ${FIRM_MODEL_KINDS.join(', ')})`,
			);
		}
		return { kind: 'logistic', C: 1 };
	}
	const learningRate = parseNumberFlag('learning-rate', values['learning-rate'], { min: 0, max: 1000 });
	if (learningRate === 0) {
		throw new UsageError(
			`--learning-rate must be a number > 0 (a rate of 0 never moves from the base rate), got '${values['learning-rate']}'`,
		);
	}
	const maxIterations = parseNumberFlag('iterations', values.iterations, { integer: true, min: 1, max: 10_000 });
	const maxLeaves = parseNumberFlag('max-leaves', values['max-leaves'], { integer: true, min: 2, max: 4096 });
	const minSamplesLeaf = parseNumberFlag('min-samples-leaf', values['min-samples-leaf'], { integer: true, min: 1, max: 1_000_000 });
	const l2Regularization = parseNumberFlag('l2', values.l2, { min: 0, max: 1e12 });
	return {
		kind: 'boosting',
		params: {
			seed,
			...(learningRate !== undefined ? { learningRate } : {}),
			...(maxIterations !== undefined ? { maxIterations } : {}),
			...(maxLeaves !== undefined ? { maxLeaves } : {}),
			...(minSamplesLeaf !== undefined ? { minSamplesLeaf } : {}),
			...(l2Regularization !== undefined ? { l2Regularization } : {}),
			...(values['early-stopping'] === true ? { earlyStopping: true } : {}),
		},
	};
}

/**
 * The learner of a run: the flags when they name one (--model or a boosting parameter), else the
 * sidecar's `model`, else logistic regression. Boosting flags never merge with the sidecar's
 * parameters: a run is described by its flags or by its sidecar, not a mixture of the two.
 */
export function firmModelForRun(values: ModelFlagValues, seed: number, sidecarModel: SidecarModel | undefined): FirmModelSpec {
	const flagged = values.model !== undefined || BOOSTING_FLAGS.some((f) => values[f] !== undefined);
	return flagged || sidecarModel === undefined ? firmModelFromFlags(values, seed) : firmModelFromSidecar(sidecarModel, seed);
}

export const COLLECTIVE_MODEL_OPTIONS = { 'collective-model': { type: 'string' } } as const;

export const COLLECTIVE_MODEL_HELP = `  --collective-model M    RB-prob's own scorer on the rows the collective knows: logistic (default,
                          C = 1) | boosting (scikit-learn's defaults); independent of --model`;

/** RB-prob's scorer, or undefined for the default (logistic regression), so default runs keep their parameters. */
export function collectiveModelFromFlags(value: string | undefined, seed: number): FirmModelSpec | undefined {
	if (value === undefined) {
		return undefined;
	}
	let kind: FirmModelSpec['kind'];
	try {
		kind = parseFirmModelKind(value, '--collective-model');
	} catch (e) {
		throw new UsageError(e instanceof Error ? e.message : String(e));
	}
	return kind === 'boosting' ? { kind: 'boosting', params: { seed } } : undefined;
}
