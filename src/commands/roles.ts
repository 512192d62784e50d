/**
 * Roles through quick picks: the column (suggestions ranked by name, never the column holding the
 * other role), then its minority / favourable values shown with their column (`afam = yes`).
 * Nothing is pre-ticked on a guess the user cannot see: the favourable value only from a name, with
 * "guessed from the name — check" in the title; the minority only once the label is known (the
 * group with the lowest favourable rate), so Set Sensitive Attribute asks for the label first when
 * there is none, and warns while the advantaged group is ticked (src/shared/roleSuggest.ts). The sidecar
 * is written by the server's editRoles command, the one writer of role edits (lenses and quick
 * fixes use it too). The header's roles lens opens Change Roles… (changeRoles below).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ResponseError } from 'vscode-languageclient/node';
import type { Ctx, EditRolesResult } from '../ctx';
import { ProfileRequest } from '../shared/lspProtocol';
import type { ColumnProfile, LabelRole, Sidecar } from '../shared/model';
import {
	advantagedWarning,
	guessFavourable,
	rankLabelColumns,
	rankSensitiveColumns,
	suggestMinority,
	type GroupRate,
} from '../shared/roleSuggest';
import { asArgs, type CommandArgs } from '../util/dataset';
import { targetDataset } from './datasetRoles';
import { showError } from '../util/progress';
import { settleOnce } from '../util/quickPick';

export type RoleKind = 'sensitive' | 'label';

const WORDS: Record<RoleKind, { role: string; values: string }> = {
	sensitive: { role: 'sensitive attribute', values: 'minority' },
	label: { role: 'label', values: 'favourable' },
};

/** Arguments beyond {@link CommandArgs}: the label already chosen in this flow (not yet in a sidecar). */
interface RoleFlowArgs {
	readonly label?: LabelRole;
}

function topValuesText(c: ColumnProfile): string {
	// "value (count)": a bare "36 898" reads as the number 36,898.
	const shown = c.topValues.slice(0, 4).map((t) => `${t.value} (${t.count.toLocaleString('en-US')})`);
	return shown.join(' · ') + (c.topValues.length > 4 || c.otherCount > 0 ? ' · …' : '');
}

function sensitiveColumnsOf(roles: Sidecar | null | undefined): string[] {
	const c = roles?.sensitive.column;
	return c === undefined ? [] : typeof c === 'string' ? [c] : [...c];
}

/** The column pick: suggestions ranked by name (never the column holding the other role), then the rest. */
async function pickColumn(
	kind: RoleKind,
	columns: readonly ColumnProfile[],
	exclude: readonly string[],
	file: string,
	step: string,
): Promise<string | undefined> {
	type Item = vscode.QuickPickItem & { column?: string };
	const ranked = kind === 'sensitive' ? rankSensitiveColumns(columns, exclude) : rankLabelColumns(columns, exclude);
	const byName = new Map(columns.map((c) => [c.name, c]));
	const item = (c: ColumnProfile, why?: string): Item => ({
		label: c.name,
		description: `${c.type} · ${c.distinct.toLocaleString('en-US')} values${why !== undefined ? ` · ${why}` : ''}`,
		detail: topValuesText(c),
		column: c.name,
	});
	const suggested = ranked.filter((s) => s.score > 0);
	const rest = columns.filter((c) => !exclude.includes(c.name) && !suggested.some((s) => s.name === c.name));
	const items: Item[] = [
		...(suggested.length > 0 ? [{ label: 'suggested (by name)', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
		...suggested.map((s) => item(byName.get(s.name)!, s.why)),
		...(rest.length > 0 ? [{ label: 'other columns', kind: vscode.QuickPickItemKind.Separator } as Item] : []),
		...rest.map((c) => item(c)),
	];
	const picked = await vscode.window.showQuickPick(items, {
		title: `${file}: ${WORDS[kind].role} (${step})`,
		placeHolder: `The column holding the ${WORDS[kind].role}`,
		matchOnDetail: true,
		ignoreFocusOut: true,
	});
	return picked?.column;
}

interface ValueItem extends vscode.QuickPickItem {
	readonly value: string;
}

/**
 * A multi-select of a column's values, shown with their column (`afam = yes`). `preselect` comes
 * with its reason (in the title) or is empty, and then the placeholder asks.
 */
async function pickValues(
	c: ColumnProfile,
	opts: {
		title: string;
		ask: string;
		preselect: readonly string[];
		reason?: string;
		describe?: (value: string) => string | undefined;
		warn?: (values: readonly string[]) => string | undefined;
	},
): Promise<string[] | undefined> {
	const nonMissing = c.rows - c.missing;
	const items: ValueItem[] = c.topValues.map((t) => ({
		label: `${c.name} = ${t.value}`,
		value: t.value,
		description: `${t.count.toLocaleString('en-US')} rows · ${nonMissing > 0 ? ((100 * t.count) / nonMissing).toFixed(1) : '0'} %${opts.describe?.(t.value) ?? ''}`,
	}));
	const more = c.otherCount > 0 ? ` (${c.otherCount.toLocaleString('en-US')} rows hold rarer values not listed)` : '';
	const qp = vscode.window.createQuickPick<ValueItem>();
	qp.title = opts.reason !== undefined ? `${opts.title} — ${opts.reason}` : opts.title;
	qp.canSelectMany = true;
	qp.ignoreFocusOut = true;
	qp.items = items;
	qp.selectedItems = items.filter((i) => opts.preselect.includes(i.value));
	const placeholder = (): string => {
		const warning = opts.warn?.(qp.selectedItems.map((i) => i.value));
		return warning !== undefined ? `⚠ ${warning}` : `${opts.ask}${more}`;
	};
	qp.placeholder = placeholder();
	return settleOnce(qp, (finish: (value: string[] | undefined) => void) => {
		qp.onDidChangeSelection(() => (qp.placeholder = placeholder()));
		qp.onDidAccept(() => finish(qp.selectedItems.length > 0 ? qp.selectedItems.map((i) => i.value) : undefined));
	});
}

/** The favourable values: pre-ticked only when the names say which outcome is good. */
function pickFavourable(c: ColumnProfile, file: string, step: string): Promise<string[] | undefined> {
	const guess = guessFavourable(
		c.name,
		c.topValues.map((t) => t.value),
	);
	return pickValues(c, {
		title: `${file}: favourable values of '${c.name}' (${step})`,
		ask:
			guess !== undefined
				? 'Tick the favourable value(s): the outcome a person wants'
				: `Nothing is pre-ticked: which value of '${c.name}' is the outcome a person wants (approved, not denied)?`,
		preselect: guess?.values ?? [],
		...(guess !== undefined ? { reason: guess.reason } : {}),
	});
}

/** The minority values: the group with the lowest favourable rate pre-ticked, a warning for the advantaged group. */
async function pickMinority(
	ctx: Ctx,
	uri: vscode.Uri,
	c: ColumnProfile,
	label: LabelRole | undefined,
	file: string,
	step: string,
): Promise<string[] | undefined> {
	let rates: GroupRate[] = [];
	if (label !== undefined && c.topValues.length >= 2) {
		const roles: Sidecar = {
			version: 1,
			sensitive: { column: c.name, minority: [c.topValues[1]!.value], others: 'separate' },
			label: { column: label.column, favourable: [...label.favourable] },
		};
		const withGroups = await ctx.request(ProfileRequest.type, { uri: uri.toString(), roles }).catch(() => undefined);
		rates = (withGroups?.profile.groups?.groups ?? []).map((g) => ({ value: g.group, labelled: g.labelled, favourable: g.favourable }));
	}
	const suggestion = suggestMinority(c.name, rates);
	const rateOf = new Map(rates.map((g) => [g.value, g]));
	return pickValues(c, {
		title: `${file}: minority values of '${c.name}' (${step})`,
		ask:
			label === undefined
				? 'No label yet, so nothing is pre-ticked: the default minority is the group with the lower favourable rate, known once the label is set'
				: 'Tick the minority: the group whose favourable rate the collective wants to raise',
		preselect: suggestion !== undefined ? [suggestion.value] : [],
		...(suggestion !== undefined ? { reason: suggestion.reason } : {}),
		describe: (v) => {
			const g = rateOf.get(v);
			return g !== undefined && g.labelled > 0 && label !== undefined
				? ` · ${label.column} = ${label.favourable.join('/')}: ${((100 * g.favourable) / g.labelled).toFixed(1)} %`
				: undefined;
		},
		warn: (values) => (values.length > 0 && rates.length > 0 ? advantagedWarning(c.name, values, rates) : undefined),
	});
}

/** Set one role; the tests (and the lenses) pass `{ uri, column, values }` to skip the picks. */
export async function setRole(ctx: Ctx, kind: RoleKind, arg: unknown): Promise<EditRolesResult | undefined> {
	const target = targetDataset(arg);
	if (target === undefined) {
		return undefined;
	}
	const { uri, file } = target;
	const args = asArgs(arg) as CommandArgs & RoleFlowArgs;
	try {
		if (args.column !== undefined && args.values !== undefined) {
			return await save(ctx, uri, file, kind, args.column, [...args.values]);
		}
		const profile = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Profiling ${file}` }, () =>
			ctx.request(ProfileRequest.type, { uri: uri.toString() }),
		);
		const columns = profile.profile.columns;
		const find = (name: string | undefined): ColumnProfile | undefined => columns.find((c) => c.name === name);
		if (kind === 'label') {
			const col = find(args.column ?? (await pickColumn('label', columns, sensitiveColumnsOf(profile.roles), file, '1/2')));
			const values = col !== undefined ? await pickFavourable(col, file, '2/2') : undefined;
			if (col === undefined || values === undefined) {
				return undefined;
			}
			const result = await save(ctx, uri, file, 'label', col.name, values);
			// Picked by hand with no sensitive attribute yet: go on to it, the label now known (Escape leaves it for later).
			return result?.sidecar === null
				? ((await setRole(ctx, 'sensitive', { uri: uri.toString(), label: { column: col.name, favourable: values } })) ?? result)
				: result;
		}
		let label = args.label ?? profile.roles?.label;
		const labelColumns = label !== undefined ? [label.column] : [];
		const col = find(args.column ?? (await pickColumn('sensitive', columns, labelColumns, file, label === undefined ? '1/4' : '1/2')));
		if (col === undefined) {
			return undefined;
		}
		let pendingLabel: LabelRole | undefined;
		if (label === undefined) {
			// The default minority needs the label's favourable rates: choose the label first.
			const labelCol = find(await pickColumn('label', columns, [col.name], file, '2/4'));
			const favourable = labelCol !== undefined ? await pickFavourable(labelCol, file, '3/4') : undefined;
			if (labelCol === undefined || favourable === undefined) {
				return undefined;
			}
			label = pendingLabel = { column: labelCol.name, favourable };
		}
		const minority = await pickMinority(ctx, uri, col, label, file, pendingLabel !== undefined ? '4/4' : '2/2');
		if (minority === undefined) {
			return undefined;
		}
		const result = await save(ctx, uri, file, 'sensitive', col.name, minority);
		return pendingLabel !== undefined ? save(ctx, uri, file, 'label', pendingLabel.column, [...pendingLabel.favourable]) : result;
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

async function save(ctx: Ctx, uri: vscode.Uri, file: string, kind: RoleKind, column: string, values: string[]): Promise<EditRolesResult> {
	const result = await ctx.editRoles({ uri: uri.toString(), change: { kind, column, values } });
	ctx.log.info(
		`${file}: ${result.summary} (${kind === 'label' ? 'favourable' : 'minority'} ${column} = ${values.join(', ')})${result.sidecar !== null ? ` (saved to ${result.sidecar})` : ''}`,
	);
	if (result.sidecar === null) {
		// The server holds the first role until the second is chosen (a sidecar needs both).
		vscode.window.setStatusBarMessage(`${file}: ${WORDS[kind].role} '${column}' chosen — ${result.summary}`, 8000);
	} else {
		vscode.window.setStatusBarMessage(`$(check) ${file}: ${result.summary}; roles saved to ${path.basename(result.sidecar)}`, 6000);
	}
	return result;
}

/** The status bar's click: which role to change. */
export async function changeRoles(ctx: Ctx, arg: unknown): Promise<EditRolesResult | undefined> {
	const target = targetDataset(arg);
	if (target === undefined) {
		return undefined;
	}
	const pick = await vscode.window.showQuickPick(
		[
			{ label: '$(person) Sensitive attribute…', role: 'sensitive' as const, detail: 'The column defining the groups, and the minority' },
			{ label: '$(tag) Label…', role: 'label' as const, detail: 'The outcome column, and its favourable value' },
		],
		{ title: `Roles of ${target.file}` },
	);
	return pick !== undefined ? setRole(ctx, pick.role, { uri: target.uri.toString() }) : undefined;
}
