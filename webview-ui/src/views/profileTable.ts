/**
 * The profile page (Profile Dataset): one row per column, sortable by any header. Each header is
 * a button (Tab to reach it, Enter or Space to sort, again to reverse) and carries `aria-sort`, so
 * a screen reader says which way the table is ordered. Every string from the CSV goes in as text.
 * The sort survives a reload through the webview state.
 */
import type { ProfileRow, ProfileTableView } from '../../../src/shared/profileTable';
import { clear, el } from './dom';
import { getState, setState } from '../vscodeApi';

export type ProfileSortKey = 'name' | 'type' | 'missing' | 'distinct' | 'summary' | 'flags' | 'byGroup';

interface SortState {
	readonly key: ProfileSortKey;
	readonly descending: boolean;
}

interface ColumnSpec {
	readonly key: ProfileSortKey;
	readonly title: string;
	/** What the header's sort orders by, for its tooltip. */
	readonly sortsBy: string;
	/** The value sorted on: numbers or text; null sorts last in either direction. */
	readonly value: (r: ProfileRow) => number | string | null;
	/** Descending first (a count or a gap is read biggest first). */
	readonly descendingFirst: boolean;
}

/** Flags by weight: a leak outranks a proxy, which outranks a role. */
const FLAG_WEIGHT = { leak: 100, proxy: 10, sensitive: 1, label: 1 } as const;
const FLAG_TEXT = { leak: 'label leak', proxy: 'proxy', sensitive: 'sensitive', label: 'label' } as const;

const COLUMNS: readonly ColumnSpec[] = [
	{ key: 'name', title: 'Column', sortsBy: 'the column name', value: (r) => r.name, descendingFirst: false },
	{ key: 'type', title: 'Type', sortsBy: 'the inferred type', value: (r) => r.type, descendingFirst: false },
	{ key: 'missing', title: 'Missing', sortsBy: 'missing cells', value: (r) => r.missing, descendingFirst: true },
	{ key: 'distinct', title: 'Distinct', sortsBy: 'distinct values', value: (r) => r.distinct, descendingFirst: true },
	{
		key: 'summary',
		title: 'Summary',
		sortsBy: "the mean of a numeric column, the top value's share of a categorical one",
		value: (r) => r.summaryKey,
		descendingFirst: true,
	},
	{
		key: 'flags',
		title: 'Flags',
		sortsBy: 'the flags (label leaks first, then proxies, then roles)',
		value: (r) => r.flags.reduce((s, f) => s + FLAG_WEIGHT[f.kind], 0),
		descendingFirst: true,
	},
	{
		key: 'byGroup',
		title: 'By group',
		sortsBy:
			'how far apart the groups are: the largest gap between group means in group standard deviations (numeric), or in the share of one value (categorical)',
		value: (r) => r.groupGap,
		descendingFirst: true,
	},
];

function compare(a: number | string | null, b: number | string | null, descending: boolean): number {
	if (a === null || b === null) {
		return a === null ? (b === null ? 0 : 1) : -1;
	}
	const order = typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true });
	return descending ? -order : order;
}

/** The rows in the order of `sort`; ties keep the file's column order. */
export function sortRows(rows: readonly ProfileRow[], sort: SortState): ProfileRow[] {
	const spec = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
	return rows
		.map((r, i) => ({ r, i }))
		.sort((x, y) => compare(spec.value(x.r), spec.value(y.r), sort.descending) || x.i - y.i)
		.map((x) => x.r);
}

function restoreSort(): SortState | undefined {
	const s = getState();
	const sort = typeof s === 'object' && s !== null ? (s as { profileSort?: unknown }).profileSort : undefined;
	if (typeof sort !== 'object' || sort === null) {
		return undefined;
	}
	const { key, descending } = sort as { key?: unknown; descending?: unknown };
	return COLUMNS.some((c) => c.key === key) && typeof descending === 'boolean' ? { key: key as ProfileSortKey, descending } : undefined;
}

export class ProfileView {
	private readonly heading = el('h1', {}, 'Profile');
	private readonly notes = el('ul', { class: 'warnings', 'aria-label': 'notes' });
	private readonly live = el('div', { class: 'sr-only', 'aria-live': 'polite' });
	private readonly tableHost = el('div', { class: 'profile-scroll' });
	private table: ProfileTableView | undefined;
	/** Undefined until the user sorts: the file's column order is meaningful too. */
	private sort: SortState | undefined;

	constructor(root: HTMLElement) {
		this.sort = restoreSort();
		root.append(el('header', {}, this.heading, this.notes), el('main', { class: 'profile' }, this.tableHost), this.live);
	}

	show(table: ProfileTableView): void {
		this.table = table;
		this.heading.textContent = `Profile: ${table.file}`;
		clear(this.notes);
		for (const n of table.notes) {
			this.notes.append(el('li', {}, n));
		}
		this.render();
	}

	/** Sorts by `key`: a new key starts in its natural direction, the same key reverses. */
	sortBy(key: ProfileSortKey): void {
		const spec = COLUMNS.find((c) => c.key === key)!;
		const sort = this.sort?.key === key ? { key, descending: !this.sort.descending } : { key, descending: spec.descendingFirst };
		this.sort = sort;
		const state = getState();
		setState({ ...(typeof state === 'object' && state !== null ? state : {}), profileSort: sort });
		this.render();
		this.live.textContent = `Sorted by ${spec.title.toLowerCase()}, ${sort.descending ? 'descending' : 'ascending'}.`;
		// Keep the focus on the header just used, without scrolling the table sideways to it.
		this.tableHost.querySelector<HTMLButtonElement>(`button[data-sort="${key}"]`)?.focus({ preventScroll: true });
	}

	private render(): void {
		const t = this.table;
		clear(this.tableHost);
		if (t === undefined) {
			return;
		}
		const sort = this.sort;
		const rows = sort === undefined ? [...t.columns] : sortRows(t.columns, sort);
		const groupTitle = t.groupedBy !== undefined ? `By group (${t.groupedBy})` : 'By group';
		const head = el(
			'tr',
			{},
			...COLUMNS.map((c) => {
				const descending = sort?.key === c.key ? sort.descending : undefined;
				const button = el(
					'button',
					{ type: 'button', class: 'sort', 'data-sort': c.key, title: `Sort by ${c.sortsBy}` },
					c.key === 'byGroup' ? groupTitle : c.title,
					el('span', { class: 'sort-mark', 'aria-hidden': 'true' }, descending === undefined ? '' : descending ? ' ▼' : ' ▲'),
				);
				button.addEventListener('click', () => this.sortBy(c.key));
				return el('th', { scope: 'col', 'aria-sort': descending === undefined ? 'none' : descending ? 'descending' : 'ascending' }, button);
			}),
		);
		const body = rows.map((r) =>
			el(
				'tr',
				{ 'data-column': r.name },
				el('th', { scope: 'row' }, r.name),
				el('td', {}, r.type),
				el(
					'td',
					{ class: 'num' },
					`${r.missing.toLocaleString('en-US')}${r.missingRate !== null && r.missing > 0 ? ` (${(100 * r.missingRate).toFixed(1)}%)` : ''}`,
				),
				el('td', { class: 'num' }, r.distinct.toLocaleString('en-US')),
				el('td', {}, r.summary),
				el('td', { class: 'flags' }, ...r.flags.map((f) => el('span', { class: `flag flag-${f.kind}`, title: f.text }, FLAG_TEXT[f.kind]))),
				el(
					'td',
					{ class: 'by-group' },
					...(r.byGroup.length === 0
						? ['—']
						: r.byGroup.map((g) => el('div', { class: 'group-cell', 'data-group': g.group }, el('b', {}, `${g.group}: `), g.text))),
				),
			),
		);
		this.tableHost.append(
			el(
				'table',
				{ class: 'data-table profile-table' },
				el('caption', {}, `${t.columns.length} columns, ${t.rows.toLocaleString('en-US')} rows. Click a header to sort.`),
				el('thead', {}, head),
				el('tbody', {}, ...body),
			),
		);
	}
}
