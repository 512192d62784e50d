/**
 * Dialect detection from the first bytes of the file.
 *
 * Delimiter: each candidate (`,` `;` TAB `|`) tokenizes the sample with the real, quote-aware
 * tokenizer; the winner is the one whose most common field count (> 1) covers the largest share of
 * records, ties broken by more fields, then by the order above. No candidate splitting any record
 * means a single-column file (`,`).
 *
 * Header: assumed present unless the first record looks like data — some column is numeric in the
 * records below it and the first record's cell is numeric in every such column.
 */
import { type MissingMatcher } from './columns';
import type { Delimiter } from './options';
import { parseDecimal } from './number';
import { ESCAPED, QUOTED, RAW, Tokenizer, type TokenizerSink } from './tokenizer';
import type { Dialect } from './table';

export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 64;

/** Per sampled record: field count, and per field 0 missing / 1 numeric / 2 text. */
interface SampledRecord {
	readonly fieldCount: number;
	readonly kinds: Uint8Array;
	readonly bytes: number;
}

class SampleSink implements TokenizerSink {
	readonly records: SampledRecord[] = [];

	constructor(private readonly missing: MissingMatcher) {}

	record(t: Tokenizer): void {
		const n = t.fieldCount;
		if (n === 1 && t.starts[0] === t.ends[0] && t.flags[0] === 0) {
			return; // blank line
		}
		const kinds = new Uint8Array(n);
		for (let j = 0; j < n; j++) {
			const s = t.starts[j]!;
			const e = t.ends[j]!;
			const flag = t.flags[j]!;
			if ((flag & (ESCAPED | RAW)) === 0 && this.missing.matches(t.buf, s, e)) {
				kinds[j] = 0;
			} else {
				const plain = (flag & (ESCAPED | RAW)) === 0 || flag === QUOTED;
				kinds[j] = plain && !Number.isNaN(parseDecimal(t.buf, s, e)) ? 1 : 2;
			}
		}
		this.records.push({ fieldCount: n, kinds, bytes: t.recordEnd - t.recordStart });
		if (this.records.length >= SAMPLE_RECORDS) {
			t.stop();
		}
	}

	badRecord(): void {
		// An unterminated quote in the sample: the candidate simply gets fewer records.
	}

	mark(): void {
		// Marks are located by the real pass.
	}
}

function sampleRecords(sample: Uint8Array, delimiter: Delimiter, final: boolean, trim: boolean, missing: MissingMatcher): SampledRecord[] {
	const sink = new SampleSink(missing);
	const tokenizer = new Tokenizer(delimiter.charCodeAt(0), trim, sink, 0);
	tokenizer.push(sample);
	if (final) {
		tokenizer.finish();
	}
	return sink.records;
}

export interface SniffResult {
	readonly delimiter: Delimiter;
	readonly hasHeader: boolean;
	readonly lineEnding: Dialect['lineEnding'];
	/** Mean bytes per record in the sample (for pre-sizing columns), 0 if unknown. */
	readonly bytesPerRecord: number;
}

/**
 * Detects the dialect, or returns undefined when the sample holds fewer than two complete records
 * and more input may come (`final` false).
 */
export function sniffDialect(
	sample: Uint8Array,
	final: boolean,
	options: { delimiter?: Delimiter; hasHeader?: boolean; trim: boolean; missing: MissingMatcher },
): SniffResult | undefined {
	let best: { delimiter: Delimiter; records: SampledRecord[]; share: number; fields: number } | undefined;
	for (const delimiter of options.delimiter === undefined ? DELIMITERS : [options.delimiter]) {
		const records = sampleRecords(sample, delimiter, final, options.trim, options.missing);
		if (!final && records.length < 2) {
			return undefined;
		}
		const { share, fields } = consistency(records);
		const score = fields > 1 ? share : 0;
		const bestScore = best === undefined ? -1 : best.fields > 1 ? best.share : 0;
		if (best === undefined || score > bestScore || (score === bestScore && score > 0 && fields > best.fields)) {
			best = { delimiter, records, share, fields };
		}
	}
	const chosen = best!;
	const delimiter = chosen.fields > 1 || options.delimiter !== undefined ? chosen.delimiter : ',';
	const records = delimiter === chosen.delimiter ? chosen.records : sampleRecords(sample, delimiter, final, options.trim, options.missing);
	const totalBytes = records.reduce((sum, r) => sum + r.bytes, 0);
	return {
		delimiter,
		hasHeader: options.hasHeader ?? looksLikeHeader(records),
		lineEnding: lineEndingOf(sample),
		bytesPerRecord: records.length > 0 ? totalBytes / records.length : 0,
	};
}

/** The most common field count and the share of records having it. */
function consistency(records: readonly SampledRecord[]): { share: number; fields: number } {
	const counts = new Map<number, number>();
	for (const r of records) {
		counts.set(r.fieldCount, (counts.get(r.fieldCount) ?? 0) + 1);
	}
	let fields = 0;
	let best = 0;
	for (const [n, count] of counts) {
		if (count > best || (count === best && n > fields)) {
			best = count;
			fields = n;
		}
	}
	return { share: records.length > 0 ? best / records.length : 0, fields };
}

function looksLikeHeader(records: readonly SampledRecord[]): boolean {
	if (records.length < 2) {
		return true;
	}
	const first = records[0]!;
	let dataEvidence = 0;
	let headerEvidence = 0;
	for (let j = 0; j < first.fieldCount; j++) {
		let numericBelow = 0;
		let textBelow = 0;
		for (let i = 1; i < records.length; i++) {
			const kind = records[i]!.kinds[j];
			if (kind === 1) {
				numericBelow++;
			} else if (kind === 2) {
				textBelow++;
			}
		}
		if (numericBelow > 0 && textBelow === 0) {
			if (first.kinds[j] === 1) {
				dataEvidence++;
			} else if (first.kinds[j] === 2) {
				headerEvidence++;
			}
		}
	}
	return !(dataEvidence > 0 && headerEvidence === 0);
}

function lineEndingOf(sample: Uint8Array): Dialect['lineEnding'] {
	const lf = sample.indexOf(10);
	const cr = sample.indexOf(13);
	if (cr >= 0 && (lf < 0 || cr < lf)) {
		return lf === cr + 1 ? '\r\n' : '\r';
	}
	return '\n';
}
