/**
 * The server's documents: which CSV files it tracks, where their bytes come from (the editor's
 * synced text, or the file on disk when the editor does not sync it — VS Code stops syncing above
 * 50 MB — or never opened it), and the analysis of each. Parses are cached by content hash (+ the
 * missing-value tokens, which change what a cell means); an edit re-analyses after a debounce and
 * cancels the analysis it replaces; a change on disk or to the sidecar re-analyses at once.
 */
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_MISSING_TOKENS } from '../core/csv/index';
import { type Sidecar } from '../core/roles/sidecar';
import { sidecarPathFor } from '../shared/sidecarPath';
import { readSidecar } from '../io/sidecarFile';
import { DocState, type ParsedFile, type RolesInput } from './docState';
import { recordFields } from './locate';
import { abortError, encodeText, hashFile, parseBytes, parseFile, readHead } from './parse';

/** Parsed files kept in memory (a 60 MB file is ~50 MB of typed columns). */
const CACHE_ENTRIES = 3;
/** Documents larger than this get a provisional analysis of their head first, for early hovers. */
const PROVISIONAL_ABOVE = 8 << 20;
const PROVISIONAL_BYTES = 2 << 20;

export interface DocumentSource {
	get(uri: string): TextDocument | undefined;
}

export interface StoreHooks {
	readonly onParsing: (uri: string) => void;
	readonly onReady: (state: DocState) => void;
	readonly onError: (uri: string, message: string) => void;
}

interface Pending {
	readonly controller: AbortController;
	promise: Promise<DocState | undefined> | undefined;
	/** Settles with the provisional state (large documents) or the final one, whichever comes first. */
	early: Promise<DocState | undefined> | undefined;
	provisional: ((state: DocState) => void) | undefined;
	timer: NodeJS.Timeout | undefined;
	start: () => void;
}

export class DocumentStore {
	private readonly states = new Map<string, DocState>();
	private readonly pending = new Map<string, Pending>();
	private readonly cache = new Map<string, ParsedFile>();

	constructor(
		private readonly documents: DocumentSource,
		private readonly hooks: StoreHooks,
	) {}

	/** The latest finished analysis, possibly older than the text (during the debounce). */
	current(uri: string): DocState | undefined {
		return this.states.get(uri);
	}

	/** URIs analysed or being analysed. */
	tracked(): string[] {
		return [...new Set([...this.states.keys(), ...this.pending.keys()])];
	}

	/** The analysis of `uri`: the one in progress, else the current one, else a new one. */
	get(uri: string): Promise<DocState | undefined> {
		const p = this.pending.get(uri);
		if (p !== undefined) {
			if (p.timer !== undefined) {
				// Someone is waiting: skip the rest of the debounce.
				clearTimeout(p.timer);
				p.start();
			}
			return p.promise ?? Promise.resolve(undefined);
		}
		const s = this.states.get(uri);
		return s !== undefined ? Promise.resolve(s) : this.schedule(uri, 0);
	}

	/**
	 * For hovers: the current analysis, or — while a large document parses for the first time — a
	 * provisional one from its first megabytes (DocState.sample says so), else the full one.
	 */
	getEarly(uri: string): Promise<DocState | undefined> {
		const s = this.states.get(uri);
		if (s !== undefined) {
			return Promise.resolve(s);
		}
		const p = this.pending.get(uri);
		if (p?.early !== undefined) {
			if (p.timer !== undefined) {
				clearTimeout(p.timer);
				p.start();
			}
			return p.early;
		}
		return this.get(uri);
	}

	/** (Re-)analyses `uri` after `delayMs`, cancelling any analysis in progress. */
	schedule(uri: string, delayMs: number): Promise<DocState | undefined> {
		this.pending.get(uri)?.controller.abort();
		const controller = new AbortController();
		let start!: () => void;
		const begun = new Promise<void>((resolve) => {
			start = resolve;
		});
		const entry: Pending = { controller, promise: undefined, early: undefined, provisional: undefined, timer: undefined, start };
		const early = new Promise<DocState>((resolve) => {
			entry.provisional = resolve;
		});
		const promise = begun
			.then(() => this.analyse(uri, controller.signal, (s) => entry.provisional?.(s)))
			.then(
				(state) => {
					if (this.pending.get(uri) === entry) {
						this.pending.delete(uri);
					}
					if (state !== undefined && !controller.signal.aborted) {
						this.states.set(uri, state);
						this.hooks.onReady(state);
					}
					return controller.signal.aborted ? this.get(uri) : state;
				},
				(e: unknown) => {
					if (this.pending.get(uri) === entry) {
						this.pending.delete(uri);
					}
					if (controller.signal.aborted) {
						return this.states.has(uri) || this.pending.has(uri) ? this.get(uri) : undefined;
					}
					this.states.delete(uri);
					this.hooks.onError(uri, e instanceof Error ? e.message : String(e));
					return undefined;
				},
			);
		entry.promise = promise;
		entry.early = Promise.race([early, promise]);
		this.pending.set(uri, entry);
		if (delayMs > 0) {
			entry.timer = setTimeout(() => {
				entry.timer = undefined;
				start();
			}, delayMs);
		} else {
			start();
		}
		return promise;
	}

	/** The document was closed in the editor: forget it (a later request reads it from disk). */
	forget(uri: string): void {
		this.pending.get(uri)?.controller.abort();
		this.pending.delete(uri);
		this.states.delete(uri);
	}

	/** A file changed on disk. Open documents follow their text, not the disk. */
	fileChanged(uri: string): void {
		if (uri.endsWith('.fairness.json')) {
			for (const tracked of this.tracked()) {
				if (isFile(tracked) && sidecarPathFor(fileURLToPath(tracked)) === fileURLToPath(uri)) {
					void this.schedule(tracked, 0);
				}
			}
			return;
		}
		if (this.documents.get(uri) === undefined && this.tracked().includes(uri)) {
			void this.schedule(uri, 0);
		}
	}

	private async analyse(uri: string, signal: AbortSignal, provisional: (state: DocState) => void): Promise<DocState | undefined> {
		this.hooks.onParsing(uri);
		const roles = await readRoles(uri);
		const extraTokens = roles.sidecar?.missingTokens ?? [];
		const options = extraTokens.length > 0 ? { missingTokens: [...DEFAULT_MISSING_TOKENS, ...extraTokens] } : {};
		const tokensKey = extraTokens.join('\u0001');
		const doc = this.documents.get(uri);
		let parsed: ParsedFile;
		let headerText: string;
		if (doc !== undefined) {
			const text = doc.getText();
			if (text.length > PROVISIONAL_ABOVE && !this.states.has(uri)) {
				provisional(await this.provisionalState(uri, doc, text, roles, options, signal));
			}
			const encoded = await encodeText(text, signal);
			const key = `${encoded.hash}\u0000${tokensKey}`;
			parsed =
				this.cached(key) ??
				this.remember({ key, hash: encoded.hash, parse: await parseBytes(encoded, options, signal), profiles: new Map() });
			headerText = text.length > 1 << 20 ? text.slice(0, 1 << 20) : text;
		} else {
			if (!isFile(uri)) {
				throw new Error(`${uri}: only file: URIs can be read from disk`);
			}
			const path = fileURLToPath(uri);
			const hash = await hashFile(path, signal);
			const key = `${hash}\u0000${tokensKey}`;
			parsed = this.cached(key) ?? this.remember({ key, hash, parse: await parseFile(path, options, signal), profiles: new Map() });
			headerText = await readHead(path);
		}
		if (signal.aborted) {
			throw abortError();
		}
		const spans = parsed.parse.dialect.hasHeader ? recordFields(headerText, 0, parsed.parse.dialect.delimiter) : [];
		return new DocState(uri, doc !== undefined ? 'editor' : 'disk', doc?.version, parsed, roles, spans, headerText);
	}

	/** The head of the text up to a line break, parsed on its own (a cut multi-line field only costs an issue). */
	private async provisionalState(
		uri: string,
		doc: TextDocument,
		text: string,
		roles: RolesInput,
		options: { missingTokens?: string[] },
		signal: AbortSignal,
	): Promise<DocState> {
		const cut = Math.max(text.lastIndexOf('\n', PROVISIONAL_BYTES), 1);
		const head = text.slice(0, cut + 1);
		const parse = await parseBytes(Buffer.from(head, 'utf8'), options, signal);
		const parsed: ParsedFile = { key: '', hash: '', parse, profiles: new Map() };
		const spans = parse.dialect.hasHeader ? recordFields(head, 0, parse.dialect.delimiter) : [];
		return new DocState(uri, 'editor', doc.version, parsed, roles, spans, head, { bytes: head.length, totalBytes: text.length });
	}

	private cached(key: string): ParsedFile | undefined {
		const hit = this.cache.get(key);
		if (hit !== undefined) {
			this.cache.delete(key);
			this.cache.set(key, hit); // most recently used last
		}
		return hit;
	}

	private remember(parsed: ParsedFile): ParsedFile {
		this.cache.set(parsed.key, parsed);
		while (this.cache.size > CACHE_ENTRIES) {
			this.cache.delete(this.cache.keys().next().value!);
		}
		return parsed;
	}
}

export function isFile(uri: string): boolean {
	return uri.startsWith('file:');
}

async function readRoles(uri: string): Promise<RolesInput> {
	if (!isFile(uri)) {
		return { sidecar: undefined, sidecarPath: undefined, sidecarError: undefined };
	}
	const csvPath = fileURLToPath(uri);
	try {
		const found = await readSidecar(csvPath);
		return { sidecar: found?.sidecar, sidecarPath: sidecarPathFor(csvPath), sidecarError: undefined };
	} catch (e) {
		return { sidecar: undefined, sidecarPath: sidecarPathFor(csvPath), sidecarError: e instanceof Error ? e.message : String(e) };
	}
}

/** Roles passed with a request replace the sidecar's. */
export function withRoles(state: DocState, roles: Sidecar | undefined): DocState {
	if (roles === undefined) {
		return state;
	}
	return new DocState(
		state.uri,
		state.source,
		state.version,
		state.parsed,
		{ sidecar: roles, sidecarPath: state.roles.sidecarPath, sidecarError: undefined },
		state.headerSpans,
		state.headerText,
	);
}
