// Bundles every entry point: the extension host, the language server, the CLI, the simulation
// worker (node / cjs) and the webview (browser / iife). A missing entry is an error naming it (exit
// 1, nothing built): skipping it would ship a package without that bundle.
// test/integration/cli/build.test.ts runs this script where no entry exists.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const nodeEntries = [
	{ in: 'src/extension.ts', out: 'extension', external: ['vscode'] },
	{ in: 'src/server/server.ts', out: 'server', external: [] },
	{ in: 'src/cli/main.ts', out: 'cli', external: [], banner: '#!/usr/bin/env node' },
	{ in: 'src/runner/simulationWorker.ts', out: 'simulationWorker', external: [] },
];
const browserEntries = [{ in: 'webview-ui/src/main.ts', out: 'webview/main' }];

const missing = [...nodeEntries, ...browserEntries].filter((e) => !existsSync(e.in));
if (missing.length > 0) {
	console.error(
		`esbuild.mjs: missing entry point${missing.length > 1 ? 's' : ''} ${missing.map((e) => e.in).join(', ')} (from ${process.cwd()})`,
	);
	process.exit(1);
}

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const contexts = [];
for (const e of nodeEntries) {
	contexts.push(
		await esbuild.context({
			...common,
			entryPoints: [e.in],
			outfile: `dist/${e.out}.js`,
			platform: 'node',
			format: 'cjs',
			target: 'node20',
			external: e.external,
			banner: e.banner ? { js: e.banner } : undefined,
		}),
	);
}
for (const e of browserEntries) {
	contexts.push(
		await esbuild.context({
			...common,
			entryPoints: [e.in],
			outfile: `dist/${e.out}.js`,
			platform: 'browser',
			format: 'iife',
			target: 'es2022',
		}),
	);
}
if (watch) {
	await Promise.all(contexts.map((c) => c.watch()));
} else {
	await Promise.all(contexts.map((c) => c.rebuild()));
	await Promise.all(contexts.map((c) => c.dispose()));
}
