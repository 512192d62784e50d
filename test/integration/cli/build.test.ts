/**
 * The build fails on a missing entry point instead of skipping it: a package without one of its
 * bundles must not be produced silently. esbuild.mjs resolves entries from its working directory,
 * so running it from an empty folder makes every entry missing, and nothing is written.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../support/datasets';

describe('esbuild.mjs', () => {
	it('exits 1 naming the missing entry points, and writes nothing', () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'cf-build-'));
		try {
			const r = spawnSync(process.execPath, [path.join(repoRoot, 'esbuild.mjs')], { cwd: dir, encoding: 'utf8' });
			assert.equal(r.status, 1, r.stderr);
			assert.match(r.stderr, /missing entry points src\/extension\.ts, src\/server\/server\.ts, src\/cli\/main\.ts/);
			assert.match(r.stderr, /webview-ui\/src\/main\.ts/);
			assert.equal(existsSync(path.join(dir, 'dist')), false);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
