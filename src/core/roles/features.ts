/**
 * Which columns the classifier sees. By default every column except the label and the sensitive
 * attribute (the firm is assumed not to use group membership directly; the paper's collective
 * acts precisely because the model uses it through proxies), minus columns that cannot carry
 * signal or would leak identity: constant columns, identifier-like columns and free text.
 */
import type { Column, Table } from '../csv/table';
import type { Sidecar } from './sidecar';
import { RolesError } from './errors';

export interface ExcludedColumn {
	readonly name: string;
	readonly reason: string;
}

/**
 * A reason to leave a column out of the features by default, or undefined to keep it.
 * Thresholds: identifier-like = integers all distinct over ≥ 20 values (row ids), or text with
 * more than half its values distinct over ≥ 20 values (case numbers, timestamps, names, free
 * text) — one-hot encoding those would give a feature per row and learn nothing that generalises.
 */
export function autoExclusionReason(column: Column): string | undefined {
	if (column.kind === 'numeric') {
		const present: number[] = [];
		let integral = true;
		for (let i = 0; i < column.values.length; i++) {
			const v = column.values[i]!;
			if (!Number.isNaN(v)) {
				present.push(v);
				integral &&= Number.isInteger(v);
			}
		}
		if (present.length === 0) {
			return 'every value is missing';
		}
		const distinct = new Set(present).size;
		if (distinct <= 1) {
			return 'constant';
		}
		if (integral && present.length >= 20 && distinct === present.length) {
			return `identifier-like (${distinct} distinct integers in ${present.length} rows)`;
		}
		return undefined;
	}
	const present = column.codes.length - column.missing;
	if (present === 0) {
		return 'every value is missing';
	}
	if (column.levels.length <= 1) {
		return 'constant';
	}
	if (present >= 20 && column.levels.length > present / 2) {
		return `identifier-like or free text (${column.levels.length} distinct values in ${present} rows)`;
	}
	return undefined;
}

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
		const reason = autoExclusionReason(col);
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
