// `npm run test:one FILE.test.ts`: runs one test file in seconds, without the full type check and
// compile of `npm test`. esbuild bundles the file (and the sources it imports) to the path tsc would
// give it under out/, so paths the test builds from __dirname still point at the repository; npm
// packages stay external. Tests that drive dist/ (the CLI, the server) need `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFile } from './bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const files = process.argv.slice(2);
if (files.length === 0) {
	process.stderr.write('usage: npm run test:one -- test/<tier>/…/NAME.test.ts [more files]\n');
	process.exit(2);
}
const outputs = [];
for (const file of files) {
	const source = resolve(file);
	if (!existsSync(source) || !source.endsWith('.ts')) {
		process.stderr.write(`test:one: ${file} is not a TypeScript test file\n`);
		process.exit(2);
	}
	const outfile = join(root, 'out', relative(root, source)).replace(/\.ts$/, '.js');
	await bundleFile(source, outfile, { packages: 'external', sourcemap: true });
	outputs.push(outfile);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', ...outputs], { stdio: 'inherit', cwd: root });
process.exit(run.status ?? 1);
