/**
 * Where a dataset's roles live: the sidecar NAME.fairness.json next to NAME.csv (the last
 * extension replaced). One rule for the CLI, the language server and the extension host, kept
 * here so the host need not load the engine for it.
 *
 * `data/adult.csv` → `data/adult.fairness.json` (any extension replaced; none appended).
 */
export function sidecarPathFor(csvPath: string): string {
	const slash = Math.max(csvPath.lastIndexOf('/'), csvPath.lastIndexOf('\\'));
	const dot = csvPath.lastIndexOf('.');
	const stem = dot > slash + 1 ? csvPath.slice(0, dot) : csvPath;
	return `${stem}.fairness.json`;
}
