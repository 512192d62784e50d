/**
 * From results to figure specs (figureSpec.ts): the paper's figures (Ben-Dov et al. 2025) drawn
 * from the user's own runs. Pure and dependency-free; the webview and the report exporter call the
 * same builders so a chart, its data table and the report agree number for number. Each figure is
 * built in its own module (sizeFigure.ts, flipsFigure.ts, knowledgeFigure.ts, paretoFigure.ts,
 * groupsFigure.ts); this one puts them in display order.
 */
import { uniqueStyles, type FigureId, type FigureSpec } from './figureSpec';
import { flipsFigure } from './flipsFigure';
import { groupsFigure } from './groupsFigure';
import { knowledgeFigure } from './knowledgeFigure';
import { paretoFigure } from './paretoFigure';
import { sizeFigure, successFigure } from './sizeFigure';
import type { FairnessMetric, PanelResults, SimulationResult } from './webviewProtocol';

/** The result the size, success and Pareto figures read. */
const sizeLike = (r: PanelResults): SimulationResult | undefined => r.simulations.minimum ?? r.simulations.size;

/**
 * Every figure of the panel, in display order. `hiddenVariants`: firm-side variants (e.g.
 * 'calibrated-eqodds (fnr)') the panel's toggles switched off.
 */
export function buildFigures(r: PanelResults, metric: FairnessMetric, hiddenVariants: ReadonlySet<string> = new Set()): FigureSpec[] {
	const byId: Record<FigureId, FigureSpec> = {
		size: sizeFigure(sizeLike(r), metric),
		success: successFigure(sizeLike(r)),
		flips: flipsFigure(r.simulations.flips, metric),
		knowledge: knowledgeFigure(r.simulations.knowledge, metric),
		pareto: paretoFigure(r.simulations.flips ?? sizeLike(r), r.comparison, metric, hiddenVariants),
		groups: groupsFigure(r.audit),
	};
	return [byId.groups, byId.size, byId.flips, byId.pareto, byId.knowledge, byId.success].map(uniqueStyles);
}
