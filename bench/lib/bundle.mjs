// The benchmark's TypeScript children (bench/model.ts, bench/server.ts), bundled with the src/ they
// import: the benchmark runs the engine as the product ships it, without a compile step.
import { join } from 'node:path';
import { bundleFile } from '../../scripts/bundle.mjs';
import { root } from './child.mjs';

const built = new Map();

/**
 * Bundles bench/NAME.ts once per run into CACHE/NAME.mjs and returns that path. The banner gives
 * the ESM bundle what CommonJS code expects: a `require`, which the CommonJS packages it inlines
 * (vscode-jsonrpc) use for Node's built-in modules, and `__dirname`, from which the test helpers
 * it imports find the repository (test/support/datasets.ts).
 */
export async function benchBundle(name, cache) {
	if (!built.has(name)) {
		const outfile = join(cache, `${name}.mjs`);
		await bundleFile(join(root, 'bench', `${name}.ts`), outfile, {
			format: 'esm',
			banner: {
				js: [
					"import { createRequire as __benchCreateRequire } from 'node:module';",
					"import { dirname as __benchDirname } from 'node:path';",
					"import { fileURLToPath as __benchFileURLToPath } from 'node:url';",
					'const require = __benchCreateRequire(import.meta.url);',
					'const __filename = __benchFileURLToPath(import.meta.url);',
					'const __dirname = __benchDirname(__filename);',
				].join('\n'),
			},
		});
		built.set(name, outfile);
	}
	return built.get(name);
}
