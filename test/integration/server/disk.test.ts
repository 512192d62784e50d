/**
 * Files the editor does not sync (VS Code stops above 50 MB) are read from disk by URI; a change
 * on disk (workspace/didChangeWatchedFiles) re-reads them. Roles set from the header lenses are
 * held until both exist, then written to the sidecar.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileResult } from '../../../src/shared/lspProtocol';
import { useFolderServer } from './lspClient';

// Group b (every third row) is favourable less often than a: the minority default is the lower rate.
const rows = (n: number): string =>
	[
		'group,score,outcome',
		...Array.from({ length: n }, (_, i) => `${i % 3 === 0 ? 'b' : 'a'},${i % 7},${i % 2 === 0 && i % 9 !== 0 ? 'good' : 'bad'}`),
	].join('\n') + '\n';

void describe('files read from disk', () => {
	const server = useFolderServer('cf-disk-', (folder) => {
		const file = join(folder, 'data.csv');
		writeFileSync(file, rows(90));
		return file;
	});

	void it('profiles an unopened file from disk and publishes its diagnostics', async () => {
		const r = await server.client.connection.sendRequest<ProfileResult>('collectiveFairness/profile', { uri: server.uri });
		assert.equal(r.source, 'disk');
		assert.equal(r.profile.rows, 90);
		assert.equal(r.profile.columns[1]!.name, 'score');
		assert.equal(r.roles, null);
		await server.client.waitForDiagnostics(server.uri);
	});

	void it('re-reads the file when it changes on disk', async () => {
		const first = await server.client.connection.sendRequest<ProfileResult>('collectiveFairness/profile', { uri: server.uri });
		writeFileSync(server.file, rows(120));
		await server.client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: server.uri, type: 2 }] });
		const r = await server.client.connection.sendRequest<ProfileResult>('collectiveFairness/profile', { uri: server.uri });
		assert.equal(r.profile.rows, 120);
		assert.notEqual(r.contentHash, first.contentHash);
	});

	void it('holds the first role, then writes the sidecar with both', async () => {
		const sidecar = join(server.dir, 'data.fairness.json');
		const a = await server.client.connection.sendRequest<{ sidecar: string | null; summary: string }>('workspace/executeCommand', {
			command: 'collectiveFairness.server.editRoles',
			arguments: [{ uri: server.uri, change: { kind: 'sensitive', column: 'group' } }],
		});
		assert.deepEqual(a, { sidecar: null, summary: 'now choose the label' });
		// No label yet: no minority is guessed; the label's rates choose it below.
		assert.equal(existsSync(sidecar), false);
		const b = await server.client.connection.sendRequest<{ sidecar: string | null }>('workspace/executeCommand', {
			command: 'collectiveFairness.server.editRoles',
			arguments: [{ uri: server.uri, change: { kind: 'label', column: 'outcome' } }],
		});
		assert.equal(b.sidecar, sidecar);
		const written = JSON.parse(readFileSync(sidecar, 'utf8')) as {
			sensitive: { column: string; minority: string[] };
			label: { favourable: string[] };
		};
		assert.equal(written.sensitive.column, 'group');
		assert.deepEqual(written.sensitive.minority, ['b']);
		assert.deepEqual(written.label.favourable, ['good']);
		const r = await server.client.connection.sendRequest<ProfileResult>('collectiveFairness/profile', { uri: server.uri });
		assert.equal(r.rolesError, null);
		assert.equal(r.profile.groups?.groups.length, 2);
	});
});
