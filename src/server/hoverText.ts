/**
 * The Markdown of a column hover, from a column profile and (when roles are set) the column split
 * by group. Pure text building, unit-tested with worked examples. Kept compact: a title line, one
 * line of counts, one of the distribution with a small text histogram, and a group table only
 * when roles exist — hovers that fill the screen get switched off (Rainbow CSV #113). The table
 * shows the hovered column by group (mean and sd, or the top values); only the label's own hover
 * shows the groups' favourable rates.
 */
import type { ColumnProfile, GroupsProfile } from '../core/profile';
import type { Figure } from '../core/figure';
import type { ColumnByGroup } from './columnByGroup';

export type ColumnRole =
	| { readonly kind: 'sensitive'; readonly minority: string; readonly majority: string }
	| { readonly kind: 'label'; readonly favourable: readonly string[] }
	| { readonly kind: 'excluded'; readonly reason: string }
	| { readonly kind: 'feature' };

export interface HoverInput {
	readonly profile: ColumnProfile;
	/** 0-based column index and the number of columns. */
	readonly index: number;
	readonly columns: number;
	readonly role?: ColumnRole;
	readonly groups?: GroupsProfile;
	/** The hovered column split by group (every column but the label, which shows its rates instead). */
	readonly byGroup?: ColumnByGroup;
	/** Set when the figures come from part of the file (e.g. while the rest is still parsing). */
	readonly note?: string;
}

const BLOCKS = ' ▏▎▍▌▋▊▉█';
const SPARK = '▁▂▃▄▅▆▇█';
const BAR_WIDTH = 12;

const int = (n: number): string => n.toLocaleString('en-US');

/**
 * A number in at most 4 significant digits (integers in full), with thousands separators so a
 * rounded mean (42,500) reads like the integer quantiles beside it (8,100).
 */
export function num(v: number): string {
	if (Number.isInteger(v)) {
		return int(v);
	}
	const a = Math.abs(v);
	return a >= 1e6 || a < 1e-3 ? v.toExponential(2) : grouped(v);
}

export function pct(f: Figure | number): string {
	const v = typeof f === 'number' ? f : f.value;
	return v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`;
}

/** A number in at most 4 significant digits with thousands separators (45,710), for the group table. */
export function grouped(v: number): string {
	return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** A horizontal bar of `fraction` × {@link BAR_WIDTH} cells, in eighths. */
export function bar(fraction: number, width = BAR_WIDTH): string {
	const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
	const full = Math.floor(eighths / 8);
	const rest = eighths % 8;
	return ('█'.repeat(full) + (rest > 0 ? BLOCKS[rest]! : '')).padEnd(width, ' ');
}

/** One character per bin, scaled to the tallest bin (an empty bin is a space). */
export function sparkline(counts: readonly number[]): string {
	const max = Math.max(0, ...counts);
	return counts
		.map((c) => (c === 0 || max === 0 ? ' ' : SPARK[Math.min(SPARK.length - 1, Math.floor((c / max) * (SPARK.length - 1) + 0.5))]!))
		.join('');
}

/** Markdown pipes and backticks in column names and values would break the table or the code span. */
function esc(text: string): string {
	return text.replace(/[\\`*_|<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}

function clip(raw: string, max = 18): string {
	// A value with a line break (a multi-line quoted field) would break the aligned block.
	const text = raw.replace(/\r\n|\r|\n/g, '⏎');
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatHover(input: HoverInput): string {
	const p = input.profile;
	const out: string[] = [];
	out.push(`**${esc(p.name)}** — ${p.type} · column ${input.index + 1} of ${input.columns}${roleSuffix(input.role)}`);
	out.push(`${int(p.rows)} rows · ${int(p.missing)} missing (${pct(p.missingRate)}) · ${int(p.distinct)} distinct`);
	const distribution = describeDistribution(p);
	if (distribution !== '') {
		out.push(distribution);
	}
	if (input.groups !== undefined) {
		out.push(input.role?.kind !== 'label' && input.byGroup !== undefined ? byGroupTable(p, input.byGroup) : groupTable(p, input.groups));
	}
	if (input.note !== undefined) {
		out.push(`*${esc(input.note)}*`);
	}
	return out.join('\n\n');
}

function roleSuffix(role: ColumnRole | undefined): string {
	switch (role?.kind) {
		case undefined:
			return '';
		case 'sensitive':
			return ` · **sensitive attribute** (minority ${esc(role.minority)} vs ${esc(role.majority)})`;
		case 'label':
			return ` · **label** (favourable: ${role.favourable.map(esc).join(', ')})`;
		case 'excluded':
			return ` · not a feature (${esc(role.reason)})`;
		case 'feature':
			return ' · feature';
	}
}

function describeDistribution(p: ColumnProfile): string {
	const n = p.numeric;
	if (n !== undefined && n.available && p.type !== 'binary' && p.type !== 'constant') {
		const q = n.quantiles;
		return [
			`min ${num(n.min)} · p25 ${num(q.p25)} · median ${num(q.p50)} · p75 ${num(q.p75)} · max ${num(n.max)} · mean ${num(n.mean)}`,
			'```text',
			`${sparkline(n.histogram.counts)}  ${num(n.min)} … ${num(n.max)}`,
			'```',
		].join('\n');
	}
	const present = p.rows - p.missing;
	if (p.topValues.length === 0 || present === 0) {
		return '';
	}
	const width = Math.max(...p.topValues.map((t) => clip(t.value).length));
	const lines = p.topValues.map((t) => `${clip(t.value).padEnd(width)}  ${bar(t.count / present)} ${pct(t.count / present).padStart(6)}`);
	if (p.otherCount > 0) {
		const others = `(${int(p.distinct - p.topValues.length)} more)`;
		lines.push(`${others.padEnd(width)}  ${bar(p.otherCount / present)} ${pct(p.otherCount / present).padStart(6)}`);
	}
	// A fenced block keeps the bars aligned; fence content needs no escaping (a value with ``` is clipped away from column 0).
	return ['```text', ...lines.map((l) => l.replace(/```/g, "'''")), '```'].join('\n');
}

function groupTable(p: ColumnProfile, g: GroupsProfile): string {
	const missingByGroup = new Map((p.groups ?? []).map((m) => [m.group, m.missingRate]));
	const rows = ['| group | rows | favourable | missing here |', '|---|--:|--:|--:|'];
	for (const s of g.groups) {
		rows.push(
			`| ${esc(s.group)} | ${int(s.rows)} | ${pct(s.favourableRate)} | ${pct(missingByGroup.get(s.group) ?? { value: null, reason: '' })} |`,
		);
	}
	const gaps: string[] = [];
	const fg = g.favourableRateGap;
	if (fg.gap.value !== null && fg.highest !== null && fg.lowest !== null) {
		gaps.push(`favourable-rate gap **${(fg.gap.value * 100).toFixed(1)} points** (${esc(fg.highest)} vs ${esc(fg.lowest)})`);
	}
	const mg = p.missingRateGap;
	if (mg !== undefined && mg.gap.value !== null && mg.gap.value > 0 && mg.highest !== null && mg.lowest !== null) {
		gaps.push(`missing-rate gap ${(mg.gap.value * 100).toFixed(1)} points (${esc(mg.highest)} vs ${esc(mg.lowest)})`);
	}
	return rows.join('\n') + (gaps.length > 0 ? `\n\n${gaps.join(' · ')}` : '');
}

/** The hovered column by group: rows and missing cells, then mean ± sd or the top values with shares. */
export function byGroupTable(p: ColumnProfile, split: ColumnByGroup): string {
	if (split.kind === 'too-many-values') {
		return `*By group: not split — ${int(split.levels)} distinct values.*`;
	}
	const rows: string[] = [];
	// Left-aligned columns: VS Code pads hover table cells little, and right-aligned neighbours ran together.
	if (split.kind === 'numeric') {
		rows.push('| group | rows | missing | mean ± sd |', '|---|---|---|---|');
		for (const g of split.groups) {
			const mean = g.mean !== undefined ? `${grouped(g.mean)}${g.sd !== undefined ? ` ± ${grouped(g.sd)}` : ''}` : 'n/a';
			rows.push(`| ${esc(g.group)} | ${int(g.rows)} | ${int(g.missing)} | ${mean} |`);
		}
	} else {
		rows.push(`| group | rows | missing | most frequent ${esc(p.name)} |`, '|---|---|---|---|');
		for (const g of split.groups) {
			const top = g.top.map((t) => `${esc(clip(t.value))} ${pct(t.share)}`).join(' · ');
			rows.push(`| ${esc(g.group)} | ${int(g.rows)} | ${int(g.missing)} | ${top !== '' ? top : 'n/a'} |`);
		}
	}
	const notes: string[] = [];
	const mg = p.missingRateGap;
	if (mg !== undefined && mg.gap.value !== null && mg.gap.value > 0 && mg.highest !== null && mg.lowest !== null) {
		notes.push(`missing-rate gap ${(mg.gap.value * 100).toFixed(1)} points (${esc(mg.highest)} vs ${esc(mg.lowest)})`);
	}
	if (split.sampled !== undefined) {
		notes.push(`by group from ${int(split.sampled.read)} of ${int(split.sampled.total)} rows (a fixed-stride sample)`);
	}
	return rows.join('\n') + (notes.length > 0 ? `\n\n${notes.join(' · ')}` : '');
}
