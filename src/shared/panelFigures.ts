/**
 * From results to figure specs (figureSpec.ts): the paper's figures (Ben-Dov et al. 2025) drawn
 * from the user's own runs. Pure and dependency-free; the webview and the report exporter call the
 * same builders so a chart, its data table and the report agree number for number.
 */
import {
	definedPoints, emptyFigure, fmt, fmtCount, fmtInterval, methodColour, methodLabel, methodShape, METRIC_LABELS, METRIC_SHORT,
	nonDominated, shapeAt, summaryCells, summaryPoint,
	type FigureId, type FigureMarker, type FigureSeries, type FigureSpec,
} from './figureSpec';
import type { AuditResult, ComparisonResult, FairnessMetric, PanelResults, SimulationResult } from './webviewProtocol';
import type { SimulationRow } from './model';

type Row = SimulationRow;

function byMethod(rows: readonly Row[]): Map<string, Row[]> {
	const out = new Map<string, Row[]>();
	for (const r of rows) {
		const key = r.method;
		out.set(key, [...(out.get(key) ?? []), r]);
	}
	return out;
}

/** Methods that failed on some seeds, in words: a missing line must not look like "no effect". */
function failureStatements(r: SimulationResult): string[] {
	const byArm = new Map<string, { method: string; knowledge: Row['knowledge']; seeds: number; reason: string }>();
	for (const f of r.failures) {
		const key = `${f.method}|${f.knowledge}`;
		const seen = byArm.get(key);
		byArm.set(key, { method: f.method, knowledge: f.knowledge, seeds: (seen?.seeds ?? 0) + 1, reason: seen?.reason ?? f.reason });
	}
	return [...byArm.values()].map((f) => `${methodLabel(f.method)} (knowing ${knowsLabel(f.knowledge)}) failed on ${f.seeds} of ${r.params.seeds} seeds: ${f.reason}`);
}

const knowsLabel = (k: Row['knowledge']): string => (k === 'all' ? 'all majority rows' : `${k} majority rows`);

/** The target EqOd a `minimum` run used, or the default it would use (half the base EqOd). */
export function targetEqod(r: SimulationResult): number | undefined {
	return r.minimum?.[0]?.target ?? r.params.targetEqod ?? (r.base.eqod.mean !== null ? r.base.eqod.mean / 2 : undefined);
}

/**
 * Per method, the smallest α whose best mean EqOd reaches the target. Same rule as the core's
 * `minimum` experiment (first α in grid order); taken from its answer when the run has one.
 */
export function smallestCollectives(r: SimulationResult): Array<{ method: string; target: number; row?: Row; best?: Row }> {
	const target = targetEqod(r);
	if (target === undefined) {
		return [];
	}
	if (r.minimum !== undefined) {
		return r.minimum.map((m) => ({ method: m.method, target: m.target, ...(m.reached && m.row !== undefined ? { row: m.row } : {}), ...(m.best !== undefined ? { best: m.best } : {}) }));
	}
	return [...byMethod(r.rows)].map(([method, rows]) => {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		const hit = sorted.find((x) => x.eqod.mean !== null && x.eqod.mean <= target);
		const best = sorted.filter((x) => x.eqod.mean !== null).sort((a, b) => (a.eqod.mean as number) - (b.eqod.mean as number))[0];
		return { method, target, ...(hit !== undefined ? { row: hit } : {}), ...(best !== undefined ? { best } : {}) };
	});
}

/** The finding in words, without the method's name (so equal findings can share a sentence). */
function minimumStatement(m: ReturnType<typeof smallestCollectives>[number], minority: string): string {
	if (m.row !== undefined) {
		return `the smallest collective reaching EqOd ≤ ${fmt(m.target)} is α = ${m.row.alpha} (${fmtCount(m.row.collectiveSize)} members of the ${minority} group, relabelling M = ${fmtCount(m.row.flips)}), with mean EqOd ${fmt(m.row.eqod.mean)}.`;
	}
	const best = m.best !== undefined ? ` Its lowest mean EqOd is ${fmt(m.best.eqod.mean)} at α = ${m.best.alpha}.` : '';
	return `no collective on this α grid reaches EqOd ≤ ${fmt(m.target)}.${best}`;
}

const SIZE_TITLE = 'Collective size: best fairness against α';

/** Best EqOd (or SPD) against α, one line per method, the base model's line, the smallest collective marked. */
export function sizeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (r === undefined || (r.experiment !== 'size' && r.experiment !== 'minimum')) {
		return emptyFigure('size', SIZE_TITLE, 'α (fraction of the minority in the collective)', yLabel, 'Run the "size" or "minimum" experiment to draw this figure.');
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const [method, rows] of byMethod(r.rows)) {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		series.push({ label: methodLabel(method), kind: 'line', colour: methodColour(method), shape: methodShape(method), points: definedPoints(sorted.map((x) => summaryPoint(x.alpha, x[metric]))) });
		for (const x of sorted) {
			rowsOut.push([methodLabel(method), String(x.alpha), fmtCount(x.collectiveSize), fmtCount(x.flips), ...summaryCells(x[metric])]);
		}
	}
	const alphas = r.rows.map((x) => x.alpha);
	const baseValue = r.base[metric].mean;
	if (baseValue !== null && alphas.length > 0) {
		series.push({ label: 'Base model (no collective)', kind: 'reference', colour: -1, shape: 'star', dashed: true, points: [{ x: Math.min(...alphas), y: baseValue }, { x: Math.max(...alphas), y: baseValue }] });
	}
	rowsOut.push(['Base model', '—', '0', '0', ...summaryCells(r.base[metric])]);
	const minima = smallestCollectives(r);
	// Methods often reach the target at the same point (at M = the whole pool they flip the same
	// rows): one marker and one sentence per point, naming every method there.
	const markers: FigureMarker[] = [];
	for (const m of minima) {
		const y = m.row?.[metric].mean;
		if (m.row === undefined || y === null || y === undefined) {
			continue;
		}
		const same = markers.findIndex((k) => k.x === m.row!.alpha && k.y === y);
		if (same >= 0) {
			const k = markers[same]!;
			markers[same] = { ...k, label: k.label.replace(/\): α = /, `, ${methodLabel(m.method)}): α = `) };
		} else {
			markers.push({ x: m.row.alpha, y, label: `smallest collective (${methodLabel(m.method)}): α = ${m.row.alpha}`, colour: methodColour(m.method) });
		}
	}
	const statements = new Map<string, string[]>();
	for (const m of minima) {
		const text = minimumStatement(m, r.roles.minority);
		statements.set(text, [...(statements.get(text) ?? []), methodLabel(m.method)]);
	}
	const target = minima[0]?.target;
	return {
		id: 'size', title: SIZE_TITLE, xLabel: 'α (fraction of the minority in the collective)', yLabel, series, markers,
		...(target !== undefined && metric === 'eqod' ? { target: { y: target, label: `target EqOd ${fmt(target)}` } } : {}),
		statements: [...[...statements].map(([text, methods]) => `${methods.join(', ')}: ${text}`), ...failureStatements(r)],
		table: { columns: ['method', 'α', 'collective size', 'M (best)', `${METRIC_SHORT[metric]} mean`, '95% interval over seeds', 'seeds'], rows: rowsOut },
		summary: `Line chart of the best ${METRIC_SHORT[metric]} over the flip grid against collective size α for ${series.length} series; ${markers.length} smallest collectives marked.`,
	};
}

const SUCCESS_TITLE = 'True collective success S(α) (synthetic data)';

/** S(α) = P[h(g(x)) = h(x)] on the minority's test rows; defined only where counterfactuals exist. */
export function successFigure(r: SimulationResult | undefined): FigureSpec {
	const xLabel = 'α (fraction of the minority in the collective)';
	if (r === undefined || (r.experiment !== 'size' && r.experiment !== 'minimum')) {
		return emptyFigure('success', SUCCESS_TITLE, xLabel, 'S(α)', 'Run the "size" or "minimum" experiment on synthetic data to draw this figure.');
	}
	if (!r.rows.some((x) => x.success !== undefined && x.success.mean !== null)) {
		return emptyFigure('success', SUCCESS_TITLE, xLabel, 'S(α)', 'S(α) needs counterfactual rows, which only synthetic datasets (with a known generator) have.');
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const [method, rows] of byMethod(r.rows)) {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		series.push({ label: methodLabel(method), kind: 'line', colour: methodColour(method), shape: methodShape(method), points: definedPoints(sorted.map((x) => summaryPoint(x.alpha, x.success))) });
		for (const x of sorted) {
			rowsOut.push([methodLabel(method), String(x.alpha), ...summaryCells(x.success)]);
		}
	}
	const base = r.base.success?.mean;
	const alphas = r.rows.map((x) => x.alpha);
	if (base !== undefined && base !== null) {
		series.push({ label: 'Base model', kind: 'reference', colour: -1, shape: 'star', dashed: true, points: [{ x: Math.min(...alphas), y: base }, { x: Math.max(...alphas), y: base }] });
	}
	rowsOut.push(['Base model', '—', ...summaryCells(r.base.success)]);
	return {
		id: 'success', title: SUCCESS_TITLE, xLabel, yLabel: 'S(α) = P[h(g(x)) = h(x)]', series, markers: [], statements: [],
		table: { columns: ['method', 'α', 'S mean', '95% interval over seeds', 'seeds'], rows: rowsOut },
		summary: `Line chart of the true collective success S against α for ${series.length} series.`,
	};
}

const FLIPS_TITLE = 'Relabelling efficiency: fairness against the number of flips M';

/** EqOd (or SPD) against M at one α, error bars over seeds. */
export function flipsFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (r === undefined || r.experiment !== 'flips') {
		return emptyFigure('flips', FLIPS_TITLE, 'M (labels flipped)', yLabel, 'Run the "flips" experiment to draw this figure.');
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const [method, rows] of byMethod(r.rows)) {
		const sorted = [...rows].sort((a, b) => a.gridIndex - b.gridIndex);
		series.push({ label: methodLabel(method), kind: 'line', colour: methodColour(method), shape: methodShape(method), points: definedPoints(sorted.map((x) => summaryPoint(x.flips, x[metric]))) });
		for (const x of sorted) {
			rowsOut.push([methodLabel(method), fmtCount(x.flips), ...summaryCells(x[metric]), fmt(x.error.mean)]);
		}
	}
	return {
		id: 'flips', title: `${FLIPS_TITLE} (α = ${r.params.alpha})`, xLabel: 'M (labels flipped)', yLabel, series, markers: [], statements: failureStatements(r),
		table: { columns: ['method', 'M', `${METRIC_SHORT[metric]} mean`, '95% interval over seeds', 'seeds', 'error mean'], rows: rowsOut },
		summary: `Line chart with error bars of ${METRIC_SHORT[metric]} against the number of flips M at α = ${r.params.alpha} for ${series.length} methods.`,
	};
}

const KNOWLEDGE_TITLE = 'Varying knowledge: the error–fairness plane';

/** (error, EqOd) per M, one curve per method and knowledge arm: colour = method, dash and shape = knowledge. */
export function knowledgeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (r === undefined || r.experiment !== 'knowledge') {
		return emptyFigure('knowledge', KNOWLEDGE_TITLE, 'error', yLabel, 'Run the "knowledge" experiment to draw this figure.');
	}
	const groups = new Map<string, Row[]>();
	for (const x of r.rows) {
		const key = `${x.method}|${x.knowledge}`;
		groups.set(key, [...(groups.get(key) ?? []), x]);
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	for (const rows of groups.values()) {
		const first = rows[0]!;
		const restricted = first.knowledge !== 'all';
		const sorted = [...rows].sort((a, b) => a.gridIndex - b.gridIndex);
		const points = definedPoints(sorted.map((x) => (x.error.mean === null ? undefined : summaryPoint(x.error.mean, x[metric]))));
		series.push({ label: `${methodLabel(first.method)}, knows ${knowsLabel(first.knowledge)}`, kind: 'line', colour: methodColour(first.method), shape: restricted ? 'triangle' : 'circle', ...(restricted ? { dashed: true } : {}), points });
		for (const x of sorted) {
			rowsOut.push([methodLabel(x.method), knowsLabel(x.knowledge), fmtCount(x.flips), fmt(x.error.mean), ...summaryCells(x[metric])]);
		}
	}
	const b = r.base;
	if (b.error.mean !== null && b[metric].mean !== null) {
		series.push({ label: 'Base model', kind: 'points', colour: -1, shape: 'star', points: [{ x: b.error.mean, y: b[metric].mean as number }] });
	}
	rowsOut.push(['Base model', '—', '0', fmt(b.error.mean), ...summaryCells(b[metric])]);
	return {
		id: 'knowledge', title: `${KNOWLEDGE_TITLE} (α = ${r.params.alpha})`, xLabel: 'error', yLabel, series, markers: [], statements: failureStatements(r),
		table: { columns: ['method', 'knows', 'M', 'error mean', `${METRIC_SHORT[metric]} mean`, '95% interval over seeds', 'seeds'], rows: rowsOut },
		summary: `Curves on the error–${METRIC_SHORT[metric]} plane for ${series.length} method and knowledge combinations.`,
	};
}

const PARETO_TITLE = 'Pareto plane: the collective against firm-side fronts';

/** The collective's points (every M of a flips run, or the size grid) against each firm-side front. */
export function paretoFigure(collective: SimulationResult | undefined, comparison: ComparisonResult | undefined, metric: FairnessMetric): FigureSpec {
	const yLabel = METRIC_LABELS[metric];
	if (comparison === undefined && collective === undefined) {
		return emptyFigure('pareto', PARETO_TITLE, 'error', yLabel, 'Run a simulation (flips or size) and a firm-side comparison to draw this figure.');
	}
	const series: FigureSeries[] = [];
	const rowsOut: string[][] = [];
	const statements: string[] = [];
	if (collective !== undefined) {
		const rows = (collective.grid ?? collective.rows).filter((x) => x.error.mean !== null && x[metric].mean !== null);
		const xy = rows.map((x) => ({ x: x.error.mean as number, y: x[metric].mean as number }));
		const front = nonDominated(xy);
		// The theme's foreground, so the collective never shares a palette colour with a front.
		series.push({ label: `Collective (${collective.experiment} run)`, kind: 'points', colour: -1, shape: 'circle', points: rows.map((x, i) => ({ ...summaryPoint(xy[i]!.x, x[metric])!, highlight: front[i]! })) });
		rows.forEach((x, i) => rowsOut.push([`collective ${methodLabel(x.method)} α=${x.alpha}`, `M=${fmtCount(x.flips)}`, fmt(x.error.mean), fmt(x[metric].mean), fmtInterval(summaryPoint(0, x[metric])?.lo, summaryPoint(0, x[metric])?.hi), front[i]! ? 'yes' : 'no']));
	}
	comparison?.fronts.forEach((f, i) => {
		const pts = f.points.filter((p) => p.error.mean !== null && (p[metric]?.mean ?? null) !== null);
		// Non-dominated on the plane shown (the firm-side flags are for EqOd and SPD only).
		const front = nonDominated(pts.map((p) => ({ x: p.error.mean as number, y: p[metric]!.mean as number })));
		series.push({
			label: `Firm: ${f.approach}`, kind: 'points', colour: i, shape: shapeAt(i + 1),
			points: pts.map((p, k) => ({ ...summaryPoint(p.error.mean as number, p[metric])!, highlight: front[k]! })),
		});
		pts.forEach((p, k) => {
			rowsOut.push([`firm ${f.approach}`, p.setting ?? `${f.sweepParameter}=${fmt(p.sweep)}`, fmt(p.error.mean), fmt(p[metric]?.mean), fmtInterval(summaryPoint(0, p[metric])?.lo, summaryPoint(0, p[metric])?.hi), front[k]! ? 'yes' : 'no']);
		});
		const cert = f.certificate;
		if (cert !== undefined && cert.bounds.length > 0) {
			const tightest = [...cert.bounds].sort((a, b) => a.bound - b.bound)[0]!;
			statements.push(`${f.approach}: FARE certifies ${METRIC_SHORT[cert.metric]} ≤ ${fmt(tightest.bound)} for any classifier on its representation (${fmt(cert.level * 100)}% confidence) at error ${fmt(tightest.error)}.`);
			if (cert.metric === metric) {
				// Points, not a line: bounds of different (γ, k̄) at similar error need not be ordered.
				series.push({ label: `FARE certified bound (${f.approach})`, kind: 'points', colour: i, shape: 'crossRot', points: cert.bounds.map((c) => ({ x: c.error, y: c.bound })) });
			} else {
				statements.push(`The certificate bounds ${METRIC_SHORT[cert.metric]}; choose that metric to see it on the plane.`);
			}
		}
	});
	if (comparison === undefined) {
		statements.push('No firm-side comparison yet: only the collective\'s points are drawn.');
	}
	return {
		id: 'pareto', title: PARETO_TITLE, xLabel: 'error', yLabel, series, markers: [], statements,
		table: { columns: ['series', 'setting', 'error', METRIC_SHORT[metric], '95% interval', 'non-dominated'], rows: rowsOut },
		summary: `Scatter of error against ${METRIC_SHORT[metric]} for ${series.length} series; non-dominated points are drawn larger.`,
	};
}

const GROUPS_TITLE = 'Per-group rates of the firm\'s classifier';
const RATES = [
	{ key: 'selectionRate', label: 'selection rate' },
	{ key: 'truePositiveRate', label: 'TPR' },
	{ key: 'falsePositiveRate', label: 'FPR' },
] as const;

/** Selection rate, TPR and FPR per group with bootstrap intervals (from an audit). */
export function groupsFigure(a: AuditResult | undefined): FigureSpec {
	if (a === undefined) {
		return emptyFigure('groups', GROUPS_TITLE, 'group', 'rate', 'Run the audit to draw this figure.');
	}
	const groups = a.predictions.groups;
	const series: FigureSeries[] = RATES.map((rate, i) => ({
		label: rate.label, kind: 'bar' as const, colour: i, shape: shapeAt(i),
		points: definedPoints(groups.map((g, gi) => {
			const e = g[rate.key];
			return e === undefined || e.value === null ? undefined : { x: gi, y: e.value, ...(e.interval !== undefined ? { lo: e.interval.lo, hi: e.interval.hi } : {}) };
		})),
	}));
	const rowsOut: string[][] = [];
	for (const g of groups) {
		for (const rate of RATES) {
			const e = g[rate.key];
			rowsOut.push([g.name, String(g.size), rate.label, e === undefined ? '—' : e.value === null ? `undefined: ${e.reason}` : fmt(e.value), fmtInterval(e?.interval?.lo, e?.interval?.hi)]);
		}
	}
	const level = fmt(a.predictions.bootstrap.level * 100);
	return {
		id: 'groups', title: `${GROUPS_TITLE} (${a.roles.sensitive})`, xLabel: a.roles.sensitive, yLabel: 'rate',
		categories: groups.map((g) => (g.isReference ? `${g.name} (reference)` : g.name)), series, markers: [], statements: [],
		table: { columns: ['group', 'test rows', 'rate', 'value', `${level}% bootstrap interval`], rows: rowsOut },
		summary: `Bar chart of selection rate, TPR and FPR with ${level}% intervals for ${groups.length} groups of ${a.roles.sensitive}.`,
	};
}

/** The result the size, success and Pareto figures read. */
const sizeLike = (r: PanelResults): SimulationResult | undefined => r.simulations.minimum ?? r.simulations.size;

/** Every figure of the panel, in display order. */
export function buildFigures(r: PanelResults, metric: FairnessMetric): FigureSpec[] {
	const byId: Record<FigureId, FigureSpec> = {
		size: sizeFigure(sizeLike(r), metric),
		success: successFigure(sizeLike(r)),
		flips: flipsFigure(r.simulations.flips, metric),
		knowledge: knowledgeFigure(r.simulations.knowledge, metric),
		pareto: paretoFigure(r.simulations.flips ?? sizeLike(r), r.comparison, metric),
		groups: groupsFigure(r.audit),
	};
	return [byId.size, byId.success, byId.flips, byId.knowledge, byId.pareto, byId.groups];
}
