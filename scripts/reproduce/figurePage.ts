/**
 * Browser entry for figures the panel has no slot for (the synthetic dataset's counterfactual gap
 * beside the group metrics): the panel's own chart code (renderPng, REPORT_THEME) on a FigureSpec.
 */
import type { FigureSpec } from '../../src/shared/figureSpec';
import { renderPng } from '../../webview-ui/src/charts/render';
import { REPORT_THEME } from '../../webview-ui/src/theme';

(window as unknown as { renderSpecs: (specs: FigureSpec[]) => string[] }).renderSpecs = (specs) =>
	specs.map((s) => renderPng(s, REPORT_THEME, document.body));
