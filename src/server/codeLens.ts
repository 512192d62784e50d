/**
 * One code lens on the header row, summarising the roles — "Roles: sex = sensitive (minority F) ·
 * income = label (>50K favourable) · 12 features — Change…" — instead of a lens per column, which
 * on a wide header ran thousands of pixels off-screen. Its command opens the editor's Change
 * Roles quick pick, from which both roles (and their values) are chosen. The command is filled in
 * on resolve (codeLens/resolve).
 */
import type { CodeLens, Command } from 'vscode-languageserver';
import type { DocState, PendingRoles } from './docState';
import { headerRanges } from './diagnostics';

/**
 * The VS Code extension's Change Roles… command (package.json). Another editor has no such
 * command; it shows the lens as the roles' summary and sets roles through the quick fixes or
 * the `collectiveFairness.server.editRoles` command.
 */
export const CHANGE_ROLES_COMMAND = 'collectiveFairness.changeRoles';

export interface LensData {
	readonly uri: string;
	readonly title: string;
}

export function codeLenses(state: DocState, pending: PendingRoles): CodeLens[] {
	if (!state.parse.dialect.hasHeader || state.parse.table.columns.length === 0) {
		return [];
	}
	const cells = headerRanges(state);
	return [{ range: cells[0]!, data: { uri: state.uri, title: rolesTitle(state, pending) } satisfies LensData }];
}

export function resolveCodeLens(lens: CodeLens): CodeLens {
	const data = lens.data as LensData | undefined;
	if (data === undefined) {
		return lens;
	}
	const command: Command = { title: data.title, command: CHANGE_ROLES_COMMAND, arguments: [{ uri: data.uri }] };
	return { ...lens, command };
}

/** The lens title: each role as `column = role (values)`, the feature count, then the action. */
export function rolesTitle(state: DocState, pending: PendingRoles): string {
	if (state.rolesError !== undefined) {
		return 'Roles: the sidecar does not apply (see Problems) — Change…';
	}
	const sidecar = state.roles.sidecar;
	const s = sidecar?.sensitive ?? pending.sensitive;
	const l = sidecar?.label ?? pending.label;
	if (s === undefined && l === undefined) {
		return 'Roles: none yet — Set the sensitive attribute and the label…';
	}
	const parts: string[] = [];
	if (s !== undefined) {
		const column = typeof s.column === 'string' ? s.column : s.column.join(' × ');
		parts.push(`${column} = sensitive${s.minority.length > 0 ? ` (minority ${s.minority.join(', ')})` : ''}`);
	} else {
		parts.push('sensitive attribute not chosen');
	}
	parts.push(l !== undefined ? `${l.column} = label (${l.favourable.join(', ')} favourable)` : 'label not chosen');
	const features = state.resolved?.featureColumns.length;
	if (features !== undefined) {
		parts.push(`${features} feature${features === 1 ? '' : 's'}`);
	}
	return `Roles: ${parts.join(' · ')}${sidecar === undefined ? ' (not saved until both are set)' : ''} — Change…`;
}
