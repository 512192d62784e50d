/**
 * Which columns the classifier sees. By default every column except the label and the sensitive
 * attribute (the firm is assumed not to use group membership directly; the paper's collective
 * acts precisely because the model uses it through proxies), minus columns that cannot carry
 * signal or would leak identity: constant columns, identifier-like columns and free text.
 */
import type { Column, Table } from '../csv/table';
import type { Sidecar } from './sidecar';
import { RolesError } from './errors';
import { profileColumn } from '../profile';

export interface ExcludedColumn {
	readonly name: string;
	readonly reason: string;
}

/**
 * A reason to leave a column out of the features by default, or undefined to keep it. The
 * column's inferred type comes from its profile (one rule for the whole product: see
 * core/profile/infer.ts): constant, identifier-like and free-text columns carry no signal that
 * generalises. One rule is added for learning only: a categorical column with more distinct
 * values than half its (≥ 20) rows — case numbers, timestamps, names — would one-hot encode into
 * about a feature per row.
 */
export function autoExclusionReason(column: Column, rowCount: number): string | undefined {
	const profile = profileColumn(column, rowCount, { topValues: 0, histogramBins: 1 });
	if (profile.type === 'constant' || profile.type === 'identifier' || profile.type === 'text') {
		return `${profile.type === 'text' ? 'free text' : profile.type} (${profile.reason})`;
	}
	const present = profile.rows - profile.missing;
	if (column.kind === 'categorical' && present >= HIGH_CARDINALITY_MIN_ROWS && profile.distinct > present * HIGH_CARDINALITY_RATIO) {
		return `high-cardinality categorical (${profile.distinct.toLocaleString('en-US')} distinct values in ${present.toLocaleString('en-US')} rows)`;
	}
	return undefined;
}

/** See {@link autoExclusionReason}. */
export const HIGH_CARDINALITY_RATIO = 0.5;
export const HIGH_CARDINALITY_MIN_ROWS = 20;

export function chooseFeatures(table: Table, sidecar: Sidecar, sensitiveColumns: readonly string[]): { included: string[]; excluded: ExcludedColumn[] } {
	const names = new Set(table.columns.map((c) => c.name));
	const exclude = new Set(sidecar.features?.exclude ?? []);
	for (const name of [...exclude, ...(sidecar.features?.include ?? [])]) {
		if (!names.has(name)) {
			throw new RolesError('features', `no column named '${name}' to include or exclude; columns are ${[...names].map((c) => `'${c}'`).join(', ')}`);
		}
	}
	const include = sidecar.features?.include === undefined ? undefined : new Set(sidecar.features.include);
	const includeSensitive = sidecar.features?.includeSensitive === true;
	const included: string[] = [];
	const excluded: ExcludedColumn[] = [];
	for (const col of table.columns) {
		if (col.name === sidecar.label.column) {
			continue;
		}
		if (sensitiveColumns.includes(col.name) && !includeSensitive) {
			excluded.push({ name: col.name, reason: 'sensitive attribute (set features.includeSensitive to use it)' });
			continue;
		}
		if (exclude.has(col.name)) {
			excluded.push({ name: col.name, reason: 'excluded by the roles' });
			continue;
		}
		if (include !== undefined) {
			if (include.has(col.name)) {
				included.push(col.name);
			} else {
				excluded.push({ name: col.name, reason: 'not in features.include' });
			}
			continue;
		}
		const reason = autoExclusionReason(col, table.rowCount);
		if (reason !== undefined) {
			excluded.push({ name: col.name, reason });
		} else {
			included.push(col.name);
		}
	}
	if (included.length === 0) {
		throw new RolesError('features', 'no feature columns are left once the label, the sensitive attribute and the exclusions are removed');
	}
	return { included, excluded };
}
