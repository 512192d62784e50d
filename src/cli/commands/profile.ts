/** `collective-fairness profile`: what each column holds, and, with roles, how groups differ. */
import { profileTable, type ColumnProfile, type TableProfile } from '../../core/profile';
import { resolveRoles } from '../../core/roles/resolve';
import type { Sidecar } from '../../core/roles/sidecar';
import { loadDataset } from '../../io/loadDataset';
import { EXIT_OK } from '../errors';
import { formatFigure, plural, renderTable } from '../format';
import { createProgress } from '../progress';
import { ROLE_HELP, ROLE_OPTIONS, sidecarFromFlags } from '../roleFlags';
import { describeParse, parseNumberFlag, requireOneFile, readOnBadRow } from '../common';
import { datasetCommand } from '../runInput';
import { printJson, printOut } from '../terminal';

/** How many of a column's most frequent values the table lists, and --json holds, without --top. */
const TABLE_TOP_VALUES = 3;
const JSON_TOP_VALUES = 10;

const HELP = `Usage: collective-fairness profile FILE [roles] [--json] [--top N] [--on-bad-row skip|fail]

Profiles every column: inferred type (numeric, categorical, binary, identifier, constant, text),
missing values, distinct values, the most frequent values, and min / max / mean / sd / quantiles
for numbers. When roles are known (sidecar or flags) it adds per-group size, favourable-label
rate and missing rate.

  --top N   list the N most frequent values of each column (the table shows them for columns
            that are not numeric; an integer from 1 to 1000;
            default ${TABLE_TOP_VALUES} in the table, ${JSON_TOP_VALUES} in --json)

${ROLE_HELP}`;

export const profileCommand = datasetCommand({
	name: 'profile',
	summary: 'profile the columns of a CSV file (types, missing values, distributions, groups)',
	help: HELP,
	options: {
		json: { type: 'boolean', default: false },
		'on-bad-row': { type: 'string' },
		top: { type: 'string' },
	},
	async run({ values, positionals }) {
		const file = requireOneFile(positionals, 'profile');
		const onBadRow = readOnBadRow(values['on-bad-row']);
		const top = parseNumberFlag('top', values.top, { integer: true, min: 1, max: 1000 });
		const progress = createProgress();
		const loaded = await loadDataset(file, { onBadRow, onProgress: (d, t) => progress.update('reading', d, t) });
		progress.finish();
		const hasRoleFlags = Object.keys(ROLE_OPTIONS).some((k) => (values as Record<string, unknown>)[k] !== undefined);
		let sidecar: Sidecar | undefined;
		if (hasRoleFlags || loaded.sidecar !== undefined) {
			sidecar = sidecarFromFlags(values, loaded.sidecar, file);
		}
		const roles = sidecar !== undefined ? resolveRoles(loaded.parse.table, sidecar) : undefined;
		const profile = profileTable(loaded.parse.table, {
			topValues: Math.max(top ?? JSON_TOP_VALUES, TABLE_TOP_VALUES),
			...(roles !== undefined ? { groups: { group: roles.group, groupNames: roles.groupNames, favourable: roles.favourable } } : {}),
		});
		const listed = top ?? TABLE_TOP_VALUES;
		const input = describeParse(loaded.parse);
		if (values.json) {
			printJson(
				`${JSON.stringify({ tool: 'collective-fairness', command: 'profile', file, sidecar: loaded.sidecarPath ?? null, input, roles: sidecar ?? null, ...withTopValues(profile, top ?? JSON_TOP_VALUES) }, null, 2)}\n`,
			);
		} else {
			printOut(
				`${file}: ${plural(profile.rows, 'row')} × ${profile.columns.length} columns (${input.summary})\n\n${renderProfile(profile, listed)}\n`,
			);
		}
		return EXIT_OK;
	},
});

/** The profile with at most `n` top values per column (the profile keeps at least the table's). */
function withTopValues(p: TableProfile, n: number): TableProfile {
	return { ...p, columns: p.columns.map((c) => (c.topValues.length > n ? { ...c, topValues: c.topValues.slice(0, n) } : c)) };
}

function describeValues(c: ColumnProfile, listed: number): string {
	if (c.numeric !== undefined && c.numeric.available) {
		const n = c.numeric;
		const f = (v: number): string => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(4));
		return `min ${f(n.min)}, median ${f(n.quantiles.p50)}, max ${f(n.max)}, mean ${f(n.mean)}`;
	}
	const top = c.topValues
		.slice(0, listed)
		.map((t) => `${t.value} (${t.count.toLocaleString('en-US')})`)
		.join(', ');
	return top + (c.distinct > listed ? ', …' : '');
}

function renderProfile(p: TableProfile, listed: number): string {
	const rows = [['Column', 'Type', 'Missing', 'Distinct', 'Values']];
	for (const c of p.columns) {
		rows.push([c.name, c.type, c.missing.toLocaleString('en-US'), c.distinct.toLocaleString('en-US'), describeValues(c, listed)]);
	}
	let out = renderTable(rows);
	if (p.groups !== undefined) {
		const g = [['Group', 'Rows', 'Labelled', 'Favourable rate']];
		for (const s of p.groups.groups) {
			g.push([s.group, s.rows.toLocaleString('en-US'), s.labelled.toLocaleString('en-US'), formatFigure(s.favourableRate)]);
		}
		out += `\n\n${renderTable(g)}\nFavourable-rate gap: ${formatFigure(p.groups.favourableRateGap.gap)}`;
		const m = p.groups.largestMissingRateGap;
		if (m !== null) {
			out += `\nLargest missing-rate gap: ${m.column} (${(m.gap * 100).toFixed(1)} points, ${m.highest} vs ${m.lowest})`;
		}
	}
	return out;
}
