/**
 * Commands that create datasets. Generating runs the bundled CLI (`dist/cli.js generate`) in a
 * child process, so the extension host only orchestrates and the CSV and its sidecar are written
 * by the same code as on the command line. The sample is copied without its counterfactual
 * columns and without a sidecar, so the walkthrough's next step (set the roles) has work to do.
 * The motivating toy (`openSample('toy')`) is copied whole, with its sidecar, ready to simulate.
 */
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { asArgs } from '../util/dataset';
import { showError } from '../util/progress';

interface GenerateArgs {
	readonly target?: string;
	readonly rows?: number;
	readonly seed?: number;
}

function intInput(title: string, prompt: string, value: string, lo: number, hi: number): Thenable<string | undefined> {
	return vscode.window.showInputBox({
		title,
		prompt,
		value,
		ignoreFocusOut: true,
		validateInput: (v) =>
			/^\d+$/.test(v.trim()) && Number(v) >= lo && Number(v) <= hi
				? undefined
				: `an integer from ${lo.toLocaleString('en-US')} to ${hi.toLocaleString('en-US')}`,
	});
}

function runCli(ctx: Ctx, args: readonly string[], token: vscode.CancellationToken): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(ctx.extension.extensionPath, 'dist', 'cli.js'), [...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
		let out = '';
		let err = '';
		child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
		child.stderr?.on('data', (b: Buffer) => (err += b.toString()));
		const sub = token.onCancellationRequested(() => child.kill('SIGINT'));
		child.on('error', reject);
		child.on('exit', (code) => {
			sub.dispose();
			if (code === 0) {
				resolve(out);
			} else {
				reject(new Error(token.isCancellationRequested ? 'cancelled' : err.trim() || `the CLI exited with ${code}`));
			}
		});
	});
}

export async function generateSynthetic(ctx: Ctx, arg: unknown): Promise<string | undefined> {
	const given = asArgs(arg) as GenerateArgs;
	const rows =
		given.rows ??
		Number((await intInput('Generate Synthetic Dataset (1/3): rows', 'Number of rows (individuals)', '5000', 1, 10_000_000)) ?? NaN);
	if (!Number.isInteger(rows)) {
		return undefined;
	}
	const seed =
		given.seed ??
		Number((await intInput('Generate Synthetic Dataset (2/3): seed', 'Random seed (same seed, same data)', '0', 0, 2 ** 31)) ?? NaN);
	if (!Number.isInteger(seed)) {
		return undefined;
	}
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	const target =
		given.target ??
		(
			await vscode.window.showSaveDialog({
				title: 'Generate Synthetic Dataset (3/3): where to write the CSV (its roles go beside it)',
				filters: { CSV: ['csv'] },
				...(folder !== undefined ? { defaultUri: vscode.Uri.joinPath(folder, 'synthetic.csv') } : {}),
			})
		)?.fsPath;
	if (target === undefined) {
		return undefined;
	}
	try {
		const written = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: `Generating ${rows.toLocaleString('en-US')} rows`, cancellable: true },
			async (_p, token) => {
				await runCli(ctx, ['generate', '--out', target, '--rows', String(rows), '--seed', String(seed), '--json'], token);
				return target;
			},
		);
		ctx.log.info(`generated ${written} (${rows} rows, seed ${seed})`);
		await vscode.window.showTextDocument(vscode.Uri.file(written), { preview: false });
		return written;
	} catch (e) {
		showError(ctx, 'generating a synthetic dataset', e);
		return undefined;
	}
}

/** Where the sample goes: the first workspace folder, else the extension's own storage. */
async function sampleTarget(ctx: Ctx, name = 'fairness-sample.csv'): Promise<vscode.Uri> {
	const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
	if (folder !== undefined && folder.scheme === 'file') {
		return vscode.Uri.joinPath(folder, name);
	}
	await vscode.workspace.fs.createDirectory(ctx.extension.globalStorageUri);
	return vscode.Uri.joinPath(ctx.extension.globalStorageUri, name);
}

/** The toy as `fairness-toy.csv` with its roles beside it; files already there are kept. */
async function openToy(ctx: Ctx): Promise<string | undefined> {
	try {
		const target = await sampleTarget(ctx, 'fairness-toy.csv');
		const copies: Array<[string, string]> = [
			['toy.csv', target.fsPath],
			['toy.fairness.json', target.fsPath.replace(/\.csv$/, '.fairness.json')],
		];
		for (const [from, to] of copies) {
			await fs
				.copyFile(path.join(ctx.extension.extensionPath, 'samples', from), to, fs.constants.COPYFILE_EXCL)
				.catch((e: NodeJS.ErrnoException) => {
					if (e.code !== 'EEXIST') {
						throw e;
					}
				});
		}
		await vscode.window.showTextDocument(target, { preview: false });
		return target.fsPath;
	} catch (e) {
		showError(ctx, 'opening the toy dataset', e);
		return undefined;
	}
}

export async function openSample(ctx: Ctx, which?: unknown): Promise<string | undefined> {
	if (which === 'toy') {
		return openToy(ctx);
	}
	try {
		const target = await sampleTarget(ctx);
		const exists = await fs.stat(target.fsPath).then(
			() => true,
			() => false,
		);
		if (!exists) {
			const text = await fs.readFile(path.join(ctx.extension.extensionPath, 'samples', 'synthetic.csv'), 'utf8');
			// The shipped sample has no quoted fields (it is ours), so splitting on commas is exact.
			const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
			const header = (lines[0] ?? '').split(',');
			const keep = header.map((h, i) => (h.startsWith('cf_') ? -1 : i)).filter((i) => i >= 0);
			const out = lines.map((l) => {
				const f = l.split(',');
				return keep.map((i) => f[i] ?? '').join(',');
			});
			await fs.writeFile(target.fsPath, `${out.join('\n')}\n`, { flag: 'wx' });
			ctx.log.info(`sample copied to ${target.fsPath}`);
		}
		await vscode.window.showTextDocument(target, { preview: false });
		return target.fsPath;
	} catch (e) {
		showError(ctx, 'opening the sample dataset', e);
		return undefined;
	}
}
