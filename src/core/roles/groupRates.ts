/**
 * Favourable counts of each value of a sensitive column under a label's favourable values: what
 * the minority suggestion (src/shared/minoritySuggest.ts) and the advantaged-side warning read.
 */
import { cellText, type Table } from '../csv/table';

/** One value of the sensitive attribute with its label counts. */
export interface GroupRate {
	readonly value: string;
	/** Rows of the group with a label. */
	readonly labelled: number;
	readonly favourable: number;
}

/**
 * Favourable counts of each value of `column` under a label's favourable values (rows missing
 * either are left out), most labelled first: the input of the minority suggestion.
 */
export function groupRates(
	table: Table,
	column: string,
	label: { readonly column: string; readonly favourable: readonly string[] },
): GroupRate[] {
	const sens = table.columns.find((c) => c.name === column);
	const lab = table.columns.find((c) => c.name === label.column);
	if (sens === undefined || lab === undefined) {
		return [];
	}
	const favourable = new Set(label.favourable);
	const numericFavourable = label.favourable.map(Number).filter((x) => Number.isFinite(x));
	const counts = new Map<string, { labelled: number; favourable: number }>();
	for (let r = 0; r < table.rowCount; r++) {
		const s = cellText(sens, r);
		const l = cellText(lab, r);
		if (s === undefined || l === undefined) {
			continue;
		}
		const c = counts.get(s) ?? { labelled: 0, favourable: 0 };
		c.labelled++;
		if (favourable.has(l) || (lab.kind === 'numeric' && numericFavourable.includes(Number(l)))) {
			c.favourable++;
		}
		counts.set(s, c);
	}
	return [...counts.entries()]
		.map(([value, c]) => ({ value, ...c }))
		.sort((a, b) => b.labelled - a.labelled || (a.value < b.value ? -1 : 1));
}
