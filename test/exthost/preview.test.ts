/**
 * A Parquet file in the editor: written here with hyparquet-writer (30 rows: group, score with
 * one missing cell, outcome), opened as a user opens it (vscode.open, as the Explorer and the
 * Datasets view do), it shows the read-only preview — its schema with each column's profile and
 * its first rows — and the commands take it like a CSV. Runs after extension.test (file order),
 * and removes its file so the workspace is as it found it.
 */
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ColumnSource } from 'hyparquet-writer' with { 'resolution-mode': 'import' };
import type { CollectiveFairnessApi } from '../../src/extension';
import type { ProfileResult } from '../../src/shared/lspProtocol';
import { eventually, exec } from './helpers';

const ROWS = 30;
const group = Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? 'F' : 'M'));
// Row 4 (index 3) has no score: the preview shows it as missing, the profile counts it.
const score = Array.from({ length: ROWS }, (_, i) => (i === 3 ? null : 10 + i * 0.5));
const outcome = Array.from({ length: ROWS }, (_, i) => (i % 2 === 0 ? 'yes' : 'no'));

suite('A Parquet file opens in its read-only preview', () => {
	let api: CollectiveFairnessApi;
	let parquet: vscode.Uri;

	suiteSetup(async () => {
		const ext = vscode.extensions.getExtension<CollectiveFairnessApi>('collective-fairness.collective-fairness');
		api = await ext!.activate();
		parquet = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'loans.parquet');
		const { parquetWriteBuffer } = await import('hyparquet-writer');
		const columnData: ColumnSource[] = [
			{ name: 'group', data: group, type: 'STRING', nullable: true },
			{ name: 'score', data: score, type: 'DOUBLE', nullable: true },
			{ name: 'outcome', data: outcome, type: 'STRING', nullable: true },
		];
		writeFileSync(parquet.fsPath, new Uint8Array(parquetWriteBuffer({ columnData })));
		await eventually('the language server runs', () => api.serverRunning());
	});

	suiteTeardown(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		rmSync(parquet.fsPath, { force: true });
	});

	test('opening it shows its schema, the profile of each column and its first rows', async () => {
		await vscode.commands.executeCommand('vscode.open', parquet);
		const tab = await eventually('the preview tab', () => {
			const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
			return input instanceof vscode.TabInputCustom ? input : undefined;
		});
		assert.equal(tab.viewType, 'collectiveFairness.dataPreview');
		assert.equal(tab.uri.toString(), parquet.toString());
		const html = await api.preview(parquet, 60_000);
		assert.ok(html !== undefined, 'the preview rendered');
		assert.match(html, /Parquet · 30 rows × 3 columns · read-only preview/);
		// The schema: one row per column with its storage, inferred type, missing and distinct counts.
		assert.match(html, /<th scope="row">group<\/th><td>categorical<\/td><td>binary<\/td><td class="n">0<\/td><td class="n">2<\/td>/);
		assert.match(html, /<th scope="row">score<\/th><td>numeric<\/td><td>\w+<\/td><td class="n">1<\/td><td class="n">29<\/td>/);
		assert.match(html, /min 10 · median [\d.]+ · max 24\.5 · mean [\d.]+/);
		assert.match(html, /M 66\.7% · F 33\.3%/, 'the top values of group with their shares');
		// The first rows, in file order: row 1 is F, 10, yes; row 4 has its score missing.
		assert.match(html, /<tr><td class="n">1<\/td><td>F<\/td><td>10<\/td><td>yes<\/td><\/tr>/);
		assert.match(html, /<tr><td class="n">4<\/td><td>F<\/td><td class="na">missing<\/td><td>no<\/td><\/tr>/);
		assert.match(html, /First 20 of 30 rows/);
		assert.match(html, /command:collectiveFairness\.changeRoles\?/, 'a link to set the roles of this file');
	});

	test('the commands take it like a CSV (read by the server from disk), and the Datasets view lists it', async () => {
		const profile = await exec<ProfileResult>('profileDataset', { uri: parquet.toString() });
		assert.equal(profile?.profile.rows, ROWS);
		assert.deepEqual(
			profile?.profile.columns.map((c) => c.name),
			['group', 'score', 'outcome'],
		);
		const listed = await eventually('loans.parquet in the Datasets view', async () =>
			(await api.datasets()).find((d) => d.label === 'loans.parquet'),
		);
		assert.equal(listed.contextValue, 'dataset.noRoles');
	});
});
