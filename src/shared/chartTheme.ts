/**
 * The one chart theme of the panel and the exported report: the colour-blind-safe palette, the
 * point shapes, how the base and target lines look, and the report's fixed light colours. The
 * webview reads the editor's text and grid colours on top of it; the report's SVG uses it as is.
 * Dependency-free (it runs in the browser bundle and in Node).
 */
import type { PointShape } from './figureSpec';

/** Okabe–Ito, distinguishable under the common colour-vision deficiencies. */
export const PALETTE_LIGHT: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#882255', '#F0E442'];
/** Reordered on dark backgrounds so the first series is not a dark blue on a dark background. */
export const PALETTE_DARK: readonly string[] = ['#56B4E9', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#F0E442', '#0072B2', '#AA4499'];

/** Shapes in the order series take them; a series' shape is independent of its colour index. */
export const SHAPES: readonly PointShape[] = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'rectRounded', 'cross', 'star'];

/** The base model: long dashes in the text colour. The target: short dots in the muted colour. */
export const REFERENCE_STYLE = {
	base: { dash: [8, 4] as readonly number[], width: 1.5 },
	target: { dash: [2, 3] as readonly number[], width: 2 },
} as const;

/** Alpha of a dominated point on a Pareto plane (hex suffix) and of a bar's fill. */
export const FADED_ALPHA_HEX = '40';

export interface ChartColours {
	readonly foreground: string;
	readonly muted: string;
	readonly grid: string;
	readonly background: string;
	readonly fontFamily: string;
	readonly lineWidth: number;
	readonly palette: readonly string[];
}

/** The report's colours, whatever the editor's theme (a report is read on paper-white). */
export const REPORT_COLOURS: ChartColours = {
	foreground: '#222222',
	muted: '#666666',
	grid: '#dddddd',
	background: '#ffffff',
	fontFamily: 'system-ui, sans-serif',
	lineWidth: 2,
	palette: PALETTE_LIGHT,
};

/** A palette index as a colour; -1 is the text colour (the collective, the base model), -2 the muted one (the target). */
export function colourAt(c: ChartColours, index: number): string {
	return index === -2 ? c.muted : index < 0 ? c.foreground : c.palette[index % c.palette.length]!;
}

/** A colour at low alpha: #rgb, #rrggbb and rgb()/rgba() (the editor's theme may give any); others unchanged. */
export function faded(colour: string): string {
	const c = colour.trim();
	if (/^#[0-9a-f]{6}$/i.test(c)) {
		return `${c}${FADED_ALPHA_HEX}`;
	}
	if (/^#[0-9a-f]{3}$/i.test(c)) {
		return `#${[...c.slice(1)].map((d) => d + d).join('')}${FADED_ALPHA_HEX}`;
	}
	const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(c);
	return rgb === null ? c : `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, 0.25)`;
}
