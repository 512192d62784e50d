/**
 * The disk side of the result store (src/webview/resultStore.ts): where runs are kept between
 * sessions and what the data and roles of a file are now.
 *
 * Runs are JSON files under the extension's workspace storage (`context.storageUri`, on the
 * machine that runs the extension host — the server in code-server), so they survive reloads,
 * restarts and other browser profiles, unlike the browser-side workspace state. One file per
 * dataset, written atomically (a temporary file renamed over it), holding the last N runs
 * (`collectiveFairness.results.keepPerDataset`).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { sha256File } from '../report/hash';
import { canonicalRoles, ResultStore, type Provenance, type RunArchive, type StoredRun } from '../webview/resultStore';
import { rolesOf } from './dataset';

export type { StaleRun, StoredResults } from '../webview/resultStore';

interface DatasetFile {
	readonly version: 1;
	readonly uri: string;
	readonly runs: StoredRun[];
}

/** One JSON file per dataset under `dir`, named by a hash of its URI. */
export class DiskRunArchive implements RunArchive {
	private writes = Promise.resolve();

	constructor(
		private readonly dir: string,
		private readonly log?: (m: string) => void,
	) {}

	get folder(): string {
		return this.dir;
	}

	async load(): Promise<ReadonlyMap<string, readonly StoredRun[]>> {
		const byUri = new Map<string, StoredRun[]>();
		let names: string[] = [];
		try {
			names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json'));
		} catch {
			return byUri; // nothing stored yet
		}
		for (const name of names) {
			try {
				const file = JSON.parse(await fs.readFile(path.join(this.dir, name), 'utf8')) as DatasetFile;
				if (file.version === 1 && typeof file.uri === 'string' && Array.isArray(file.runs)) {
					byUri.set(file.uri, file.runs);
				}
			} catch (e) {
				this.log?.(`results: ${name} unreadable, ignored (${e instanceof Error ? e.message : String(e)})`);
			}
		}
		return byUri;
	}

	/** Writes one dataset's runs atomically; writes are queued so two never interleave. */
	save(uri: string, runs: readonly StoredRun[]): Promise<void> {
		const run = async (): Promise<void> => {
			const target = path.join(this.dir, `${createHash('sha256').update(uri).digest('hex').slice(0, 32)}.json`);
			await fs.mkdir(this.dir, { recursive: true });
			if (runs.length === 0) {
				await fs.rm(target, { force: true });
				return;
			}
			const tmp = `${target}.${process.pid}.tmp`;
			await fs.writeFile(tmp, JSON.stringify({ version: 1, uri, runs: [...runs] } satisfies DatasetFile));
			await fs.rename(tmp, target);
		};
		this.writes = this.writes
			.then(run, run)
			.catch((e: unknown) => this.log?.(`results: could not save (${e instanceof Error ? e.message : String(e)})`));
		return this.writes;
	}
}

/** The data file's sha256 (reused while its size and modification time are unchanged) and its roles now. */
export function provenanceReader(): (uri: vscode.Uri) => Promise<Provenance> {
	const hashes = new Map<string, { size: number; mtimeMs: number; sha256: string }>();
	return async (uri) => {
		const info = await fs.stat(uri.fsPath);
		const cached = hashes.get(uri.fsPath);
		let sha256 = cached !== undefined && cached.size === info.size && cached.mtimeMs === info.mtimeMs ? cached.sha256 : undefined;
		if (sha256 === undefined) {
			sha256 = await sha256File(uri.fsPath);
			hashes.set(uri.fsPath, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
		}
		return { sha256, roles: canonicalRoles(await rolesOf(uri)) };
	};
}

/** The extension's result store: runs kept under `dir`, the bound read from the settings. */
export function diskResultStore(dir: vscode.Uri, keep: () => number, log: (m: string) => void): ResultStore<vscode.Uri> {
	return new ResultStore<vscode.Uri>({ archive: new DiskRunArchive(dir.fsPath, log), provenanceOf: provenanceReader(), keep, log });
}
