// The esbuild settings every bundle of the project shares, declared once: the package build
// (esbuild.mjs), `npm run test:one`, the benchmark's children (bench/) and the reproduction's
// drivers (scripts/reproduce/). Node bundles target the Node the package supports (20); browser
// bundles (the webview, the reproduction's figure page) the Chromium of current editors.
import * as esbuild from 'esbuild';

/** A bundle run by Node: CommonJS unless an entry asks for ESM. */
export const NODE_BUNDLE = { bundle: true, platform: 'node', format: 'cjs', target: 'node20' };
/** A bundle loaded by a web page: one self-running script. */
export const BROWSER_BUNDLE = { bundle: true, platform: 'browser', format: 'iife', target: 'es2022' };

/**
 * Bundles ENTRY (and what it imports) into OUTFILE for Node, printing only warnings and errors;
 * `settings` adds to or overrides NODE_BUNDLE (e.g. BROWSER_BUNDLE, `external`, `format`).
 */
export function bundleFile(entry, outfile, settings = {}) {
	return esbuild.build({ ...NODE_BUNDLE, entryPoints: [entry], outfile, logLevel: 'warning', ...settings });
}
