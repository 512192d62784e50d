/**
 * The HTML of the read-only preview of a dataset file (Parquet, Arrow IPC, compressed CSV): a
 * header line (format, rows × columns, roles), the schema with each column's profile, then the
 * first rows. Pure string building (no vscode import), so it can be tested without an editor.
 * The page runs no script; its links are command URIs the webview allows by name.
 */
import type { ColumnProfile } from '../shared/model';
import type { PreviewResult } from '../shared/previewProtocol';

/** Commands the preview links to, with the file as their argument. */
export const PREVIEW_COMMANDS: readonly { readonly command: string; readonly title: string }[] = [
	{ command: 'collectiveFairness.changeRoles', title: 'Change Roles…' },
	{ command: 'collectiveFairness.profileDataset', title: 'Profile Dataset' },
	{ command: 'collectiveFairness.auditDataset', title: 'Audit Dataset' },
	{ command: 'collectiveFairness.runSimulation', title: 'Run Collective Simulation…' },
	{ command: 'collectiveFairness.openPanel', title: 'Open Fairness Panel' },
];

const FORMAT_NAMES: Readonly<Record<PreviewResult['format'], string>> = {
	csv: 'CSV',
	'csv.gz': 'gzip-compressed CSV',
	parquet: 'Parquet',
	arrow: 'Arrow IPC',
};

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const int = (n: number): string => n.toLocaleString('en-US');

function num(v: number): string {
	return Number.isInteger(v) ? int(v) : String(Number(v.toPrecision(4)));
}

/** One line about a column's values: the numeric range and mean, or the most frequent values with their shares. */
export function columnSummary(c: ColumnProfile): string {
	const n = c.numeric;
	if (n !== undefined && n.available) {
		return `min ${num(n.min)} · median ${num(n.quantiles.p50)} · max ${num(n.max)} · mean ${num(n.mean)}`;
	}
	const present = c.rows - c.missing;
	if (present === 0 || c.topValues.length === 0) {
		return 'no values';
	}
	const top = c.topValues.slice(0, 3).map((t) => `${t.value} ${((100 * t.count) / present).toFixed(1)}%`);
	return top.join(' · ') + (c.topValues.length > 3 || c.otherCount > 0 ? ' · …' : '');
}

function rolesLine(r: PreviewResult): string {
	if (r.rolesError !== null) {
		return `Roles: the sidecar does not apply — ${r.rolesError}`;
	}
	if (r.roles === null) {
		return 'Roles: none yet (Change Roles… sets the sensitive attribute and the label; they are saved in a sidecar beside the file)';
	}
	const s = r.roles.sensitive;
	const column = typeof s.column === 'string' ? s.column : s.column.join(' × ');
	return `Roles: ${column} = sensitive (minority ${s.minority.join(', ')}) · ${r.roles.label.column} = label (${r.roles.label.favourable.join(', ')} favourable)`;
}

function commandLink(command: string, title: string, uri: string): string {
	const args = encodeURIComponent(JSON.stringify([{ uri }]));
	return `<a href="command:${command}?${args}">${escapeHtml(title)}</a>`;
}

export function previewHtml(r: PreviewResult, fileName: string, cspSource: string): string {
	const schema = r.columns
		.map(
			(c, i) =>
				`<tr><td class="n">${i + 1}</td><th scope="row">${escapeHtml(c.name)}</th><td>${c.storage}</td><td>${c.type}</td>` +
				`<td class="n">${int(c.missing)}</td><td class="n">${int(c.distinct)}</td><td>${escapeHtml(columnSummary(c))}</td></tr>`,
		)
		.join('\n');
	const head = r.head
		.map(
			(row, i) =>
				`<tr><td class="n">${i + 1}</td>${row.map((v) => (v === null ? '<td class="na">missing</td>' : `<td>${escapeHtml(v)}</td>`)).join('')}</tr>`,
		)
		.join('\n');
	const actions = PREVIEW_COMMANDS.map((c) => commandLink(c.command, c.title, r.uri)).join(' · ');
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<title>${escapeHtml(fileName)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.25rem; font-size: var(--vscode-editor-font-size); }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 0.2rem 0.5rem; text-align: left; white-space: nowrap; }
thead th { background: var(--vscode-editorWidget-background); position: sticky; top: 0; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.na { color: var(--vscode-descriptionForeground); font-style: italic; }
.rows { overflow-x: auto; }
.meta { color: var(--vscode-descriptionForeground); }
</style>
</head>
<body>
<h2>${escapeHtml(fileName)}</h2>
<p class="meta">${FORMAT_NAMES[r.format]} · ${int(r.rowCount)} rows × ${int(r.columns.length)} columns · read-only preview</p>
<p>${escapeHtml(rolesLine(r))}</p>
<p>${actions}</p>
<h3>Schema and profile</h3>
<div class="rows">
<table id="schema">
<thead><tr><th>#</th><th>column</th><th>storage</th><th>type</th><th>missing</th><th>distinct</th><th>values</th></tr></thead>
<tbody>
${schema}
</tbody>
</table>
</div>
<h3>First ${int(r.head.length)} of ${int(r.rowCount)} rows</h3>
<div class="rows">
<table id="rows">
<thead><tr><th>#</th>${r.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('')}</tr></thead>
<tbody>
${head}
</tbody>
</table>
</div>
</body>
</html>`;
}

/** A page with one message: "reading…" while the server reads the file, or why it could not. */
export function previewMessageHtml(fileName: string, message: string, cspSource: string, id = 'message'): string {
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<title>${escapeHtml(fileName)}</title></head>
<body style="font-family: var(--vscode-font-family); color: var(--vscode-foreground);">
<h2>${escapeHtml(fileName)}</h2>
<p id="${id}">${escapeHtml(message)}</p>
</body></html>`;
}

export function previewErrorHtml(fileName: string, message: string, cspSource: string): string {
	return previewMessageHtml(fileName, `This file could not be previewed: ${message}`, cspSource, 'error');
}
