/**
 * `npm run test:e2e` (and .ci/run): starts code-server (.ci/code-server.sh), runs the
 * extension-host suite and the UI end-to-end test against it, stops it whatever happens, and
 * exits non-zero if either failed. Each runner prints its own closing `N passed, N failed` line;
 * this prints their exit codes. Expects a build (npm run build) and compiled tests (tsc -p test).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { PORT, ROOT } from './workbench';

function sh(...args: string[]): number {
	return (
		spawnSync('bash', [path.join(ROOT, '.ci', 'code-server.sh'), ...args], {
			cwd: ROOT,
			stdio: 'inherit',
			env: { ...process.env, CS_PORT: PORT },
		}).status ?? 1
	);
}

function run(script: string, env: NodeJS.ProcessEnv): number {
	const t0 = Date.now();
	const r = spawnSync(process.execPath, [path.join(__dirname, script)], { cwd: ROOT, stdio: 'inherit', env });
	console.log(`[e2e] ${script} exited ${r.status ?? r.signal} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return r.status ?? 1;
}

function main(): number {
	if (sh('start') !== 0) {
		console.log('exthost: 0 passed, 1 failed (code-server did not start)');
		return 1;
	}
	try {
		// Chromium writes to $HOME/.config and $TMPDIR: keep both inside the run's own directories.
		const home = path.join(ROOT, '.vscode-test', 'code-server', 'home');
		const tmp = process.env.CS_TMP ?? `/tmp/vsc-${PORT}`;
		mkdirSync(home, { recursive: true });
		mkdirSync(tmp, { recursive: true });
		const env = { ...process.env, CS_PORT: PORT, HOME: home, TMPDIR: tmp };
		const exthost = run('runExthost.js', env);
		const ui = run('ui.e2e.js', env);
		return exthost === 0 && ui === 0 ? 0 : 1;
	} finally {
		sh('stop');
	}
}

process.exit(main());
