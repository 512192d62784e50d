/**
 * Parsing for the server: synced editor text fed to the streaming engine 1 MiB at a time with a
 * turn of the event loop in between (so hovers and cancellations get through while a 60 MB
 * document parses), and files read from disk through src/io. Both are keyed by a SHA-1 of the
 * bytes, so an unchanged file is parsed once however often it is opened or edited back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CsvIngest, type CsvOptions, type ParseResult } from '../core/csv/index';
import { readCsvFile } from '../io/readCsvFile';
import { readParquetFile } from '../io/readParquetFile';
import { readArrowFile } from '../io/readArrowFile';
import { datasetFormatOf } from '../io/datasetFormat';
import { abortError } from '../core/abort';

const CHUNK = 1 << 20;

export { abortError };

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** UTF-8 bytes of a text, in pieces, with their total length and the SHA-1 of them all. */
export interface EncodedText {
	readonly chunks: readonly Buffer[];
	readonly bytes: number;
	readonly hash: string;
}

/**
 * The text as UTF-8 (pieces of ~1 MiB, never splitting a surrogate pair) and the SHA-1 of its bytes,
 * a piece per turn of the event loop: encoding and hashing 60 MB at once would hold back, for a few
 * hundred milliseconds, a hover waiting to be answered from the provisional analysis.
 */
export async function encodeText(text: string, signal: AbortSignal): Promise<EncodedText> {
	const hash = createHash('sha1');
	const chunks: Buffer[] = [];
	let bytes = 0;
	for (let at = 0; at < text.length;) {
		let end = Math.min(text.length, at + CHUNK);
		const last = text.charCodeAt(end - 1);
		if (end < text.length && last >= 0xd800 && last <= 0xdbff) {
			end--; // a high surrogate goes with its low half into the next piece
		}
		const chunk = Buffer.from(text.slice(at, end), 'utf8');
		hash.update(chunk);
		chunks.push(chunk);
		bytes += chunk.length;
		at = end;
		await turn();
		if (signal.aborted) {
			throw abortError();
		}
	}
	return { chunks, bytes, hash: hash.digest('hex') };
}

/** Parses bytes (one buffer or the pieces of {@link encodeText}), 1 MiB per turn of the event loop. */
export async function parseBytes(input: Uint8Array | EncodedText, options: CsvOptions, signal: AbortSignal): Promise<ParseResult> {
	const chunks = input instanceof Uint8Array ? [input] : input.chunks;
	const total = input instanceof Uint8Array ? input.length : input.bytes;
	const ingest = new CsvIngest({ ...options, encoding: 'utf-8', expectedBytes: total });
	for (const bytes of chunks) {
		for (let at = 0; at < bytes.length; at += CHUNK) {
			ingest.push(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)));
			await turn();
			if (signal.aborted) {
				throw abortError();
			}
		}
	}
	return ingest.finish();
}

/** SHA-1 of a file's bytes, streamed. */
export async function hashFile(path: string, signal: AbortSignal): Promise<string> {
	const hash = createHash('sha1');
	const stream = createReadStream(path, { flags: 'r', highWaterMark: CHUNK });
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			if (signal.aborted) {
				throw abortError();
			}
			hash.update(chunk);
		}
	} finally {
		stream.destroy();
	}
	return hash.digest('hex');
}

export function parseFile(path: string, options: CsvOptions, signal: AbortSignal): Promise<ParseResult> {
	// Parquet and Arrow files have their own readers; .csv.gz/.tsv.gz are gunzipped by readCsvFile.
	const format = datasetFormatOf(path);
	if (format === 'parquet' || format === 'arrow') {
		const read = format === 'parquet' ? readParquetFile : readArrowFile;
		return read(path, { fileName: path, signal, ...(options.missingTokens !== undefined ? { missingTokens: options.missingTokens } : {}) });
	}
	return readCsvFile(path, { ...options, fileName: path, signal });
}

/** The first bytes of a file as text (for the header row of a file read from disk). */
export async function readHead(path: string, bytes = 256 * 1024): Promise<string> {
	if (datasetFormatOf(path) !== 'csv') {
		// Compressed and binary files have no header text to point lenses and hovers at.
		return '';
	}
	const stream = createReadStream(path, { flags: 'r', start: 0, end: bytes - 1 });
	const parts: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		parts.push(chunk);
	}
	return Buffer.concat(parts)
		.toString('utf8')
		.replace(/^\uFEFF/, '');
}
