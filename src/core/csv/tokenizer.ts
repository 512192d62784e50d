/**
 * RFC 4180 record scanner over UTF-8 bytes, fed chunk by chunk.
 *
 * Grammar (RFC 4180 §2, made lenient): records end at CRLF, LF or CR (mixed allowed); fields are
 * separated by the delimiter; a field that starts with `"` is quoted, may contain delimiters, line
 * breaks and doubled quotes `""` (§2.5–2.7), and ends at the next lone `"`. Spaces around unquoted
 * fields are trimmed (optional). Deviations are kept rather than fatal:
 * - a `"` inside an unquoted field, or text after a closing quote, is a *stray quote*: the field
 *   keeps its raw text and the record is flagged (see {@link Tokenizer.strayAt});
 * - a quote still open at end of input is an *unterminated quote*: that record is reported bad and
 *   scanning resumes after the first line break following the opening quote, so one stray `"` does
 *   not swallow the rest of the file.
 *
 * The scanner does not allocate per cell: each record is exposed as parallel arrays of field byte
 * ranges into {@link Tokenizer.buf}, valid during the {@link TokenizerSink.record} call only.
 * A record that is not complete at the end of the buffered bytes is rescanned once at least as
 * many new bytes have arrived as it already spans, so a 1 MB field or a 50 MB unterminated quote
 * costs linear, not quadratic, time.
 */

/** Field flags. */
export const QUOTED = 1;
/** Quoted field containing doubled quotes that must be unescaped. */
export const ESCAPED = 2;
/** Field kept raw because of a quote in an unexpected place. */
export const RAW = 4;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const SPACE = 32;
/** Give up recovering from unterminated quotes after this many (each recovery rescans the tail). */
const MAX_RECOVERIES = 16;

export interface TokenizerSink {
	/** One complete record; read the tokenizer's field arrays. */
	record(tokenizer: Tokenizer): void;
	/** A record that cannot be used (unterminated quote) at 1-based line/column. */
	badRecord(code: 'unterminated-quote', line: number, column: number, detail: string): void;
	/** A located mark (NUL byte, undecodable bytes, encoding fallback). */
	mark(code: string, line: number, column: number): void;
}

export interface Position {
	line: number;
	column: number;
}

export class Tokenizer {
	buf: Uint8Array = new Uint8Array(1 << 16);
	fieldCount = 0;
	starts = new Int32Array(64);
	ends = new Int32Array(64);
	flags = new Uint8Array(64);
	/** Buffer offsets of the current record and the 1-based line where it starts. */
	recordStart = 0;
	recordEnd = 0;
	recordLine = 1;
	/** Buffer offset of the first stray quote in the current record, or −1. */
	strayAt = -1;
	/** Total NUL bytes seen (only the first few are located). */
	nulCount = 0;
	private length = 0;
	private pos = 0;
	private line = 1;
	/** Absolute stream offset of buf[0]. */
	private base = 0;
	private resumeAt = 0;
	private stopped = false;
	private recoveries = 0;
	private readonly marks: Array<{ offset: number; code: string }> = [];
	private readonly special = new Uint8Array(256);

	constructor(
		private readonly delimiter: number,
		private readonly trim: boolean,
		private readonly sink: TokenizerSink,
		private readonly maxMarks = 100,
	) {
		this.special[delimiter] = 1;
		this.special[LF] = 1;
		this.special[CR] = 1;
		this.special[QUOTE] = 1;
	}

	/** Stops emitting records (used by the sniffer once it has seen enough). */
	stop(): void {
		this.stopped = true;
	}

	/** Records a problem at an absolute byte offset not yet scanned; located when its record ends. */
	addMark(offset: number, code: string): void {
		this.marks.push({ offset, code });
		for (let i = this.marks.length - 1; i > 0 && this.marks[i - 1]!.offset > this.marks[i]!.offset; i--) {
			const t = this.marks[i]!;
			this.marks[i] = this.marks[i - 1]!;
			this.marks[i - 1] = t;
		}
	}

	/** Absolute stream offset of the next appended byte. */
	get streamOffset(): number {
		return this.base + this.length;
	}

	push(chunk: Uint8Array): void {
		if (chunk.length === 0 || this.stopped) {
			return;
		}
		if (this.pos > 0) {
			this.buf.copyWithin(0, this.pos, this.length);
			this.base += this.pos;
			this.resumeAt -= this.pos;
			this.length -= this.pos;
			this.pos = 0;
		}
		if (this.length + chunk.length > this.buf.length) {
			const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + chunk.length));
			bigger.set(this.buf.subarray(0, this.length));
			this.buf = bigger;
		}
		this.buf.set(chunk, this.length);
		for (let i = chunk.indexOf(0); i >= 0; i = chunk.indexOf(0, i + 1)) {
			if (this.nulCount < this.maxMarks) {
				this.addMark(this.base + this.length + i, 'nul-byte');
			}
			this.nulCount++;
		}
		this.length += chunk.length;
		if (this.length >= this.resumeAt) {
			this.scan(false);
		}
	}

	finish(): void {
		this.scan(true);
		for (const mark of this.marks.splice(0)) {
			this.sink.mark(mark.code, this.line, 1);
		}
	}

	/** 1-based line and column (in characters) of a buffer offset inside the current record. */
	locate(offset: number): Position {
		const buf = this.buf;
		let line = this.recordLine;
		let lineStart = this.recordStart;
		for (let i = this.recordStart; i < offset; i++) {
			const c = buf[i];
			if (c === LF) {
				line++;
				lineStart = i + 1;
			} else if (c === CR) {
				if (i + 1 < offset && buf[i + 1] === LF) {
					i++;
				}
				line++;
				lineStart = i + 1;
			}
		}
		let column = 1;
		for (let i = lineStart; i < offset; i++) {
			if ((buf[i]! & 0xc0) !== 0x80) {
				column++;
			}
		}
		return { line, column };
	}

	private growFields(): void {
		const capacity = this.starts.length * 2;
		const starts = new Int32Array(capacity);
		const ends = new Int32Array(capacity);
		const flags = new Uint8Array(capacity);
		starts.set(this.starts);
		ends.set(this.ends);
		flags.set(this.flags);
		this.starts = starts;
		this.ends = ends;
		this.flags = flags;
	}

	private emit(recordStart: number, recordEnd: number, recordLine: number, fieldCount: number, strayAt: number): void {
		this.recordStart = recordStart;
		this.recordEnd = recordEnd;
		this.recordLine = recordLine;
		this.fieldCount = fieldCount;
		this.strayAt = strayAt;
		this.flushMarks(recordStart, recordEnd);
		this.sink.record(this);
	}

	/** Reports the marks before buffer offset `end`, each located no earlier than its record's start. */
	private flushMarks(recordStart: number, end: number): void {
		const marks = this.marks;
		while (marks.length > 0 && marks[0]!.offset < this.base + end) {
			const mark = marks.shift()!;
			const at = this.locate(Math.max(recordStart, mark.offset - this.base));
			this.sink.mark(mark.code, at.line, at.column);
		}
	}

	/** Scans complete records from `pos`; with `final`, the end of the buffer ends the input. */
	private scan(final: boolean): void {
		const buf = this.buf;
		const end = this.length;
		const delimiter = this.delimiter;
		const special = this.special;
		const trim = this.trim;
		let p = this.pos;
		let line = this.line;
		let c = 0;
		let incomplete = false;
		records: while (p < end && !this.stopped) {
			const recordStart = p;
			const recordLine = line;
			let n = 0;
			let strayAt = -1;
			for (;;) {
				let s = p;
				if (trim) {
					while (s < end && buf[s] === SPACE) {
						s++;
					}
				}
				let fieldStart = s;
				let fieldEnd: number;
				let flag = 0;
				if (s < end && buf[s] === QUOTE) {
					let q = s + 1;
					flag = QUOTED;
					for (;;) {
						while (q < end && (c = buf[q]!) !== QUOTE) {
							if (c === LF || (c === CR && (q + 1 >= end || buf[q + 1] !== LF))) {
								line++;
							}
							q++;
						}
						if (q + 1 < end && buf[q + 1] === QUOTE) {
							flag |= ESCAPED;
							q += 2;
							continue;
						}
						break;
					}
					if (q + 1 >= end && !final) {
						incomplete = true; // closing quote not seen yet, or the byte after it unknown
						break records;
					}
					if (q >= end) {
						p = this.recoverUnterminated(recordStart, recordLine, s);
						line = this.line;
						continue records;
					}
					fieldStart = s + 1;
					fieldEnd = q;
					p = q + 1;
					if (trim) {
						while (p < end && buf[p] === SPACE) {
							p++;
						}
					}
					if (p < end && (c = buf[p]!) !== delimiter && c !== LF && c !== CR) {
						if (strayAt < 0) {
							strayAt = q;
						}
						while (p < end && (c = buf[p]!) !== delimiter && c !== LF && c !== CR) {
							p++;
						}
						flag = RAW;
						fieldStart = s;
						fieldEnd = p;
					}
				} else {
					let q = s;
					while (q < end && special[buf[q]!] === 0) {
						q++;
					}
					while (q < end && buf[q] === QUOTE) {
						if (strayAt < 0) {
							strayAt = q;
						}
						flag = RAW;
						q++;
						while (q < end && special[buf[q]!] === 0) {
							q++;
						}
					}
					fieldEnd = q;
					p = q;
				}
				if (trim && (flag & QUOTED) === 0) {
					while (fieldEnd > fieldStart && buf[fieldEnd - 1] === SPACE) {
						fieldEnd--;
					}
				}
				if (n === this.starts.length) {
					this.growFields();
				}
				this.starts[n] = fieldStart;
				this.ends[n] = fieldEnd;
				this.flags[n] = flag;
				n++;
				if (p >= end) {
					if (!final) {
						incomplete = true;
						break records;
					}
					this.emit(recordStart, p, recordLine, n, strayAt);
					break records;
				}
				c = buf[p]!;
				if (c === delimiter) {
					p++;
					continue;
				}
				if (c === CR) {
					if (p + 1 >= end && !final) {
						incomplete = true; // maybe the CR of a CRLF split across chunks
						break records;
					}
					p++;
					if (p < end && buf[p] === LF) {
						p++;
					}
				} else {
					p++; // LF
				}
				line++;
				this.emit(recordStart, p, recordLine, n, strayAt);
				this.pos = p;
				this.line = line;
				continue records;
			}
		}
		if (incomplete) {
			// `pos` and `line` still point at the incomplete record: rescan once its bytes have doubled.
			this.resumeAt = end + (end - this.pos);
		} else {
			this.pos = p;
			this.line = line;
			this.resumeAt = 0;
		}
	}

	/**
	 * Reports an unterminated quote opened at `quoteAt` and returns where scanning resumes: after
	 * the first line break following the quote (or the end, after too many recoveries).
	 */
	private recoverUnterminated(recordStart: number, recordLine: number, quoteAt: number): number {
		this.recordStart = recordStart;
		this.recordLine = recordLine;
		const at = this.locate(quoteAt);
		this.recoveries++;
		const end = this.length;
		let p = quoteAt + 1;
		if (this.recoveries > MAX_RECOVERIES) {
			p = end;
		} else {
			while (p < end && this.buf[p] !== LF && this.buf[p] !== CR) {
				p++;
			}
			if (p < end && this.buf[p] === CR && p + 1 < end && this.buf[p + 1] === LF) {
				p++;
			}
			p = Math.min(end, p + 1);
		}
		const detail =
			p >= end && this.recoveries > MAX_RECOVERIES
				? 'quote opened here is never closed; too many unterminated quotes, the record runs to the end of the file'
				: 'quote opened here is never closed; the record ends at this line';
		this.line = this.locate(p).line;
		this.pos = p;
		this.flushMarks(recordStart, p);
		this.sink.badRecord('unterminated-quote', at.line, at.column, detail);
		return p;
	}
}
