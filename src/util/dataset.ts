/**
 * Which file a command is about, and what the host needs to know of it. Commands are invoked from
 * the palette (no argument: the active editor), from menus (a Uri), from the datasets view (a
 * node with a `uri`), from the lenses and the tests (an object `{ uri, column, values, … }`).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import * as vscode from 'vscode';
import type { Sidecar } from '../core/roles/sidecar';
import { readSidecar } from '../io/sidecarFile';
import { isDatasetFileName } from '../io/datasetFormat';

/** CSV/TSV, their .gz, Parquet and Arrow IPC (io/datasetFormat.ts lists the extensions the readers open). */
export const DATASET_GLOB = '**/*.{csv,tsv,tab,csv.gz,tsv.gz,parquet,arrow,arrows,feather,ipc}';

/** A file the server serves: on disk (the server reads sidecars and large files from disk), CSV or TSV. */
export function isDatasetUri(uri: vscode.Uri | undefined): uri is vscode.Uri {
	return uri !== undefined && uri.scheme === 'file' && isDatasetFileName(uri.fsPath);
}

export function isDatasetDocument(doc: vscode.TextDocument | undefined): boolean {
	return doc !== undefined && doc.uri.scheme === 'file' && (doc.languageId === 'csv' || doc.languageId === 'tsv');
}

/** The optional object argument commands accept (lenses and tests pass one). */
export interface CommandArgs {
	readonly uri?: string | vscode.Uri;
	readonly column?: string;
	readonly values?: readonly string[];
}

export function asArgs(arg: unknown): CommandArgs {
	return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as CommandArgs) : {};
}

/** The dataset a command applies to, or undefined (with nothing shown) when there is none. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
	let uri: vscode.Uri | undefined;
	if (arg instanceof vscode.Uri) {
		uri = arg;
	} else {
		const raw = asArgs(arg).uri;
		uri = typeof raw === 'string' ? vscode.Uri.parse(raw) : raw instanceof vscode.Uri ? raw : undefined;
	}
	uri ??= vscode.window.activeTextEditor?.document.uri;
	// A Parquet/Arrow file is open in its read-only preview (a custom editor), not a text editor.
	const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
	uri ??= tab instanceof vscode.TabInputCustom ? tab.uri : undefined;
	return isDatasetUri(uri) ? uri : undefined;
}

/** The sidecar's roles, undefined when there is none; an invalid sidecar counts as none here (Problems says why). */
export async function rolesOf(uri: vscode.Uri): Promise<Sidecar | undefined> {
	try {
		return (await readSidecar(uri.fsPath))?.sidecar;
	} catch {
		return undefined;
	}
}

/** Synthetic data from `generate` carries counterfactual columns; the panel then draws the true success S(α). */
export function looksSynthetic(uri: vscode.Uri): boolean {
	let fd: number | undefined;
	try {
		fd = openSync(uri.fsPath, 'r');
		const buf = Buffer.alloc(8192);
		const n = readSync(fd, buf, 0, buf.length, 0);
		const header = buf.subarray(0, n).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
		return /(^|[,\t;|])"?cf_label"?([,\t;|]|$)/.test(header);
	} catch {
		return false;
	} finally {
		if (fd !== undefined) {
			closeSync(fd);
		}
	}
}

export function describeRoles(s: Sidecar): string {
	const col = typeof s.sensitive.column === 'string' ? s.sensitive.column : s.sensitive.column.join(' × ');
	return `${col} (minority ${s.sensitive.minority.join(', ')}) · label ${s.label.column} (favourable ${s.label.favourable.join(', ')})`;
}
