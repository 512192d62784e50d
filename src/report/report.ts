/**
 * The self-contained HTML report: dataset hash, version, date, parameters, every figure as an
 * image with its statements and data table, and the warnings. Pure (strings in, strings out), so
 * the panel's export and the CLI's `--out report.html` build the same document. Images are the
 * panel's PNGs when given (what the user saw, re-drawn in a light theme) and otherwise an SVG
 * drawn here from the same figure spec. The page carries no script at all, and a CSP that says so.
 */
import { createHash } from 'node:crypto';
import type { FigureSpec } from '../shared/figureSpec';
import { buildFigures } from '../shared/panelFigures';
import type { ChartImage, FairnessMetric, PanelResults, SimulationResult } from '../shared/webviewProtocol';
import { rowsCsv } from './rows';
import { figureSvg, svgDataUrl } from './svgChart';

export interface ReportInput {
	readonly dataset: { readonly label: string; readonly sha256: string; readonly rows?: number };
	readonly version: string;
	readonly date: Date;
	readonly results: PanelResults;
	readonly metric: FairnessMetric;
	/** PNG data URLs rendered by the panel, by figure id; figures without one are drawn as SVG. */
	readonly images?: readonly ChartImage[];
}

export interface ReportFiles {
	readonly html: string;
	readonly json: string;
	readonly csv: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every string put into the report goes through here: column and group names come from the CSV. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

const STYLE = `body{font-family:system-ui,sans-serif;color:#222;background:#fff;max-width:1000px;margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:1.6em;margin-bottom:4px}h2{font-size:1.2em;margin-top:28px;border-top:1px solid #ccc;padding-top:14px}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums;font-size:0.9em}th,td{border:1px solid #ccc;padding:2px 8px;text-align:left}
th{background:#f3f3f3}img{max-width:100%;height:auto;border:1px solid #eee}.meta td:first-child{font-weight:600}.warn{color:#8a5300}code{font-size:0.9em}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; img-src data:; style-src 'sha256-${STYLE_HASH}'`;

function table(columns: readonly string[], rows: ReadonlyArray<readonly string[]>, className?: string): string {
	const head = columns.length > 0 ? `<thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>` : '';
	return `<table${className !== undefined ? ` class="${className}"` : ''}>${head}<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

function paramsRows(r: SimulationResult): string[][] {
	const p = r.params;
	return [
		['experiment', p.experiment], ['α grid', p.alphas.join(', ')], ['α (flips, knowledge)', String(p.alpha)],
		['flip grid', p.flipGrid !== undefined ? p.flipGrid.join(', ') : `${p.flips} points`], ['methods', p.methods.join(', ')], ['k', String(p.k)],
		['knowledge', String(p.knowledge)], ['known rows (knowledge run)', String(p.knowledgeRows)], ['seeds', `${p.seeds} from ${p.firstSeed}`],
		['target EqOd', p.targetEqod !== undefined ? String(p.targetEqod) : 'default (half the base EqOd)'], ['test fraction', String(p.testFraction)], ['C', String(p.C)],
		['roles', `sensitive ${r.roles.sensitive} (minority ${r.roles.minority}, majority ${r.roles.majority}); label ${r.roles.label} (favourable ${r.roles.favourable.join(', ')})`],
		['fits, seconds', `${r.timings.fits}, ${r.timings.seconds.toFixed(1)}`],
	];
}

function figureSection(spec: FigureSpec, png: string | undefined): string {
	const src = png ?? svgDataUrl(figureSvg(spec));
	const statements = spec.statements.length > 0 ? `<ul>${spec.statements.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : '';
	return `<section data-figure="${esc(spec.id)}"><h2>${esc(spec.title)}</h2>${statements}
<img src="${src}" alt="${esc(spec.summary)}" width="900" height="460">
<details open><summary>Data table</summary>${table(spec.table.columns, spec.table.rows)}</details></section>`;
}

export function buildReport(input: ReportInput): ReportFiles {
	const { results } = input;
	const figures = buildFigures(results, input.metric).filter((f) => f.empty === undefined);
	const images = new Map((input.images ?? []).map((i) => [i.figure, i.png]));
	const date = input.date.toISOString();
	const meta = table([], [
		['dataset', input.dataset.label], ['sha256 of the CSV bytes', input.dataset.sha256], ...(input.dataset.rows !== undefined ? [['rows', String(input.dataset.rows)]] : []),
		['Collective Fairness version', input.version], ['date', date], ['metric shown', input.metric],
		['images', figures.every((f) => images.has(f.id)) ? 'rendered by the panel (chart.js)' : 'drawn as SVG from the same data (no panel)'],
	], 'meta');
	const simulations = Object.values(results.simulations).filter((r): r is SimulationResult => r !== undefined);
	const params = simulations.map((r) => `<h3>${esc(r.experiment)}</h3>${table(['parameter', 'value'], paramsRows(r))}`).join('\n');
	const a = results.audit;
	const audit = a === undefined ? '' : `<h3>audit</h3>${table(['parameter', 'value'], [
		['roles', `sensitive ${a.roles.sensitive} (groups ${a.roles.groups.join(', ')}); label ${a.roles.label}`],
		['split', `${a.split.train} train / ${a.split.test} test rows, seed ${a.split.seed}`],
		['model', `${a.model.kind}, C = ${a.model.C}, ${a.model.solver}, ${a.model.converged ? 'converged' : 'not converged'}`],
		['bootstrap', `${a.predictions.bootstrap.resamples} resamples, ${a.predictions.bootstrap.method}, level ${a.predictions.bootstrap.level}`],
	])}`;
	const warnings = simulations.flatMap((r) => r.warnings.map((w) => `${r.experiment}: ${w}`));
	const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Collective Fairness report: ${esc(input.dataset.label)}</title>
<style>${STYLE}</style></head>
<body><h1>Collective Fairness report: ${esc(input.dataset.label)}</h1>
${meta}
${warnings.length > 0 ? `<h2>Warnings</h2><ul class="warn">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
${figures.map((f) => figureSection(f, images.get(f.id))).join('\n')}
<h2>Parameters</h2>
${params}${audit}
<p>Intervals on simulation figures are 2.5–97.5% percentiles over seeds; on group rates, percentile bootstrap intervals. The rows are also in the JSON and CSV files written beside this report.</p>
</body></html>
`;
	const json = `${JSON.stringify({ tool: 'collective-fairness', report: { version: input.version, date, dataset: input.dataset, metric: input.metric }, results }, null, 2)}\n`;
	return { html, json, csv: rowsCsv(results) };
}
