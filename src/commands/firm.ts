/**
 * *Choose the Firm…*: whether the firm's model takes the sensitive attribute as an input, saved to
 * the sidecar (features.includeSensitive). The aware firm is the paper's protocol and the default
 * (setting `collectiveFairness.firm.seesSensitiveAttribute` when the roles say nothing); the blind
 * firm sees the group only through proxies (docs/methods.md, "The firm").
 */
import * as vscode from 'vscode';
import type { Ctx, EditRolesResult } from '../ctx';
import { asArgs } from '../util/dataset';
import { editExistingRoles } from './datasetRoles';

interface FirmItem extends vscode.QuickPickItem {
	readonly includeSensitive: boolean;
}

export function chooseFirm(ctx: Ctx, arg: unknown): Promise<EditRolesResult | undefined> {
	return editExistingRoles(ctx, arg, {
		noRoles: '',
		doing: 'choosing the firm',
		choose: async ({ file, roles }) => {
			const sensitive = typeof roles.sensitive.column === 'string' ? roles.sensitive.column : roles.sensitive.column.join(' & ');
			const current = roles.features?.includeSensitive;
			const given = (asArgs(arg) as { includeSensitive?: unknown }).includeSensitive;
			let includeSensitive: boolean;
			if (typeof given === 'boolean') {
				includeSensitive = given;
			} else {
				const items: FirmItem[] = [
					{
						label: `Aware: the firm sees ${sensitive}`,
						description: current === true ? 'current' : current === undefined ? 'default' : '',
						detail: "The paper's protocol: the collective's signal changes an input of the firm's model.",
						includeSensitive: true,
					},
					{
						label: `Blind: the firm never sees ${sensitive}`,
						description: current === false ? 'current' : '',
						detail: 'The group reaches the model only through features associated with it (proxies).',
						includeSensitive: false,
					},
				];
				const chosen = await vscode.window.showQuickPick(items, {
					title: `${file}: does the firm's model see ${sensitive}?`,
					placeHolder: 'Audits show both firms side by side; simulations use the one chosen here',
				});
				if (chosen === undefined) {
					return undefined;
				}
				includeSensitive = chosen.includeSensitive;
			}
			return {
				change: { kind: 'firm', includeSensitive },
				done: `the firm ${includeSensitive ? 'sees' : 'does not see'} ${sensitive}`,
				status: `${includeSensitive ? 'aware' : 'blind'} firm saved`,
			};
		},
	});
}
