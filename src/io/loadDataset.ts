/**
 * Loads a CSV file and its roles for a command: the table streamed from disk, the sidecar next
 * to it (if any), merged with the roles a caller passes. Shared by the CLI and the server.
 */
import { readCsvFile } from './readCsvFile';
import { readSidecar } from './sidecarFile';
import { DEFAULT_MISSING_TOKENS, type ParseResult } from '../core/csv/options';
import type { Sidecar } from '../core/roles/sidecar';

export interface LoadedDataset {
	readonly path: string;
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
	const parse = await readCsvFile(path, {
		fileName: path,
		...(options.onBadRow !== undefined ? { onBadRow: options.onBadRow } : {}),
		...(side?.sidecar.missingTokens !== undefined ? { missingTokens: [...DEFAULT_MISSING_TOKENS, ...side.sidecar.missingTokens] } : {}),
		...(options.signal !== undefined ? { signal: options.signal } : {}),
		...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
	});
	return { path, parse, sidecar: side?.sidecar, sidecarPath: side?.path };
}
