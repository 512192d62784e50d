/** Options and helpers shared by the commands that read a dataset. */
import type { ParseResult } from '../core/csv/options';
import { UsageError } from './errors';
import { binaryFormatOf } from '../io/binaryParse';
import { describeRange, inRange, RUN_PARAMETER_RANGES as RANGES, RUN_DEFAULTS } from '../shared/runParameters';

/** Seeds are 32-bit (the largest is here for the tests and the help text). */
export { MAX_SEED } from '../shared/runParameters';

export const COMMON_OPTIONS = {
	seed: { type: 'string' },
	'test-fraction': { type: 'string' },
	'on-bad-row': { type: 'string' },
	json: { type: 'boolean', default: false },
} as const;

export const COMMON_HELP = `  --seed S                seed of the split, the bootstrap and every random choice, an integer in
                          [0, 4294967295] (default 0)
  --test-fraction F       share of rows held out for testing (default 0.2)
  --on-bad-row MODE       skip (default: skip malformed rows and report them) | fail
  --json                  machine-readable output on stdout`;

export interface CommonOptions {
	readonly seed: number;
	readonly testFraction: number;
	readonly onBadRow: 'skip' | 'fail';
	readonly json: boolean;
}

/** `--on-bad-row`: skip (the default) or fail. */
export function readOnBadRow(value: string | undefined): 'skip' | 'fail' {
	const onBadRow = value ?? 'skip';
	if (onBadRow !== 'skip' && onBadRow !== 'fail') {
		throw new UsageError(`--on-bad-row must be skip or fail, got '${onBadRow}'`);
	}
	return onBadRow;
}

export function readCommonOptions(values: {
	seed?: string;
	'test-fraction'?: string;
	'on-bad-row'?: string;
	json?: boolean;
}): CommonOptions {
	const onBadRow = readOnBadRow(values['on-bad-row']);
	return {
		seed: parseNumberFlag('seed', values.seed) ?? RUN_DEFAULTS.firstSeed,
		testFraction: parseNumberFlag('test-fraction', values['test-fraction']) ?? RUN_DEFAULTS.testFraction,
		onBadRow,
		json: values.json === true,
	};
}

export interface NumberRule {
	readonly integer?: boolean;
	readonly min?: number;
	readonly max?: number;
	readonly exclusiveMin?: boolean;
}

/**
 * The documented ranges of the numeric options every command shares, in one place: a flag named
 * here is checked against this rule whatever the command asks. The run parameters' ranges come
 * from the one vocabulary (src/shared/runParameters.ts). Bounds keep memory and time finite
 * (--resamples 1e8 once grew memory by 190 MB/s) and keep seeds distinct (--seed 1e300 made every
 * seed the same, since 1e300 + 1 === 1e300).
 */
export const NUMERIC_OPTIONS: Readonly<Record<string, NumberRule>> = {
	seed: RANGES.firstSeed,
	seeds: RANGES.seeds,
	resamples: RANGES.resamples,
	workers: { integer: true, min: 1, max: 64 },
	'test-fraction': RANGES.testFraction,
	flips: RANGES.flips,
	alpha: RANGES.alpha,
	k: RANGES.k,
	knowledge: RANGES.knowledge,
	'target-eqod': RANGES.targetEqod,
	'min-level-count': RANGES.rareLevelMinCount,
	'max-eqod': { min: 0, max: 1 },
	'max-spd': { min: 0, max: 1 },
};

/** Parses a numeric flag; the rule of {@link NUMERIC_OPTIONS} applies when the flag is listed there. */
export function parseNumberFlag(flag: string, text: string | undefined, callerRule: NumberRule = {}): number | undefined {
	if (text === undefined) {
		return undefined;
	}
	const rule = NUMERIC_OPTIONS[flag] ?? callerRule;
	const range = { integer: rule.integer === true, min: rule.min ?? -Infinity, max: rule.max, exclusiveMin: rule.exclusiveMin };
	const v = Number(text);
	if (text.trim() === '' || !inRange(range, v)) {
		const words =
			rule.min === undefined
				? [range.integer ? 'an integer' : 'a number', rule.max !== undefined ? `≤ ${rule.max}` : ''].join(' ').trim()
				: describeRange(range);
		throw new UsageError(`--${flag} must be ${words}, got '${text}'`);
	}
	return v;
}

/** What the reader saw: dialect, skipped rows and the first issues, for reports and the console. */
export function describeParse(parse: ParseResult): {
	summary: string;
	dialect: ParseResult['dialect'];
	skippedRows: number;
	issues: ParseResult['issues'];
} {
	const d = parse.dialect;
	const binary = binaryFormatOf(parse);
	if (binary !== undefined) {
		return { summary: binary === 'parquet' ? 'Parquet' : 'Arrow IPC', dialect: d, skippedRows: 0, issues: [] };
	}
	const delimiter = d.delimiter === '\t' ? 'TAB' : d.delimiter;
	const skipped =
		parse.skippedRows > 0
			? `, ${parse.skippedRows} malformed rows skipped (first at line ${parse.issues.find((i) => i.severity === 'error')?.line ?? '?'})`
			: '';
	// Warnings (NUL bytes, a numeric column made text…) belong in the text output too, not only in --json.
	const warnings = parse.issues.filter((i) => i.severity === 'warning');
	const first = warnings[0];
	const warned =
		first === undefined
			? ''
			: `; warning${first.line > 0 ? ` at line ${first.line}` : ''}: ${first.message}${warnings.length > 1 ? ` (and ${warnings.length - 1} more in --json)` : ''}`;
	return {
		summary: `${d.encoding}${d.bom ? ' with BOM' : ''}, '${delimiter}'-delimited${skipped}${warned}`,
		dialect: d,
		skippedRows: parse.skippedRows,
		issues: parse.issues.slice(0, 50),
	};
}

/**
 * The run over seeds that simulate and compare average: how many seeds, the first, and the share
 * of rows each seed's split holds out. Parsed by {@link parseNumberFlag} with the run parameters'
 * ranges; each command words them in its own help.
 */
export const SEED_OPTIONS = {
	seeds: { type: 'string' },
	seed: { type: 'string' },
	'test-fraction': { type: 'string' },
} as const;

/** The output options of simulate and compare (their help: {@link RUN_OUTPUT_HELP}). */
export const RUN_OUTPUT_OPTIONS = {
	'on-bad-row': { type: 'string' },
	json: { type: 'boolean', default: false },
	csv: { type: 'boolean', default: false },
	out: { type: 'string' },
	force: { type: 'boolean', default: false },
} as const;

/** Where simulate and compare put their result, read once from {@link RUN_OUTPUT_OPTIONS}. */
export interface RunOutputChoice {
	/** stdout: `--json` or `--csv` (not both), else text. */
	readonly format: 'json' | 'csv' | 'text';
	/** `--out FILE`, replacing an existing report of ours only with `--force`. */
	readonly out: string | undefined;
	readonly force: boolean;
}

export function readRunOutput(values: {
	readonly json?: boolean;
	readonly csv?: boolean;
	readonly out?: string;
	readonly force?: boolean;
}): RunOutputChoice {
	if (values.json === true && values.csv === true) {
		throw new UsageError('choose one of --json and --csv');
	}
	return { format: values.json === true ? 'json' : values.csv === true ? 'csv' : 'text', out: values.out, force: values.force === true };
}

/** Help lines for the output options shared by simulate and compare. */
export const RUN_OUTPUT_HELP = `  --on-bad-row MODE       skip | fail
  --json | --csv          machine-readable output on stdout
  --out FILE              also write the result to FILE (a new file, atomically): FILE.html gets the
                          HTML report (with FILE.rows.json and .csv), any other name the JSON
  --force                 let --out replace an existing report of ours (never any other file)`;

/** The one CSV file a command works on, or a usage error saying what is wrong. */
export function requireOneFile(positionals: readonly string[], purpose: string): string {
	if (positionals.length !== 1) {
		throw new UsageError(positionals.length === 0 ? `give the CSV FILE to ${purpose}` : `expected one FILE, got ${positionals.length}`);
	}
	return positionals[0]!;
}
