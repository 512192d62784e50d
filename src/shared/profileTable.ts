/**
 * The profile table the panel shows for *Profile Dataset*: one row per column with its type, missing
 * cells, distinct values, a summary, its flags (role, proxy, label leak) and its distribution in each
 * group of the sensitive attribute. Built on the host from the server's profile so the webview only
 * lays out text and sorts by the numeric keys given here. Pure and dependency-free: the extension
 * and the browser tests build it alike.
 */
import type { ColumnByGroup } from '../core/profile/byGroup';
import type { ProfileResult } from './lspProtocol';
import type { ColumnProfile } from './model';

export type ProfileFlagKind = 'sensitive' | 'label' | 'proxy' | 'leak';

export interface ProfileFlag {
	readonly kind: ProfileFlagKind;
	/** The evidence in words (the diagnostic's message for a proxy or a leak). */
	readonly text: string;
}

/** A finding about one column from the language server's diagnostics. */
export interface ColumnFinding {
	readonly column: string;
	readonly kind: 'proxy' | 'leak';
	readonly message: string;
}

export interface ProfileGroupCell {
	readonly group: string;
	readonly text: string;
}

export interface ProfileRow {
	readonly name: string;
	readonly type: string;
	readonly missing: number;
	/** Missing cells as a share of the rows, null for an empty table. */
	readonly missingRate: number | null;
	readonly distinct: number;
	readonly summary: string;
	/** Sort key of the summary: the mean of a numeric column, the top value's share of a categorical one. */
	readonly summaryKey: number | null;
	readonly flags: readonly ProfileFlag[];
	readonly byGroup: readonly ProfileGroupCell[];
	/**
	 * How far apart the groups are on this column, for sorting: for a numeric column the largest
	 * difference between group means over the column's standard deviation; for a categorical one
	 * the largest difference between groups in the share of any listed value. Null when undefined.
	 */
	readonly groupGap: number | null;
}

export interface ProfileTableView {
	/** The dataset's key (its URI) and the file name shown. */
	readonly id: string;
	readonly file: string;
	readonly rows: number;
	/** The sensitive attribute the per-group cells are split by, or undefined without roles. */
	readonly groupedBy?: string;
	/** Why there are no per-group cells or no flags, in words (empty when there is nothing to say). */
	readonly notes: readonly string[];
	readonly columns: readonly ProfileRow[];
}

/** A number for a table cell: integers with separators, others to three significant figures. */
export function formatValue(x: number): string {
	if (Number.isInteger(x)) {
		return x.toLocaleString('en-US');
	}
	const abs = Math.abs(x);
	if (abs >= 1000) {
		return Math.round(x).toLocaleString('en-US');
	}
	return String(Number(x.toPrecision(3)));
}

function percent(part: number, whole: number): string {
	return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}

function summaryOf(c: ColumnProfile): { text: string; key: number | null } {
	if (c.numeric !== undefined) {
		if (!c.numeric.available) {
			return { text: c.numeric.reason, key: null };
		}
		const n = c.numeric;
		const sd = n.sd.value !== null ? ` · sd ${formatValue(n.sd.value)}` : '';
		return { text: `mean ${formatValue(n.mean)}${sd} · min ${formatValue(n.min)} · max ${formatValue(n.max)}`, key: n.mean };
	}
	const present = c.rows - c.missing;
	if (c.topValues.length === 0) {
		return { text: 'no values', key: null };
	}
	const shown = c.topValues.slice(0, 3).map((t) => `${t.value} ${percent(t.count, present)}`);
	const more = c.distinct > shown.length ? ` · ${(c.distinct - shown.length).toLocaleString('en-US')} more` : '';
	return { text: `${shown.join(' · ')}${more}`, key: present > 0 ? c.topValues[0]!.count / present : null };
}

function groupCells(g: ColumnByGroup | undefined): { cells: ProfileGroupCell[]; gap: number | null } {
	if (g === undefined) {
		return { cells: [], gap: null };
	}
	const cells = g.groups.map((s) => {
		const missing = s.missing > 0 ? `, ${s.missing.toLocaleString('en-US')} missing` : '';
		if (g.summary === 'mean') {
			const mean = s.mean?.value ?? null;
			const sd = s.sd?.value ?? null;
			const text =
				mean === null ? (s.mean?.reason ?? 'no values') : `mean ${formatValue(mean)}${sd !== null ? ` (sd ${formatValue(sd)})` : ''}`;
			return { group: s.group, text: `${text}${missing}` };
		}
		const present = s.rows - s.missing;
		const top = (s.top ?? []).map((t) => `${t.value} ${percent(t.count, present)}`).join(' · ');
		return { group: s.group, text: `${top === '' ? 'no values' : top}${missing}` };
	});
	return { cells, gap: gapOf(g) };
}

function gapOf(g: ColumnByGroup): number | null {
	if (g.summary === 'mean') {
		const means = g.groups.map((s) => s.mean?.value ?? null).filter((m): m is number => m !== null);
		const sds = g.groups.map((s) => s.sd?.value ?? null).filter((m): m is number => m !== null);
		if (means.length < 2 || sds.length === 0) {
			return null;
		}
		// Pooled spread: the mean of the groups' sds, so a column in dollars and one in years compare.
		const spread = sds.reduce((a, b) => a + b, 0) / sds.length;
		const range = Math.max(...means) - Math.min(...means);
		return spread > 0 ? range / spread : range === 0 ? 0 : null;
	}
	const shares = new Map<string, number[]>();
	for (const s of g.groups) {
		const present = s.rows - s.missing;
		for (const t of s.top ?? []) {
			if (present > 0) {
				shares.set(t.value, [...(shares.get(t.value) ?? []), t.count / present]);
			}
		}
	}
	let gap: number | null = null;
	for (const list of shares.values()) {
		// A value missing from a group's top list has at most a small share there: count it as 0.
		const full = list.length < g.groups.length ? [...list, 0] : list;
		const d = Math.max(...full) - Math.min(...full);
		gap = gap === null ? d : Math.max(gap, d);
	}
	return g.groups.length < 2 ? null : gap;
}

function sensitiveColumns(p: ProfileResult): string[] {
	const c = p.roles?.sensitive.column;
	return c === undefined ? [] : typeof c === 'string' ? [c] : [...c];
}

/** The panel's profile table from the server's profile and the diagnostics' findings. */
export function buildProfileTable(p: ProfileResult, file: string, findings: readonly ColumnFinding[]): ProfileTableView {
	const byGroup = new Map((p.byGroup ?? []).map((g) => [g.column, g]));
	const sensitive = sensitiveColumns(p);
	const label = p.roles?.label.column;
	const notes: string[] = [];
	if (p.roles === null) {
		notes.push(
			p.rolesError !== null
				? `The roles cannot be applied (${p.rolesError}): no per-group columns.`
				: 'No roles yet: set the sensitive attribute and the label to see each column by group and its proxy and leak checks.',
		);
	}
	const columns = p.profile.columns.map((c): ProfileRow => {
		const summary = summaryOf(c);
		// The sensitive attribute split by itself says nothing (each group holds only its own value).
		const groups = sensitive.includes(c.name) ? { cells: [], gap: null } : groupCells(byGroup.get(c.name));
		const flags: ProfileFlag[] = [];
		if (sensitive.includes(c.name)) {
			flags.push({ kind: 'sensitive', text: 'the sensitive attribute: the groups are its values' });
		}
		if (c.name === label) {
			flags.push({ kind: 'label', text: `the label (favourable: ${(p.roles?.label.favourable ?? []).join(', ')})` });
		}
		for (const f of findings) {
			if (f.column === c.name) {
				flags.push({ kind: f.kind, text: f.message });
			}
		}
		return {
			name: c.name,
			type: c.type,
			missing: c.missing,
			missingRate: c.missingRate.value,
			distinct: c.distinct,
			summary: summary.text,
			summaryKey: summary.key,
			flags,
			byGroup: groups.cells,
			groupGap: groups.gap,
		};
	});
	return {
		id: p.uri,
		file,
		rows: p.profile.rows,
		...(sensitive.length > 0 ? { groupedBy: sensitive.join(' × ') } : {}),
		notes,
		columns,
	};
}

/** The server's proxy and label-leak diagnostics as findings per column. */
export function findingsFromDiagnostics(
	diagnostics: ReadonlyArray<{ readonly code: string | undefined; readonly message: string; readonly column?: string }>,
): ColumnFinding[] {
	const out: ColumnFinding[] = [];
	for (const d of diagnostics) {
		const kind = d.code === 'proxy-column' ? 'proxy' : d.code === 'label-leak' ? 'leak' : undefined;
		// The diagnostic's data names the column; the message's opening quote is the fallback.
		const column = d.column ?? /^'([^']+)'/.exec(d.message)?.[1];
		if (kind !== undefined && column !== undefined) {
			out.push({ column, kind, message: d.message });
		}
	}
	return out;
}
