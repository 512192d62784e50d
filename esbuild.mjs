// Bundles every entry point: the extension host, the language server, the CLI, the simulation
// worker (node / cjs) and the webview (browser / iife). A missing entry is an error naming it (exit
// 1, nothing built): skipping it would ship a package without that bundle.
// test/integration/cli/build.test.ts runs this script where no entry exists.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { BROWSER_BUNDLE, NODE_BUNDLE } from './scripts/bundle.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every bundle of the package: its entry, its file under dist/, and how it runs (Node or the webview). */
const entries = [
	{ in: 'src/extension.ts', out: 'extension', settings: { ...NODE_BUNDLE, external: ['vscode'] } },
	{ in: 'src/server/server.ts', out: 'server', settings: NODE_BUNDLE },
	{ in: 'src/cli/main.ts', out: 'cli', settings: { ...NODE_BUNDLE, banner: { js: '#!/usr/bin/env node' } } },
	{ in: 'src/runner/simulationWorker.ts', out: 'simulationWorker', settings: NODE_BUNDLE },
	{ in: 'webview-ui/src/main.ts', out: 'webview/main', settings: BROWSER_BUNDLE },
];

const missing = entries.filter((e) => !existsSync(e.in));
if (missing.length > 0) {
	console.error(
		`esbuild.mjs: missing entry point${missing.length > 1 ? 's' : ''} ${missing.map((e) => e.in).join(', ')} (from ${process.cwd()})`,
	);
	process.exit(1);
}

const common = { sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const contexts = [];
for (const e of entries) {
	contexts.push(await esbuild.context({ ...common, ...e.settings, entryPoints: [e.in], outfile: `dist/${e.out}.js` }));
}
if (watch) {
	await Promise.all(contexts.map((c) => c.watch()));
} else {
	await Promise.all(contexts.map((c) => c.rebuild()));
	await Promise.all(contexts.map((c) => c.dispose()));
}
