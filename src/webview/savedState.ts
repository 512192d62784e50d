/**
 * Reading the state a fairness panel saved (vscodeApi.setState), which VS Code hands to the
 * serializer after a reload. Free of vscode imports so it is unit-tested in plain Node.
 */

/** The dataset id the panel belonged to, if the state names one. */
export function datasetIdOf(state: unknown): string | undefined {
	if (typeof state !== 'object' || state === null) {
		return undefined;
	}
	const dataset = (state as { dataset?: unknown }).dataset;
	const id = typeof dataset === 'object' && dataset !== null ? (dataset as { id?: unknown }).id : undefined;
	return typeof id === 'string' ? id : undefined;
}
