// `npm run reproduce` (after npm run build): bundles the driver (scripts/reproduce/reproduce.ts,
// for Node), the firm-side runner (compareRun.ts) and the figure page (figurePage.ts, for the
// browser) with esbuild, as bench/ does, then runs the driver from the repository root.
// Arguments are passed on (e.g. --report-only).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_BUNDLE, bundleFile } from '../bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outDir = join(root, 'out', 'reproduce');

await bundleFile(join(here, 'reproduce.ts'), join(outDir, 'reproduce.js'), { external: ['playwright-core'] });
await bundleFile(join(here, 'compareRun.ts'), join(outDir, 'compareRun.js'));
await bundleFile(join(here, 'figurePage.ts'), join(outDir, 'figurePage.js'), BROWSER_BUNDLE);
const result = spawnSync(process.execPath, [join(outDir, 'reproduce.js'), ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
	env: {
		...process.env,
		REPRODUCE_ROOT: root,
		REPRODUCE_FIGURE_PAGE: join(outDir, 'figurePage.js'),
		REPRODUCE_COMPARE_RUN: join(outDir, 'compareRun.js'),
	},
});
process.exit(result.status ?? 1);
