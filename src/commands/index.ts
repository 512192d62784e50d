/**
 * Every command in one table (rust-analyzer's createCommands): a factory `(ctx) => Cmd`,
 * registered as `collectiveFairness.<name>`. Commands that need the server say so clearly when it
 * is down instead of throwing (ServerDownError is turned into a message here). Each returns what it
 * did, so the extension-host tests can check the effect.
 */
import * as vscode from 'vscode';
import { ServerDownError, type Ctx } from '../ctx';
import type { DatasetsTree } from '../views/datasetsTree';
import { generateSynthetic, openSample } from './files';
import { exportReport, openPanel } from './panel';
import { changeRoles, setRole } from './roles';
import { chooseFeatures } from './features';
import { chooseFirm } from './firm';
import { auditDataset, compareFirmSide, profileDataset, runSimulation } from './runs';

export type Cmd = (...args: unknown[]) => unknown;

export interface CommandDeps {
	readonly tree: DatasetsTree;
}

export type CommandFactory = (ctx: Ctx, deps: CommandDeps) => Cmd;

export const COMMANDS: Readonly<Record<string, CommandFactory>> = {
	setSensitiveAttribute: (ctx) => (arg) => setRole(ctx, 'sensitive', arg),
	setLabel: (ctx) => (arg) => setRole(ctx, 'label', arg),
	changeRoles: (ctx) => (arg) => changeRoles(ctx, arg),
	chooseFeatures: (ctx) => (arg) => chooseFeatures(ctx, arg),
	chooseFirm: (ctx) => (arg) => chooseFirm(ctx, arg),
	profileDataset: (ctx) => (arg) => profileDataset(ctx, arg),
	auditDataset: (ctx) => (arg) => auditDataset(ctx, arg),
	runSimulation: (ctx) => (arg) => runSimulation(ctx, arg),
	compareFirmSide: (ctx) => (arg) => compareFirmSide(ctx, arg),
	openPanel: (ctx) => (arg) => openPanel(ctx, arg),
	exportReport: (ctx) => (arg) => exportReport(ctx, arg),
	generateSynthetic: (ctx) => (arg) => generateSynthetic(ctx, arg),
	openSample: (ctx) => (which) => openSample(ctx, which),
	refreshDatasets: (_ctx, deps) => () => deps.tree.refresh(),
	showLog: (ctx) => () => ctx.log.show(),
};

export function registerCommands(ctx: Ctx, deps: CommandDeps): void {
	for (const [name, factory] of Object.entries(COMMANDS)) {
		const cmd = factory(ctx, deps);
		ctx.pushCleanup(
			vscode.commands.registerCommand(`collectiveFairness.${name}`, async (...args: unknown[]) => {
				try {
					return await cmd(...args);
				} catch (e) {
					if (e instanceof ServerDownError) {
						ctx.log.warn(`${name}: ${e.message}`);
						void vscode.window.showWarningMessage(`Collective Fairness: ${e.message}.`, 'Show Log').then((a) => {
							if (a !== undefined) {
								ctx.log.show();
							}
						});
						return undefined;
					}
					throw e;
				}
			}),
		);
	}
}
