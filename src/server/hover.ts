/** textDocument/hover: the column under the cursor (quote-aware, multi-line fields included) → its summary. */
import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocState } from './docState';
import { formatHover, type ColumnRole } from './hoverText';
import { fieldAtOffset, recordStartLine } from './locate';

/** The 0-based column under `position`, or undefined (blank line, past the last column). */
export function columnAt(state: DocState, doc: TextDocument, position: Position): number | undefined {
	const parse = state.parse;
	const text = doc.getText();
	const lineStart = doc.offsetAt({ line: position.line, character: 0 });
	const lineEnd = doc.offsetAt({ line: position.line + 1, character: 0 });
	if (text.slice(lineStart, lineEnd).trim() === '') {
		return undefined;
	}
	const startLine = recordStartLine(parse.rowLines, position.line + 1, 1);
	const start = doc.offsetAt({ line: startLine - 1, character: 0 });
	const field = fieldAtOffset(text, start, doc.offsetAt(position), parse.dialect.delimiter);
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
	const stale = state.sample !== undefined
		? `Preliminary: the first ${state.parse.table.rowCount.toLocaleString('en-US')} rows (${mb(state.sample.bytes)} of ${mb(state.sample.totalBytes)}); the rest of the file is still being read.`
		: state.version !== undefined && state.version !== doc.version ? 'Figures from the last analysed version; updating after your edit.' : undefined;
	return {
		contents: {
			kind: 'markdown',
			value: formatHover({
				profile,
				index,
				columns: state.parse.table.columns.length,
				...(role !== undefined ? { role } : {}),
				...(groups !== undefined ? { groups } : {}),
				...(stale !== undefined ? { note: stale } : {}),
			}),
		},
	};
}

function mb(bytes: number): string {
	return `${(bytes / (1 << 20)).toFixed(1)} MB`;
}
