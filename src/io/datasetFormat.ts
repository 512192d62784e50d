/**
 * Which reader a dataset file needs, from its name. CSV and TSV (plain or gzip-compressed) go
 * through the streaming CSV reader; Parquet and Arrow IPC through their binary readers. The
 * extensions are listed once here so the CLI and the Datasets view agree on them.
 */
export type DatasetFormat = 'csv' | 'csv.gz' | 'parquet' | 'arrow';

/** Extensions (lower case, with the dot) of every dataset file the readers open. */
export const DATASET_EXTENSIONS: readonly string[] = [
	'.csv',
	'.tsv',
	'.tab',
	'.csv.gz',
	'.tsv.gz',
	'.parquet',
	'.arrow',
	'.arrows',
	'.feather',
	'.ipc',
];

/** Only CSV/TSV text has lines and cells an editor can hover; the binary and compressed files do not. */
export const TEXT_DATASET_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.tab'];

export function datasetFormatOf(path: string): DatasetFormat {
	const name = path.toLowerCase();
	if (name.endsWith('.gz')) {
		return 'csv.gz';
	}
	if (name.endsWith('.parquet') || name.endsWith('.parq')) {
		return 'parquet';
	}
	if (name.endsWith('.arrow') || name.endsWith('.arrows') || name.endsWith('.feather') || name.endsWith('.ipc')) {
		return 'arrow';
	}
	return 'csv';
}

/** Whether the Datasets view should list a file with this name. */
export function isDatasetFileName(path: string): boolean {
	const name = path.toLowerCase();
	return DATASET_EXTENSIONS.some((ext) => name.endsWith(ext));
}
