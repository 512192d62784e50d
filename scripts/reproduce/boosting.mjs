// `node scripts/reproduce/boosting.mjs [--report-only]` (after npm run build): bundles the boosting
// section's driver (scripts/reproduce/boosting.ts) with esbuild, as run.mjs does, and runs it from
// the repository root.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFile } from '../bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const outfile = join(root, 'out', 'reproduce', 'boosting.js');

await bundleFile(join(here, 'boosting.ts'), outfile);
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, REPRODUCE_ROOT: root },
});
process.exit(result.status ?? 1);
