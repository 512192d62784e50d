/**
 * Extension entry: activation wiring only. The language server, commands, views and panel are
 * added by their own modules as they land (see docs/architecture.md); for now the extension
 * contributes the csv / tsv languages, validation of `*.fairness.json` sidecars against the
 * shipped schema (both declarative, in package.json) and its log channel.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
	const log = vscode.window.createOutputChannel('Collective Fairness', { log: true });
	context.subscriptions.push(log, vscode.commands.registerCommand('collectiveFairness.showLog', () => log.show()));
	log.info(`Collective Fairness ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
	// Every disposable is owned by context.subscriptions.
}
