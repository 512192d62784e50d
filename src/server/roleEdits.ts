/**
 * Role changes from the header lenses and the quick fixes, applied to the sidecar
 * `NAME.fairness.json` — never to the CSV. A sidecar needs both a sensitive attribute and a label,
 * so the first role chosen in a file without one is held here (and shown in the roles lens) until
 * the second arrives; then the sidecar is written, atomically, by src/io.
 */
import type { ColumnProfile } from '../core/profile';
import type { LabelRole, SensitiveRole, Sidecar } from '../core/roles/sidecar';
import type { RoleChange } from '../shared/lspProtocol';
import type { PendingRoles } from './docState';
import { guessFavourable, suggestMinority, type GroupRate } from '../shared/roleSuggest';

/** Label counts per value of a column: the rates the minority default is chosen from. */
export type RatesOf = (column: string, label: LabelRole) => GroupRate[];

/**
 * The minority default: the group with the lowest favourable rate once the label is known; none
 * before (the sidecar is then held until the label arrives, and the minority chosen from its rates).
 */
export function guessMinority(column: string, label: LabelRole | undefined, ratesOf: RatesOf): string[] {
	const s = label !== undefined ? suggestMinority(column, ratesOf(column, label)) : undefined;
	return s !== undefined ? [s.value] : [];
}

/** The favourable default: only from a name (src/shared/roleSuggest.ts), never from rarity. */
export function guessFavourableValues(profile: ColumnProfile): string[] {
	return [
		...(guessFavourable(
			profile.name,
			profile.topValues.map((t) => t.value),
		)?.values ?? []),
	];
}

export type EditOutcome =
	| { readonly kind: 'sidecar'; readonly sidecar: Sidecar; readonly summary: string }
	| { readonly kind: 'pending'; readonly pending: PendingRoles; readonly summary: string };

/**
 * The new sidecar (or pending roles) after `change`. `profileOf` gives a column's profile (for the
 * guesses); throws an Error with a message for the user when the change cannot apply.
 */
export function applyRoleChange(
	current: Sidecar | undefined,
	pending: PendingRoles,
	change: RoleChange,
	profileOf: (column: string) => ColumnProfile | undefined,
	ratesOf: RatesOf = () => [],
): EditOutcome {
	const need = (column: string): ColumnProfile => {
		const p = profileOf(column);
		if (p === undefined) {
			throw new Error(`no column named '${column}'`);
		}
		return p;
	};
	let sensitive: SensitiveRole | undefined = current?.sensitive ?? pending.sensitive;
	let label: LabelRole | undefined = current?.label ?? pending.label;
	switch (change.kind) {
		case 'sensitive': {
			need(change.column);
			const keptLabel = label?.column === change.column ? undefined : label;
			const minority =
				change.values !== undefined && change.values.length > 0 ? [...change.values] : guessMinority(change.column, keptLabel, ratesOf);
			if (minority.length === 0 && keptLabel !== undefined) {
				throw new Error(`choose the minority of '${change.column}': no group has a lower favourable rate under '${keptLabel.column}'`);
			}
			// With no label yet the minority stays empty until the label's rates can choose it.
			sensitive = { column: change.column, minority };
			if (label?.column === change.column) {
				label = undefined;
			}
			break;
		}
		case 'label': {
			const favourable =
				change.values !== undefined && change.values.length > 0 ? [...change.values] : guessFavourableValues(need(change.column));
			if (favourable.length === 0) {
				throw new Error(
					`choose the favourable value of '${change.column}': its names do not say which outcome is good (Set Label… lists the values)`,
				);
			}
			label = { column: change.column, favourable };
			const sensitiveColumns =
				sensitive === undefined ? [] : typeof sensitive.column === 'string' ? [sensitive.column] : [...sensitive.column];
			if (sensitiveColumns.includes(change.column)) {
				sensitive = undefined;
			} else if (sensitive !== undefined && sensitive.minority.length === 0 && typeof sensitive.column === 'string') {
				const minority = guessMinority(sensitive.column, label, ratesOf);
				if (minority.length === 0) {
					throw new Error(`choose the minority of '${sensitive.column}': no group has a lower favourable rate under '${change.column}'`);
				}
				sensitive = { ...sensitive, minority };
			}
			break;
		}
		default:
			if (current === undefined) {
				throw new Error('set the sensitive attribute and the label first: this change edits the sidecar');
			}
			return { kind: 'sidecar', sidecar: editExisting(current, change), summary: describeChange(change) };
	}
	if (sensitive === undefined || label === undefined) {
		const next: PendingRoles = { ...(sensitive !== undefined ? { sensitive } : {}), ...(label !== undefined ? { label } : {}) };
		return {
			kind: 'pending',
			pending: next,
			summary: sensitive === undefined ? 'now choose the sensitive attribute' : 'now choose the label',
		};
	}
	const base: Sidecar = current ?? {
		version: 1,
		sensitive,
		label,
		description:
			'Roles set in the editor; a favourable value not chosen was guessed from the names and a minority not chosen is the group with the lowest favourable rate — check them.',
	};
	return { kind: 'sidecar', sidecar: { ...base, sensitive, label }, summary: describeChange(change) };
}

function editExisting(current: Sidecar, change: Exclude<RoleChange, { kind: 'sensitive' | 'label' }>): Sidecar {
	switch (change.kind) {
		case 'excludeFeature': {
			const exclude = [...(current.features?.exclude ?? [])];
			if (!exclude.includes(change.column)) {
				exclude.push(change.column);
			}
			const include = current.features?.include?.filter((c) => c !== change.column);
			return { ...current, features: { ...current.features, exclude, ...(include !== undefined ? { include } : {}) } };
		}
		case 'features': {
			// An explicit list replaces the exclusions it covers; exclusions of columns left out stay.
			const exclude = current.features?.exclude?.filter((c) => !change.include.includes(c));
			const { include: _old, exclude: _oldExclude, ...rest } = current.features ?? {};
			return {
				...current,
				features: { ...rest, include: [...change.include], ...(exclude !== undefined && exclude.length > 0 ? { exclude } : {}) },
			};
		}
		case 'others':
			return { ...current, sensitive: { ...current.sensitive, others: change.others } };
		case 'firm':
			return { ...current, features: { ...current.features, includeSensitive: change.includeSensitive } };
		case 'missingToken': {
			const tokens = [...(current.missingTokens ?? [])];
			if (!tokens.includes(change.token)) {
				tokens.push(change.token);
			}
			return { ...current, missingTokens: tokens };
		}
	}
}

export function describeChange(change: RoleChange): string {
	switch (change.kind) {
		case 'sensitive':
			return `sensitive attribute set to '${change.column}'`;
		case 'label':
			return `label set to '${change.column}'`;
		case 'excludeFeature':
			return `'${change.column}' excluded from the features`;
		case 'features':
			return `features set to ${change.include.length} column(s)`;
		case 'others':
			return `other groups: ${change.others}`;
		case 'missingToken':
			return `'${change.token}' is read as missing`;
		case 'firm':
			return change.includeSensitive
				? 'the firm sees the sensitive attribute (aware)'
				: 'the firm does not see the sensitive attribute (blind)';
	}
}
