/**
 * Per-group rates of the firm's classifier from an audit: selection rate, TPR and FPR with
 * bootstrap intervals, the positive class named by the label's own values ("positive =
 * deny = no"), so an FPR reads the right way round on any dataset.
 */
import { groupsConclusion, groupWords, positiveWords } from './conclusions';
import { definedPoints, emptyFigure, fmt, fmtInterval, shapeAt, type FigureSeries, type FigureSpec } from './figureSpec';
import type { AuditResult } from './webviewProtocol';

const GROUPS_TITLE = "Per-group rates of the firm's classifier";
const RATES = [
	{ key: 'selectionRate', label: 'selection rate' },
	{ key: 'truePositiveRate', label: 'TPR' },
	{ key: 'falsePositiveRate', label: 'FPR' },
] as const;

export function groupsFigure(a: AuditResult | undefined): FigureSpec {
	if (a === undefined) {
		return emptyFigure('groups', GROUPS_TITLE, 'group', 'rate', 'Run the audit to draw this figure.', 'audit');
	}
	const groups = a.predictions.groups;
	const series: FigureSeries[] = RATES.map((rate, i) => ({
		label: rate.label,
		kind: 'bar' as const,
		colour: i,
		shape: shapeAt(i),
		points: definedPoints(
			groups.map((g, gi) => {
				const e = g[rate.key];
				return e === undefined || e.value === null
					? undefined
					: { x: gi, y: e.value, ...(e.interval !== undefined ? { lo: e.interval.lo, hi: e.interval.hi } : {}) };
			}),
		),
	}));
	const rowsOut: string[][] = [];
	for (const g of groups) {
		for (const rate of RATES) {
			const e = g[rate.key];
			rowsOut.push([
				groupWords(a.roles.sensitive, g.name),
				String(g.size),
				rate.label,
				e === undefined ? '—' : e.value === null ? `undefined: ${e.reason}` : fmt(e.value),
				fmtInterval(e?.interval?.lo, e?.interval?.hi),
			]);
		}
	}
	const level = fmt(a.predictions.bootstrap.level * 100);
	const positive = positiveWords(a.roles);
	return {
		id: 'groups',
		title: `${GROUPS_TITLE} (${a.roles.sensitive}; positive = ${positive})`,
		xLabel: a.roles.sensitive,
		yLabel: `rate of predicting ${positive}`,
		categories: groups.map((g) => (g.isReference ? `${g.name} (reference)` : g.name)),
		series,
		markers: [],
		statements: [],
		conclusion: groupsConclusion(a),
		table: { columns: ['group', 'test rows', 'rate', 'value', `${level}% bootstrap interval`], rows: rowsOut },
		summary: `Bar chart of selection rate, TPR and FPR with ${level}% intervals for ${groups.length} groups of ${a.roles.sensitive}; positive means ${positive}.`,
	};
}
