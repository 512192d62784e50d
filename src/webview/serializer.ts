/**
 * Restores fairness panels after a window reload. VS Code hands back the state the webview saved
 * (vscodeApi.setState); its dataset id says which PanelHost to attach, whose result store then
 * supplies the results (the saved state holds only view choices). The extension registers this
 * at activation and needs the activation event `onWebviewPanel:collectiveFairness.panel`.
 */
import * as vscode from 'vscode';
import { FairnessPanel } from './fairnessPanel';
import type { PanelHost } from './panelHost';
import { datasetIdOf } from './savedState';

export type PanelHostFactory = (datasetId: string) => PanelHost | undefined;

export class FairnessPanelSerializer implements vscode.WebviewPanelSerializer {
	constructor(
		private readonly extensionUri: vscode.Uri,
		private readonly hostFor: PanelHostFactory,
	) {}

	async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
		const datasetId = datasetIdOf(state);
		const host = datasetId !== undefined ? this.hostFor(datasetId) : undefined;
		if (host === undefined) {
			// Nothing to attach (no state, or the file is gone): a blank panel would only confuse.
			panel.dispose();
			return;
		}
		FairnessPanel.revive(panel, this.extensionUri, host);
	}
}

export function registerFairnessPanelSerializer(extensionUri: vscode.Uri, hostFor: PanelHostFactory): vscode.Disposable {
	return vscode.window.registerWebviewPanelSerializer(FairnessPanel.viewType, new FairnessPanelSerializer(extensionUri, hostFor));
}
