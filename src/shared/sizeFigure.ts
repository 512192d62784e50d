/**
 * The figures of a `size` or `minimum` run, against α: the best fairness a collective of each size
 * reaches (with the smallest collective that reaches the target), and the true collective success
 * S(α) where the data has counterfactual rows.
 */
import { sizeConclusion, successConclusion } from './conclusions';
import {
	emptyFigure,
	figureHead,
	fmt,
	fmtCount,
	methodColour,
	methodLabel,
	METRIC_SHORT,
	notRunFigure,
	summaryCells,
	type FigureMarker,
	type FigureSpec,
	type SimulationFigureFrame,
} from './figureSpec';
import { byMethod, failureStatements, methodSweep } from './methodSeries';
import type { FairnessMetric, SimulationResult } from './webviewProtocol';
import type { SimulationRow } from './model';

const ALPHA_AXIS = 'α (fraction of the minority in the collective)';

/** Whether the run is one these figures read. */
const isSizeRun = (r: SimulationResult): boolean => r.experiment === 'size' || r.experiment === 'minimum';

/** The target EqOd a `minimum` run used, or the default it would use (half the base EqOd). */
export function targetEqod(r: SimulationResult): number | undefined {
	return r.minimum?.[0]?.target ?? r.params.targetEqod ?? (r.base.eqod.mean !== null ? r.base.eqod.mean / 2 : undefined);
}

/**
 * Per method, the smallest α whose best mean EqOd reaches the target. Same rule as the core's
 * `minimum` experiment (first α in grid order); taken from its answer when the run has one.
 */
export function smallestCollectives(
	r: SimulationResult,
): Array<{ method: string; target: number; row?: SimulationRow; best?: SimulationRow }> {
	const target = targetEqod(r);
	if (target === undefined) {
		return [];
	}
	if (r.minimum !== undefined) {
		return r.minimum.map((m) => ({
			method: m.method,
			target: m.target,
			...(m.reached && m.row !== undefined ? { row: m.row } : {}),
			...(m.best !== undefined ? { best: m.best } : {}),
		}));
	}
	return [...byMethod(r.rows)].map(([method, rows]) => {
		const sorted = [...rows].sort((a, b) => a.alpha - b.alpha);
		const hit = sorted.find((x) => x.eqod.mean !== null && x.eqod.mean <= target);
		const best = sorted.filter((x) => x.eqod.mean !== null).sort((a, b) => (a.eqod.mean as number) - (b.eqod.mean as number))[0];
		return { method, target, ...(hit !== undefined ? { row: hit } : {}), ...(best !== undefined ? { best } : {}) };
	});
}

/** The finding in words, without the method's name (so equal findings can share a sentence). */
function minimumStatement(m: ReturnType<typeof smallestCollectives>[number], minority: string, seeds: number): string {
	if (m.row !== undefined) {
		const e = m.row.eqod;
		// Reached by its mean; said as reached only when the 95% interval over seeds is below the target too.
		const evidence =
			e.mean !== null
				? e.hi > m.target
					? ` (95% interval [${fmt(e.lo)}, ${fmt(e.hi)}], which still reaches above the target: not distinguishable at ${seeds} seeds)`
					: ` (95% interval [${fmt(e.lo)}, ${fmt(e.hi)}])`
				: '';
		return `the smallest collective reaching EqOd ≤ ${fmt(m.target)} is α = ${m.row.alpha} (${fmtCount(m.row.collectiveSize)} members of the ${minority} group, relabelling M = ${fmtCount(m.row.flips)}), with mean EqOd ${fmt(e.mean)}${evidence}.`;
	}
	const best = m.best !== undefined ? ` Its lowest mean EqOd is ${fmt(m.best.eqod.mean)} at α = ${m.best.alpha}.` : '';
	return `no collective on this α grid reaches EqOd ≤ ${fmt(m.target)}.${best}`;
}

/**
 * One marker per point where methods reach the target: they often reach it at the same point (at
 * M = the whole pool they flip the same rows), and then the marker names every method there.
 */
function smallestCollectiveMarkers(minima: ReturnType<typeof smallestCollectives>, metric: FairnessMetric): FigureMarker[] {
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
			markers.push({
				x: m.row.alpha,
				y,
				label: `smallest collective (${methodLabel(m.method)}): α = ${m.row.alpha}`,
				colour: methodColour(m.method),
			});
		}
	}
	return markers;
}

const SIZE: SimulationFigureFrame = { experiment: 'size', title: 'Collective size: best fairness against α', xLabel: ALPHA_AXIS };

/** Best EqOd (or SPD) against α, one line per method, the base model's line, the smallest collective marked. */
export function sizeFigure(r: SimulationResult | undefined, metric: FairnessMetric): FigureSpec {
	if (r === undefined || !isSizeRun(r)) {
		return notRunFigure(SIZE, metric, 'see how large a collective must be');
	}
	const { series, rows: rowsOut } = methodSweep(r, {
		metric,
		x: (x) => x.alpha,
		cells: (x) => [String(x.alpha), fmtCount(x.collectiveSize), fmtCount(x.flips), ...summaryCells(x[metric])],
	});
	rowsOut.push(['Base model', '—', '0', '0', ...summaryCells(r.base[metric])]);
	const minima = smallestCollectives(r);
	const markers = smallestCollectiveMarkers(minima, metric);
	// One sentence per finding, naming every method it holds for.
	const statements = new Map<string, string[]>();
	for (const m of minima) {
		const text = minimumStatement(m, r.roles.minority, r.params.seeds);
		statements.set(text, [...(statements.get(text) ?? []), methodLabel(m.method)]);
	}
	const target = minima[0]?.target;
	return {
		...figureHead(SIZE, metric),
		series,
		markers,
		...(target !== undefined && metric === 'eqod' ? { target: { y: target, label: `target EqOd ${fmt(target)}` } } : {}),
		statements: [...[...statements].map(([text, methods]) => `${methods.join(', ')}: ${text}`), ...failureStatements(r)],
		conclusion: sizeConclusion(r, minima),
		table: {
			columns: ['method', 'α', 'collective size', 'M (best)', `${METRIC_SHORT[metric]} mean`, '95% interval over seeds', 'seeds'],
			rows: rowsOut,
		},
		summary: `Line chart of the best ${METRIC_SHORT[metric]} over the flip grid against collective size α for ${series.length} series; ${markers.length} smallest collectives marked.`,
	};
}

const SUCCESS_TITLE = 'True collective success S(α) (synthetic data)';

/** S(α) = P[h(g(x)) = h(x)] on the minority's test rows; defined only where counterfactuals exist. */
export function successFigure(r: SimulationResult | undefined): FigureSpec {
	if (r === undefined || !isSizeRun(r) || !r.rows.some((x) => x.success !== undefined && x.success.mean !== null)) {
		return {
			...emptyFigure(
				'success',
				SUCCESS_TITLE,
				ALPHA_AXIS,
				'S(α)',
				'S(α) needs counterfactual rows, which only synthetic datasets (with a known generator) have.',
			),
			notApplicable: true,
		};
	}
	const { series, rows: rowsOut } = methodSweep(r, {
		metric: 'success',
		x: (x) => x.alpha,
		cells: (x) => [String(x.alpha), ...summaryCells(x.success)],
	});
	rowsOut.push(['Base model', '—', ...summaryCells(r.base.success)]);
	return {
		id: 'success',
		title: SUCCESS_TITLE,
		xLabel: ALPHA_AXIS,
		yLabel: 'S(α) = P[h(g(x)) = h(x)]',
		series,
		markers: [],
		statements: [],
		conclusion: successConclusion(r),
		table: { columns: ['method', 'α', 'S mean', '95% interval over seeds', 'seeds'], rows: rowsOut },
		summary: `Line chart of the true collective success S against α for ${series.length} series.`,
	};
}
