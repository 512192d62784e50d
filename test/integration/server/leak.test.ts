/**
 * The label-leak diagnostic over a real server connection: a column recorded after the outcome (a
 * date present only for approved applications) gets `label-leak` on its header cell, with a quick
 * fix that excludes it in the sidecar, after which the diagnostic is gone.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { writeSidecar } from '../../support/sidecar';
import { useFolderServer } from './lspClient';

const codes = (d: readonly Diagnostic[]): string[] => d.map((x) => String(x.code));
const csvText =
	[
		'group,score,paid_out_on,decision',
		...Array.from({ length: 300 }, (_, i) => {
			const approved = (i * 37) % 10 < (i % 4 === 0 ? 4 : 6);
			return `${i % 4 === 0 ? 'b' : 'a'},${(i * 7919) % 97},${approved ? `2015-0${(i % 9) + 1}-1${i % 10}` : ''},${approved ? 'approved' : 'denied'}`;
		}),
	].join('\n') + '\n';

void describe('label-leak diagnostic', () => {
	const server = useFolderServer('cf-leak-', (folder) => {
		const file = join(folder, 'loans.csv');
		writeFileSync(file, csvText);
		writeSidecar(file, {
			sensitive: { column: 'group', minority: ['b'] },
			label: { column: 'decision', favourable: ['approved'] },
		});
		return file;
	});

	void it('flags the post-outcome column, not the others, and its quick fix excludes it', async () => {
		await server.client.open(server.uri, csvText);
		const d = await server.client.waitForDiagnostics(server.uri, (x) => codes(x).includes('label-leak'));
		const leaks = d.filter((x) => x.code === 'label-leak');
		assert.equal(leaks.length, 1);
		assert.match(leaks[0]!.message, /'paid_out_on' predicts 'decision' almost perfectly on its own \(one-column AUC 1\.000/);
		assert.equal(leaks[0]!.range.start.character, 'group,score,'.length, 'on the header cell of the column');
		const actions = await server.client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri: server.uri },
			range: leaks[0]!.range,
			context: { diagnostics: leaks },
		});
		assert.deepEqual(
			actions.map((a) => a.title),
			["Exclude 'paid_out_on' from the features (sidecar)"],
		);
		const next = server.client.waitForDiagnostics(server.uri, (x) => !codes(x).includes('label-leak'), 20_000, false);
		const result = await server.client.connection.sendRequest<{ sidecar: string }>('workspace/executeCommand', actions[0]!.command);
		assert.deepEqual((JSON.parse(readFileSync(result.sidecar, 'utf8')) as { features: { exclude: string[] } }).features.exclude, [
			'paid_out_on',
		]);
		await next;
	});
});
