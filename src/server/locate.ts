/**
 * From a position in CSV text to the column under it. The scan follows RFC 4180 quoting, so a
 * delimiter or a line break inside a quoted field does not start a new field; it starts at the
 * beginning of the record holding the position, found from the parser's row → line map, so a
 * cell on the third line of a multi-line quoted field still maps to its column. O(record length).
 */

import type { Position } from 'vscode-languageserver';

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** A field of one record as text offsets [start, end), quotes included. */
export interface FieldSpan {
	readonly start: number;
	readonly end: number;
}

/**
 * The fields of the record that starts at `start` (one per delimiter outside quotes), up to the
 * record's end (a line break outside quotes) or `limit`.
 */
export function recordFields(text: string, start: number, delimiter: string, limit: number = text.length): FieldSpan[] {
	const d = delimiter.charCodeAt(0);
	const out: FieldSpan[] = [];
	let fieldStart = start;
	let quoted = false;
	let i = start;
	for (; i < limit; i++) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			quoted = !quoted; // a doubled quote toggles twice: still inside
		} else if (!quoted && c === d) {
			out.push({ start: fieldStart, end: i });
			fieldStart = i + 1;
		} else if (!quoted && (c === LF || c === CR)) {
			break;
		}
	}
	out.push({ start: fieldStart, end: i });
	return out;
}

/**
 * Index of the field holding `offset`, scanning from `start` (a record start at or before it). A
 * line break outside quotes begins a new record, so a start one or more records early is still
 * right. A position on a delimiter belongs to the field it ends.
 */
export function fieldAtOffset(text: string, start: number, offset: number, delimiter: string): number {
	const d = delimiter.charCodeAt(0);
	let field = 0;
	let quoted = false;
	for (let i = start; i < offset && i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			quoted = !quoted;
		} else if (!quoted && c === d) {
			field++;
		} else if (!quoted && (c === LF || c === CR)) {
			field = 0;
		}
	}
	return field;
}

/**
 * The 1-based line where the record holding 1-based `line` starts: the greatest entry of `rowLines`
 * (ascending starts of the parsed rows) not after `line`, or `headerLine` when the line comes
 * before the first row. A line past the rows' known extent gives the last row start at most
 * `maxBack` lines earlier, else the line itself (rows not yet parsed are assumed single-line).
 */
export function recordStartLine(rowLines: Int32Array, line: number, headerLine = 1, maxBack = 10_000): number {
	let lo = 0;
	let hi = rowLines.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (rowLines[mid]! <= line) {
			found = mid;
			lo = mid + 1;
		} else {
			hi = mid - 1;
		}
	}
	if (found < 0) {
		return Math.min(headerLine, line);
	}
	const start = rowLines[found]!;
	return line - start > maxBack ? line : start;
}

/**
 * Line starts of a text, counted as TextDocument counts them (`\n`, `\r\n` or a lone `\r` ends a
 * line), found with a regular expression and only as far as a request needs. TextDocument.offsetAt
 * indexes the whole text on first use, a character at a time: on a 60 MB document that is most of
 * the first hover's time in the server, spent on a million lines the hover does not look at.
 */
export class LineIndex {
	private readonly starts: number[] = [0];
	private readonly breaks = /\r\n?|\n/g;
	private complete = false;

	constructor(readonly text: string) {}

	/** Whether every line start is known. */
	get indexed(): boolean {
		return this.complete;
	}

	/** Offset of the start of 0-based `line`; the text's length past the last line. */
	lineStart(line: number): number {
		if (line <= 0) {
			return 0;
		}
		while (this.starts.length <= line && !this.complete) {
			const m = this.breaks.exec(this.text);
			if (m === null) {
				this.complete = true;
			} else {
				this.starts.push(m.index + m[0].length);
			}
		}
		return line < this.starts.length ? this.starts[line]! : this.text.length;
	}

	/** The same offset as TextDocument.offsetAt: clamped to the line, before its line break. */
	offsetAt(position: Position): number {
		const start = this.lineStart(position.line);
		if (position.line < 0 || position.character <= 0 || start === this.text.length) {
			return start;
		}
		let offset = Math.min(start + position.character, this.lineStart(position.line + 1));
		while (offset > start && (this.text.charCodeAt(offset - 1) === LF || this.text.charCodeAt(offset - 1) === CR)) {
			offset--;
		}
		return offset;
	}
}
