/**
 * What the simulation figures draw with: rows grouped by method, a method's line in its own colour
 * and shape, the base model's reference line, and the failed seeds in words.
 */
import { definedPoints, methodColour, methodLabel, methodShape, summaryPoint, type FigureSeries } from './figureSpec';
import type { FairnessMetric, SimulationResult } from './webviewProtocol';
import type { SimulationRow } from './model';

/** Rows grouped by `key`, each group in the order the run listed its rows. */
function groupRows(rows: readonly SimulationRow[], key: (row: SimulationRow) => string): Map<string, SimulationRow[]> {
	const out = new Map<string, SimulationRow[]>();
	for (const r of rows) {
		const k = key(r);
		out.set(k, [...(out.get(k) ?? []), r]);
	}
	return out;
}

/** The rows of each method, in the order the run listed them. */
export function byMethod(rows: readonly SimulationRow[]): Map<string, SimulationRow[]> {
	return groupRows(rows, (r) => r.method);
}

/**
 * An arm of a run: one method at one knowledge (the knowledge experiment compares a collective
 * knowing n majority rows with one knowing all). The figure's curves and its failure statements
 * group by the same key.
 */
const armKey = (a: { readonly method: string; readonly knowledge: SimulationRow['knowledge'] }): string => `${a.method}|${a.knowledge}`;

/** The rows of each arm, in the order the run listed them. */
export function byArm(rows: readonly SimulationRow[]): Map<string, SimulationRow[]> {
	return groupRows(rows, armKey);
}

/** One method's line, in the method's own colour and shape (the same on every chart). */
function methodLine(method: string, points: FigureSeries['points']): FigureSeries {
	return { label: methodLabel(method), kind: 'line', colour: methodColour(method), shape: methodShape(method), points };
}

/** One arm's line: the method's colour; knowing some rows dashed with triangles, knowing all solid with circles. */
export function armLine(arm: SimulationRow, points: FigureSeries['points']): FigureSeries {
	const restricted = arm.knowledge !== 'all';
	return {
		label: `${methodLabel(arm.method)}, knows ${knowsLabel(arm.knowledge)}`,
		kind: 'line',
		colour: methodColour(arm.method),
		shape: restricted ? 'triangle' : 'circle',
		...(restricted ? { dashed: true } : {}),
		points,
	};
}

/**
 * The base model's line across the x range. Its label says it is a mean over the run's seeds,
 * which is why it differs from the audit's figure (one split, seed 0).
 */
function baseLine(r: SimulationResult, metric: FairnessMetric | 'success', xs: readonly number[]): FigureSeries[] {
	const value = r.base[metric]?.mean;
	if (value === null || value === undefined || xs.length === 0) {
		return [];
	}
	return [
		{
			label: `base model, mean of ${r.base.seeds} seeds`,
			kind: 'reference',
			colour: -1,
			shape: 'star',
			dashed: true,
			points: [
				{ x: Math.min(...xs), y: value },
				{ x: Math.max(...xs), y: value },
			],
		},
	];
}

/** How a figure that draws one line per method reads a row. */
export interface MethodSweep {
	/** The summary on the y axis, and the base model's line. */
	readonly metric: FairnessMetric | 'success';
	readonly x: (row: SimulationRow) => number;
	/** The order of the points along a line; `x` when absent. */
	readonly order?: (row: SimulationRow) => number;
	/** A point's table cells after the method's name. */
	readonly cells: (row: SimulationRow) => string[];
}

/**
 * One line per method over the run's rows, the base model's line across the same x range, and a
 * table row per point (without the base model's, whose cells each figure words its own way).
 */
export function methodSweep(r: SimulationResult, sweep: MethodSweep): { series: FigureSeries[]; rows: string[][] } {
	const order = sweep.order ?? sweep.x;
	const series: FigureSeries[] = [];
	const rows: string[][] = [];
	for (const [method, list] of byMethod(r.rows)) {
		const sorted = [...list].sort((a, b) => order(a) - order(b));
		series.push(methodLine(method, definedPoints(sorted.map((x) => summaryPoint(sweep.x(x), x[sweep.metric])))));
		for (const x of sorted) {
			rows.push([methodLabel(method), ...sweep.cells(x)]);
		}
	}
	series.push(...baseLine(r, sweep.metric, r.rows.map(sweep.x)));
	return { series, rows };
}

export const knowsLabel = (k: SimulationRow['knowledge']): string => (k === 'all' ? 'all majority rows' : `${k} majority rows`);

/** Methods that failed on some seeds, in words: a missing line must not look like "no effect". */
export function failureStatements(r: SimulationResult): string[] {
	const byArm = new Map<string, { method: string; knowledge: SimulationRow['knowledge']; seeds: number; reason: string }>();
	for (const f of r.failures) {
		const key = armKey(f);
		const seen = byArm.get(key);
		byArm.set(key, { method: f.method, knowledge: f.knowledge, seeds: (seen?.seeds ?? 0) + 1, reason: seen?.reason ?? f.reason });
	}
	return [...byArm.values()].map(
		(f) => `${methodLabel(f.method)} (knowing ${knowsLabel(f.knowledge)}) failed on ${f.seeds} of ${r.params.seeds} seeds: ${f.reason}`,
	);
}
