/**
 * Streaming CSV ingestion: bytes in (any chunking), typed columns out.
 *
 *   chunk → Utf8Normalizer (BOM, encoding) → sample buffer until the dialect is sniffed
 *         → Tokenizer (RFC 4180 records as byte ranges) → RowBuilder (header, policy)
 *         → ColumnBuilder per column (Float64Array or dictionary codes)
 *
 * Nothing keeps a JS string per cell, and only the current partial record is buffered, so memory
 * is the typed columns plus about one chunk.
 */
import { MissingMatcher } from './columns';
import { Utf8Normalizer } from './decode';
import { IssueLog } from './issues';
import { CsvError, DEFAULT_MISSING_TOKENS, MAX_COLUMNS, MAX_HEADER_BYTES, type CsvOptions, type ParseResult } from './options';
import { RowBuilder } from './rows';
import { sniffDialect, type SniffResult } from './sniff';
import type { Column, Dialect } from './table';
import { Tokenizer } from './tokenizer';

/** Bytes sampled before sniffing; doubled while the sample holds fewer than two records. */
const FIRST_SAMPLE_BYTES = 64 * 1024;
/** Give up waiting for two complete records once the sample is this large. */
const MAX_SAMPLE_BYTES = 16 * 1024 * 1024;

export class CsvIngest {
	private readonly normalizer: Utf8Normalizer;
	private readonly missing: MissingMatcher;
	private readonly issues: IssueLog;
	private readonly trim: boolean;
	private sample: Uint8Array[] = [];
	private sampleBytes = 0;
	private nextSniffAt = FIRST_SAMPLE_BYTES;
	private dialect: SniffResult | undefined;
	private tokenizer: Tokenizer | undefined;
	private rows: RowBuilder | undefined;
	private failure: CsvError | undefined;
	private finished = false;

	constructor(private readonly options: CsvOptions = {}) {
		this.normalizer = new Utf8Normalizer(options.encoding);
		this.missing = new MissingMatcher(options.missingTokens ?? DEFAULT_MISSING_TOKENS);
		this.issues = new IssueLog(options.maxIssuesPerCode ?? 100);
		this.trim = options.trimFields ?? true;
	}

	/** Feeds the next chunk of the file. Throws only {@link CsvError}. */
	push(chunk: Uint8Array): void {
		this.guard(() => {
			if (this.finished) {
				throw new CsvError(this.options.fileName, 0, 0, 'usage', 'push() after finish()');
			}
			this.feed(this.normalizer.push(chunk), false);
		});
	}

	/** Ends the input and returns the table. Throws only {@link CsvError}. */
	finish(): ParseResult {
		return this.guard(() => {
			if (this.finished) {
				throw new CsvError(this.options.fileName, 0, 0, 'usage', 'finish() called twice');
			}
			this.finished = true;
			this.feed(this.normalizer.finish(), true);
			if (this.tokenizer === undefined) {
				this.startTokenizer(true);
			}
			this.tokenizer!.finish();
			return this.result();
		});
	}

	private guard<T>(work: () => T): T {
		if (this.failure !== undefined) {
			throw this.failure;
		}
		try {
			return work();
		} catch (error) {
			this.failure =
				error instanceof CsvError
					? error
					: new CsvError(
							this.options.fileName,
							0,
							0,
							'internal',
							`internal error while reading CSV: ${error instanceof Error ? error.message : String(error)}`,
						);
			throw this.failure;
		}
	}

	private feed(bytes: Uint8Array, final: boolean): void {
		for (const mark of this.normalizer.marks.splice(0)) {
			if (this.tokenizer !== undefined) {
				this.tokenizer.addMark(mark.offset, mark.code);
			} else {
				this.pendingMarks.push(mark);
			}
		}
		if (this.tokenizer !== undefined) {
			this.tokenizer.push(bytes);
			this.checkHeaderSize();
			return;
		}
		if (bytes.length > 0) {
			this.sample.push(bytes.slice());
			this.sampleBytes += bytes.length;
		}
		if (final || this.sampleBytes >= this.nextSniffAt) {
			this.startTokenizer(final);
		}
	}

	private readonly pendingMarks: Array<{ offset: number; code: string }> = [];

	/** Sniffs the dialect from the sample (if enough) and replays the sample into the tokenizer. */
	private startTokenizer(final: boolean): void {
		const sample = joinChunks(this.sample, this.sampleBytes);
		const sniffed = sniffDialect(sample, final || this.sampleBytes >= MAX_SAMPLE_BYTES, {
			delimiter: this.options.delimiter,
			hasHeader: this.options.hasHeader,
			trim: this.trim,
			missing: this.missing,
		});
		if (sniffed === undefined) {
			this.sample = [sample];
			this.nextSniffAt = this.sampleBytes * 2;
			return;
		}
		this.dialect = sniffed;
		const expected = this.options.expectedBytes ?? 0;
		const capacity = sniffed.bytesPerRecord > 0 && expected > 0 ? Math.ceil((expected / sniffed.bytesPerRecord) * 1.05) + 16 : 1024;
		this.rows = new RowBuilder(
			sniffed.hasHeader,
			this.missing,
			this.issues,
			this.options.onBadRow === 'fail',
			this.options.fileName,
			capacity,
		);
		this.tokenizer = new Tokenizer(sniffed.delimiter.charCodeAt(0), this.trim, this.rows, this.options.maxIssuesPerCode ?? 100);
		for (const mark of this.pendingMarks.splice(0)) {
			this.tokenizer.addMark(mark.offset, mark.code);
		}
		this.sample = [];
		this.tokenizer.push(sample);
		this.checkHeaderSize();
	}

	/** Columns of numbers made text by a few cells: named, with the first such cell (line, field). */
	private reportNumericDemotions(rows: RowBuilder): void {
		(rows.columns ?? []).forEach((column, j) => {
			const d = column.numericDemotion();
			if (d !== undefined) {
				const line = rows.rowLines[d.row] ?? 0;
				this.issues.add(
					'numeric-with-text',
					'warning',
					line,
					1,
					`column '${column.name}' holds numbers in ${d.numbers} cells but ${d.others === 1 ? 'one cell is' : `${d.others} cells are`} not a number (first: '${d.text}' at line ${line}, field ${j + 1}), so the whole column is read as text; write that cell as a plain number (no thousands separators, no Infinity) or leave it empty to keep the column numeric`,
				);
			}
		});
	}

	/** A first record still open after {@link MAX_HEADER_BYTES}: stop before its columns are built. */
	private checkHeaderSize(): void {
		if (this.rows!.columns === undefined && this.tokenizer!.streamOffset > MAX_HEADER_BYTES) {
			throw new CsvError(
				this.options.fileName,
				1,
				1,
				'header-too-large',
				`the first line (the header) is longer than ${MAX_HEADER_BYTES.toLocaleString('en-US')} bytes; the header may hold at most that many bytes and ${MAX_COLUMNS.toLocaleString('en-US')} columns (is this really a CSV file?)`,
			);
		}
	}

	private result(): ParseResult {
		const rows = this.rows!;
		const sniffed = this.dialect!;
		const tokenizer = this.tokenizer!;
		const maxMarks = this.options.maxIssuesPerCode ?? 100;
		this.issues.addUnlocated('nul-byte', Math.max(0, tokenizer.nulCount - maxMarks));
		if (rows.header === undefined) {
			this.issues.add('empty-file', 'warning', 1, 1, 'the file is empty: no header and no rows');
		} else if (rows.rowCount === 0 && sniffed.hasHeader) {
			this.issues.add('header-only', 'warning', 1, 1, 'the file has a header but no data rows');
		}
		this.reportNumericDemotions(rows);
		const columns: Column[] = (rows.columns ?? []).map((c) => c.build());
		const dialect: Dialect = {
			delimiter: sniffed.delimiter,
			quote: '"',
			hasHeader: sniffed.hasHeader,
			encoding: this.normalizer.encoding,
			bom: this.normalizer.bom,
			lineEnding: sniffed.lineEnding,
		};
		return {
			table: { columns, rowCount: rows.rowCount },
			header: rows.header ?? [],
			dialect,
			issues: this.issues.list(),
			skippedRows: rows.skippedRows,
			rowLines: rows.rowLines.slice(0, rows.rowCount),
		};
	}
}

function joinChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
	if (chunks.length === 1) {
		return chunks[0]!;
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

/** Parses a whole CSV held in memory (bytes in any supported encoding, or an already decoded string). */
export function parseCsv(input: Uint8Array | string, options: CsvOptions = {}): ParseResult {
	const ingest = new CsvIngest(typeof input === 'string' ? { ...options, encoding: 'utf-8' } : options);
	const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
	const step = 1 << 20;
	for (let at = 0; at < bytes.length; at += step) {
		ingest.push(bytes.subarray(at, Math.min(bytes.length, at + step)));
	}
	return ingest.finish();
}
