/**
 * Choose Features…: which columns the firm's model reads, without editing JSON. A multi-select of
 * the columns (not the label; the sensitive attribute follows features.includeSensitive) with their
 * type and the Problems panel's flags — `label-leak` (predicts the label on its own) and
 * `proxy-column` — the columns in use pre-selected. Title-bar buttons deselect every flagged column
 * or select the pre-outcome subset ProPublica's COMPAS analysis used, where those columns exist.
 * Saved to the sidecar as features.include by the server (the one writer of role edits).
 */
import * as vscode from 'vscode';
import type { Ctx, EditRolesResult } from '../ctx';
import type { ColumnProfile, Sidecar } from '../shared/model';
import { asArgs } from '../util/dataset';
import { editExistingRoles } from './datasetRoles';
import { settleOnce } from '../util/quickPick';

/** The columns ProPublica's COMPAS analysis modelled the two-year recidivism with (all recorded before it). */
export const PROPUBLICA_COMPAS = [
	'sex',
	'age',
	'age_cat',
	'race',
	'juv_fel_count',
	'juv_misd_count',
	'juv_other_count',
	'priors_count',
	'c_charge_degree',
];

/** Flags from the server's diagnostics: column → sentence ("leaks the label …", "proxy …"). */
export function columnFlags(uri: vscode.Uri): Map<string, string[]> {
	const flags = new Map<string, string[]>();
	for (const d of vscode.languages.getDiagnostics(uri)) {
		const code = typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
		const column = /^'([^']+)'/.exec(d.message)?.[1];
		if (column === undefined || (code !== 'label-leak' && code !== 'proxy-column')) {
			continue;
		}
		const detail =
			code === 'label-leak'
				? `$(warning) leaks the label (${/AUC [\d.]+/.exec(d.message)?.[0] ?? 'near-deterministic'})`
				: `$(eye) proxy (${/(Cramér's V|U\(group \| column\)) = [\d.]+/.exec(d.message)?.[0] ?? 'associated with the group'})`;
		flags.set(column, [...(flags.get(column) ?? []), detail]);
	}
	return flags;
}

/** Why a column is left out by default (the engine's rule, as the profile's type tells it). */
function defaultOut(c: ColumnProfile): string | undefined {
	if (c.type === 'constant' || c.type === 'identifier' || c.type === 'text') {
		return c.type === 'text' ? 'free text' : c.type;
	}
	const present = c.rows - c.missing;
	return c.storage === 'categorical' && present >= 20 && c.distinct > present * 0.5 ? 'high-cardinality' : undefined;
}

/** The feature columns the roles use now (approximating the engine's automatic exclusions by type). */
export function featuresInUse(columns: readonly ColumnProfile[], roles: Sidecar): string[] {
	const sensitive = typeof roles.sensitive.column === 'string' ? [roles.sensitive.column] : [...roles.sensitive.column];
	const candidates = columns.filter((c) => c.name !== roles.label.column && !sensitive.includes(c.name));
	if (roles.features?.include !== undefined) {
		return candidates.filter((c) => roles.features!.include!.includes(c.name)).map((c) => c.name);
	}
	const exclude = roles.features?.exclude ?? [];
	return candidates.filter((c) => !exclude.includes(c.name) && defaultOut(c) === undefined).map((c) => c.name);
}

interface ColumnItem extends vscode.QuickPickItem {
	readonly column: string;
	readonly flagged: boolean;
}

export function chooseFeatures(ctx: Ctx, arg: unknown): Promise<EditRolesResult | undefined> {
	return editExistingRoles(ctx, arg, {
		noRoles: ' (the features are every other column)',
		doing: 'choosing the features',
		choose: async ({ uri, file, profile, roles }) => {
			const given = (asArgs(arg) as { include?: readonly string[] }).include;
			const include = given !== undefined ? [...given] : await pick(profile.profile.columns, roles, columnFlags(uri), file);
			return include === undefined
				? undefined
				: {
						change: { kind: 'features', include },
						done: `features set to ${include.join(', ')}`,
						status: `${include.length} feature column(s) saved`,
					};
		},
	});
}

function pick(
	columns: readonly ColumnProfile[],
	roles: Sidecar,
	flags: Map<string, string[]>,
	file: string,
): Promise<string[] | undefined> {
	const sensitive = typeof roles.sensitive.column === 'string' ? [roles.sensitive.column] : [...roles.sensitive.column];
	const inUse = new Set(featuresInUse(columns, roles));
	const items: ColumnItem[] = columns
		.filter((c) => c.name !== roles.label.column && !sensitive.includes(c.name))
		.map((c) => {
			const notes = [...(flags.get(c.name) ?? []), ...(defaultOut(c) !== undefined ? [`left out by default: ${defaultOut(c)!}`] : [])];
			return {
				label: c.name,
				description: `${c.type} · ${c.distinct.toLocaleString('en-US')} values`,
				...(notes.length > 0 ? { detail: notes.join(' · ') } : {}),
				column: c.name,
				flagged: flags.has(c.name),
			};
		});
	const qp = vscode.window.createQuickPick<ColumnItem>();
	const dropFlagged: vscode.QuickInputButton = {
		iconPath: new vscode.ThemeIcon('warning'),
		tooltip: 'Deselect every flagged column (label leaks, proxies)',
	};
	const proPublica: vscode.QuickInputButton = {
		iconPath: new vscode.ThemeIcon('law'),
		tooltip: 'Select only the pre-outcome columns ProPublica used for COMPAS',
	};
	const hasProPublica = PROPUBLICA_COMPAS.filter((c) => c !== roles.label.column && !sensitive.includes(c)).every((c) =>
		items.some((i) => i.column === c),
	);
	qp.title = `${file}: features of the firm's model (${sensitive.join(' & ')} ${roles.features?.includeSensitive === false ? 'not seen: the blind firm' : 'is seen as well: the aware firm'})`;
	qp.placeholder = `Tick the columns the classifier may read (label '${roles.label.column}' is never one)`;
	qp.canSelectMany = true;
	qp.matchOnDetail = true;
	qp.ignoreFocusOut = true;
	qp.items = items;
	qp.selectedItems = items.filter((i) => inUse.has(i.column));
	qp.buttons = hasProPublica ? [dropFlagged, proPublica] : [dropFlagged];
	return settleOnce<ColumnItem, string[]>(qp, (finish) => {
		qp.onDidTriggerButton((b) => {
			qp.selectedItems =
				b === proPublica ? items.filter((i) => PROPUBLICA_COMPAS.includes(i.column)) : qp.selectedItems.filter((i) => !i.flagged);
		});
		qp.onDidAccept(() => {
			if (qp.selectedItems.length === 0) {
				qp.placeholder = 'Tick at least one column: a model needs a feature';
				return;
			}
			finish(qp.selectedItems.map((i) => i.column));
		});
	});
}
