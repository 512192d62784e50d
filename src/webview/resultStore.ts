/**
 * The one store of results in the extension host: the panel, the Datasets view, the status bar and
 * the report all read it; the runs (the commands and the panel's own buttons) write it; what was
 * kept on disk feeds it at start. Open panels subscribe to its change event and re-render from it.
 *
 * Every audit, simulation and comparison is stored with its provenance: the sha256 of the data
 * file and the roles (the sidecar, without its free-text description) it was computed under, and
 * it is keyed by the dataset URI plus those plus its parameters. A result whose data or roles no
 * longer match the file is *stale*: the Datasets view marks it and offers a re-run, and the panel
 * and the report never show it beside current ones (results from different roles are never mixed).
 *
 * Free of vscode and of the file system so it is unit-tested in plain Node: the disk side (where
 * runs are kept, how the data is hashed and the roles read) is handed in (src/util/results.ts).
 */
import { createHash } from 'node:crypto';
import type { AuditResult, Sidecar, SimulationResult } from '../shared/model';
import type { ComparisonResult, PanelResults } from '../shared/webviewProtocol';
import { withSimulation } from '../shared/panelResults';

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

/** Where the runs are kept between sessions (JSON files under the workspace storage in the extension). */
export interface RunArchive {
	/** Shown to the user and the tests: where the runs live. */
	readonly folder: string;
	/** Every dataset's runs, by dataset URI, oldest first. */
	load(): Promise<ReadonlyMap<string, readonly StoredRun[]>>;
	/** Replaces one dataset's runs (none: forget the dataset). */
	save(uri: string, runs: readonly StoredRun[]): Promise<void>;
}

/** A dataset as the store needs it: its URI text (the key); vscode.Uri fits. */
export interface DatasetRef {
	toString(): string;
}

export interface ResultStoreOptions<U extends DatasetRef> {
	readonly archive: RunArchive;
	/** The data file's sha256 and roles now; rejects when the file cannot be read. */
	readonly provenanceOf: (uri: U) => Promise<Provenance>;
	/** How many runs to keep per dataset (`collectiveFairness.results.keepPerDataset`). */
	readonly keep?: () => number;
	readonly log?: (message: string) => void;
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
			out = withSimulation(out, run.result);
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

export class ResultStore<U extends DatasetRef> {
	private readonly listeners = new Set<(uri: string) => void>();
	private readonly byUri = new Map<string, StoredRun[]>();
	private loaded: Promise<void>;

	constructor(private readonly options: ResultStoreOptions<U>) {
		this.loaded = this.load();
	}

	/** Where the runs are kept. */
	get folder(): string {
		return this.options.archive.folder;
	}

	/** Drops what is in memory and reads the runs from the archive again (as after a restart). */
	async reload(): Promise<void> {
		this.byUri.clear();
		this.loaded = this.load();
		await this.loaded;
		for (const uri of this.byUri.keys()) {
			this.fire(uri);
		}
	}

	private async load(): Promise<void> {
		for (const [uri, runs] of await this.options.archive.load()) {
			this.byUri.set(uri, [...runs]);
		}
	}

	/** Resolves once the runs kept on disk are loaded. */
	ready(): Promise<void> {
		return this.loaded;
	}

	/**
	 * Calls `listener` with the dataset's URI text whenever its results change (a run stored, the
	 * results cleared or reloaded). An open panel re-reads `current` then, instead of being re-created.
	 */
	onDidChange(listener: (uri: string) => void): { dispose(): void } {
		this.listeners.add(listener);
		return { dispose: () => this.listeners.delete(listener) };
	}

	private fire(uri: string): void {
		for (const listener of [...this.listeners]) {
			listener(uri);
		}
	}

	/** The latest result of each kind, current or not (the status bar's "has results"). */
	get(uri: U): StoredResults | undefined {
		return latestOf(this.byUri.get(uri.toString()) ?? []);
	}

	/** Every dataset with results (its URI string). */
	keys(): string[] {
		return [...this.byUri.keys()];
	}

	/** The results still matching the data and the roles (the panel's and the report's), and the stale ones. */
	async current(uri: U): Promise<{ readonly fresh: StoredResults | undefined; readonly stale: StaleRun[] }> {
		await this.loaded;
		const runs = this.byUri.get(uri.toString()) ?? [];
		if (runs.length === 0) {
			return { fresh: undefined, stale: [] };
		}
		const now = await this.options.provenanceOf(uri).catch(() => undefined);
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

	/**
	 * The data's sha256 and the roles now: taken when a run starts and passed as `startedWith` when
	 * its result is stored, so that a run during which the data or the roles changed is stored
	 * under what it started from (and shows as stale) instead of under what it never saw.
	 */
	provenance(uri: U): Promise<Provenance> {
		return this.options.provenanceOf(uri);
	}

	async setAudit(uri: U, audit: AuditResult, startedWith?: Provenance): Promise<void> {
		await this.add(uri, { kind: 'audit', result: audit }, startedWith);
	}

	async addSimulation(uri: U, result: SimulationResult, startedWith?: Provenance): Promise<void> {
		await this.add(uri, { kind: 'simulation', result }, startedWith);
	}

	async setComparison(uri: U, comparison: ComparisonResult, startedWith?: Provenance): Promise<void> {
		await this.add(uri, { kind: 'comparison', result: comparison }, startedWith);
	}

	async clear(uri: U): Promise<void> {
		await this.loaded;
		this.byUri.delete(uri.toString());
		await this.save(uri.toString());
		this.fire(uri.toString());
	}

	private async add(uri: U, body: RunBody, startedWith: Provenance | undefined): Promise<void> {
		await this.loaded;
		const provenance = startedWith ?? (await this.options.provenanceOf(uri));
		const key = sha(JSON.stringify([provenance.sha256, provenance.roles, paramsOf(body)]));
		// A run answering the same question replaces the older one; the oldest go past the bound.
		const runs = (this.byUri.get(uri.toString()) ?? []).filter((r) => r.key !== key);
		runs.push({ ...body, key, provenance, at: new Date().toISOString() } as StoredRun);
		this.byUri.set(uri.toString(), runs.slice(-Math.max(1, this.options.keep?.() ?? DEFAULT_KEEP_PER_DATASET)));
		await this.save(uri.toString());
		this.fire(uri.toString());
	}

	private async save(uri: string): Promise<void> {
		await this.options.archive.save(uri, this.byUri.get(uri) ?? []).catch((e: unknown) => {
			this.options.log?.(`results: could not save (${e instanceof Error ? e.message : String(e)})`);
		});
	}

	dispose(): void {
		this.listeners.clear();
	}
}
