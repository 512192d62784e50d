/**
 * The read-only preview of a binary dataset (Parquet, Arrow IPC) and of a compressed CSV: a file
 * with no text to show in an editor. The server reads it as every command does (by path, through
 * src/io) and answers with its schema, its first rows as text and the profile of every column.
 */
import { request } from './lspProtocol';
import type { ColumnProfile, Sidecar } from './model';

export interface PreviewParams {
	readonly uri: string;
	/** How many of the first rows to return (default 20, at most 200). */
	readonly rows?: number;
}

export interface PreviewResult {
	readonly uri: string;
	/** Which reader opened the file. */
	readonly format: 'csv' | 'csv.gz' | 'parquet' | 'arrow';
	readonly rowCount: number;
	/** One profile per column, in file order: its name, storage, inferred type, missing and distinct counts. */
	readonly columns: readonly ColumnProfile[];
	/** The first rows, one string per column; null where the cell is missing. */
	readonly head: readonly (readonly (string | null)[])[];
	/** The roles from the sidecar beside the file, or null. */
	readonly roles: Sidecar | null;
	/** Why the sidecar does not apply, or null. */
	readonly rolesError: string | null;
}

/** Client → server: the schema, first rows and profile of a dataset file. */
export const PreviewRequest = request<PreviewParams, PreviewResult>('collectiveFairness/preview');

/** Rows returned when the request does not say, and the most it returns. */
export const PREVIEW_ROWS = 20;
export const PREVIEW_MAX_ROWS = 200;
