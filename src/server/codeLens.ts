/**
 * Code lenses on the header row: the current roles, and "Set as sensitive attribute" / "Set as
 * label" on the columns that can take those roles — categorical columns with a handful of values
 * for the sensitive attribute, two-valued columns for the label — so a 40-column header is not
 * buried under 80 lenses. The command of each lens is filled in on resolve (codeLens/resolve).
 */
import type { CodeLens, Command } from 'vscode-languageserver';
import { EditRolesCommand, type EditRolesArgs, type RoleChange } from '../shared/lspProtocol';
import type { DocState, PendingRoles } from './docState';
import { headerRanges } from './diagnostics';

/** A sensitive attribute has few groups: more distinct values than this is not offered. */
const MAX_SENSITIVE_VALUES = 12;

export interface LensData {
	readonly uri: string;
	readonly title: string;
	readonly change?: RoleChange;
}

export function codeLenses(state: DocState, pending: PendingRoles): CodeLens[] {
	if (!state.parse.dialect.hasHeader || state.parse.table.columns.length === 0) {
		return [];
	}
	const cells = headerRanges(state);
	const lenses: CodeLens[] = [{ range: cells[0]!, data: { uri: state.uri, title: rolesTitle(state, pending) } satisfies LensData }];
	const sidecar = state.roles.sidecar;
	const sensitive = sidecar?.sensitive.column ?? pending.sensitive?.column;
	const label = sidecar?.label.column ?? pending.label?.column;
	state.parse.table.columns.forEach((column, i) => {
		const p = state.columnProfile(i);
		const isSensitive = typeof sensitive === 'string' ? sensitive === column.name : sensitive?.includes(column.name) === true;
		if (!isSensitive && p.distinct >= 2 && p.distinct <= MAX_SENSITIVE_VALUES && p.type !== 'identifier' && p.type !== 'text') {
			lenses.push({
				range: cells[i]!,
				data: {
					uri: state.uri,
					title: `Set '${column.name}' as sensitive attribute`,
					change: { kind: 'sensitive', column: column.name },
				} satisfies LensData,
			});
		}
		if (label !== column.name && p.distinct === 2) {
			lenses.push({
				range: cells[i]!,
				data: { uri: state.uri, title: `Set '${column.name}' as label`, change: { kind: 'label', column: column.name } } satisfies LensData,
			});
		}
	});
	return lenses;
}

export function resolveCodeLens(lens: CodeLens): CodeLens {
	const data = lens.data as LensData | undefined;
	if (data === undefined) {
		return lens;
	}
	const command: Command =
		data.change !== undefined
			? {
					title: data.title,
					command: EditRolesCommand.command,
					arguments: [{ uri: data.uri, change: data.change } satisfies EditRolesArgs],
				}
			: { title: data.title, command: '' };
	return { ...lens, command };
}

function rolesTitle(state: DocState, pending: PendingRoles): string {
	const sidecar = state.roles.sidecar;
	if (state.rolesError !== undefined) {
		return 'Roles: the sidecar does not apply (see Problems)';
	}
	const s = sidecar?.sensitive ?? pending.sensitive;
	const l = sidecar?.label ?? pending.label;
	if (s === undefined && l === undefined) {
		return 'Roles: none yet — choose a sensitive attribute and a label';
	}
	const parts: string[] = [];
	parts.push(
		s !== undefined
			? `sensitive = ${typeof s.column === 'string' ? s.column : s.column.join(' × ')} (${s.minority.length > 0 ? `minority ${s.minority.join(', ')}` : 'minority: the lowest favourable rate, once the label is set'})`
			: 'choose a sensitive attribute',
	);
	parts.push(l !== undefined ? `label = ${l.column} (favourable ${l.favourable.join(', ')})` : 'choose a label');
	return `Roles: ${parts.join(' · ')}${sidecar === undefined ? ' — not saved until both are set' : ''}`;
}
