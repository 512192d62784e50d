/**
 * Chart colours from the VS Code theme. Text and grid take the theme's --vscode-* variables; the
 * series take the Okabe–Ito palette (distinguishable under the common colour-vision deficiencies),
 * reordered on dark themes so the first series is not a dark blue on a dark background.
 */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme {
	readonly kind: ThemeKind;
	readonly foreground: string;
	readonly muted: string;
	readonly grid: string;
	readonly background: string;
	readonly fontFamily: string;
	readonly lineWidth: number;
	readonly palette: readonly string[];
}

const OKABE_ITO_LIGHT = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#882255', '#F0E442'];
const OKABE_ITO_DARK = ['#56B4E9', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#F0E442', '#0072B2', '#AA4499'];

export function themeKind(body: HTMLElement = document.body): ThemeKind {
	const c = body.classList;
	if (c.contains('vscode-high-contrast-light')) {
		return 'high-contrast-light';
	}
	if (c.contains('vscode-high-contrast')) {
		return 'high-contrast';
	}
	return c.contains('vscode-dark') ? 'dark' : 'light';
}

export function readTheme(): ChartTheme {
	const style = getComputedStyle(document.documentElement);
	const v = (name: string, fallbackVar?: string): string => style.getPropertyValue(name).trim() || (fallbackVar !== undefined ? style.getPropertyValue(fallbackVar).trim() : '');
	const kind = themeKind();
	const dark = kind === 'dark' || kind === 'high-contrast';
	const foreground = v('--vscode-foreground', '--vscode-editor-foreground') || (dark ? '#cccccc' : '#333333');
	return {
		kind,
		foreground,
		muted: v('--vscode-descriptionForeground') || foreground,
		grid: v('--vscode-panel-border', '--vscode-widget-border') || (dark ? 'rgba(255,255,255,0.15)' : 'rgba(0,0,0,0.1)'),
		background: v('--vscode-editor-background') || (dark ? '#1e1e1e' : '#ffffff'),
		fontFamily: v('--vscode-font-family') || 'sans-serif',
		lineWidth: kind.startsWith('high-contrast') ? 3 : 2,
		palette: dark ? OKABE_ITO_DARK : OKABE_ITO_LIGHT,
	};
}

/** A fixed light theme for report images, whatever the editor's theme. */
export const REPORT_THEME: ChartTheme = {
	kind: 'light', foreground: '#222222', muted: '#555555', grid: 'rgba(0,0,0,0.12)', background: '#ffffff',
	fontFamily: 'system-ui, sans-serif', lineWidth: 2, palette: OKABE_ITO_LIGHT,
};

/** Calls back when VS Code switches theme (it swaps the body's vscode-* class and the variables). */
export function onThemeChange(callback: () => void): () => void {
	let last = `${document.body.className}|${document.documentElement.getAttribute('style') ?? ''}`;
	const observer = new MutationObserver(() => {
		const now = `${document.body.className}|${document.documentElement.getAttribute('style') ?? ''}`;
		if (now !== last) {
			last = now;
			callback();
		}
	});
	observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
	observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
	return () => observer.disconnect();
}
