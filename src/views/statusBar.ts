/**
 * The active CSV/TSV file: one status bar item on the right with its dialect and roles as the
 * server reports them (analysisStatus, e.g. "`,` UTF-8 · favourable income = >50K · minority sex = Female"), a click
 * to change the roles, and the context keys the menus' `when` clauses use:
 * collectiveFairness.activeDataset / activeHasRoles / activeHasResults.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Config, SECTION } from '../config';
import type { Ctx } from '../ctx';
import { isDatasetDocument, rolesOf } from '../util/dataset';

export class ActiveDatasetStatus implements vscode.Disposable {
	private readonly item: vscode.StatusBarItem;
	private readonly disposables: vscode.Disposable[] = [];
	private hasRoles = false;
	/** Guards against an older update (slow sidecar read) landing after a newer one. */
	private generation = 0;

	constructor(private readonly ctx: Ctx) {
		this.item = vscode.window.createStatusBarItem('collectiveFairness.status', vscode.StatusBarAlignment.Right, 100);
		this.item.name = 'Collective Fairness';
		const update = (): void => void this.update();
		this.disposables.push(
			this.item,
			vscode.window.onDidChangeActiveTextEditor(update),
			ctx.onDidChangeStatus((s) => {
				if (s.uri === this.activeUri()?.toString()) {
					update();
				}
			}),
			ctx.onDidChangeRoles(update),
			ctx.results.onDidChange(update),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration(SECTION)) {
					update();
				}
			}),
		);
		const watcher = vscode.workspace.createFileSystemWatcher('**/*.fairness.json');
		this.disposables.push(watcher, watcher.onDidCreate(update), watcher.onDidChange(update), watcher.onDidDelete(update));
		update();
	}

	private activeUri(): vscode.Uri | undefined {
		const doc = vscode.window.activeTextEditor?.document;
		return doc !== undefined && isDatasetDocument(doc) ? doc.uri : undefined;
	}

	/** Whether the active file has saved roles (the tests read the status through this too). */
	get activeHasRoles(): boolean {
		return this.hasRoles;
	}

	get text(): string {
		return this.item.text;
	}

	async update(): Promise<void> {
		const generation = ++this.generation;
		const uri = this.activeUri();
		const roles = uri !== undefined ? await rolesOf(uri) : undefined;
		if (generation !== this.generation) {
			return;
		}
		this.hasRoles = roles !== undefined;
		const results = uri !== undefined ? this.ctx.results.get(uri) : undefined;
		void vscode.commands.executeCommand('setContext', 'collectiveFairness.activeDataset', uri !== undefined);
		void vscode.commands.executeCommand('setContext', 'collectiveFairness.activeHasRoles', this.hasRoles);
		void vscode.commands.executeCommand(
			'setContext',
			'collectiveFairness.activeHasResults',
			results !== undefined && (results.audit !== undefined || Object.keys(results.simulations).length > 0),
		);
		if (uri === undefined || !Config.for(uri).statusBarEnabled) {
			this.item.hide();
			return;
		}
		const status = this.ctx.status(uri);
		const file = path.basename(uri.fsPath);
		let text: string;
		let tip: string;
		switch (status?.state) {
			case 'parsing':
				text = '$(sync~spin) Fairness: reading…';
				tip = `Reading ${file}`;
				break;
			case 'error':
				text = '$(warning) Fairness';
				tip = `${file}: ${status.message ?? 'could not be analysed'}`;
				break;
			case 'ready':
				// e.g. "CSV , UTF-8 · favourable y = yes · minority sex = Female": the language, then the server's dialect and roles.
				text = `$(law) ${status.summary !== undefined ? `${path.extname(file).slice(1).toUpperCase()} ${status.summary}` : file}`;
				tip = `${file}: ${status.rows?.toLocaleString('en-US') ?? '?'} rows × ${status.columns ?? '?'} columns`;
				break;
			default:
				text = '$(law) Fairness';
				tip = file;
		}
		if (!this.hasRoles && status?.state === 'ready') {
			text += ' · no roles';
		}
		this.item.text = text;
		this.item.tooltip = `${tip}\nClick to change the roles (sensitive attribute, label).`;
		this.item.command = { command: 'collectiveFairness.changeRoles', title: 'Change Roles…', arguments: [{ uri: uri.toString() }] };
		this.item.accessibilityInformation = {
			label: `Collective Fairness: ${text.replace(/\$\([^)]*\)\s*/g, '')}. Activate to change the roles.`,
		};
		this.item.show();
	}

	dispose(): void {
		for (const d of this.disposables.splice(0)) {
			d.dispose();
		}
	}
}
