/**
 * A chart's legend as HTML below the canvas: it wraps onto as many lines as the panel's width
 * needs and so never covers the plot (chart.js's canvas legend took the plot's room in a narrow
 * panel). Each entry shows the series' colour and point shape, and the line style of the base
 * (long dashes) and target (dots) lines, drawn as a small inline SVG from the shared chart theme.
 */
import { colourAt, faded, REFERENCE_STYLE } from '../../../src/shared/chartTheme';
import { legendEntries, type FigureSpec, type PointShape } from '../../../src/shared/figureSpec';
import type { ChartTheme } from '../theme';
import { el } from './dom';
import { withTerms } from './terms';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string>): SVGElement {
	const node = document.createElementNS(SVG, tag);
	for (const [k, v] of Object.entries(attrs)) {
		node.setAttribute(k, v);
	}
	return node;
}

/** The point shape at (cx, cy), radius r, as an SVG element. */
export function shapeSvg(shape: PointShape, cx: number, cy: number, r: number, fill: string, stroke: string): SVGElement {
	const poly = (pts: Array<[number, number]>): SVGElement =>
		svgEl('polygon', { points: pts.map(([x, y]) => `${x},${y}`).join(' '), fill, stroke, 'stroke-width': '1.5' });
	switch (shape) {
		case 'rect':
		case 'rectRounded':
			return svgEl('rect', {
				x: String(cx - r),
				y: String(cy - r),
				width: String(2 * r),
				height: String(2 * r),
				fill,
				stroke,
				'stroke-width': '1.5',
				...(shape === 'rectRounded' ? { rx: '2' } : {}),
			});
		case 'triangle':
			return poly([
				[cx, cy - r],
				[cx + r, cy + r],
				[cx - r, cy + r],
			]);
		case 'rectRot':
			return poly([
				[cx, cy - r],
				[cx + r, cy],
				[cx, cy + r],
				[cx - r, cy],
			]);
		case 'cross':
			return svgEl('path', { d: `M${cx - r},${cy}H${cx + r}M${cx},${cy - r}V${cy + r}`, stroke, 'stroke-width': '2', fill: 'none' });
		case 'crossRot':
			return svgEl('path', {
				d: `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`,
				stroke,
				'stroke-width': '2',
				fill: 'none',
			});
		case 'star':
			return svgEl('path', {
				d: `M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}M${cx},${cy - r}V${cy + r}M${cx - r},${cy}H${cx + r}`,
				stroke,
				'stroke-width': '1.8',
				fill: 'none',
			});
		default:
			return svgEl('circle', { cx: String(cx), cy: String(cy), r: String(r), fill, stroke, 'stroke-width': '1.5' });
	}
}

export function legendList(spec: FigureSpec, theme: ChartTheme): HTMLUListElement {
	const list = el('ul', { class: 'legend', 'aria-label': 'legend' });
	for (const entry of legendEntries(spec)) {
		const colour = colourAt(theme, entry.colour);
		const swatch = svgEl('svg', { width: '30', height: '14', viewBox: '0 0 30 14', 'aria-hidden': 'true' }) as SVGSVGElement;
		if (entry.line !== 'none') {
			const dash =
				entry.line === 'base' ? REFERENCE_STYLE.base.dash.join(' ') : entry.line === 'target' ? REFERENCE_STYLE.target.dash.join(' ') : '';
			swatch.append(
				svgEl('line', {
					x1: '1',
					x2: '29',
					y1: '7',
					y2: '7',
					stroke: colour,
					'stroke-width': '2',
					...(dash !== '' ? { 'stroke-dasharray': dash } : {}),
				}),
			);
		}
		if (entry.line === 'solid' || entry.line === 'none') {
			swatch.append(shapeSvg(entry.shape, 15, 7, 4.5, entry.line === 'none' && entry.shape !== 'star' ? faded(colour) : colour, colour));
		}
		list.append(
			el(
				'li',
				{ 'data-colour': colour, 'data-shape': entry.shape, 'data-line': entry.line },
				swatch,
				el('span', {}, ...withTerms(entry.label)),
			),
		);
	}
	return list;
}
