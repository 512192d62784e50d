/** textDocument/hover: the column under the cursor (quote-aware, multi-line fields included) → its summary. */
import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TwoKeyCache } from '../core/twoKeyCache';
import type { DocState } from './docState';
import { columnByGroup, type ColumnByGroup } from './columnByGroup';
import { formatHover, type ColumnRole } from './hoverText';
import { fieldAtOffset, LineIndex, recordStartLine } from './locate';

/** Each document's line index, for its current version (TextDocuments updates a document in place). */
const lineIndexes = new WeakMap<TextDocument, { version: number; index: LineIndex }>();

export function lineIndex(doc: TextDocument): LineIndex {
	const known = lineIndexes.get(doc);
	if (known !== undefined && known.version === doc.version) {
		return known.index;
	}
	const index = new LineIndex(doc.getText());
	lineIndexes.set(doc, { version: doc.version, index });
	return index;
}

/** Each analysis' columns split by group, by column index: an analysis belongs to one document version. */
const splits = new TwoKeyCache<DocState, number, ColumnByGroup>(() => new Map());

/** The column by group, computed once per analysis; undefined without roles or for columns a split says nothing about. */
export function splitByGroup(state: DocState, index: number, type: string): ColumnByGroup | undefined {
	const groups = state.groupAssignment();
	const column = state.parse.table.columns[index];
	if (groups === undefined || column === undefined || type === 'identifier' || type === 'constant') {
		return undefined;
	}
	return splits.get(state, index, () => columnByGroup(column, state.parse.table.rowCount, groups));
}

/** The 0-based column under `position`, or undefined (blank line, past the last column). */
export function columnAt(state: DocState, doc: TextDocument, position: Position): number | undefined {
	const parse = state.parse;
	const lines = lineIndex(doc);
	const text = lines.text;
	const lineStart = lines.lineStart(position.line);
	const lineEnd = lines.lineStart(position.line + 1);
	if (text.slice(lineStart, lineEnd).trim() === '') {
		return undefined;
	}
	const startLine = recordStartLine(parse.rowLines, position.line + 1, 1);
	const start = lines.lineStart(startLine - 1);
	const field = fieldAtOffset(text, start, lines.offsetAt(position), parse.dialect.delimiter);
	return field < parse.table.columns.length ? field : undefined;
}

export function columnRole(state: DocState, name: string): ColumnRole | undefined {
	const r = state.resolved;
	if (r === undefined) {
		return undefined;
	}
	if (r.sensitiveColumns.includes(name)) {
		return { kind: 'sensitive', minority: r.groupNames[1] ?? '', majority: r.groupNames[0] ?? '' };
	}
	if (r.label === name) {
		return { kind: 'label', favourable: r.labelValues.filter((v) => v.favourable).map((v) => v.value) };
	}
	const excluded = r.excludedColumns.find((c) => c.name === name);
	if (excluded !== undefined) {
		return { kind: 'excluded', reason: excluded.reason };
	}
	return r.featureColumns.includes(name) ? { kind: 'feature' } : undefined;
}

export function hover(state: DocState, doc: TextDocument, position: Position): Hover | null {
	const index = columnAt(state, doc, position);
	if (index === undefined) {
		return null;
	}
	const profile = state.columnProfile(index);
	const role = columnRole(state, profile.name);
	const groups = state.groups();
	const byGroup = role?.kind === 'label' ? undefined : splitByGroup(state, index, profile.type);
	const stale =
		state.sample !== undefined
			? `Preliminary: the first ${state.parse.table.rowCount.toLocaleString('en-US')} rows (${mb(state.sample.bytes)} of ${mb(state.sample.totalBytes)}); the rest of the file is still being read.`
			: state.version !== undefined && state.version !== doc.version
				? 'Figures from the last analysed version; updating after your edit.'
				: undefined;
	return {
		contents: {
			kind: 'markdown',
			value: formatHover({
				profile,
				index,
				columns: state.parse.table.columns.length,
				...(role !== undefined ? { role } : {}),
				...(groups !== undefined ? { groups } : {}),
				...(byGroup !== undefined ? { byGroup } : {}),
				...(stale !== undefined ? { note: stale } : {}),
			}),
		},
	};
}

function mb(bytes: number): string {
	return `${(bytes / (1 << 20)).toFixed(1)} MB`;
}
