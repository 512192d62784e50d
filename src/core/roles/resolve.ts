/**
 * Turns a {@link Sidecar} into per-row arrays the engine works on: a group index for every row
 * (majority = 0, minority = 1, further groups ≥ 2 when other values are kept separate, −1 when
 * the row takes no part), a binary favourable label, the rows kept, and the feature columns.
 */
// Roles are matched against a cell's text: levels as written, numbers in shortest round-trip form.
import { type Column, type Table, cellText, findColumn } from '../csv/table';
import type { Sidecar } from './sidecar';
import { chooseFeatures, type ExcludedColumn } from './features';
import { RolesError } from './errors';

export { RolesError };

export const MAJORITY = 0;
export const MINORITY = 1;
/** Marks a missing label in {@link ResolvedRoles.favourable}. */
export const LABEL_MISSING = 255;

export interface ResolvedRoles {
	/** Display name of the sensitive attribute (`race & sex` for an intersection). */
	readonly sensitive: string;
	readonly sensitiveColumns: readonly string[];
	/** Group names by index: [majority, minority, …separate others]. */
	readonly groupNames: readonly string[];
	/** Per table row: group index, or −1 when the row is left out. */
	readonly group: Int32Array;
	readonly label: string;
	/** Per table row: 1 favourable, 0 unfavourable, 255 missing. */
	readonly favourable: Uint8Array;
	/** Table rows taking part (group ≥ 0 and label present), ascending. */
	readonly rows: Int32Array;
	readonly featureColumns: readonly string[];
	readonly excludedColumns: readonly ExcludedColumn[];
	readonly dropped: { readonly missingSensitive: number; readonly missingLabel: number; readonly otherGroups: number };
	/** Counts of each value of the sensitive attribute, most frequent first, with the group it went to. */
	readonly sensitiveValues: ReadonlyArray<{ readonly value: string; readonly count: number; readonly group: string | null }>;
	/** Counts of each label value, with whether it is favourable. */
	readonly labelValues: ReadonlyArray<{ readonly value: string; readonly count: number; readonly favourable: boolean }>;
}

/** Joins the values of an intersection's columns into one group value (`Black & Female`). */
export const INTERSECTION_SEPARATOR = ' & ';

export function resolveRoles(table: Table, sidecar: Sidecar): ResolvedRoles {
	const n = table.rowCount;
	const sensitiveColumns = typeof sidecar.sensitive.column === 'string' ? [sidecar.sensitive.column] : [...sidecar.sensitive.column];
	const sensitiveCols = sensitiveColumns.map((name) => requireColumn(table, name, 'sensitive.column'));
	const labelCol = requireColumn(table, sidecar.label.column, 'label.column');

	// Sensitive values per row as text (intersections joined), then counted.
	const sensitiveText: Array<string | undefined> = new Array(n);
	const sensitiveCounts = new Map<string, number>();
	let missingSensitive = 0;
	for (let r = 0; r < n; r++) {
		const parts: string[] = [];
		for (const col of sensitiveCols) {
			const t = cellText(col, r);
			if (t === undefined) {
				break;
			}
			parts.push(t);
		}
		if (parts.length !== sensitiveCols.length) {
			missingSensitive++;
			continue;
		}
		const v = parts.join(INTERSECTION_SEPARATOR);
		sensitiveText[r] = v;
		sensitiveCounts.set(v, (sensitiveCounts.get(v) ?? 0) + 1);
	}
	const byFrequency = [...sensitiveCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	const describe = (): string =>
		byFrequency
			.slice(0, 12)
			.map(([v, c]) => `'${v}' (${c})`)
			.join(', ') + (byFrequency.length > 12 ? ', …' : '');

	/** The values present that a group's list names; a value no row has is an error on that field. */
	const matchGroup = (wanted: readonly string[], field: 'sensitive.minority' | 'sensitive.majority'): string[] => {
		const matched = matchValues(
			wanted,
			byFrequency.map(([v]) => v),
			sensitiveCols[0]!,
		);
		const missing = wanted.filter((_, i) => matched[i] === undefined);
		if (missing.length > 0) {
			throw new RolesError(
				field,
				`no row has ${sensitiveColumns.join(INTERSECTION_SEPARATOR)} = '${missing[0]}'; values are ${describe()}`,
			);
		}
		return matched as string[];
	};
	const minority = matchGroup(sidecar.sensitive.minority, 'sensitive.minority');
	let majority: string[];
	if (sidecar.sensitive.majority !== undefined) {
		majority = matchGroup(sidecar.sensitive.majority, 'sensitive.majority');
	} else {
		const first = byFrequency.find(([v]) => !minority.includes(v));
		if (first === undefined) {
			throw new RolesError(
				'sensitive.majority',
				`every row of ${sensitiveColumns.join(INTERSECTION_SEPARATOR)} is in the minority (${describe()}): there is no majority to compare with`,
			);
		}
		majority = [first[0]];
	}
	const others = sidecar.sensitive.others ?? (sidecar.sensitive.majority === undefined ? 'majority' : 'exclude');
	const otherValues = byFrequency.map(([v]) => v).filter((v) => !minority.includes(v) && !majority.includes(v));
	const groupNames = [
		majority.join(' + ') + (others === 'majority' && otherValues.length > 0 ? ' + others' : ''),
		minority.join(' + '),
		...(others === 'separate' ? otherValues : []),
	];
	const groupOfValue = new Map<string, number>();
	majority.forEach((v) => groupOfValue.set(v, 0));
	minority.forEach((v) => groupOfValue.set(v, 1));
	otherValues.forEach((v, i) => {
		if (others === 'majority') {
			groupOfValue.set(v, 0);
		} else if (others === 'separate') {
			groupOfValue.set(v, 2 + i);
		}
	});

	// Label values → favourable flag.
	const labelCounts = new Map<string, number>();
	const labelText: Array<string | undefined> = new Array(n);
	for (let r = 0; r < n; r++) {
		const t = cellText(labelCol, r);
		labelText[r] = t;
		if (t !== undefined) {
			labelCounts.set(t, (labelCounts.get(t) ?? 0) + 1);
		}
	}
	const labelByFrequency = [...labelCounts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
	const favourableValues = matchValues(
		sidecar.label.favourable,
		labelByFrequency.map(([v]) => v),
		labelCol,
	);
	const unmatched = sidecar.label.favourable.filter((_, i) => favourableValues[i] === undefined);
	if (unmatched.length > 0) {
		throw new RolesError(
			'label.favourable',
			`no row has ${labelCol.name} = '${unmatched[0]}'; values are ${labelByFrequency
				.slice(0, 12)
				.map(([v, c]) => `'${v}' (${c})`)
				.join(', ')}`,
		);
	}
	const favourableSet = new Set(favourableValues as string[]);

	const group = new Int32Array(n).fill(-1);
	const favourable = new Uint8Array(n).fill(LABEL_MISSING);
	const kept: number[] = [];
	let missingLabel = 0;
	let otherGroups = 0;
	for (let r = 0; r < n; r++) {
		const t = labelText[r];
		if (t !== undefined) {
			favourable[r] = favourableSet.has(t) ? 1 : 0;
		}
		const s = sensitiveText[r];
		if (s === undefined) {
			continue;
		}
		const g = groupOfValue.get(s);
		if (g === undefined) {
			otherGroups++;
			continue;
		}
		group[r] = g;
		if (t === undefined) {
			missingLabel++;
			continue;
		}
		kept.push(r);
	}
	const features = chooseFeatures(table, sidecar, sensitiveColumns);
	return {
		sensitive: sensitiveColumns.join(INTERSECTION_SEPARATOR),
		sensitiveColumns,
		groupNames,
		group,
		label: labelCol.name,
		favourable,
		rows: Int32Array.from(kept),
		featureColumns: features.included,
		excludedColumns: features.excluded,
		dropped: { missingSensitive, missingLabel, otherGroups },
		sensitiveValues: byFrequency.map(([value, count]) => {
			const g = groupOfValue.get(value);
			return { value, count, group: g === undefined ? null : (groupNames[g] ?? null) };
		}),
		labelValues: labelByFrequency.map(([value, count]) => ({ value, count, favourable: favourableSet.has(value) })),
	};
}

function requireColumn(table: Table, name: string, field: string): Column {
	const col = findColumn(table, name);
	if (col === undefined) {
		const names = table.columns.map((c) => c.name);
		const near = names.find((c) => c.toLowerCase() === name.toLowerCase() || c.trim() === name.trim());
		throw new RolesError(
			field,
			`no column named '${name}'${near !== undefined ? ` (did you mean '${near}'?)` : ''}; columns are ${names.map((c) => `'${c}'`).join(', ')}`,
		);
	}
	return col;
}

/**
 * Maps user-written values to the values present: exact text first, then, for numeric columns,
 * numeric equality (so `1`, `1.0` and `1e0` all name the code 1).
 */
function matchValues(wanted: readonly string[], present: readonly string[], column: Column): Array<string | undefined> {
	return wanted.map((w) => {
		if (present.includes(w)) {
			return w;
		}
		if (column.kind === 'numeric' && w.trim() !== '' && Number.isFinite(Number(w))) {
			return present.find((p) => Number(p) === Number(w));
		}
		return undefined;
	});
}
