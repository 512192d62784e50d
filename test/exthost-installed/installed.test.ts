/**
 * Smoke test of the extension as installed from the VSIX (minified bundles, only the packaged
 * files): it is the installed copy, it activates on opening a CSV, its language server answers
 * hovers and diagnostics, its commands run, and the CLI and the files the bundles read at run time
 * are in the installed folder. The workspace is a fresh copy of test/fixtures/ws.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CollectiveFairnessApi } from '../../src/extension';
import type { ProfileResult } from '../../src/shared/lspProtocol';
import { eventually, exec, hoverText } from '../exthost/helpers';

const ID = 'collective-fairness.collective-fairness';
/** The repository this suite was compiled in (out/test/exthost-installed → ../../..). */
const ROOT = path.resolve(__dirname, '../../..');

suite('Collective Fairness installed from the VSIX', () => {
	let ext: vscode.Extension<CollectiveFairnessApi>;
	let ws: vscode.Uri;
	let applicants: vscode.Uri;

	suiteSetup(() => {
		const e = vscode.extensions.getExtension<CollectiveFairnessApi>(ID);
		assert.ok(e, 'the extension is installed');
		ext = e;
		ws = vscode.workspace.workspaceFolders![0]!.uri;
		applicants = vscode.Uri.joinPath(ws, 'applicants.csv');
	});

	test('it is the installed copy, not the source tree', () => {
		const dir = ext.extensionPath;
		assert.notEqual(path.resolve(dir), ROOT);
		const expected = process.env.CF_INSTALLED_EXT;
		if (expected !== undefined) {
			assert.equal(path.resolve(dir), path.resolve(expected));
		}
		console.log(`installed copy: ${dir}${expected !== undefined ? ' (= CF_INSTALLED_EXT)' : ''}`);
		assert.equal(existsSync(path.join(dir, 'src')), false, 'no sources');
		assert.equal(existsSync(path.join(dir, 'node_modules')), false, 'no node_modules (bundled)');
		assert.equal(existsSync(path.join(dir, 'dist', 'extension.js.map')), false, 'no source maps');
		assert.equal(
			(ext.packageJSON as { version: string }).version,
			(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version,
		);
	});

	test('opening a CSV activates it (onLanguage:csv) and starts the language server', async () => {
		const doc = await vscode.workspace.openTextDocument(applicants);
		await vscode.window.showTextDocument(doc);
		assert.equal(doc.languageId, 'csv');
		await eventually('activation', () => ext.isActive, 120_000);
		await eventually('the language server runs', () => ext.exports.serverRunning(), 120_000);
	});

	test("the server's hover appears", async () => {
		const text = await eventually('hover on gender', async () => {
			const t = await hoverText(applicants, new vscode.Position(1, 2));
			return t.includes('**gender**') ? t : undefined;
		});
		assert.match(text, /600 rows · 0 missing/);
	});

	test("the server's diagnostics arrive, linking to docs/diagnostics.md inside the installed folder", async () => {
		const survey = vscode.Uri.joinPath(ws, 'survey.csv');
		await vscode.workspace.openTextDocument(survey);
		const d = await eventually('ragged-row diagnostic', () =>
			vscode.languages.getDiagnostics(survey).find((x) => typeof x.code === 'object' && x.code.value === 'ragged-row'),
		);
		assert.ok(typeof d.code === 'object');
		const doc = d.code.target;
		assert.equal(doc.scheme, 'file');
		assert.ok(doc.fsPath.startsWith(ext.extensionPath), doc.fsPath);
		assert.ok(existsSync(doc.fsPath), `${doc.fsPath} is packaged`);
	});

	test('commands run: Profile Dataset, Show Log', async () => {
		const all = new Set(await vscode.commands.getCommands(true));
		assert.ok(all.has('collectiveFairness.openSample'));
		const p = await exec<ProfileResult>('profileDataset', { uri: applicants.toString() });
		assert.equal(p?.profile.rows, 600);
		await exec('showLog');
	});

	test("the panel's webview bundle, the schema and the sample are packaged", () => {
		for (const f of [
			'dist/webview/main.js',
			'dist/webview/main.css',
			'schemas/fairness.schema.json',
			'samples/synthetic.csv',
			'dist/simulationWorker.js',
		]) {
			assert.ok(existsSync(path.join(ext.extensionPath, f)), f);
		}
	});

	test('every image the packaged README shows is in the package', () => {
		const readme = readFileSync(path.join(ext.extensionPath, 'readme.md'), 'utf8');
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((u) => !/^[a-z]+:/i.test(u));
		assert.ok(images.length > 0, 'the README shows screenshots');
		const missing = images.filter((u) => !existsSync(path.join(ext.extensionPath, decodeURIComponent(u))));
		assert.deepEqual(missing, [], 'add them to package.json "files"');
	});

	test('the CLI bin is in the installed folder and runs', () => {
		const bin = (ext.packageJSON as { bin: Record<string, string> }).bin['collective-fairness'];
		assert.ok(bin);
		const cli = path.join(ext.extensionPath, bin);
		assert.ok(existsSync(cli), cli);
		const out = execFileSync(process.execPath, [cli, 'profile', path.join(ws.fsPath, 'credit.csv')], {
			encoding: 'utf8',
			env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
		});
		assert.match(out, /300 rows × 9 columns/);
	});
});
