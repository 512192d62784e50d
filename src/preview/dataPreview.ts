/**
 * The read-only preview of Parquet, Arrow IPC and gzip-compressed CSV/TSV files (custom editor
 * `collectiveFairness.dataPreview`): they have no text for the editor, so opening one — from the
 * Explorer, the Datasets view or `vscode.open` — shows its schema with each column's profile and
 * its first rows, read by the language server as every command reads the file. The page links to
 * the commands for the file (Change Roles…, Audit, Simulate, the panel). Refreshed when the file or
 * its sidecar changes on disk.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { PreviewRequest } from '../shared/previewProtocol';
import { sidecarPathFor } from '../shared/sidecarPath';
import { PREVIEW_COMMANDS, previewErrorHtml, previewHtml, previewMessageHtml } from './previewHtml';

export const PREVIEW_VIEW_TYPE = 'collectiveFairness.dataPreview';
/** How long a preview opened during activation waits for the language server to start. */
const SERVER_WAIT_MS = 20_000;

export class DataPreviewProvider implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
	/** The HTML each open preview shows, by file URI (the extension's test API reads it). */
	private readonly rendered = new Map<string, string>();
	private readonly renderedEvent = new vscode.EventEmitter<string>();
	private readonly registration: vscode.Disposable;

	constructor(private readonly ctx: Ctx) {
		this.registration = vscode.window.registerCustomEditorProvider(PREVIEW_VIEW_TYPE, this, {
			webviewOptions: { retainContextWhenHidden: false },
			supportsMultipleEditorsPerDocument: true,
		});
	}

	openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
		return { uri, dispose: () => this.rendered.delete(uri.toString()) };
	}

	async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
		panel.webview.options = { enableScripts: false, enableCommandUris: PREVIEW_COMMANDS.map((c) => c.command) };
		const name = path.basename(document.uri.fsPath);
		panel.webview.html = previewMessageHtml(name, 'Reading the file…', panel.webview.cspSource);
		// The file or its sidecar changing on disk (a role edit writes the sidecar) re-reads the preview.
		const folder = vscode.Uri.file(path.dirname(document.uri.fsPath));
		const watchers = [document.uri.fsPath, sidecarPathFor(document.uri.fsPath)].map((file) =>
			vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, path.basename(file))),
		);
		const again = (): void => void this.render(document.uri, panel);
		const subscriptions = watchers.flatMap((w) => [w, w.onDidChange(again), w.onDidCreate(again)]);
		panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
		await this.render(document.uri, panel);
	}

	/** The HTML shown for `uri` once its preview has rendered (undefined until then). */
	async html(uri: vscode.Uri, timeoutMs = 30_000): Promise<string | undefined> {
		const key = uri.toString();
		const now = this.rendered.get(key);
		if (now !== undefined) {
			return now;
		}
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				sub.dispose();
				resolve(undefined);
			}, timeoutMs);
			const sub = this.renderedEvent.event((done) => {
				if (done === key) {
					clearTimeout(timer);
					sub.dispose();
					resolve(this.rendered.get(key));
				}
			});
		});
	}

	private async render(uri: vscode.Uri, panel: vscode.WebviewPanel): Promise<void> {
		const name = path.basename(uri.fsPath);
		let html: string;
		try {
			await this.serverUp();
			const result = await this.ctx.request(PreviewRequest.type, { uri: uri.toString() });
			html = previewHtml(result, name, panel.webview.cspSource);
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			this.ctx.log.error(`preview of ${uri.fsPath}: ${message}`);
			html = previewErrorHtml(name, message, panel.webview.cspSource);
		}
		panel.webview.html = html;
		this.rendered.set(uri.toString(), html);
		this.renderedEvent.fire(uri.toString());
	}

	/** A preview restored with the window opens before the server has started: wait for it a while. */
	private async serverUp(): Promise<void> {
		const deadline = Date.now() + SERVER_WAIT_MS;
		while (!this.ctx.running && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 100));
		}
	}

	dispose(): void {
		this.registration.dispose();
		this.renderedEvent.dispose();
	}
}
