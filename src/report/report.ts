/**
 * The self-contained HTML report, one document whichever export wrote it: the audit's scorecard
 * and findings first, then the collective's conclusions, then every chart (SVG drawn here from the
 * same figure specs as the panel's charts) with its conclusion and a collapsed data table, the
 * glossary, and the run manifest (dataset hash, roles, parameters, version) at the end. Pure
 * (strings in, strings out). The page carries no script at all, and a CSP that says so.
 */
import { createHash } from 'node:crypto';
import type { FigureSpec } from '../shared/figureSpec';
import { GLOSSARY } from '../shared/glossary';
import { buildFigures } from '../shared/panelFigures';
import { buildScorecard } from '../shared/scorecard';
import { REPORT_BASE_ROW, simulationRowsCsv } from '../shared/simulationCsv';
import type { AuditResult, ChartImage, FairnessMetric, PanelResults, SimulationResult } from '../shared/webviewProtocol';
import { figureSvg, svgDataUrl } from './svgChart';

export interface ReportInput {
	readonly dataset: { readonly label: string; readonly sha256: string; readonly rows?: number };
	readonly version: string;
	readonly date: Date;
	readonly results: PanelResults;
	readonly metric: FairnessMetric;
	/**
	 * Images the panel rendered. Not used: every chart is drawn here as SVG, so the panel's export
	 * and the Export Report command write the same report. Kept so existing callers still compile.
	 */
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
h1{font-size:1.6em;margin-bottom:4px}h2{font-size:1.2em;margin-top:28px;border-top:1px solid #ccc;padding-top:14px}h3{font-size:1.05em;margin:14px 0 4px}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums;font-size:0.9em}th,td{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}img{max-width:100%;height:auto;border:1px solid #eee}.meta td:first-child{font-weight:600}.warn{color:#8a5300}code{font-size:0.9em}
.conclusion{background:#f6f8fa;border-left:3px solid #0072B2;padding:6px 10px}.sub{color:#555}dt{font-weight:600;margin-top:6px}dd{margin-left:16px}summary{cursor:pointer}`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; img-src data:; style-src 'sha256-${STYLE_HASH}'`;

function table(columns: readonly string[], rows: ReadonlyArray<readonly string[]>, className?: string): string {
	const head = columns.length > 0 ? `<thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>` : '';
	return `<table${className !== undefined ? ` class="${className}"` : ''}>${head}<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const list = (items: readonly string[], className?: string): string =>
	items.length === 0
		? ''
		: `<ul${className !== undefined ? ` class="${className}"` : ''}>${items.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`;

function paramsRows(r: SimulationResult): string[][] {
	const p = r.params;
	return [
		['experiment', p.experiment],
		['α grid', p.alphas.join(', ')],
		['α (flips, knowledge)', String(p.alpha)],
		['flip grid', p.flipGrid !== undefined ? p.flipGrid.join(', ') : `${p.flips} points`],
		['methods', p.methods.join(', ')],
		['k', String(p.k)],
		['knowledge', String(p.knowledge)],
		['known rows (knowledge run)', String(p.knowledgeRows)],
		['seeds', `${p.seeds} from ${p.firstSeed}`],
		['target EqOd', p.targetEqod !== undefined ? String(p.targetEqod) : 'default (half the base EqOd)'],
		['test fraction', String(p.testFraction)],
		['C', String(p.C)],
		[
			'roles',
			`sensitive ${r.roles.sensitive} (minority ${r.roles.minority}, majority ${r.roles.majority}); label ${r.roles.label} (favourable ${r.roles.favourable.join(', ')})`,
		],
		['fits, seconds', `${r.timings.fits}, ${r.timings.seconds.toFixed(1)}`],
	];
}

function scorecardSection(a: AuditResult | undefined): string {
	if (a === undefined) {
		return '<section id="scorecard"><h2>Audit</h2><p>No audit in this report: run Audit Dataset, then export again.</p></section>';
	}
	const card = buildScorecard(a);
	return `<section id="scorecard"><h2>${esc(card.title)}</h2><p class="sub">${esc(card.positive)}</p>
${table(
	['disparity', 'value', 'interval', 'verdict'],
	card.headline.map((h) => [h.name, h.value, h.interval, h.verdict]),
)}
<h3>Findings</h3>${list(card.findings)}
<h3>Per-group rates</h3>${table(card.groupColumns, card.groupRows)}
<p class="sub">${esc(card.firm)}</p></section>`;
}

function figureSection(spec: FigureSpec): string {
	return `<section data-figure="${esc(spec.id)}"><h2>${esc(spec.title)}</h2>
<p class="conclusion">${esc(spec.conclusion ?? '')}</p>${list(spec.statements)}
<img src="${svgDataUrl(figureSvg(spec))}" alt="${esc(spec.summary)}" width="900">
<details><summary>Data table</summary>${table(spec.table.columns, spec.table.rows)}</details></section>`;
}

function auditManifest(audit: AuditResult): string {
	// Read loosely: a message from an older host carries only what the validator checks.
	const a = audit as unknown as {
		roles: Partial<AuditResult['roles']>;
		split?: Partial<AuditResult['split']>;
		model?: Partial<AuditResult['model']>;
		predictions: AuditResult['predictions'];
	};
	const b = a.predictions.bootstrap;
	return `<h3>audit</h3>${table(
		['parameter', 'value'],
		[
			[
				'roles',
				`sensitive ${a.roles.sensitive ?? '?'} (groups ${(a.roles.groups ?? []).join(', ')}); label ${a.roles.label ?? '?'} (favourable ${(a.roles.favourable ?? []).join(', ')})`,
			],
			['features', (a.roles.features ?? []).join(', ')],
			['split', `${a.split?.train ?? '?'} train / ${a.split?.test ?? '?'} test rows, seed ${a.split?.seed ?? '?'}`],
			[
				'model',
				a.model?.kind === 'gradient-boosting'
					? (a.model.text ?? 'gradient-boosting')
					: `${a.model?.kind ?? 'logistic-regression'}, C = ${a.model?.C ?? '?'}, ${a.model?.solver ?? ''}, ${a.model?.converged === false ? 'not converged' : 'converged'}`,
			],
			['bootstrap', `${b.resamples} resamples, ${b.method}, level ${b.level}`],
		],
	)}`;
}

export function buildReport(input: ReportInput): ReportFiles {
	const { results } = input;
	const figures = buildFigures(results, input.metric).filter((f) => f.empty === undefined && f.notApplicable !== true);
	const collective = figures.filter((f) => f.id !== 'groups');
	const date = input.date.toISOString();
	const simulations = Object.values(results.simulations).filter((r): r is SimulationResult => r !== undefined);
	const warnings = simulations.flatMap((r) => r.warnings.map((w) => `${r.experiment}: ${w}`));
	const summary =
		collective.length === 0
			? '<p>No collective simulation in this report: run Collective Simulation, then export again.</p>'
			: `<ul>${collective.map((f) => `<li><strong>${esc(f.title)}.</strong> ${esc(f.conclusion ?? '')}</li>`).join('')}</ul>`;
	const manifest = table(
		[],
		[
			['dataset', input.dataset.label],
			['sha256 of the CSV bytes', input.dataset.sha256],
			...(input.dataset.rows !== undefined ? [['rows', String(input.dataset.rows)]] : []),
			['Collective Fairness version', input.version],
			['date', date],
			['fairness metric on the charts', input.metric],
			['charts', 'SVG drawn from the same figure data as the panel'],
		],
		'meta',
	);
	const glossary = `<dl>${GLOSSARY.map((e) => `<dt>${esc(e.terms.join(', '))}</dt><dd>${esc(e.definition)}${e.formula !== undefined ? ` <code>${esc(e.formula)}</code>` : ''} <span class="sub">(docs/methods.md ${esc(e.methods)})</span></dd>`).join('')}</dl>`;
	const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>Collective Fairness report: ${esc(input.dataset.label)}</title>
<style>${STYLE}</style></head>
<body><h1>Collective Fairness report: ${esc(input.dataset.label)}</h1>
<p class="sub">${esc(date)} · version ${esc(input.version)} · the run manifest is at the end.</p>
${scorecardSection(results.audit)}
<section id="collective"><h2>The minority collective: conclusions</h2>${summary}</section>
${warnings.length > 0 ? `<h2>Warnings</h2><ul class="warn">${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
${figures.map((f) => figureSection(f)).join('\n')}
<section id="glossary"><h2>Glossary</h2>${glossary}</section>
<section id="manifest"><h2>Run manifest</h2>
${manifest}
${simulations.map((r) => `<h3>${esc(r.experiment)}</h3>${table(['parameter', 'value'], paramsRows(r))}`).join('\n')}${results.audit !== undefined ? auditManifest(results.audit) : ''}
<p>Intervals on simulation figures are 2.5–97.5% percentiles over seeds; on group rates, percentile bootstrap intervals. The rows are also in the JSON and CSV files written beside this report.</p></section>
</body></html>
`;
	const json = `${JSON.stringify({ tool: 'collective-fairness', report: { version: input.version, date, dataset: input.dataset, metric: input.metric }, results }, null, 2)}\n`;
	return { html, json, csv: simulationRowsCsv(simulations, REPORT_BASE_ROW) };
}
