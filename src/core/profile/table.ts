/**
 * Profile of a whole table: every column, and — given the rows' groups — group sizes,
 * favourable-label rates and the largest between-group gaps (in favourable rate, and in the
 * missing rate of any column: missingness that differs by group is itself a fairness signal,
 * e.g. a feature collected less often for the minority).
 */
import type { Table } from '../csv/table';
import { ratio, undefinedFigure } from '../figure';
import { buildColumnProfile, checkGroups, largestGap, resolveProfileOptions } from './column';
import type { ColumnProfile, GroupAssignment, GroupsProfile, GroupSummary, ProfileOptions, TableProfile } from './types';

/** Value of {@link GroupAssignment.favourable} for a row without a label. */
export const FAVOURABLE_MISSING = 255;

/**
 * Profiles every column of `table` (see {@link profileColumn}) and, when `options.groups` is
 * given, summarises the groups.
 * @throws RangeError on out-of-range options or a group assignment that does not fit the table.
 */
export function profileTable(table: Table, options: ProfileOptions = {}): TableProfile {
	const groups = options.groups;
	const { topValues, histogramBins } = resolveProfileOptions(options);
	if (groups) {
		checkGroups(groups, table.rowCount);
	}
	const columns: ColumnProfile[] = table.columns.map((column) => {
		const length = column.kind === 'numeric' ? column.values.length : column.codes.length;
		if (length < table.rowCount) {
			throw new RangeError(`profile: column '${column.name}' has ${length} cells but the table has ${table.rowCount} rows`);
		}
		return buildColumnProfile(column, table.rowCount, topValues, histogramBins, groups);
	});
	return groups
		? { rows: table.rowCount, columns, groups: summariseGroups(groups, table.rowCount, columns) }
		: { rows: table.rowCount, columns };
}

function summariseGroups(groups: GroupAssignment, rowCount: number, columns: readonly ColumnProfile[]): GroupsProfile {
	const groupCount = groups.groupNames.length;
	const rows = new Array<number>(groupCount).fill(0);
	const labelled = new Array<number>(groupCount).fill(0);
	const favourable = new Array<number>(groupCount).fill(0);
	let ungroupedRows = 0;
	for (let i = 0; i < rowCount; i++) {
		const g = groups.group[i]!;
		if (g < 0) {
			ungroupedRows++;
			continue;
		}
		rows[g]!++;
		const label = groups.favourable?.[i] ?? FAVOURABLE_MISSING;
		if (label !== FAVOURABLE_MISSING) {
			labelled[g]!++;
			if (label === 1) {
				favourable[g]!++;
			}
		}
	}
	const summaries: GroupSummary[] = groups.groupNames.map((name, g) => ({
		group: name,
		rows: rows[g]!,
		labelled: labelled[g]!,
		favourable: favourable[g]!,
		favourableRate: ratio(favourable[g]!, labelled[g]!, groups.favourable ? `group '${name}' has no labelled rows` : 'no label given'),
	}));
	const favourableRateGap = groups.favourable
		? largestGap(summaries.map((s) => ({ group: s.group, rate: s.favourableRate })))
		: { gap: undefinedFigure('no label given'), highest: null, lowest: null };
	let largestMissingRateGap: GroupsProfile['largestMissingRateGap'] = null;
	for (const column of columns) {
		const gap = column.missingRateGap;
		if (
			gap &&
			gap.gap.value !== null &&
			gap.highest !== null &&
			gap.lowest !== null &&
			(largestMissingRateGap === null || gap.gap.value > largestMissingRateGap.gap)
		) {
			largestMissingRateGap = { column: column.name, gap: gap.gap.value, highest: gap.highest, lowest: gap.lowest };
		}
	}
	return { groups: summaries, ungroupedRows, favourableRateGap, largestMissingRateGap };
}
