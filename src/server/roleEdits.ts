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

/** Values that usually name the good outcome of a label. */
const FAVOURABLE_NAME = /^(1|1\.0|true|yes|y|good|approved?|accepted|granted|hired|pass(ed)?|positive|>.*)$/i;

/** The minority guess: the second most frequent value (the most frequent being the majority). */
export function guessMinority(profile: ColumnProfile): string[] {
	const second = profile.topValues[1] ?? profile.topValues[0];
	return second !== undefined ? [second.value] : [];
}

/** The favourable guess: a value named like a good outcome, else the rarer of the two most frequent. */
export function guessFavourable(profile: ColumnProfile): string[] {
	const top = profile.topValues.slice(0, 2);
	const named = top.find((t) => FAVOURABLE_NAME.test(t.value.trim()));
	if (named !== undefined) {
		return [named.value];
	}
	const rarer = top.length === 2 ? top[1]! : top[0];
	return rarer !== undefined ? [rarer.value] : [];
}

export type EditOutcome =
	| { readonly kind: 'sidecar'; readonly sidecar: Sidecar; readonly summary: string }
	| { readonly kind: 'pending'; readonly pending: PendingRoles; readonly summary: string };

/**
 * The new sidecar (or pending roles) after `change`. `profileOf` gives a column's profile (for the
 * guesses); throws an Error with a message for the user when the change cannot apply.
 */
export function applyRoleChange(current: Sidecar | undefined, pending: PendingRoles, change: RoleChange, profileOf: (column: string) => ColumnProfile | undefined): EditOutcome {
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
			const minority = change.values !== undefined && change.values.length > 0 ? [...change.values] : guessMinority(need(change.column));
			if (minority.length === 0) {
				throw new Error(`'${change.column}' has no values to choose a minority from`);
			}
			sensitive = { column: change.column, minority };
			if (label?.column === change.column) {
				label = undefined;
			}
			break;
		}
		case 'label': {
			const favourable = change.values !== undefined && change.values.length > 0 ? [...change.values] : guessFavourable(need(change.column));
			if (favourable.length === 0) {
				throw new Error(`'${change.column}' has no values to choose a favourable outcome from`);
			}
			label = { column: change.column, favourable };
			const sensitiveColumns = sensitive === undefined ? [] : typeof sensitive.column === 'string' ? [sensitive.column] : [...sensitive.column];
			if (sensitiveColumns.includes(change.column)) {
				sensitive = undefined;
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
		return { kind: 'pending', pending: next, summary: sensitive === undefined ? 'now choose the sensitive attribute' : 'now choose the label' };
	}
	const base: Sidecar = current ?? { version: 1, sensitive, label, description: 'Roles set in the editor; the minority and favourable values were guessed where not chosen — check them.' };
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
		case 'others':
			return { ...current, sensitive: { ...current.sensitive, others: change.others } };
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
		case 'others':
			return `other groups: ${change.others}`;
		case 'missingToken':
			return `'${change.token}' is read as missing`;
	}
}
