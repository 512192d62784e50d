/**
 * Loads a dataset file and its roles for a command: the table streamed from disk, the sidecar next
 * to it (if any), merged with the roles a caller passes. Shared by the CLI and the server.
 * CSV/TSV (plain or `.gz`), Parquet and Arrow IPC all arrive as the same typed-column table; the
 * reader is chosen by the file's extension (see datasetFormat.ts).
 */
import { readCsvFile } from './readCsvFile';
import { readParquetFile } from './readParquetFile';
import { readArrowFile } from './readArrowFile';
import { datasetFormatOf, type DatasetFormat } from './datasetFormat';
import { readSidecar } from './sidecarFile';
import { DEFAULT_MISSING_TOKENS, type ParseResult } from '../core/csv/options';
import type { Sidecar } from '../core/roles/sidecar';

export interface LoadedDataset {
	readonly path: string;
	/** Which reader opened the file. */
	readonly format: DatasetFormat;
	readonly parse: ParseResult;
	/** The sidecar found next to the file, if any. */
	readonly sidecar: Sidecar | undefined;
	readonly sidecarPath: string | undefined;
}

export interface LoadOptions {
	readonly onBadRow?: 'skip' | 'fail';
	readonly signal?: AbortSignal;
	readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

export async function loadDataset(path: string, options: LoadOptions = {}): Promise<LoadedDataset> {
	// The sidecar is read first: its missing-value tokens change how the CSV is parsed.
	const side = await readSidecar(path);
	const format = datasetFormatOf(path);
	const missingTokens = side?.sidecar.missingTokens !== undefined ? [...DEFAULT_MISSING_TOKENS, ...side.sidecar.missingTokens] : undefined;
	if (format === 'parquet' || format === 'arrow') {
		const read = format === 'parquet' ? readParquetFile : readArrowFile;
		// Binary files report progress in rows; a command's progress line only needs the ratio.
		const parse = await read(path, {
			fileName: path,
			...(missingTokens !== undefined ? { missingTokens } : {}),
			...(options.signal !== undefined ? { signal: options.signal } : {}),
			...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
		});
		return { path, format, parse, sidecar: side?.sidecar, sidecarPath: side?.path };
	}
	const parse = await readCsvFile(path, {
		fileName: path,
		...(options.onBadRow !== undefined ? { onBadRow: options.onBadRow } : {}),
		...(missingTokens !== undefined ? { missingTokens } : {}),
		...(options.signal !== undefined ? { signal: options.signal } : {}),
		...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
	});
	return { path, format, parse, sidecar: side?.sidecar, sidecarPath: side?.path };
}
