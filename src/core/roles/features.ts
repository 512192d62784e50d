/**
 * Which columns the classifier sees. By default every column except the label, minus columns that
 * cannot carry signal or would leak identity: constant columns, identifier-like columns and free
 * text. The sensitive attribute is an input by default — the *aware* firm, which is the paper's
 * protocol: the collective's signal g(x) = x_{A←majority} changes an input of the firm's model, and
 * the RB scores estimate the label a member would get as a majority member with the same features,
 * i.e. the direct effect of the attribute (docs/methods.md, "The firm"). `features.includeSensitive:
 * false` gives the *blind* firm, which sees the group only through proxies.
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

/** Whether the firm's model takes the sensitive attribute as an input (default: it does). */
export function firmSeesSensitive(sidecar: Sidecar): boolean {
	return sidecar.features?.includeSensitive !== false;
}

/** The two firms, named as every output names them. */
export type FirmAwareness = 'aware' | 'blind';
export function firmAwareness(sidecar: Sidecar): FirmAwareness {
	return firmSeesSensitive(sidecar) ? 'aware' : 'blind';
}

export function chooseFeatures(
	table: Table,
	sidecar: Sidecar,
	sensitiveColumns: readonly string[],
): { included: string[]; excluded: ExcludedColumn[] } {
	const names = new Set(table.columns.map((c) => c.name));
	const exclude = new Set(sidecar.features?.exclude ?? []);
	for (const name of [...exclude, ...(sidecar.features?.include ?? [])]) {
		if (!names.has(name)) {
			throw new RolesError(
				'features',
				`no column named '${name}' to include or exclude; columns are ${[...names].map((c) => `'${c}'`).join(', ')}`,
			);
		}
	}
	const include = sidecar.features?.include === undefined ? undefined : new Set(sidecar.features.include);
	const includeSensitive = firmSeesSensitive(sidecar);
	const included: string[] = [];
	const excluded: ExcludedColumn[] = [];
	for (const col of table.columns) {
		if (col.name === sidecar.label.column) {
			continue;
		}
		if (sensitiveColumns.includes(col.name)) {
			// Decided by the firm's awareness alone: an explicit feature list or exclusion never
			// drops (or adds) the attribute silently.
			if (includeSensitive) {
				included.push(col.name);
			} else {
				excluded.push({
					name: col.name,
					reason: 'sensitive attribute (the blind firm; features.includeSensitive: true or --include-sensitive gives it to the firm)',
				});
			}
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
