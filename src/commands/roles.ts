/**
 * Roles in two clicks: a quick pick of the column (with its type, number of values and top
 * values), then of its minority / favourable values with their counts, the server's guess
 * pre-selected. The sidecar is written by the server's editRoles command, the one writer of role
 * edits (lenses and quick fixes use it too). The header lenses land here as well (see
 * roleLensMiddleware), so a lens click opens the value pick instead of applying a guess.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import { ResponseError } from 'vscode-languageclient/node';
import type { Ctx, EditRolesResult } from '../ctx';
import { EditRolesCommand, ProfileRequest, type EditRolesArgs, type ProfileResult } from '../shared/lspProtocol';
import type { ColumnProfile } from '../shared/model';
import { asArgs, targetUri } from '../util/dataset';
import { showError } from '../util/progress';

export type RoleKind = 'sensitive' | 'label';

const WORDS: Record<RoleKind, { role: string; values: string }> = {
	sensitive: { role: 'sensitive attribute', values: 'minority' },
	label: { role: 'label', values: 'favourable' },
};

/** Values that usually name the good outcome (the server guesses with the same idea). */
const FAVOURABLE_NAME = /^(1|1\.0|true|yes|y|good|approved?|accepted|granted|hired|pass(ed)?|positive|favou?rable|>.*)$/i;

/** A sensitive attribute has a handful of groups; a label has two values (as the server's lenses). */
function suits(kind: RoleKind, c: ColumnProfile): boolean {
	return kind === 'label' ? c.distinct === 2 : c.distinct >= 2 && c.distinct <= 12 && c.type !== 'identifier' && c.type !== 'text';
}

function topValuesText(c: ColumnProfile): string {
	const shown = c.topValues.slice(0, 4).map((t) => `${t.value} ${t.count.toLocaleString('en-US')}`);
	return shown.join(' · ') + (c.topValues.length > 4 || c.otherCount > 0 ? ' · …' : '');
}

async function pickColumn(kind: RoleKind, profile: ProfileResult, file: string): Promise<string | undefined> {
	type Item = vscode.QuickPickItem & { column?: string };
	const columns = profile.profile.columns;
	const item = (c: ColumnProfile): Item => ({ label: c.name, description: `${c.type} · ${c.distinct.toLocaleString('en-US')} values`, detail: topValuesText(c), column: c.name });
	const suited = columns.filter((c) => suits(kind, c));
	const others = columns.filter((c) => !suits(kind, c));
	const items: Item[] = [
		...(suited.length > 0 ? [{ label: 'suggested', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
		...suited.map(item),
		...(others.length > 0 ? [{ label: 'other columns', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
		...others.map(item),
	];
	const picked = await vscode.window.showQuickPick(items, { title: `${file}: ${WORDS[kind].role} (1/2)`, placeHolder: `The column holding the ${WORDS[kind].role}`, matchOnDetail: true, ignoreFocusOut: true });
	return picked?.column;
}

/** The value(s) pre-selected: the second most frequent for a minority, a good-sounding or the rarer one for a label. */
function guess(kind: RoleKind, c: ColumnProfile): string | undefined {
	const top = c.topValues;
	if (kind === 'sensitive') {
		return (top[1] ?? top[0])?.value;
	}
	return (top.slice(0, 2).find((t) => FAVOURABLE_NAME.test(t.value.trim())) ?? top[1] ?? top[0])?.value;
}

async function pickValues(kind: RoleKind, c: ColumnProfile, file: string): Promise<string[] | undefined> {
	const nonMissing = c.rows - c.missing;
	const preselect = guess(kind, c);
	const items = c.topValues.map((t) => ({
		label: t.value,
		description: `${t.count.toLocaleString('en-US')} rows · ${nonMissing > 0 ? ((100 * t.count) / nonMissing).toFixed(1) : '0'} %`,
		picked: t.value === preselect,
	}));
	const more = c.otherCount > 0 ? ` (${c.otherCount.toLocaleString('en-US')} rows hold rarer values not listed)` : '';
	const picked = await vscode.window.showQuickPick(items, {
		title: `${file}: ${WORDS[kind].values} values of '${c.name}' (2/2)`,
		placeHolder: `Tick the ${WORDS[kind].values} value(s)${more}`,
		canPickMany: true,
		ignoreFocusOut: true,
	});
	return picked === undefined || picked.length === 0 ? undefined : picked.map((p) => p.label);
}

/** Set one role; the tests (and the lenses) pass `{ uri, column, values }` to skip the picks. */
export async function setRole(ctx: Ctx, kind: RoleKind, arg: unknown): Promise<EditRolesResult | undefined> {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
		return undefined;
	}
	const file = path.basename(uri.fsPath);
	const args = asArgs(arg);
	let column = args.column;
	let values = args.values !== undefined ? [...args.values] : undefined;
	const interactive = column === undefined;
	try {
		if (column === undefined || values === undefined) {
			const profile = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Profiling ${file}` }, () => ctx.request(ProfileRequest.type, { uri: uri.toString() }));
			column ??= await pickColumn(kind, profile, file);
			const col = profile.profile.columns.find((c) => c.name === column);
			if (column === undefined || col === undefined) {
				return undefined;
			}
			values ??= await pickValues(kind, col, file);
			if (values === undefined) {
				return undefined;
			}
		}
		const result = await ctx.editRoles({ uri: uri.toString(), change: { kind, column, values } });
		ctx.log.info(`${file}: ${result.summary}${result.sidecar !== null ? ` (saved to ${result.sidecar})` : ''}`);
		if (result.sidecar === null) {
			// The server holds the first role until the second is chosen (a sidecar needs both).
			vscode.window.setStatusBarMessage(`${file}: ${WORDS[kind].role} '${column}' chosen — ${result.summary}`, 8000);
			if (interactive) {
				// Picked by hand: go straight on to the other role (Escape leaves it for later).
				return (await setRole(ctx, kind === 'sensitive' ? 'label' : 'sensitive', { uri: uri.toString() })) ?? result;
			}
		} else {
			vscode.window.setStatusBarMessage(`$(check) ${file}: ${result.summary}; roles saved to ${path.basename(result.sidecar)}`, 6000);
		}
		return result;
	} catch (e) {
		// The server already shows its own refusals (editRoles); show ours only for the rest.
		if (e instanceof ResponseError) {
			ctx.log.error(`${file}: ${e.message}`);
		} else {
			showError(ctx, `setting the ${WORDS[kind].role} of ${file}`, e);
		}
		return undefined;
	}
}

/** The status bar's click: which role to change. */
export async function changeRoles(ctx: Ctx, arg: unknown): Promise<EditRolesResult | undefined> {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
		return undefined;
	}
	const pick = await vscode.window.showQuickPick([
		{ label: '$(person) Sensitive attribute…', role: 'sensitive' as const, detail: 'The column defining the groups, and the minority' },
		{ label: '$(tag) Label…', role: 'label' as const, detail: 'The outcome column, and its favourable value' },
	], { title: `Roles of ${path.basename(uri.fsPath)}` });
	return pick !== undefined ? setRole(ctx, pick.role, { uri: uri.toString() }) : undefined;
}

/**
 * Client middleware: a header lens "Set 'x' as sensitive attribute / label" runs our command with
 * the column filled in, so the click opens the value pick (click two) rather than saving a guess.
 */
export const roleLensMiddleware: Middleware = {
	resolveCodeLens: async (lens, token, next) => {
		const resolved = (await next(lens, token)) ?? lens;
		const cmd = resolved.command;
		const args = cmd?.command === EditRolesCommand.command ? (cmd.arguments?.[0] as EditRolesArgs | undefined) : undefined;
		const change = args?.change;
		if (cmd !== undefined && args !== undefined && change !== undefined && (change.kind === 'sensitive' || change.kind === 'label') && change.values === undefined) {
			resolved.command = {
				title: cmd.title,
				command: change.kind === 'sensitive' ? 'collectiveFairness.setSensitiveAttribute' : 'collectiveFairness.setLabel',
				arguments: [{ uri: args.uri, column: change.column }],
			};
		}
		return resolved;
	},
};
