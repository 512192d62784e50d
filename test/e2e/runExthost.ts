/**
 * Runs the mocha suite of test/exthost inside code-server's Node extension host (the
 * @vscode/test-electron model): the workbench gets our folder as a development extension and
 * out/test/exthost/index.js as extensionTestsPath; the suite's console reaches us through VS
 * Code's automation hook codeAutomationLog, its exit code through codeAutomationExit. Needs a
 * running code-server (.ci/code-server.sh start). Closing line: `exthost: N passed, N failed`.
 */
import * as path from 'node:path';
import { format } from 'node:util';
import { freshWorkspace, interesting, launch, openWorkbench, ROOT, runSuite } from './workbench';

const TIMEOUT_MS = Number(process.env.EXTHOST_TEST_TIMEOUT_MS ?? 900_000);

async function main(): Promise<number> {
	const t0 = Date.now();
	const folder = freshWorkspace('exthost');
	const browser = await launch();
	let summary: string | undefined;
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
		let exited: (code: number | string) => void = () => undefined;
		const done = new Promise<number | string>((r) => (exited = r));
		await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
			// eslint-disable-next-line no-control-regex
			const line = format(...(args ?? [])).replace(/\x1b\[[0-9;]*m/g, '');
			if (/^exthost: \d+ passed, \d+ failed/.test(line)) {
				summary = line;
			} else if (interesting(line)) {
				console.log(line);
			}
		});
		await page.exposeFunction('codeAutomationExit', (code: number) => exited(code));
		await openWorkbench(page, { folder, devExt: ROOT, testsPath: path.join(ROOT, 'out', 'test', 'exthost', 'index.js') });
		const code = await Promise.race([done, new Promise<string>((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
		console.log(`extension host exited with ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
		return code === 0 ? 0 : 1;
	} finally {
		await browser.close();
		console.log(summary ?? 'exthost: 0 passed, 1 failed (the suite did not report; see above)');
	}
}

runSuite('exthost', main);
