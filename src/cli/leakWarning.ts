/**
 * The label-leak warning printed beside the CLI's audit figures: figures from a model that reads a
 * column recorded after the outcome look accurate and fair for the wrong reason (core/association/leak).
 */
import { findLabelLeaks, fixesOutcomes, type LeakFinding } from '../core/association/leak';
import type { Table } from '../core/csv/table';
import { resolveRoles } from '../core/roles/resolve';
import type { Sidecar } from '../core/roles/sidecar';

/** The leaking feature columns under these roles (the features the audit's model reads). */
export function labelLeaksOf(table: Table, sidecar: Sidecar): LeakFinding[] {
	const r = resolveRoles(table, sidecar);
	return findLabelLeaks(table, r.featureColumns, r.favourable, r.rows);
}

/** Lines for the console; none when nothing leaks. */
export function leakWarningLines(leaks: readonly LeakFinding[], label: string): string[] {
	if (leaks.length === 0) {
		return [];
	}
	return [
		`WARNING: ${leaks.length === 1 ? 'a feature leaks' : `${leaks.length} features leak`} the label '${label}': the figures above are not to be trusted.`,
		...leaks.map(
			(f) =>
				`  - '${f.column}': one-column AUC ${f.auc.toFixed(3)} on ${f.evaluated.toLocaleString('en-US')} held-out rows${fixesOutcomes(f) ? `; some of its values fix the outcome for ${(100 * f.pureRecall).toFixed(0)}% of one outcome's rows` : ''}`,
		),
		'  Such columns are usually recorded after the outcome (docs/diagnostics.md, label-leak).',
		`  Exclude ${leaks.length === 1 ? 'it' : 'them'}: --exclude ${leaks.map((f) => f.column).join(',')} or "features": { "exclude": [...] } in the sidecar.`,
	];
}
