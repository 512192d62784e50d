/** `collective-fairness profile`: what each column holds, and, with roles, how groups differ. */
import { profileTable, type ColumnProfile, type TableProfile } from '../../core/profile';
import { resolveRoles } from '../../core/roles/resolve';
import type { Sidecar } from '../../core/roles/sidecar';
import { loadDataset } from '../../io/loadDataset';
import { EXIT_OK } from '../errors';
import { formatFigure, plural, renderTable } from '../format';
import { createProgress } from '../progress';
import { ROLE_HELP, ROLE_OPTIONS, sidecarFromFlags } from '../roleFlags';
import { describeParse, requireOneFile, readOnBadRow } from '../common';
import { datasetCommand } from '../runInput';
import { printJson, printOut } from '../terminal';

const HELP = `Usage: collective-fairness profile FILE [roles] [--json] [--on-bad-row skip|fail]

Profiles every column: inferred type (numeric, categorical, binary, identifier, constant, text),
missing values, distinct values, the most frequent values, and min / max / mean / sd / quantiles
for numbers. When roles are known (sidecar or flags) it adds per-group size, favourable-label
rate and missing rate.

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
		const progress = createProgress();
		const loaded = await loadDataset(file, { onBadRow, onProgress: (d, t) => progress.update('reading', d, t) });
		progress.finish();
		const hasRoleFlags = Object.keys(ROLE_OPTIONS).some((k) => (values as Record<string, unknown>)[k] !== undefined);
		let sidecar: Sidecar | undefined;
		if (hasRoleFlags || loaded.sidecar !== undefined) {
			sidecar = sidecarFromFlags(values, loaded.sidecar, file);
		}
		const roles = sidecar !== undefined ? resolveRoles(loaded.parse.table, sidecar) : undefined;
		const profile = profileTable(
			loaded.parse.table,
			roles !== undefined ? { groups: { group: roles.group, groupNames: roles.groupNames, favourable: roles.favourable } } : {},
		);
		const input = describeParse(loaded.parse);
		if (values.json) {
			printJson(
				`${JSON.stringify({ tool: 'collective-fairness', command: 'profile', file, sidecar: loaded.sidecarPath ?? null, input, roles: sidecar ?? null, ...profile }, null, 2)}\n`,
			);
		} else {
			printOut(
				`${file}: ${plural(profile.rows, 'row')} × ${profile.columns.length} columns (${input.summary})\n\n${renderProfile(profile)}\n`,
			);
		}
		return EXIT_OK;
	},
});

function describeValues(c: ColumnProfile): string {
	if (c.numeric !== undefined && c.numeric.available) {
		const n = c.numeric;
		const f = (v: number): string => (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toPrecision(4));
		return `min ${f(n.min)}, median ${f(n.quantiles.p50)}, max ${f(n.max)}, mean ${f(n.mean)}`;
	}
	const top = c.topValues
		.slice(0, 3)
		.map((t) => `${t.value} (${t.count.toLocaleString('en-US')})`)
		.join(', ');
	return top + (c.distinct > 3 ? ', …' : '');
}

function renderProfile(p: TableProfile): string {
	const rows = [['Column', 'Type', 'Missing', 'Distinct', 'Values']];
	for (const c of p.columns) {
		rows.push([c.name, c.type, c.missing.toLocaleString('en-US'), c.distinct.toLocaleString('en-US'), describeValues(c)]);
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
