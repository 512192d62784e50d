/**
 * collectiveFairness/preview: a dataset file's schema, first rows and column profiles, for the
 * read-only preview the editor shows of Parquet and Arrow files (they have no text to open). The
 * file is read from disk by the document store, as every other request reads it.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { fileURLToPath } from 'node:url';
import { cellText } from '../core/csv/table';
import { datasetFormatOf } from '../io/datasetFormat';
import { ErrorCodes } from '../shared/lspProtocol';
import { PREVIEW_MAX_ROWS, PREVIEW_ROWS, type PreviewParams, type PreviewResult } from '../shared/previewProtocol';
import { isFile, type DocumentStore } from './documents';
import { responseError } from './requests';

export async function previewRequest(store: DocumentStore, params: PreviewParams, token: CancellationToken): Promise<PreviewResult> {
	try {
		if (!isFile(params.uri)) {
			throw new ResponseError(ErrorCodes.ReadFailed, `only files on disk can be previewed, not ${params.uri}`);
		}
		const wanted = params.rows ?? PREVIEW_ROWS;
		if (!Number.isInteger(wanted) || wanted < 0 || wanted > PREVIEW_MAX_ROWS) {
			throw new ResponseError(ErrorCodes.ComputeFailed, `rows must be an integer in [0, ${PREVIEW_MAX_ROWS}], got ${String(wanted)}`);
		}
		const state = await store.get(params.uri);
		if (state === undefined) {
			throw new ResponseError(ErrorCodes.ReadFailed, `${params.uri} could not be read (see the server log)`);
		}
		if (token.isCancellationRequested) {
			throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
		}
		const table = state.parse.table;
		const shown = Math.min(wanted, table.rowCount);
		const head: (string | null)[][] = [];
		for (let row = 0; row < shown; row++) {
			head.push(table.columns.map((c) => cellText(c, row) ?? null));
		}
		return {
			uri: state.uri,
			format: datasetFormatOf(fileURLToPath(params.uri)),
			rowCount: table.rowCount,
			// The profiles are cached per analysis (the hovers use the same ones for CSV files).
			columns: table.columns.map((_, i) => state.columnProfile(i)),
			head,
			roles: state.roles.sidecar ?? null,
			rolesError: state.rolesError ?? null,
		};
	} catch (e) {
		throw responseError(e);
	}
}
