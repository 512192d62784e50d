/**
 * The language server over a real JSON-RPC connection (stdio), on test/fixtures/server/people.csv:
 * 102 people (60 M, 40 F, 2 X), `zone` follows `sex` closely (a proxy), `hired` is yes for 30/60 M
 * (50 %) and 7/40 F (17.5 %: ratio 0.35, below four-fifths), one ragged row on line 14 ("999,M,south":
 * 3 fields, reported at the end of the last one, column 12), one multi-line quoted note (lines 5–6)
 * and one 'unknown' zone. The sidecar keeps X as a separate group of 2 rows (a small group).
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver-protocol';
import type { Sidecar } from '../../../src/core/roles/sidecar';
import { repoRoot } from '../../support/datasets';
import { writeSidecar } from '../../support/sidecar';
import { useFolderServer } from './lspClient';

const fixture = join(repoRoot, 'test', 'fixtures', 'server', 'people.csv');
const ROLES: Omit<Sidecar, 'version'> = {
	sensitive: { column: 'sex', minority: ['F'], majority: ['M'], others: 'separate' },
	label: { column: 'hired', favourable: ['yes'] },
};
const codes = (d: readonly Diagnostic[]): string[] => d.map((x) => String(x.code));

void describe('language server over stdio', () => {
	const server = useFolderServer(
		'cf-server-',
		(folder) => {
			const csv = join(folder, 'people.csv');
			copyFileSync(fixture, csv);
			writeSidecar(csv, ROLES);
			return csv;
		},
		// The first test checks the initialize answer itself.
		{ initialize: false },
	);

	void it('initializes with hover, code lens, code actions and the edit-roles command', async () => {
		const init = await server.client.initialize();
		assert.equal(init.capabilities.hoverProvider, true);
		assert.deepEqual(init.capabilities.codeLensProvider, { resolveProvider: true });
		assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['collectiveFairness.server.editRoles']);
	});

	void it('publishes reading and fairness diagnostics with codes and documentation links', async () => {
		await server.client.open(server.uri, readFileSync(server.file, 'utf8'));
		const d = await server.client.waitForDiagnostics(server.uri, (x) => x.length > 0);
		const c = codes(d);
		for (const code of ['ragged-row', 'small-group', 'four-fifths', 'proxy-column', 'missing-token-candidate']) {
			assert.ok(c.includes(code), `${code} in ${c.join(', ')}`);
		}
		const ragged = d.find((x) => x.code === 'ragged-row')!;
		assert.deepEqual(ragged.range.start, { line: 13, character: 11 });
		assert.match(ragged.message, /expected 6 fields, found 3/);
		assert.ok(d.every((x) => x.codeDescription?.href.includes('diagnostics.md#') === true));
		const proxy = d.find((x) => x.code === 'proxy-column')!;
		assert.deepEqual(proxy.data, { column: 'zone' });
		assert.deepEqual(proxy.range, { start: { line: 0, character: 7 }, end: { line: 0, character: 11 } });
		assert.match(d.find((x) => x.code === 'four-fifths')!.message, /'F' is 17\.5% against 50\.0% for 'M': ratio 0\.35/);
		assert.match(d.find((x) => x.code === 'small-group')!.message, /Group 'X' has 2 rows/);
	});

	void it('hovers a header cell with the column summary, the role and that column by group', async () => {
		const h = await server.client.hover(server.uri, 0, 8);
		assert.ok(h !== null);
		const v = h.contents.value;
		assert.match(v, /^\*\*zone\*\* — categorical · column 3 of 6 · feature/);
		assert.match(v, /102 rows · 0 missing \(0\.0%\) · 4 distinct/);
		// zone by sex (counted from the fixture): F 30 north, 9 south, 1 unknown; M 51 south, 9 north; X 2 east.
		assert.match(v, /\| group \| rows \| missing \| most frequent zone \|/);
		assert.match(v, /\| F \| 40 \| 0 \| north 75\.0% · south 22\.5% · unknown 2\.5% \|/);
		assert.match(v, /\| M \| 60 \| 0 \| south 85\.0% · north 15\.0% \|/);
		assert.match(v, /\| X \| 2 \| 0 \| east 100\.0% \|/);
		assert.doesNotMatch(v, /favourable/, "the label's group rates stay on the label's hover");
		const label = await server.client.hover(server.uri, 20, 20);
		const l = label!.contents.value;
		assert.match(l, /^\*\*hired\*\* — binary · column 6 of 6 · \*\*label\*\* \(favourable: yes\)/);
		assert.match(l, /\| F \| 40 \| 17\.5% \| 0\.0% \|/);
		assert.match(l, /favourable-rate gap \*\*82\.5 points\*\* \(X vs F\)/);
	});

	void it('hovers a numeric cell with its mean and sd per group', async () => {
		const h = await server.client.hover(server.uri, 3, 11); // row 2: "2,M,south,12,ok,yes" — the score column
		const v = h!.contents.value;
		assert.match(v, /^\*\*score\*\* — numeric/);
		// Means and sample sds computed from the fixture with Python's statistics module.
		assert.match(v, /\| group \| rows \| missing \| mean ± sd \|/);
		assert.match(v, /\| F \| 40 \| 0 \| 23 ± 14\.55 \|/);
		assert.match(v, /\| M \| 60 \| 0 \| 35\.5 ± 14\.51 \|/);
		assert.match(v, /\| X \| 2 \| 0 \| 0\.5 ± 0\.7071 \|/);
	});

	void it('finds the column of a cell on the second line of a multi-line quoted field', async () => {
		const h = await server.client.hover(server.uri, 5, 3); // "line two, with a comma" — still the note column
		assert.match(h!.contents.value, /^\*\*note\*\*/);
		assert.match(h!.contents.value, /line one⏎line two…/);
		const after = await server.client.hover(server.uri, 5, 25); // past the closing quote and the comma: hired
		assert.match(after!.contents.value, /^\*\*hired\*\*/);
		const score = await server.client.hover(server.uri, 3, 11); // row 2: "2,M,south,12,ok,yes"
		assert.match(score!.contents.value, /^\*\*score\*\* — numeric/);
		assert.match(score!.contents.value, /median \d+/);
	});

	void it('shows one compact roles lens on the header row, opening Change Roles', async () => {
		const lenses = await server.client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: server.uri } });
		assert.equal(lenses.length, 1, 'one lens, not one per column');
		const lens = await server.client.connection.sendRequest<CodeLens>('codeLens/resolve', lenses[0]);
		// Four of the five other columns are features (the engine leaves the row identifier id out).
		assert.equal(lens.command!.title, 'Roles: sex = sensitive (minority F) · hired = label (yes favourable) · 4 features — Change…');
		assert.equal(lens.command!.command, 'collectiveFairness.changeRoles');
		assert.deepEqual(lens.command!.arguments, [{ uri: server.uri }]);
		assert.equal(lens.range.start.line, 0);
	});

	void it('offers quick fixes that edit the sidecar, never the CSV', async () => {
		const before = readFileSync(server.file, 'utf8');
		const d = server.client.diagnostics.get(server.uri)!;
		const proxy = d.find((x) => x.code === 'proxy-column')!;
		const small = d.find((x) => x.code === 'small-group')!;
		const actions = await server.client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
			textDocument: { uri: server.uri },
			range: proxy.range,
			context: { diagnostics: [proxy, small] },
		});
		assert.deepEqual(
			actions.map((a) => a.title),
			[
				"Exclude 'zone' from the features (sidecar)",
				'Pool the small groups with the majority (sidecar: sensitive.others = majority)',
				'Leave the other groups out (sidecar: sensitive.others = exclude)',
			],
		);
		const next = server.client.waitForDiagnostics(server.uri, (x) => !codes(x).includes('proxy-column'), 20_000, false);
		const result = await server.client.connection.sendRequest<{ sidecar: string }>('workspace/executeCommand', actions[0]!.command);
		assert.equal(result.sidecar, join(server.dir, 'people.fairness.json'));
		const written = JSON.parse(readFileSync(result.sidecar, 'utf8')) as { features: { exclude: string[] } };
		assert.deepEqual(written.features.exclude, ['zone']);
		await next;
		assert.equal(readFileSync(server.file, 'utf8'), before);
	});

	void it('answers compare with firm-side fronts, and explains a bad parameter', async () => {
		const input = { firm: { approaches: ['eqodds-thresholds', 'reweighing'], seeds: 1 }, includeCollective: false };
		const result = await server.client.connection.sendRequest<{
			rows: Array<{ approach: string; eqod: { mean: number | null; reason?: string } }>;
		}>('collectiveFairness/compare', { uri: server.uri, input });
		const approaches = new Set(result.rows.map((r) => r.approach));
		assert.ok(approaches.has('eqodds-thresholds') && approaches.has('reweighing'), [...approaches].join(', '));
		// Every figure is a number or says why not (the 2-row group X may be absent from the test rows).
		assert.ok(result.rows.every((r) => typeof r.eqod.mean === 'number' || typeof r.eqod.reason === 'string'));
		await assert.rejects(
			server.client.connection.sendRequest('collectiveFairness/compare', { uri: server.uri, input: { firm: { seeds: 0 } } }),
			(e: { code: number; message: string }) => e.code === -32005 && /seeds/.test(e.message),
		);
	});

	void it('the firm follows the roles, else the setting firm.seesSensitiveAttribute (default: aware)', async () => {
		type Audit = { firm: string; roles: { features: string[] } };
		const audit = (): Promise<Audit> =>
			server.client.connection.sendRequest<Audit>('collectiveFairness/audit', { uri: server.uri, resamples: 0 });
		const byDefault = await audit();
		assert.equal(byDefault.firm, 'aware');
		assert.ok(byDefault.roles.features.includes('sex'));
		await server.client.connection.sendNotification('workspace/didChangeConfiguration', {
			settings: { collectiveFairness: { firm: { seesSensitiveAttribute: false } } },
		});
		const blind = await audit();
		assert.equal(blind.firm, 'blind');
		assert.ok(!blind.roles.features.includes('sex'));
		// Roles that say it win over the setting.
		const withRoles = await server.client.connection.sendRequest<Audit>('collectiveFairness/audit', {
			uri: server.uri,
			resamples: 0,
			roles: { version: 1, ...ROLES, features: { includeSensitive: true } },
		});
		assert.equal(withRoles.firm, 'aware');
		await server.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { collectiveFairness: {} } });
		assert.equal((await audit()).firm, 'aware');
	});

	void it('turns hovers off through the settings', async () => {
		await server.client.connection.sendNotification('workspace/didChangeConfiguration', {
			settings: { collectiveFairness: { hover: { enabled: false } } },
		});
		assert.equal(await server.client.hover(server.uri, 0, 8), null);
		await server.client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { collectiveFairness: {} } });
		assert.notEqual(await server.client.hover(server.uri, 0, 8), null);
	});
});
