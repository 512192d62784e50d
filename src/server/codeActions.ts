/**
 * Quick fixes for the fairness diagnostics. Each runs the server's edit-roles command, which
 * changes the sidecar (features.exclude, sensitive.others, missingTokens) — the CSV is never
 * edited. A fix is offered only where the sidecar exists and the change would help.
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { EditRolesCommand, type EditRolesArgs, type RoleChange } from '../shared/lspProtocol';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { DocState } from './docState';

function action(uri: string, title: string, diagnostic: Diagnostic, change: RoleChange, preferred = false): CodeAction {
	return {
		title,
		kind: CodeActionKind.QuickFix,
		diagnostics: [diagnostic],
		isPreferred: preferred,
		command: { title, command: EditRolesCommand.command, arguments: [{ uri, change } satisfies EditRolesArgs] },
	};
}

export function codeActions(state: DocState, diagnostics: readonly Diagnostic[]): CodeAction[] {
	const sidecar = state.roles.sidecar;
	if (sidecar === undefined) {
		return [];
	}
	const out: CodeAction[] = [];
	for (const d of diagnostics) {
		if (d.source !== DIAGNOSTIC_SOURCE) {
			continue;
		}
		const data = (d.data ?? {}) as { column?: string; token?: string; group?: string };
		if ((d.code === 'proxy-column' || d.code === 'label-leak') && data.column !== undefined) {
			const change: RoleChange = { kind: 'excludeFeature', column: data.column };
			out.push(action(state.uri, `Exclude '${data.column}' from the features (sidecar)`, d, change, true));
		} else if (d.code === 'small-group' && data.group !== undefined) {
			const names = state.resolved?.groupNames ?? [];
			// Only the "other" groups (index ≥ 2, kept separate) can be pooled; a small minority stays as chosen.
			if (names.indexOf(data.group) >= 2) {
				out.push(
					action(
						state.uri,
						'Pool the small groups with the majority (sidecar: sensitive.others = majority)',
						d,
						{ kind: 'others', others: 'majority' },
						true,
					),
				);
				out.push(
					action(state.uri, 'Leave the other groups out (sidecar: sensitive.others = exclude)', d, { kind: 'others', others: 'exclude' }),
				);
			}
		} else if (d.code === 'missing-token-candidate' && data.token !== undefined) {
			const change: RoleChange = { kind: 'missingToken', token: data.token };
			out.push(action(state.uri, `Treat '${data.token}' as missing (sidecar missingTokens)`, d, change));
		}
	}
	return out;
}
