/**
 * What every role-editing command shares: the dataset the command is about (its argument or the
 * active editor), with its profile from the server and its roles — or a message saying what is
 * missing — and, for the commands that edit roles the dataset already has, the whole frame: the
 * user's choice, the server's edit (the one writer of the sidecar), a log line, a status message,
 * and an error shown naming the file.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx, EditRolesResult } from '../ctx';
import { ProfileRequest, type ProfileResult, type RoleChange } from '../shared/lspProtocol';
import type { Sidecar } from '../shared/model';
import { targetUri } from '../util/dataset';
import { showError } from '../util/progress';

/** The dataset a command is about and its file name, or undefined after asking for one. */
export function targetDataset(arg: unknown): { readonly uri: vscode.Uri; readonly file: string } | undefined {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
		return undefined;
	}
	return { uri, file: path.basename(uri.fsPath) };
}

export interface DatasetWithRoles {
	readonly uri: vscode.Uri;
	readonly file: string;
	readonly profile: ProfileResult;
	readonly roles: Sidecar;
}

/** `noRoles` completes "FILE has no roles yet: set the sensitive attribute and the label first…". */
async function datasetWithRoles(ctx: Ctx, arg: unknown, noRoles: string): Promise<DatasetWithRoles | undefined> {
	const target = targetDataset(arg);
	if (target === undefined) {
		return undefined;
	}
	const { uri, file } = target;
	const profile = await ctx.request(ProfileRequest.type, { uri: uri.toString() });
	if (profile.roles === null) {
		void vscode.window.showInformationMessage(`${file} has no roles yet: set the sensitive attribute and the label first${noRoles}.`);
		return undefined;
	}
	return { uri, file, profile, roles: profile.roles };
}

/** What a role-editing command decided, and how to say it once saved. */
export interface RoleEditChoice {
	readonly change: RoleChange;
	/** The log line after "FILE: " (" (saved to SIDECAR)" follows). */
	readonly done: string;
	/** The status bar message after "FILE: ". */
	readonly status: string;
}

export interface RoleEditCommand {
	/** Completes "FILE has no roles yet: set the sensitive attribute and the label first…". */
	readonly noRoles: string;
	/** What the command does, for an error: "choosing the features" (" of FILE" follows). */
	readonly doing: string;
	/** The user's choice; undefined when they cancelled. */
	readonly choose: (dataset: DatasetWithRoles) => Promise<RoleEditChoice | undefined>;
}

/** Runs a command that edits the roles a dataset already has. */
export async function editExistingRoles(ctx: Ctx, arg: unknown, command: RoleEditCommand): Promise<EditRolesResult | undefined> {
	const file = path.basename(targetUri(arg)?.fsPath ?? 'the dataset');
	try {
		const dataset = await datasetWithRoles(ctx, arg, command.noRoles);
		if (dataset === undefined) {
			return undefined;
		}
		const choice = await command.choose(dataset);
		if (choice === undefined) {
			return undefined;
		}
		const result = await ctx.editRoles({ uri: dataset.uri.toString(), change: choice.change });
		ctx.log.info(`${file}: ${choice.done}${result.sidecar !== null ? ` (saved to ${result.sidecar})` : ''}`);
		vscode.window.setStatusBarMessage(`$(check) ${file}: ${choice.status}`, 6000);
		return result;
	} catch (e) {
		showError(ctx, `${command.doing} of ${file}`, e);
		return undefined;
	}
}
