/**
 * The server's state and behaviour behind the LSP handlers: the document store, settings,
 * pending roles, diagnostics publishing and the edit-roles command. server.ts only wires
 * connection events to these methods.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
	CodeLensRefreshRequest,
	type CodeAction,
	type CodeActionParams,
	type CodeLens,
	type Connection,
	type Diagnostic,
	type Hover,
	type HoverParams,
	type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sidecarPathFor } from '../shared/sidecarPath';
import { writeSidecar } from '../io/sidecarFile';
import { AnalysisStatusNotification, type EditRolesArgs, type EditRolesResult } from '../shared/lspProtocol';
import { codeActions } from './codeActions';
import { codeLenses } from './codeLens';
import { computeDiagnostics } from './diagnostics';
import { DocumentStore, isFile } from './documents';
import type { DocState, PendingRoles } from './docState';
import { hover, lineIndex } from './hover';
import { applyRoleChange } from './roleEdits';
import { groupRates } from '../core/roles/groupRates';
import type { SettingsCache } from './settings';

export class Session {
	readonly store: DocumentStore;
	private readonly pending = new Map<string, PendingRoles>();
	/** Last document version handed to the store, per uri. */
	private readonly scheduled = new Map<string, number>();
	/** Diagnostics computed for each analysis, by uri (for code actions and tests). */
	private readonly published = new Map<string, { state: DocState; diagnostics: Diagnostic[] }>();

	constructor(
		private readonly connection: Connection,
		private readonly documents: TextDocuments<TextDocument>,
		private readonly settings: SettingsCache,
		private readonly canRefreshLenses: () => boolean,
	) {
		this.store = new DocumentStore(documents, {
			onParsing: (uri) => void connection.sendNotification(AnalysisStatusNotification.type, { uri, state: 'parsing' }),
			onReady: (state) => void this.analysed(state),
			onError: (uri, message) => {
				connection.console.error(`${uri}: ${message}`);
				void connection.sendNotification(AnalysisStatusNotification.type, { uri, state: 'error', message });
				void connection.sendDiagnostics({ uri, diagnostics: [] });
			},
		});
	}

	/** didOpen / didChangeContent: analyse a new document at once, an edited one after the debounce. */
	async changed(uri: string, version: number): Promise<void> {
		if (this.scheduled.get(uri) === version) {
			return; // the open and its first content event carry the same version
		}
		const known = this.scheduled.has(uri);
		this.scheduled.set(uri, version);
		const delay = known ? (await this.settings.get(uri)).debounceMs : 0;
		void this.store.schedule(uri, delay);
	}

	closed(uri: string): void {
		this.store.forget(uri);
		this.scheduled.delete(uri);
		this.published.delete(uri);
		// A closed file is no longer ours to report on (a file read from disk stays until it changes).
		void this.connection.sendDiagnostics({ uri, diagnostics: [] });
	}

	async hover(params: HoverParams): Promise<Hover | null> {
		const doc = this.documents.get(params.textDocument.uri);
		if (doc === undefined || !(await this.settings.get(doc.uri)).hover.enabled) {
			return null;
		}
		const state = await this.store.getEarly(doc.uri);
		return state === undefined ? null : hover(state, doc, params.position);
	}

	async codeLens(uri: string): Promise<CodeLens[]> {
		if (!(await this.settings.get(uri)).codeLens.enabled) {
			return [];
		}
		const state = await this.store.get(uri);
		return state === undefined ? [] : codeLenses(state, this.pending.get(uri) ?? {});
	}

	async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
		const state = await this.store.get(params.textDocument.uri);
		return state === undefined ? [] : codeActions(state, params.context.diagnostics);
	}

	/** The diagnostics last published for `uri` (undefined before the first analysis finished). */
	diagnosticsOf(uri: string): Diagnostic[] | undefined {
		return this.published.get(uri)?.diagnostics;
	}

	/** workspace/executeCommand edit-roles: write the sidecar (or hold a half-set role). */
	async editRoles(args: EditRolesArgs): Promise<EditRolesResult> {
		if (!isFile(args.uri)) {
			throw new Error(`roles can be saved only for files on disk, not ${args.uri}`);
		}
		const state = await this.store.get(args.uri);
		if (state === undefined) {
			throw new Error(`${args.uri} could not be read`);
		}
		if (state.roles.sidecarError !== undefined) {
			throw new Error(`fix the sidecar first: ${state.roles.sidecarError}`);
		}
		const outcome = applyRoleChange(
			state.roles.sidecar,
			this.pending.get(args.uri) ?? {},
			args.change,
			(name) => {
				const i = state.columnIndex(name);
				return i < 0 ? undefined : state.columnProfile(i);
			},
			(column, label) => groupRates(state.parse.table, column, label),
		);
		if (outcome.kind === 'pending') {
			this.pending.set(args.uri, outcome.pending);
			this.refreshLenses();
			return { sidecar: null, summary: outcome.summary };
		}
		const csvPath = fileURLToPath(args.uri);
		const written = await writeSidecar(csvPath, outcome.sidecar);
		this.pending.delete(args.uri);
		this.store.fileChanged(pathToFileURL(sidecarPathFor(csvPath)).href);
		return { sidecar: written, summary: outcome.summary };
	}

	/** Settings changed: re-check every file with the new thresholds. */
	async settingsChanged(): Promise<void> {
		for (const entry of this.published.values()) {
			await this.analysed(entry.state);
		}
	}

	private refreshLenses(): void {
		if (this.canRefreshLenses()) {
			void this.connection.sendRequest(CodeLensRefreshRequest.type);
		}
	}

	private async analysed(state: DocState): Promise<void> {
		const r = state.resolved;
		const dialect = state.parse.dialect;
		// The favourable value and the minority are shown: a reversed label must be visible at a glance.
		const summary = [
			`${dialect.delimiter === '\t' ? 'TAB' : dialect.delimiter} ${dialect.encoding.toUpperCase()}`,
			...(r !== undefined
				? [
						`favourable ${r.label} = ${r.labelValues
							.filter((v) => v.favourable)
							.map((v) => v.value)
							.join('/')}`,
						`minority ${r.sensitive} = ${r.groupNames[1] ?? '?'}`,
					]
				: []),
		].join(' · ');
		void this.connection.sendNotification(AnalysisStatusNotification.type, {
			uri: state.uri,
			state: 'ready',
			rows: state.parse.table.rowCount,
			columns: state.parse.table.columns.length,
			summary,
		});
		this.refreshLenses();
		const settings = await this.settings.get(state.uri);
		const doc = this.documents.get(state.uri);
		const lineLength = (line: number): number | undefined =>
			doc === undefined || line >= doc.lineCount
				? undefined
				: doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '').length;
		const diagnostics = settings.diagnostics.enabled
			? await computeDiagnostics(state, settings.diagnostics, lineLength, () => this.store.current(state.uri) === state)
			: [];
		if (this.store.current(state.uri) !== state) {
			return;
		}
		this.published.set(state.uri, { state, diagnostics });
		await this.connection.sendDiagnostics({
			uri: state.uri,
			...(state.version !== undefined ? { version: state.version } : {}),
			diagnostics,
		});
		// Profile every column now, a column per turn, so no later hover pays for a sort of the file;
		// likewise index the document's lines, 20,000 per turn, so no hover pays for a long scan.
		for (let i = 0; i < state.parse.table.columns.length && this.store.current(state.uri) === state; i++) {
			state.columnProfile(i);
			await new Promise<void>((resolve) => setImmediate(resolve));
		}
		for (let line = 20_000; doc !== undefined && !lineIndex(doc).indexed && this.store.current(state.uri) === state; line += 20_000) {
			lineIndex(doc).lineStart(line);
			await new Promise<void>((resolve) => setImmediate(resolve));
		}
	}
}
