/**
 * The start every role-editing command shares: the dataset the command is about (its argument or
 * the active editor), its profile from the server, and its roles — or a message saying what is
 * missing, and undefined.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ProfileRequest, type ProfileResult } from '../shared/lspProtocol';
import type { Sidecar } from '../shared/model';
import { targetUri } from '../util/dataset';

export interface DatasetWithRoles {
	readonly uri: vscode.Uri;
	readonly file: string;
	readonly profile: ProfileResult;
	readonly roles: Sidecar;
}

/** `noRoles` completes "FILE has no roles yet: set the sensitive attribute and the label first…". */
export async function datasetWithRoles(ctx: Ctx, arg: unknown, noRoles: string): Promise<DatasetWithRoles | undefined> {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
		return undefined;
	}
	const file = path.basename(uri.fsPath);
	const profile = await ctx.request(ProfileRequest.type, { uri: uri.toString() });
	if (profile.roles === null) {
		void vscode.window.showInformationMessage(`${file} has no roles yet: set the sensitive attribute and the label first${noRoles}.`);
		return undefined;
	}
	return { uri, file, profile, roles: profile.roles };
}
