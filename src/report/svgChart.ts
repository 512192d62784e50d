/**
 * A FigureSpec drawn as a standalone SVG, for reports built without a browser (the CLI's
 * `--out report.html`). Plainer than the panel's chart.js rendering, but the same series, intervals,
 * marks and colours; the panel's export embeds its own PNGs instead.
 */
import type { FigurePoint, FigureSpec, PointShape } from '../shared/figureSpec';

const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#882255', '#F0E442'];
const FG = '#222222';
const W = 900;
const H = 460;
const M = { left: 70, right: 20, top: 20, bottom: 120 };

const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const colourOf = (i: number): string => (i < 0 ? FG : PALETTE[i % PALETTE.length]!);
const num = (x: number): string => (Math.round(x * 100) / 100).toString();

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
		case 'rect': case 'rectRounded': return `<rect x="${num(x - r)}" y="${num(y - r)}" width="${num(2 * r)}" height="${num(2 * r)}" ${attrs}/>`;
		case 'triangle': return `<polygon points="${num(x)},${num(y - r)} ${num(x + r)},${num(y + r)} ${num(x - r)},${num(y + r)}" ${attrs}/>`;
		case 'rectRot': return `<polygon points="${num(x)},${num(y - r)} ${num(x + r)},${num(y)} ${num(x)},${num(y + r)} ${num(x - r)},${num(y)}" ${attrs}/>`;
		case 'star': case 'cross': case 'crossRot':
			return `<path d="M${num(x - r)},${num(y - r)}L${num(x + r)},${num(y + r)}M${num(x - r)},${num(y + r)}L${num(x + r)},${num(y - r)}M${num(x)},${num(y - r)}L${num(x)},${num(y + r)}" stroke="${stroke}" stroke-width="2" fill="none"/>`;
		default: return `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}" ${attrs}/>`;
	}
}

export function figureSvg(spec: FigureSpec): string {
	const bars = spec.series.some((s) => s.kind === 'bar');
	const categories = spec.categories ?? [];
	const all: FigurePoint[] = spec.series.flatMap((s) => [...s.points]);
	const ys = [...all.flatMap((p) => [p.y, p.lo ?? p.y, p.hi ?? p.y]), ...spec.markers.map((m) => m.y), ...(spec.target !== undefined ? [spec.target.y] : [])];
	const xs = [...all.map((p) => p.x), ...spec.markers.map((m) => m.x)];
	const yLo = bars ? 0 : Math.min(...ys);
	const yHi = bars ? 1 : Math.max(...ys);
	const pad = (yHi - yLo) * 0.05 || 0.01;
	const [y0, y1] = bars ? [0, 1] : [yLo - pad, yHi + pad];
	const [x0, x1] = bars ? [-0.5, categories.length - 0.5] : [Math.min(...xs), Math.max(...xs) === Math.min(...xs) ? Math.min(...xs) + 1 : Math.max(...xs)];
	const px = (x: number): number => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
	const py = (y: number): number => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
	const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="#ffffff"/>`];
	for (const t of ticks(y0, y1)) {
		out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${num(py(t))}" y2="${num(py(t))}" stroke="#dddddd"/>`, `<text x="${M.left - 6}" y="${num(py(t) + 4)}" text-anchor="end" fill="${FG}">${Math.round(t * 1000) / 1000}</text>`);
	}
	if (bars) {
		categories.forEach((c, i) => out.push(`<text x="${num(px(i))}" y="${H - M.bottom + 16}" text-anchor="middle" fill="${FG}">${xml(c)}</text>`));
	} else {
		for (const t of ticks(x0, x1)) {
			out.push(`<text x="${num(px(t))}" y="${H - M.bottom + 16}" text-anchor="middle" fill="${FG}">${Math.round(t * 1000) / 1000}</text>`);
		}
	}
	out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="${FG}"/>`, `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="${FG}"/>`);
	out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - M.bottom + 36}" text-anchor="middle" fill="${FG}">${xml(spec.xLabel)}</text>`);
	out.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle" fill="${FG}">${xml(spec.yLabel)}</text>`);
	const barWidth = bars ? (px(1) - px(0)) * 0.8 / Math.max(spec.series.length, 1) : 0;
	spec.series.forEach((s, si) => {
		const colour = colourOf(s.colour);
		const at = (p: FigurePoint): number => (bars ? px(p.x) - (barWidth * spec.series.length) / 2 + barWidth * (si + 0.5) : px(p.x));
		if (bars) {
			for (const p of s.points) {
				out.push(`<rect x="${num(at(p) - barWidth / 2)}" y="${num(py(p.y))}" width="${num(barWidth)}" height="${num(py(0) - py(p.y))}" fill="${colour}" fill-opacity="0.35" stroke="${colour}" stroke-width="1.5"/>`);
			}
		} else if (s.kind !== 'points' && s.points.length > 1) {
			out.push(`<polyline fill="none" stroke="${colour}" stroke-width="${s.kind === 'reference' ? 1.5 : 2}"${s.dashed === true ? ' stroke-dasharray="6 4"' : ''} points="${s.points.map((p) => `${num(at(p))},${num(py(p.y))}`).join(' ')}"/>`);
		}
		for (const p of s.points) {
			if (p.lo !== undefined && p.hi !== undefined) {
				const x = at(p);
				out.push(`<path d="M${num(x)},${num(py(p.hi))}V${num(py(p.lo))}M${num(x - 4)},${num(py(p.hi))}H${num(x + 4)}M${num(x - 4)},${num(py(p.lo))}H${num(x + 4)}" stroke="${colour}" stroke-width="1.2" fill="none"/>`);
			}
			if (!bars && !(s.kind === 'reference' && s.points.length === 2)) {
				out.push(marker(s.shape, at(p), py(p.y), p.highlight === true ? 6 : 3.5, s.kind === 'points' && p.highlight !== true ? '#ffffff' : colour, colour));
			}
		}
	});
	if (spec.target !== undefined) {
		out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${num(py(spec.target.y))}" y2="${num(py(spec.target.y))}" stroke="${FG}" stroke-dasharray="2 3"/>`);
	}
	for (const m of spec.markers) {
		out.push(marker('star', px(m.x), py(m.y), 9, 'none', colourOf(m.colour)));
	}
	const legend = [...spec.series.map((s) => ({ label: s.label, colour: colourOf(s.colour), shape: s.shape })), ...spec.markers.map((m) => ({ label: m.label, colour: colourOf(m.colour), shape: 'star' as PointShape })), ...(spec.target !== undefined ? [{ label: spec.target.label, colour: FG, shape: 'cross' as PointShape }] : [])];
	legend.forEach((l, i) => {
		const col = i % 3;
		const row = Math.floor(i / 3);
		const x = M.left + col * 270;
		const y = H - M.bottom + 58 + row * 18;
		out.push(marker(l.shape, x, y - 4, 5, l.colour, l.colour), `<text x="${x + 12}" y="${y}" fill="${FG}">${xml(l.label)}</text>`);
	});
	out.push('</svg>');
	return out.join('\n');
}

export function svgDataUrl(svg: string): string {
	return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
