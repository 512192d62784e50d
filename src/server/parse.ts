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

const CHUNK = 1 << 20;

export function abortError(message = 'cancelled'): Error {
	const e = new Error(message);
	e.name = 'AbortError';
	return e;
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** UTF-8 bytes of the text and their SHA-1. */
export function encodeText(text: string): { bytes: Buffer; hash: string } {
	const bytes = Buffer.from(text, 'utf8');
	return { bytes, hash: createHash('sha1').update(bytes).digest('hex') };
}

export async function parseBytes(bytes: Uint8Array, options: CsvOptions, signal: AbortSignal): Promise<ParseResult> {
	const ingest = new CsvIngest({ ...options, encoding: 'utf-8', expectedBytes: bytes.length });
	for (let at = 0; at < bytes.length; at += CHUNK) {
		ingest.push(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)));
		await turn();
		if (signal.aborted) {
			throw abortError();
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
	return readCsvFile(path, { ...options, fileName: path, signal });
}

/** The first bytes of a file as text (for the header row of a file read from disk). */
export async function readHead(path: string, bytes = 256 * 1024): Promise<string> {
	const stream = createReadStream(path, { flags: 'r', start: 0, end: bytes - 1 });
	const parts: Buffer[] = [];
	for await (const chunk of stream as AsyncIterable<Buffer>) {
		parts.push(chunk);
	}
	return Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, '');
}
