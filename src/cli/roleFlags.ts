/**
 * The role flags shared by `audit` and `simulate`: they build a {@link Sidecar}, or override the
 * one found next to the CSV file, so a script can run without one and a user can try a variant
 * without editing it.
 */
import type { OtherGroups, Sidecar } from '../core/roles/sidecar';
import { validateSidecar } from '../core/roles/sidecar';
import { UsageError } from './errors';

export const ROLE_OPTIONS = {
	sensitive: { type: 'string' },
	minority: { type: 'string' },
	majority: { type: 'string' },
	others: { type: 'string' },
	label: { type: 'string' },
	positive: { type: 'string' },
	features: { type: 'string' },
	exclude: { type: 'string' },
	'include-sensitive': { type: 'boolean' },
	'exclude-sensitive': { type: 'boolean' },
} as const;

export const ROLE_HELP = `Roles (default: the sidecar NAME.fairness.json next to FILE; flags override it):
  --sensitive COL         the sensitive attribute (COL1,COL2 for the intersection of two columns)
  --minority V[,V]        its values forming the minority
  --majority V[,V]        its values forming the majority (keeps only the two named groups)
  --others MODE           other values: majority (pool) | exclude | separate
  --label COL             the label column
  --positive V[,V]        its favourable value(s)
  --features COL,...      use only these feature columns
  --exclude COL,...       never use these columns as features
  --include-sensitive     the aware firm: its model takes the sensitive attribute as an input
                          (the default, the paper's protocol)
  --exclude-sensitive     the blind firm: the attribute is never an input (only proxies carry it)`;

export interface RoleFlagValues {
	sensitive?: string;
	minority?: string;
	majority?: string;
	others?: string;
	label?: string;
	positive?: string;
	features?: string;
	exclude?: string;
	'include-sensitive'?: boolean;
	'exclude-sensitive'?: boolean;
}

const list = (value: string): string[] =>
	value
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');

/** Merges flags over a sidecar (either may be absent); usage error naming what is missing. */
export function sidecarFromFlags(flags: RoleFlagValues, base: Sidecar | undefined, fileName: string): Sidecar {
	const sensitiveColumn = flags.sensitive !== undefined ? list(flags.sensitive) : undefined;
	const column =
		sensitiveColumn === undefined ? base?.sensitive.column : sensitiveColumn.length === 1 ? sensitiveColumn[0] : sensitiveColumn;
	const minority =
		flags.minority !== undefined ? list(flags.minority) : flags.sensitive === undefined ? base?.sensitive.minority : undefined;
	const majority =
		flags.majority !== undefined ? list(flags.majority) : flags.sensitive === undefined ? base?.sensitive.majority : undefined;
	const others = (flags.others ?? (flags.sensitive === undefined && flags.majority === undefined ? base?.sensitive.others : undefined)) as
		OtherGroups | undefined;
	const labelColumn = flags.label ?? base?.label.column;
	const positive = flags.positive !== undefined ? list(flags.positive) : flags.label === undefined ? base?.label.favourable : undefined;
	const missing: string[] = [];
	if (column === undefined) {
		missing.push('--sensitive');
	}
	if (minority === undefined) {
		missing.push('--minority');
	}
	if (labelColumn === undefined) {
		missing.push('--label');
	}
	if (positive === undefined) {
		missing.push('--positive');
	}
	if (missing.length > 0) {
		throw new UsageError(
			`no roles for ${fileName}: give ${missing.join(', ')} (or write the sidecar with the extension's "Set Sensitive Attribute…" / "Set Label…")`,
		);
	}
	if (flags['include-sensitive'] === true && flags['exclude-sensitive'] === true) {
		throw new UsageError(
			'--include-sensitive and --exclude-sensitive contradict each other: give one (the default is --include-sensitive)',
		);
	}
	const firmFlag = flags['include-sensitive'] === true ? true : flags['exclude-sensitive'] === true ? false : undefined;
	const features = {
		...(base?.features ?? {}),
		...(flags.features !== undefined ? { include: list(flags.features) } : {}),
		...(flags.exclude !== undefined ? { exclude: [...(base?.features?.exclude ?? []), ...list(flags.exclude)] } : {}),
		...(firmFlag !== undefined ? { includeSensitive: firmFlag } : {}),
	};
	// Validate the merged roles with the sidecar's own rules, so flags get the same messages.
	return validateSidecar(
		{
			version: 1,
			sensitive: { column, minority, ...(majority !== undefined ? { majority } : {}), ...(others !== undefined ? { others } : {}) },
			label: { column: labelColumn, favourable: positive },
			...(Object.keys(features).length > 0 ? { features } : {}),
			...(base?.missingTokens !== undefined ? { missingTokens: base.missingTokens } : {}),
		},
		'command-line roles',
	);
}
