/**
 * Streams a CSV file from disk into the pure ingestion engine (src/core/csv). Read-only: the file
 * is opened with flag 'r' and nothing is ever written.
 *
 * Chunks are 1 MiB: large enough that per-chunk overhead vanishes, small enough that peak memory
 * stays at the typed columns plus a couple of chunks, and that cancellation is noticed within
 * one chunk's parse time (a few milliseconds).
 *
 * A name ending in `.gz` (`data.csv.gz`, `data.tsv.gz`) is decompressed on the fly with zlib's
 * streaming gunzip: the decompressed text is never held whole, and progress counts the
 * compressed bytes read against the file size. A truncated or corrupt gzip stream is an error
 * naming the file, never a silently shorter table.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { CsvError, CsvIngest, type CsvOptions, type ParseResult } from '../core/csv/index';

export interface ReadCsvFileOptions extends CsvOptions {
	/** Aborting rejects the promise with the signal's reason (an `AbortError` by default). */
	readonly signal?: AbortSignal;
	/** Called after each chunk with the bytes read so far and the file size. */
	readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

const CHUNK_BYTES = 1 << 20;

/**
 * Reads and parses a CSV file. Rejects with {@link CsvError} (message starting with the file name)
 * for I/O errors and for malformed rows under `onBadRow: 'fail'`; with the abort reason when
 * cancelled.
 */
export async function readCsvFile(path: string, options: ReadCsvFileOptions = {}): Promise<ParseResult> {
	const { signal, onProgress, ...csvOptions } = options;
	const fileName = csvOptions.fileName ?? path;
	signal?.throwIfAborted();
	let totalBytes: number;
	try {
		const info = await stat(path);
		if (!info.isFile()) {
			throw new Error('not a regular file');
		}
		totalBytes = info.size;
	} catch (error) {
		throw ioError(fileName, error);
	}
	signal?.throwIfAborted();
	const gzipped = path.toLowerCase().endsWith('.gz');
	// A compressed file's size says little about its rows: let the columns grow instead of pre-sizing them.
	const ingest = new CsvIngest({ ...csvOptions, fileName, expectedBytes: csvOptions.expectedBytes ?? (gzipped ? undefined : totalBytes) });
	const file = createReadStream(path, { flags: 'r', highWaterMark: CHUNK_BYTES });
	let bytesRead = 0;
	if (gzipped) {
		file.on('data', (chunk: Buffer | string) => {
			bytesRead += chunk.length;
		});
	}
	const stream = gzipped ? file.pipe(createGunzip({ chunkSize: CHUNK_BYTES })) : file;
	// pipe() does not forward errors: a read error on the file must end the gunzip stream too.
	file.on('error', (error) => stream.destroy(error));
	const onAbort = (): void => {
		stream.destroy();
		file.destroy();
	};
	signal?.addEventListener('abort', onAbort, { once: true });
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			signal?.throwIfAborted();
			ingest.push(chunk);
			if (!gzipped) {
				bytesRead += chunk.length;
			}
			onProgress?.(bytesRead, totalBytes);
		}
		signal?.throwIfAborted();
		return ingest.finish();
	} catch (error) {
		if (signal?.aborted) {
			throw signal.reason;
		}
		if (error instanceof CsvError) {
			throw error;
		}
		if (gzipped && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code!.startsWith('Z_')) {
			throw new CsvError(
				fileName,
				0,
				0,
				'io',
				`truncated or corrupt gzip data after ${bytesRead} compressed bytes (${(error as Error).message})`,
			);
		}
		throw ioError(fileName, error);
	} finally {
		signal?.removeEventListener('abort', onAbort);
		stream.destroy();
		file.destroy();
	}
}

function ioError(fileName: string, error: unknown): CsvError {
	const detail = error instanceof Error ? error.message : String(error);
	return new CsvError(fileName, 0, 0, 'io', `cannot read file: ${detail}`);
}
