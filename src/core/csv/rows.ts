/**
 * The tokenizer's sink: turns the first record into column names and every later record into one
 * cell per column, enforcing the bad-row policy.
 */
import { ColumnBuilder, type MissingMatcher } from './columns';
import type { IssueLog } from './issues';
import { CsvError, MAX_COLUMNS } from './options';
import { ESCAPED, type Tokenizer, type TokenizerSink } from './tokenizer';

const utf8 = new TextDecoder('utf-8');

const MARK_MESSAGES: Record<string, string> = {
	'nul-byte': 'NUL byte in the data (is this a binary or UTF-16 file without BOM?)',
	'undecodable-bytes': 'bytes that are not valid UTF-8 were replaced by U+FFFD',
	'encoding-fallback': 'the file is not valid UTF-8 (first bad byte here); it was read as Windows-1252',
};

export class RowBuilder implements TokenizerSink {
	columns: ColumnBuilder[] | undefined;
	header: string[] | undefined;
	rowLines: Int32Array;
	rowCount = 0;
	skippedRows = 0;
	/** Bytes after unescaping `""` (RFC 4180 §2.7) of the current cell. */
	private scratch: Uint8Array = new Uint8Array(256);

	constructor(
		private readonly hasHeader: boolean,
		private readonly missing: MissingMatcher,
		private readonly issues: IssueLog,
		private readonly failOnBadRow: boolean,
		private readonly fileName: string | undefined,
		private readonly capacity: number,
	) {
		this.rowLines = new Int32Array(Math.max(16, capacity));
	}

	record(t: Tokenizer): void {
		const n = t.fieldCount;
		if (n === 1 && t.starts[0] === t.ends[0] && t.flags[0] === 0) {
			return; // a blank line is not a record
		}
		if (this.columns === undefined) {
			this.startColumns(t);
			if (this.hasHeader) {
				return;
			}
		}
		const columns = this.columns!;
		if (t.strayAt >= 0) {
			const at = t.locate(t.strayAt);
			this.issues.add(
				'stray-quote',
				'warning',
				at.line,
				at.column,
				'quote inside an unquoted field (or text after a closing quote); the field is kept as written',
			);
		}
		if (n !== columns.length) {
			const at = t.locate(n > columns.length ? t.starts[columns.length]! : t.ends[n - 1]!);
			this.badRow('ragged-row', at.line, at.column, `expected ${columns.length} fields, found ${n}`);
			return;
		}
		const buf = t.buf;
		const missing = this.missing;
		const starts = t.starts;
		const ends = t.ends;
		const flags = t.flags;
		for (let j = 0; j < n; j++) {
			const column = columns[j]!;
			let bytes: Uint8Array = buf;
			let s = starts[j]!;
			let e = ends[j]!;
			if ((flags[j]! & ESCAPED) !== 0) {
				bytes = this.unescape(buf, s, e);
				s = 0;
				e = this.unescapedLength;
			}
			if (missing.matches(bytes, s, e)) {
				column.pushMissing();
			} else {
				column.push(bytes, s, e);
			}
		}
		if (this.rowCount === this.rowLines.length) {
			const bigger = new Int32Array(this.rowCount * 2);
			bigger.set(this.rowLines);
			this.rowLines = bigger;
		}
		this.rowLines[this.rowCount++] = t.recordLine;
	}

	badRecord(code: 'unterminated-quote', line: number, column: number, detail: string): void {
		this.badRow(code, line, column, detail);
	}

	mark(code: string, line: number, column: number): void {
		if (code === 'nul-byte' || code === 'undecodable-bytes' || code === 'encoding-fallback') {
			this.issues.add(code, 'warning', line, column, MARK_MESSAGES[code]!);
		}
	}

	private badRow(code: 'ragged-row' | 'unterminated-quote', line: number, column: number, detail: string): void {
		if (this.failOnBadRow) {
			this.issues.add(code, 'error', line, column, detail);
			throw new CsvError(this.fileName, line, column, code, detail);
		}
		this.issues.add(code, 'error', line, column, `${detail}; row skipped`);
		this.skippedRows++;
	}

	private unescapedLength = 0;

	private unescape(buf: Uint8Array, s: number, e: number): Uint8Array {
		if (this.scratch.length < e - s) {
			this.scratch = new Uint8Array(Math.max(e - s, this.scratch.length * 2));
		}
		const out = this.scratch;
		let k = 0;
		for (let i = s; i < e; i++) {
			const c = buf[i]!;
			out[k++] = c;
			if (c === 34 && buf[i + 1] === 34) {
				i++;
			}
		}
		this.unescapedLength = k;
		return out;
	}

	/** Names the columns from the first record (header) or numbers them (no header). */
	private startColumns(t: Tokenizer): void {
		const n = t.fieldCount;
		if (n > MAX_COLUMNS) {
			throw new CsvError(
				this.fileName,
				t.recordLine,
				1,
				'too-many-columns',
				`the first record has ${n.toLocaleString('en-US')} fields; at most ${MAX_COLUMNS.toLocaleString('en-US')} columns are supported (is this really a CSV file, with the right delimiter?)`,
			);
		}
		const names: string[] = [];
		if (this.hasHeader) {
			const used = new Set<string>();
			const raw: string[] = [];
			for (let j = 0; j < n; j++) {
				let s = t.starts[j]!;
				let e = t.ends[j]!;
				let bytes: Uint8Array = t.buf;
				if ((t.flags[j]! & ESCAPED) !== 0) {
					bytes = this.unescape(t.buf, s, e);
					s = 0;
					e = this.unescapedLength;
				}
				raw.push(utf8.decode(bytes.subarray(s, e)).trim());
			}
			const taken = new Set(raw);
			for (let j = 0; j < n; j++) {
				let name = raw[j]!;
				if (name === '') {
					name = uniqueName(`column_${j + 1}`, taken, used);
					const at = t.locate(t.starts[j]!);
					this.issues.add('empty-header', 'warning', at.line, at.column, `column ${j + 1} has no name; named '${name}'`);
				} else if (used.has(name)) {
					const renamed = uniqueName(name, taken, used);
					const at = t.locate(t.starts[j]!);
					this.issues.add('duplicate-header', 'warning', at.line, at.column, `duplicate column name '${name}'; renamed '${renamed}'`);
					name = renamed;
				}
				used.add(name);
				taken.add(name);
				names.push(name);
			}
		} else {
			for (let j = 0; j < n; j++) {
				names.push(`column_${j + 1}`);
			}
		}
		this.header = names;
		this.columns = names.map((name) => new ColumnBuilder(name, this.capacity));
	}
}

/** `base` if free, else `base_2`, `base_3`, … (skipping names present anywhere in the header). */
function uniqueName(base: string, taken: Set<string>, used: Set<string>): string {
	if (!taken.has(base) && !used.has(base)) {
		return base;
	}
	for (let k = 2; ; k++) {
		const candidate = `${base}_${k}`;
		if (!taken.has(candidate) && !used.has(candidate)) {
			return candidate;
		}
	}
}
