/**
 * Results remembered per dataset, tied to what produced them and kept on disk.
 *
 * Every audit, simulation and comparison is stored with its provenance: the sha256 of the data
 * file and the roles (the sidecar, without its free-text description) it was computed under, and
 * it is keyed by those plus its parameters. A result whose data or roles no longer match the file
 * is *stale*: the Datasets view marks it and offers a re-run, and the panel and the report never
 * show it beside current ones (results from different roles are never mixed).
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
import * as vscode from 'vscode';
import type { AuditResult, Experiment, Sidecar, SimulationResult } from '../shared/model';
import type { ComparisonResult, PanelResults } from '../shared/webviewProtocol';
import { sha256File } from '../report/hash';
import { rolesOf } from './dataset';

export interface StoredResults extends PanelResults {
	/** ISO time of the last audit, shown in the datasets view. */
	readonly auditedAt?: string;
}

/** What a result was computed from. */
export interface Provenance {
	/** sha256 of the data file's bytes. */
	readonly sha256: string;
	/** Canonical JSON of the roles (sidecar without its description), '' when there were none. */
	readonly roles: string;
}

type RunBody =
	| { readonly kind: 'audit'; readonly result: AuditResult }
	| { readonly kind: 'simulation'; readonly result: SimulationResult }
	| { readonly kind: 'comparison'; readonly result: ComparisonResult };

export type StoredRun = RunBody & {
	/** sha256 over provenance and parameters: two runs with the same key answer the same question. */
	readonly key: string;
	readonly provenance: Provenance;
	readonly at: string;
};

/** A run no longer matching the data or the roles, with why. */
export interface StaleRun {
	readonly run: StoredRun;
	readonly why: string;
}

interface DatasetFile {
	readonly version: 1;
	readonly uri: string;
	readonly runs: StoredRun[];
}

export const DEFAULT_KEEP_PER_DATASET = 20;

/** The roles as compared for staleness: the sidecar without its free-text note, keys sorted. */
export function canonicalRoles(sidecar: Sidecar | undefined): string {
	if (sidecar === undefined) {
		return '';
	}
	const { description: _note, ...rest } = sidecar;
	return JSON.stringify(sortKeys(rest));
}

function sortKeys(v: unknown): unknown {
	if (Array.isArray(v)) {
		return v.map(sortKeys);
	}
	if (v !== null && typeof v === 'object') {
		return Object.fromEntries(
			Object.keys(v)
				.sort()
				.map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
		);
	}
	return v;
}

function paramsOf(body: RunBody): unknown {
	switch (body.kind) {
		case 'audit':
			return { split: body.result.split, resamples: body.result.predictions.bootstrap.resamples };
		case 'simulation':
			return { experiment: body.result.experiment, params: body.result.params };
		case 'comparison':
			return { seeds: body.result.seeds };
	}
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The latest run of each kind among `runs` (newest last), as the panel takes them. */
export function latestOf(runs: readonly StoredRun[]): StoredResults | undefined {
	if (runs.length === 0) {
		return undefined;
	}
	let out: StoredResults = { simulations: {} };
	for (const run of runs) {
		if (run.kind === 'audit') {
			out = { ...out, audit: run.result, auditedAt: run.at };
		} else if (run.kind === 'comparison') {
			out = { ...out, comparison: run.result };
		} else {
			const simulations: { [E in Experiment]?: SimulationResult } = { ...out.simulations };
			// As in the panel: size and minimum feed the same figures, so the newer one replaces the other.
			if (run.result.experiment === 'size') {
				delete simulations.minimum;
			} else if (run.result.experiment === 'minimum') {
				delete simulations.size;
			}
			simulations[run.result.experiment] = run.result;
			out = { ...out, simulations };
		}
	}
	return out;
}

/** Why a run is stale against the current provenance, or undefined when it is current. */
export function staleReason(run: StoredRun, now: Provenance): string | undefined {
	if (run.provenance.sha256 !== now.sha256) {
		return 'the data changed since';
	}
	if (run.provenance.roles !== now.roles) {
		return 'the roles changed since';
	}
	return undefined;
}

export class ResultStore implements vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<vscode.Uri>();
	readonly onDidChange = this.changed.event;
	private readonly byUri = new Map<string, StoredRun[]>();
	private loaded: Promise<void>;
	/** sha256 of data files, reused while size and modification time are unchanged. */
	private readonly hashes = new Map<string, { size: number; mtimeMs: number; sha256: string }>();
	private writes = Promise.resolve();

	constructor(
		private readonly dir: vscode.Uri,
		private readonly keep: () => number = () => DEFAULT_KEEP_PER_DATASET,
		private readonly log?: (m: string) => void,
	) {
		this.loaded = this.load();
	}

	/** Where the runs live: `<storage>/results`. */
	get folder(): string {
		return this.dir.fsPath;
	}

	/** Drops what is in memory and reads the runs from disk again (as after a restart). */
	async reload(): Promise<void> {
		this.byUri.clear();
		this.loaded = this.load();
		await this.loaded;
	}

	private async load(): Promise<void> {
		let names: string[] = [];
		try {
			names = (await fs.readdir(this.dir.fsPath)).filter((n) => n.endsWith('.json'));
		} catch {
			return; // nothing stored yet
		}
		for (const name of names) {
			try {
				const file = JSON.parse(await fs.readFile(path.join(this.dir.fsPath, name), 'utf8')) as DatasetFile;
				if (file.version === 1 && typeof file.uri === 'string' && Array.isArray(file.runs)) {
					this.byUri.set(file.uri, file.runs);
				}
			} catch (e) {
				this.log?.(`results: ${name} unreadable, ignored (${e instanceof Error ? e.message : String(e)})`);
			}
		}
	}

	/** Resolves once the runs on disk are loaded. */
	ready(): Promise<void> {
		return this.loaded;
	}

	/** The latest result of each kind, current or not (the status bar's "has results"). */
	get(uri: vscode.Uri): StoredResults | undefined {
		return latestOf(this.byUri.get(uri.toString()) ?? []);
	}

	/** Every dataset with results (its URI string). */
	keys(): string[] {
		return [...this.byUri.keys()];
	}

	/** The data file's sha256 and roles now. */
	async provenance(uri: vscode.Uri): Promise<Provenance> {
		const info = await fs.stat(uri.fsPath);
		const cached = this.hashes.get(uri.fsPath);
		let sha256 = cached !== undefined && cached.size === info.size && cached.mtimeMs === info.mtimeMs ? cached.sha256 : undefined;
		if (sha256 === undefined) {
			sha256 = await sha256File(uri.fsPath);
			this.hashes.set(uri.fsPath, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
		}
		return { sha256, roles: canonicalRoles(await rolesOf(uri)) };
	}

	/** The results still matching the data and the roles (the panel's and the report's), and the stale ones. */
	async current(uri: vscode.Uri): Promise<{ readonly fresh: StoredResults | undefined; readonly stale: StaleRun[] }> {
		await this.loaded;
		const runs = this.byUri.get(uri.toString()) ?? [];
		if (runs.length === 0) {
			return { fresh: undefined, stale: [] };
		}
		const now = await this.provenance(uri).catch(() => undefined);
		if (now === undefined) {
			return { fresh: undefined, stale: runs.map((run) => ({ run, why: 'the data file cannot be read' })) };
		}
		const fresh: StoredRun[] = [];
		const stale: StaleRun[] = [];
		for (const run of runs) {
			const why = staleReason(run, now);
			if (why === undefined) {
				fresh.push(run);
			} else {
				stale.push({ run, why });
			}
		}
		return { fresh: latestOf(fresh), stale };
	}

	async setAudit(uri: vscode.Uri, audit: AuditResult): Promise<void> {
		await this.add(uri, { kind: 'audit', result: audit });
	}

	async addSimulation(uri: vscode.Uri, result: SimulationResult): Promise<void> {
		await this.add(uri, { kind: 'simulation', result });
	}

	async setComparison(uri: vscode.Uri, comparison: ComparisonResult): Promise<void> {
		await this.add(uri, { kind: 'comparison', result: comparison });
	}

	async clear(uri: vscode.Uri): Promise<void> {
		await this.loaded;
		this.byUri.delete(uri.toString());
		await this.persist(uri.toString());
		this.changed.fire(uri);
	}

	private async add(uri: vscode.Uri, body: RunBody): Promise<void> {
		await this.loaded;
		const provenance = await this.provenance(uri);
		const key = sha(JSON.stringify([provenance.sha256, provenance.roles, paramsOf(body)]));
		// A run answering the same question replaces the older one; the oldest go past the bound.
		const runs = (this.byUri.get(uri.toString()) ?? []).filter((r) => r.key !== key);
		runs.push({ ...body, key, provenance, at: new Date().toISOString() } as StoredRun);
		this.byUri.set(uri.toString(), runs.slice(-Math.max(1, this.keep())));
		await this.persist(uri.toString());
		this.changed.fire(uri);
	}

	/** Writes one dataset's runs atomically; writes are queued so two never interleave. */
	private persist(uriText: string): Promise<void> {
		const run = async (): Promise<void> => {
			const target = path.join(this.dir.fsPath, `${sha(uriText).slice(0, 32)}.json`);
			const runs = this.byUri.get(uriText);
			await fs.mkdir(this.dir.fsPath, { recursive: true });
			if (runs === undefined || runs.length === 0) {
				await fs.rm(target, { force: true });
				return;
			}
			const tmp = `${target}.${process.pid}.tmp`;
			await fs.writeFile(tmp, JSON.stringify({ version: 1, uri: uriText, runs } satisfies DatasetFile));
			await fs.rename(tmp, target);
		};
		this.writes = this.writes
			.then(run, run)
			.catch((e: unknown) => this.log?.(`results: could not save (${e instanceof Error ? e.message : String(e)})`));
		return this.writes;
	}

	dispose(): void {
		this.changed.dispose();
	}
}
