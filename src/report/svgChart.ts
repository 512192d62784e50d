/**
 * A FigureSpec drawn as a standalone SVG for the report (the panel's export and the CLI's
 * `--out report.html` both use it, so they write the same report). Same series, intervals, marks,
 * colours, shapes and reference-line styles as the panel (src/shared/chartTheme.ts). Error bars
 * are clipped to the plot area; the base and target lines are labelled inside the plot; the legend
 * is laid out in rows below the plot, measured so labels never overlap, and the image grows to
 * hold it.
 */
import { colourAt, faded, REFERENCE_STYLE, REPORT_COLOURS } from '../shared/chartTheme';
import { legendEntries, type FigurePoint, type FigureSpec, type PointShape } from '../shared/figureSpec';

const C = REPORT_COLOURS;
const W = 900;
const PLOT_H = 400;
const M = { left: 70, right: 20, top: 20, bottom: 50 };
const FONT = 12;
const LEGEND_ROW = 20;

const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (x: number): string => (Math.round(x * 100) / 100).toString();

/** A generous width for `text` at 12 px (average glyph ≈ 0.6 em; wide glyphs count more). */
export function textWidth(text: string): number {
	let w = 0;
	for (const ch of text) {
		w += /[MW@%]/.test(ch) ? 11 : /[A-Z]/.test(ch) ? 8.5 : /[il.,:;'|!]/.test(ch) ? 3.5 : 7;
	}
	return w;
}

/** About five round tick values covering [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
	const span = hi - lo || 1;
	const step0 = span / 5;
	const mag = 10 ** Math.floor(Math.log10(step0));
	const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= step0) ?? step0;
	const out: number[] = [];
	for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
		out.push(Math.round(t / step) * step);
	}
	return out;
}

function marker(shape: PointShape, x: number, y: number, r: number, fill: string, stroke: string): string {
	const attrs = `fill="${fill}" stroke="${stroke}" stroke-width="1.5"`;
	switch (shape) {
		case 'rect':
		case 'rectRounded':
			return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" ${attrs}/>`;
		case 'triangle':
			return `<polygon points="${num(x)},${num(y - r)} ${num(x + r)},${num(y + r)} ${num(x - r)},${num(y + r)}" ${attrs}/>`;
		case 'rectRot':
			return `<polygon points="${num(x)},${num(y - r)} ${num(x + r)},${num(y)} ${num(x)},${num(y + r)} ${num(x - r)},${num(y)}" ${attrs}/>`;
		case 'cross':
			return `<path d="M${num(x - r)},${num(y)}H${num(x + r)}M${num(x)},${num(y - r)}V${num(y + r)}" stroke="${stroke}" stroke-width="2" fill="none"/>`;
		case 'crossRot':
			return `<path d="M${num(x - r)},${num(y - r)}L${num(x + r)},${num(y + r)}M${num(x - r)},${num(y + r)}L${num(x + r)},${num(y - r)}" stroke="${stroke}" stroke-width="2" fill="none"/>`;
		case 'star':
			return `<path d="M${num(x - r)},${num(y - r)}L${num(x + r)},${num(y + r)}M${num(x - r)},${num(y + r)}L${num(x + r)},${num(y - r)}M${num(x)},${num(y - r)}V${num(y + r)}M${num(x - r)},${num(y)}H${num(x + r)}" stroke="${stroke}" stroke-width="2" fill="none"/>`;
		default:
			return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" ${attrs}/>`;
	}
}

export interface LegendSlot {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly label: string;
}

/** Legend entries in rows from `top`, wrapping at the image width; each slot is swatch + label. */
export function layoutLegend(labels: readonly string[], top: number): LegendSlot[] {
	const slots: LegendSlot[] = [];
	let x = M.left;
	let y = top;
	for (const label of labels) {
		const width = 34 + textWidth(label);
		if (x > M.left && x + width > W - M.right) {
			x = M.left;
			y += LEGEND_ROW;
		}
		slots.push({ x, y, width, label });
		x += width + 18;
	}
	return slots;
}

export function figureSvg(spec: FigureSpec): string {
	const bars = spec.series.some((s) => s.kind === 'bar');
	const categories = spec.categories ?? [];
	const all: FigurePoint[] = spec.series.flatMap((s) => [...s.points]);
	// The axis covers the means, marks and lines; intervals are clipped at its edges, as in the panel.
	const ys = [...all.map((p) => p.y), ...spec.markers.map((m) => m.y), ...(spec.target !== undefined ? [spec.target.y] : [])];
	const xs = [...all.map((p) => p.x), ...spec.markers.map((m) => m.x)];
	const yLo = bars ? 0 : Math.min(...ys);
	const yHi = bars ? 1 : Math.max(...ys);
	const pad = (yHi - yLo) * 0.08 || 0.01;
	const [y0, y1] = bars ? [0, 1] : [yLo - pad, yHi + pad];
	const xLo = Math.min(...xs);
	const xHi = Math.max(...xs) === xLo ? xLo + 1 : Math.max(...xs);
	// A margin on both axes, so a point on the edge is drawn whole inside the clipped plot.
	const [x0, x1] = bars ? [-0.5, categories.length - 0.5] : [xLo - (xHi - xLo) * 0.03, xHi + (xHi - xLo) * 0.03];
	const plot = { left: M.left, top: M.top, right: W - M.right, bottom: PLOT_H - M.bottom };
	const px = (x: number): number => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
	const py = (y: number): number => plot.bottom - ((y - y0) / (y1 - y0)) * (plot.bottom - plot.top);
	const entries = legendEntries(spec);
	const slots = layoutLegend(
		entries.map((e) => e.label),
		PLOT_H + 10,
	);
	const height = Math.max(PLOT_H, (slots[slots.length - 1]?.y ?? PLOT_H) + LEGEND_ROW);
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="${C.fontFamily}" font-size="${FONT}">`,
		`<defs><clipPath id="plot-${spec.id}"><rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}"/></clipPath></defs>`,
		`<rect width="${W}" height="${height}" fill="${C.background}"/>`,
	];
	for (const t of ticks(y0, y1)) {
		out.push(
			`<line x1="${plot.left}" x2="${plot.right}" y1="${num(py(t))}" y2="${num(py(t))}" stroke="${C.grid}"/>`,
			`<text x="${plot.left - 6}" y="${num(py(t) + 4)}" text-anchor="end" fill="${C.foreground}">${Math.round(t * 1000) / 1000}</text>`,
		);
	}
	if (bars) {
		categories.forEach((c, i) =>
			out.push(`<text x="${num(px(i))}" y="${plot.bottom + 16}" text-anchor="middle" fill="${C.foreground}">${xml(c)}</text>`),
		);
	} else {
		for (const t of ticks(x0, x1)) {
			out.push(
				`<text x="${num(px(t))}" y="${plot.bottom + 16}" text-anchor="middle" fill="${C.foreground}">${Math.round(t * 1000) / 1000}</text>`,
			);
		}
	}
	out.push(
		`<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="${C.foreground}"/>`,
		`<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" stroke="${C.foreground}"/>`,
	);
	out.push(
		`<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 36}" text-anchor="middle" fill="${C.foreground}">${xml(spec.xLabel)}</text>`,
	);
	out.push(
		`<text transform="translate(16 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" fill="${C.foreground}">${xml(spec.yLabel)}</text>`,
	);
	out.push(`<g clip-path="url(#plot-${spec.id})" class="plot">`);
	const barWidth = bars ? ((px(1) - px(0)) * 0.8) / Math.max(spec.series.length, 1) : 0;
	// Higher layers first, so the collective (layer 0) is drawn last, on top.
	const order = spec.series.map((s, si) => ({ s, si })).sort((a, b) => (b.s.layer ?? 1) - (a.s.layer ?? 1));
	const labels: Array<{ y: number; text: string; colour: string }> = [];
	for (const { s, si } of order) {
		const colour = colourAt(C, s.colour);
		const at = (p: FigurePoint): number => (bars ? px(p.x) - (barWidth * spec.series.length) / 2 + barWidth * (si + 0.5) : px(p.x));
		if (bars) {
			for (const p of s.points) {
				out.push(
					`<rect x="${num(at(p) - barWidth / 2)}" y="${num(py(p.y))}" width="${num(barWidth)}" height="${num(py(0) - py(p.y))}" fill="${colour}" fill-opacity="0.35" stroke="${colour}" stroke-width="1.5"/>`,
				);
			}
		} else if (s.kind === 'reference' && s.points.length > 1) {
			out.push(
				`<polyline fill="none" stroke="${colour}" stroke-width="${REFERENCE_STYLE.base.width}" stroke-dasharray="${REFERENCE_STYLE.base.dash.join(' ')}" points="${s.points.map((p) => `${num(at(p))},${num(py(p.y))}`).join(' ')}"/>`,
			);
			labels.push({ y: py(s.points[0]!.y), text: s.label, colour });
		} else if (s.kind === 'front') {
			const front = s.points.filter((p) => p.highlight === true).sort((a, b) => a.x - b.x || a.y - b.y);
			if (front.length > 1) {
				out.push(
					`<polyline fill="none" stroke="${colour}" stroke-width="${C.lineWidth}" points="${front.map((p) => `${num(at(p))},${num(py(p.y))}`).join(' ')}"/>`,
				);
			}
		} else if (s.kind !== 'points' && s.points.length > 1) {
			out.push(
				`<polyline fill="none" stroke="${colour}" stroke-width="${C.lineWidth}"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''} points="${s.points.map((p) => `${num(at(p))},${num(py(p.y))}`).join(' ')}"/>`,
			);
		}
		for (const p of s.points) {
			const dominated = s.kind === 'front' && p.highlight !== true;
			if (p.lo !== undefined && p.hi !== undefined && !dominated) {
				const x = at(p);
				out.push(
					`<path class="error-bar" d="M${num(x)},${num(py(p.hi))}V${num(py(p.lo))}M${num(x - 4)},${num(py(p.hi))}H${num(x + 4)}M${num(x - 4)},${num(py(p.lo))}H${num(x + 4)}" stroke="${colour}" stroke-width="1.2" fill="none"/>`,
				);
			}
			if (!bars && s.kind !== 'reference') {
				const fill = dominated || (s.kind === 'points' && p.highlight !== true) ? faded(colour) : colour;
				out.push(marker(s.shape, at(p), py(p.y), dominated ? 3 : p.highlight === true ? 5 : 3.5, fill, dominated ? faded(colour) : colour));
			}
		}
	}
	if (spec.target !== undefined) {
		out.push(
			`<line x1="${plot.left}" x2="${plot.right}" y1="${num(py(spec.target.y))}" y2="${num(py(spec.target.y))}" stroke="${C.muted}" stroke-width="${REFERENCE_STYLE.target.width}" stroke-dasharray="${REFERENCE_STYLE.target.dash.join(' ')}"/>`,
		);
		labels.push({ y: py(spec.target.y), text: spec.target.label, colour: C.muted });
	}
	for (const m of spec.markers) {
		out.push(marker('star', px(m.x), py(m.y), 9, 'none', colourAt(C, m.colour)));
	}
	// In-plot labels of the base and target lines, at the right end; a close second one goes below.
	const used: number[] = [];
	for (const l of labels) {
		const above = !used.some((u) => Math.abs(u - l.y) < 16) && l.y - 16 > plot.top;
		out.push(
			`<text class="reference-label" x="${plot.right - 4}" y="${num(above ? l.y - 4 : l.y + 14)}" text-anchor="end" fill="${l.colour}" stroke="${C.background}" stroke-width="3" paint-order="stroke">${xml(l.text)}</text>`,
		);
		used.push(l.y);
	}
	out.push('</g>');
	entries.forEach((e, i) => {
		const slot = slots[i]!;
		const colour = colourAt(C, e.colour);
		const cy = slot.y + 6;
		if (e.line !== 'none') {
			const dash =
				e.line === 'base' ? REFERENCE_STYLE.base.dash.join(' ') : e.line === 'target' ? REFERENCE_STYLE.target.dash.join(' ') : '';
			out.push(
				`<line x1="${slot.x}" x2="${slot.x + 28}" y1="${cy}" y2="${cy}" stroke="${colour}" stroke-width="2"${dash !== '' ? ` stroke-dasharray="${dash}"` : ''}/>`,
			);
		}
		if (e.line === 'solid' || e.line === 'none') {
			out.push(marker(e.shape, slot.x + 14, cy, 4.5, e.line === 'none' && e.shape !== 'star' ? faded(colour) : colour, colour));
		}
		out.push(`<text class="legend-label" x="${slot.x + 34}" y="${cy + 4}" fill="${C.foreground}">${xml(e.label)}</text>`);
	});
	out.push('</svg>');
	return out.join('\n');
}

export function svgDataUrl(svg: string): string {
	return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
