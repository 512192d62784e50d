/**
 * The profile page of the panel (Profile Dataset): one webview per dataset showing its sortable
 * column table. Same bundle, CSP and message validation as the fairness panel; the page is built
 * with `view: 'profile'`. It only displays: the table is built on the host (shared/profileTable.ts)
 * and sent again whenever the page says it is ready (after a reload or being hidden).
 */
import * as vscode from 'vscode';
import type { ProfileTableView } from '../shared/profileTable';
import type { WebviewMessage } from '../shared/webviewProtocol';
import { makeNonce, panelHtml } from './html';
import { Messenger } from './messenger';

export class ProfilePanel {
	static readonly viewType = 'collectiveFairness.profile';
	private static readonly panels = new Map<string, ProfilePanel>();

	private readonly messenger: Messenger;
	private readonly disposables: vscode.Disposable[] = [];
	private disposed = false;

	/** Shows `table` in its dataset's profile page, opening the page beside the editor if needed. */
	static show(
		extensionUri: vscode.Uri,
		table: ProfileTableView,
		log: (level: 'info' | 'warn' | 'error', text: string) => void,
	): ProfilePanel {
		const existing = ProfilePanel.panels.get(table.id);
		if (existing !== undefined) {
			existing.update(table);
			existing.panel.reveal(undefined, true);
			return existing;
		}
		const panel = vscode.window.createWebviewPanel(ProfilePanel.viewType, `Profile: ${table.file}`, vscode.ViewColumn.Beside, {
			enableScripts: true,
			localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
		});
		return new ProfilePanel(panel, extensionUri, table, log);
	}

	static get(datasetId: string): ProfilePanel | undefined {
		return ProfilePanel.panels.get(datasetId);
	}

	private constructor(
		readonly panel: vscode.WebviewPanel,
		extensionUri: vscode.Uri,
		private table: ProfileTableView,
		private readonly log: (level: 'info' | 'warn' | 'error', text: string) => void,
	) {
		ProfilePanel.panels.set(table.id, this);
		const webview = panel.webview;
		this.messenger = new Messenger(webview, (m) => this.onMessage(m), { warn: (t) => log('warn', t) });
		webview.html = panelHtml({
			cspSource: webview.cspSource,
			scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.js')).toString(),
			styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'main.css')).toString(),
			nonce: makeNonce(),
			title: `Profile: ${table.file}`,
			view: 'profile',
		});
		this.disposables.push(
			panel.onDidDispose(() => this.dispose()),
			panel.onDidChangeViewState(() => {
				if (!panel.visible) {
					this.messenger.reset();
				}
			}),
		);
	}

	/** The table currently shown (for tests and the command's result). */
	get shown(): ProfileTableView {
		return this.table;
	}

	private update(table: ProfileTableView): void {
		this.table = table;
		void this.messenger.post({ type: 'profile/didChange', params: { table } });
	}

	private onMessage(msg: WebviewMessage): void {
		if (msg.type === 'webview/ready') {
			void this.messenger.post({ type: 'profile/didChange', params: { table: this.table } });
		} else if (msg.type === 'log/write') {
			this.log(msg.params.level, `profile page: ${msg.params.message}`);
		}
	}

	dispose(): void {
		if (this.disposed) {
			return;
		}
		this.disposed = true;
		ProfilePanel.panels.delete(this.table.id);
		this.messenger.dispose();
		this.panel.dispose();
		for (const d of this.disposables.splice(0)) {
			d.dispose();
		}
	}
}
