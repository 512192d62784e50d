/**
 * The Datasets view: every CSV/TSV file of the workspace with its roles and the last audit's
 * verdict (equalized odds with its interval), expanding to the remembered results — those computed
 * under other data or roles marked stale, with a re-run (util/results). Refreshed when
 * data files or sidecars change on disk, when roles are edited and when results arrive; inline
 * actions (set roles, audit, simulate, open the panel) come from package.json `view/item/context`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Sidecar } from '../shared/model';
import { describeSimulation, formatEstimate } from '../commands/runs';
import { DATASET_GLOB, describeRoles, isDatasetUri, rolesOf } from '../util/dataset';
import type { StaleRun, StoredResults } from '../util/results';
import { isReportExport } from '../util/exports';

const EXCLUDE = '{**/node_modules/**,**/.vscode-test/**,**/.git/**}';
/** A workspace with more data files than this lists the first ones only (the view says so). */
const MAX_FILES = 2000;
const REFRESH_DELAY_MS = 250;

export class DatasetNode {
	readonly kind = 'dataset' as const;
	/** `results`: the runs matching the data and roles now; `stale`: the others, marked in the view. */
	constructor(
		readonly uri: vscode.Uri,
		readonly roles: Sidecar | undefined,
		readonly results: StoredResults | undefined,
		readonly stale: readonly StaleRun[] = [],
	) {}
}

export class DetailNode {
	readonly kind = 'detail' as const;
	constructor(
		readonly label: string,
		readonly description: string,
		readonly icon: string,
		readonly tooltip?: string,
		readonly command?: vscode.Command,
	) {}
}

type Node = DatasetNode | DetailNode;

/** What the view shows, flattened for the tests. */
export interface DatasetSnapshot {
	readonly uri: string;
	readonly label: string;
	readonly description: string;
	readonly contextValue: string;
	readonly details: readonly string[];
}

function shortRoles(s: Sidecar): string {
	const col = typeof s.sensitive.column === 'string' ? s.sensitive.column : s.sensitive.column.join('×');
	return `${col}: ${s.sensitive.minority.join(', ')} · ${s.label.column}: ${s.label.favourable.join(', ')}`;
}

export class DatasetsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<Node | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private readonly disposables: vscode.Disposable[] = [];
	private timer: NodeJS.Timeout | undefined;
	private pending: Promise<void> | undefined;
	private settle: (() => void) | undefined;

	constructor(private readonly ctx: Ctx) {
		const view = vscode.window.createTreeView('collectiveFairness.datasets', { treeDataProvider: this, showCollapseAll: true });
		const watcher = vscode.workspace.createFileSystemWatcher(
			'**/*.{csv,tsv,tab,csv.gz,tsv.gz,parquet,arrow,arrows,feather,ipc,fairness.json}',
		);
		const soon = (): void => void this.refresh();
		this.disposables.push(
			view,
			watcher,
			this.changed,
			watcher.onDidCreate(soon),
			watcher.onDidDelete(soon),
			watcher.onDidChange(soon),
			ctx.onDidChangeRoles(soon),
			ctx.results.onDidChange(soon),
			vscode.workspace.onDidChangeWorkspaceFolders(soon),
		);
	}

	/** Coalesces bursts of file events into one refresh; resolves once the view was told. */
	refresh(): Promise<void> {
		if (this.timer !== undefined) {
			clearTimeout(this.timer);
		}
		this.pending ??= new Promise<void>((r) => (this.settle = r));
		this.timer = setTimeout(() => {
			this.timer = undefined;
			this.changed.fire(undefined);
			this.settle?.();
			this.pending = undefined;
		}, REFRESH_DELAY_MS);
		return this.pending;
	}

	getTreeItem(node: Node): vscode.TreeItem {
		if (node.kind === 'detail') {
			const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
			item.description = node.description;
			item.iconPath = new vscode.ThemeIcon(node.icon);
			item.tooltip = node.tooltip ?? `${node.label}: ${node.description}`;
			if (node.command !== undefined) {
				item.command = node.command;
			}
			return item;
		}
		const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Collapsed);
		item.label = path.basename(node.uri.fsPath);
		item.id = node.uri.toString();
		const audit = node.results?.audit;
		const staleAudit = audit === undefined && node.stale.some((s) => s.run.kind === 'audit');
		const verdict = audit !== undefined ? ` · EqOd ${formatEstimate(audit.summary.eqodAverage)}` : staleAudit ? ' · audit stale' : '';
		item.description = `${node.roles !== undefined ? shortRoles(node.roles) : 'no roles'}${verdict}`;
		item.contextValue = node.roles !== undefined ? 'dataset.roles' : 'dataset.noRoles';
		const tip = new vscode.MarkdownString(undefined, true);
		tip.appendMarkdown(`**${item.label}**\n\n`);
		tip.appendText(`${vscode.workspace.asRelativePath(node.uri)}\n\n`);
		tip.appendText(
			node.roles !== undefined
				? `Roles: ${describeRoles(node.roles)}`
				: 'No roles yet: use the person icon to set the sensitive attribute.',
		);
		item.tooltip = tip;
		item.command = { command: 'vscode.open', title: 'Open', arguments: [node.uri] };
		return item;
	}

	async getChildren(node?: Node): Promise<Node[]> {
		if (node === undefined) {
			// A report's exported rows (NAME.rows.csv beside NAME.html) are not a dataset to audit.
			const uris = (await vscode.workspace.findFiles(DATASET_GLOB, EXCLUDE, MAX_FILES)).filter(
				(u) => isDatasetUri(u) && !isReportExport(u.fsPath),
			);
			uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
			return Promise.all(
				uris.map(async (u) => {
					const { fresh, stale } = await this.ctx.results.current(u);
					return new DatasetNode(u, await rolesOf(u), fresh, stale);
				}),
			);
		}
		return node.kind === 'dataset' ? this.details(node) : [];
	}

	private details(node: DatasetNode): DetailNode[] {
		const out: DetailNode[] = [];
		out.push(
			node.roles !== undefined
				? new DetailNode('Roles', describeRoles(node.roles), 'person')
				: new DetailNode('Roles', 'none yet — Set Sensitive Attribute…, then Set Label…', 'person'),
		);
		const r = node.results;
		if (r?.audit !== undefined) {
			const s = r.audit.summary;
			const when = r.auditedAt !== undefined ? ` (${new Date(r.auditedAt).toLocaleString()})` : '';
			out.push(
				new DetailNode(
					'Audit',
					`EqOd ${formatEstimate(s.eqodAverage)} · SPD ${formatEstimate(s.spd)} · error ${formatEstimate(s.error)}`,
					'checklist',
					`Last audit${when}: equalized odds (average) ${formatEstimate(s.eqodAverage)}, statistical parity difference ${formatEstimate(s.spd)}, error ${formatEstimate(s.error)}, 95 % bootstrap intervals.`,
				),
			);
		}
		for (const sim of Object.values(r?.simulations ?? {})) {
			if (sim !== undefined) {
				out.push(new DetailNode('Simulation', describeSimulation(sim), 'graph-line'));
			}
		}
		if (r?.comparison !== undefined) {
			out.push(new DetailNode('Firm-side comparison', `${r.comparison.fronts.length} method(s), ${r.comparison.seeds} seed(s)`, 'law'));
		}
		// Stale runs stay visible, marked, with a re-run: never shown as if they held for the roles above.
		for (const { run, why } of node.stale) {
			const rerun = run.kind === 'audit' ? 'auditDataset' : run.kind === 'simulation' ? 'runSimulation' : 'compareFirmSide';
			const what =
				run.kind === 'audit'
					? `EqOd ${formatEstimate(run.result.summary.eqodAverage)}`
					: run.kind === 'simulation'
						? describeSimulation(run.result)
						: `${run.result.fronts.length} method(s)`;
			const kind = run.kind === 'audit' ? 'Audit' : run.kind === 'simulation' ? 'Simulation' : 'Firm-side comparison';
			out.push(
				new DetailNode(
					`${kind} (stale)`,
					`${what} — ${why}; click to re-run`,
					'history',
					`Computed ${new Date(run.at).toLocaleString()} under other data or roles (${why}): not valid for the roles above. Click to re-run.`,
					{ command: `collectiveFairness.${rerun}`, title: 'Re-run', arguments: [{ uri: node.uri.toString() }] },
				),
			);
		}
		return out;
	}

	/** The view's content as text (the extension's test API). */
	async snapshot(): Promise<DatasetSnapshot[]> {
		await this.pending;
		const roots = await this.getChildren();
		return Promise.all(
			roots.map(async (n) => {
				const item = this.getTreeItem(n);
				const details = (await this.getChildren(n)).map(
					(d) => `${String(this.getTreeItem(d).label)}: ${String(this.getTreeItem(d).description)}`,
				);
				return {
					uri: n.kind === 'dataset' ? n.uri.toString() : '',
					label: String(item.label),
					description: String(item.description ?? ''),
					contextValue: item.contextValue ?? '',
					details,
				};
			}),
		);
	}

	dispose(): void {
		if (this.timer !== undefined) {
			clearTimeout(this.timer);
		}
		this.settle?.();
		for (const d of this.disposables.splice(0)) {
			d.dispose();
		}
	}
}
