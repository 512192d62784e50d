/**
 * Chart colours from the VS Code theme. Text and grid take the theme's --vscode-* variables; the
 * series, shapes and reference-line styles come from the chart theme the report shares
 * (src/shared/chartTheme.ts).
 */
import { PALETTE_DARK, PALETTE_LIGHT, REPORT_COLOURS, type ChartColours } from '../../src/shared/chartTheme';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface ChartTheme extends ChartColours {
	readonly kind: ThemeKind;
}

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
	const v = (name: string, fallbackVar?: string): string =>
		style.getPropertyValue(name).trim() || (fallbackVar !== undefined ? style.getPropertyValue(fallbackVar).trim() : '');
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
		palette: dark ? PALETTE_DARK : PALETTE_LIGHT,
	};
}

/** A fixed light theme for report images, whatever the editor's theme. */
export const REPORT_THEME: ChartTheme = { kind: 'light', ...REPORT_COLOURS };

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
