/**
 * The run-parameter vocabulary, declared once: the collective's methods, the experiments, the α
 * grid, and the default and range of every run parameter. Read by the core's parameter resolution
 * (src/core/collective/params.ts), the CLI's flags, the host's settings (src/config.ts), the
 * webview validator and the panel's controls; a test holds package.json's
 * `contributes.configuration` to it.
 *
 * Dependency-free on purpose: it is the one src/shared module src/core may import (the exception
 * is in eslint.config.mjs and docs/conventions.md), and it sits in every bundle, the browser's too.
 */

/** Which rows the collective relabels first (docs/methods.md, "Selection methods"). */
export const METHODS = ['rb-prob', 'rb-label', 'rb-dist', 'random'] as const;
export type Method = (typeof METHODS)[number];

export const EXPERIMENTS = ['size', 'flips', 'knowledge', 'minimum'] as const;
export type Experiment = (typeof EXPERIMENTS)[number];

/** Majority rows the collective knows: all of the training set's, or n of them drawn per seed. */
export type Knowledge = 'all' | number;

/** Seeds are 32-bit: a larger one would silently repeat a smaller one's draws (2³² = seed 0). */
export const MAX_SEED = 2 ** 32 - 1;

/** The α grid of the size and minimum experiments: 0.05 to 0.5 in steps of 0.05. */
export const DEFAULT_ALPHAS: readonly number[] = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

/**
 * A numeric range. `min`/`max` are inclusive unless the matching `exclusive…` flag is set (α is a
 * fraction in (0, 1]: an empty collective is not a run).
 */
export interface NumberRange {
	readonly integer: boolean;
	readonly min: number;
	readonly max?: number;
	readonly exclusiveMin?: boolean;
	readonly exclusiveMax?: boolean;
}

/**
 * The range of every numeric run parameter. Upper bounds keep a run's time and memory finite (a
 * webview is untrusted input, and `--resamples 1e8` once grew memory by 190 MB/s).
 */
export const RUN_PARAMETER_RANGES = {
	/** Collective size: a fraction of the minority's training rows. */
	alpha: { integer: false, min: 0, exclusiveMin: true, max: 1 },
	/** Evenly spaced values of M from 0 to the whole pool. */
	flips: { integer: true, min: 2, max: 1000 },
	/** Neighbours for RB-label and RB-dist. */
	k: { integer: true, min: 1, max: 1000 },
	/** Known majority rows, when not 'all'. */
	knowledge: { integer: true, min: 1 },
	/** Known majority rows of the restricted arm of the knowledge experiment. */
	knowledgeRows: { integer: true, min: 1 },
	seeds: { integer: true, min: 1, max: 1000 },
	firstSeed: { integer: true, min: 0, max: MAX_SEED },
	targetEqod: { integer: false, min: 0, max: 1 },
	/** Share of rows held out; at least 1% on each side so neither part is empty on small files. */
	testFraction: { integer: false, min: 0.01, max: 0.99 },
	/** The firm's L2 strength (scikit-learn's C). */
	C: { integer: false, min: 0, exclusiveMin: true },
	/** One-hot levels seen in fewer training rows are pooled (1 = no pooling). */
	rareLevelMinCount: { integer: true, min: 1 },
	/** Bootstrap resamples of the audit's intervals (0 = no intervals). */
	resamples: { integer: true, min: 0, max: 100_000 },
} as const satisfies Record<string, NumberRange>;

export type NumericRunParameter = keyof typeof RUN_PARAMETER_RANGES;

/** The default of every run parameter (the reasons are in docs/methods.md). */
export const RUN_DEFAULTS = {
	experiment: 'size' as Experiment,
	alphas: DEFAULT_ALPHAS,
	alpha: 0.3,
	flips: 10,
	methods: METHODS as readonly Method[],
	k: 5,
	knowledge: 'all' as Knowledge,
	knowledgeRows: 10,
	seeds: 5,
	firstSeed: 0,
	testFraction: 0.2,
	C: 1,
	rareLevelMinCount: 10,
	resamples: 1000,
} as const;

export function isMethod(v: unknown): v is Method {
	return typeof v === 'string' && (METHODS as readonly string[]).includes(v);
}

export function isExperiment(v: unknown): v is Experiment {
	return typeof v === 'string' && (EXPERIMENTS as readonly string[]).includes(v);
}

/** Whether `v` is a finite number (an integer where asked) inside `range`. */
export function inRange(range: NumberRange, v: unknown): v is number {
	return (
		typeof v === 'number' &&
		Number.isFinite(v) &&
		(!range.integer || Number.isInteger(v)) &&
		(range.exclusiveMin === true ? v > range.min : v >= range.min) &&
		(range.max === undefined || (range.exclusiveMax === true ? v < range.max : v <= range.max))
	);
}

/** Whether `v` is a valid value of the named numeric run parameter. */
export function isValid(name: NumericRunParameter, v: unknown): v is number {
	return inRange(RUN_PARAMETER_RANGES[name], v);
}

/** 'all' or a number of known majority rows. */
export function isKnowledge(v: unknown): v is Knowledge {
	return v === 'all' || isValid('knowledge', v);
}

/** The range in words, for an error message: "an integer from 1 to 1000", "a number > 0 and ≤ 1", "an integer ≥ 1". */
export function describeRange(range: NumberRange): string {
	const kind = range.integer ? 'an integer' : 'a number';
	if (range.max !== undefined && range.exclusiveMin !== true && range.exclusiveMax !== true) {
		return `${kind} from ${range.min} to ${range.max}`;
	}
	const lower = `${range.exclusiveMin === true ? '>' : '≥'} ${range.min}`;
	return range.max === undefined ? `${kind} ${lower}` : `${kind} ${lower} and ${range.exclusiveMax === true ? '<' : '≤'} ${range.max}`;
}

/** The range as an interval, for an error message: "(0, 1]", "[1, 1000]", "[1, ∞)". */
export function intervalOf(range: NumberRange): string {
	const open = range.exclusiveMin === true ? '(' : '[';
	const close = range.max === undefined || range.exclusiveMax === true ? ')' : ']';
	return `${open}${range.min}, ${range.max ?? '∞'}${close}`;
}
