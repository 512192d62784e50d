/** Options and helpers shared by the commands that read a dataset. */
import type { ParseResult } from '../core/csv/options';
import { UsageError } from './errors';
import { binaryFormatOf } from '../io/binaryParse';

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
		seed: parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? 0,
		testFraction: parseNumberFlag('test-fraction', values['test-fraction'], { min: 0.01, max: 0.99 }) ?? 0.2,
		onBadRow,
		json: values.json === true,
	};
}

export interface NumberRule {
	readonly integer?: boolean;
	readonly min?: number;
	readonly max?: number;
}

/** Seeds are 32-bit: a larger one would silently repeat a smaller one's draws (2³² = seed 0). */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * The documented ranges of the numeric options every command shares, in one place: a flag named
 * here is checked against this rule whatever the command asks. Bounds keep memory and time
 * finite (--resamples 1e8 once grew memory by 190 MB/s) and keep seeds distinct (--seed 1e300 made
 * every seed the same, since 1e300 + 1 === 1e300).
 */
export const NUMERIC_OPTIONS: Readonly<Record<string, NumberRule>> = {
	seed: { integer: true, min: 0, max: MAX_SEED },
	seeds: { integer: true, min: 1, max: 1000 },
	resamples: { integer: true, min: 0, max: 100_000 },
	workers: { integer: true, min: 1, max: 64 },
	'test-fraction': { min: 0.01, max: 0.99 },
	flips: { integer: true, min: 2, max: 1000 },
	'max-eqod': { min: 0, max: 1 },
	'max-spd': { min: 0, max: 1 },
};

/** Parses a numeric flag; the rule of {@link NUMERIC_OPTIONS} applies when the flag is listed there. */
export function parseNumberFlag(flag: string, text: string | undefined, callerRule: NumberRule = {}): number | undefined {
	if (text === undefined) {
		return undefined;
	}
	const rule = NUMERIC_OPTIONS[flag] ?? callerRule;
	const v = Number(text);
	if (
		text.trim() === '' ||
		!Number.isFinite(v) ||
		(rule.integer === true && !Number.isInteger(v)) ||
		(rule.min !== undefined && v < rule.min) ||
		(rule.max !== undefined && v > rule.max)
	) {
		const range = [
			rule.integer === true ? 'an integer' : 'a number',
			rule.min !== undefined ? `≥ ${rule.min}` : '',
			rule.max !== undefined ? `≤ ${rule.max}` : '',
		]
			.filter((s) => s !== '')
			.join(' ');
		throw new UsageError(`--${flag} must be ${range}, got '${text}'`);
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
