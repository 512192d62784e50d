/**
 * The body both extension-host suites share (test/exthost and test/exthost-installed): the
 * @vscode/test-electron contract wants a run() that resolves when the tests pass. Runs every
 * *.test.js in `dir` with mocha (tdd) and prints `<label>: N passed, N failed`, the closing line
 * the runners in test/e2e read.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMochaSuite(dir: string, label: string): Promise<void> {
	// Generous per-test timeout: the CI machine is shared and the server runs real fits.
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 180_000 });
	for (const f of readdirSync(dir).sort()) {
		if (f.endsWith('.test.js')) {
			mocha.addFile(path.join(dir, f));
		}
	}
	let passed = 0;
	return new Promise((resolve, reject) => {
		mocha
			.run((failures) => {
				console.log(`${label}: ${passed} passed, ${failures} failed`);
				if (failures > 0) {
					reject(new Error(`${failures} tests failed`));
				} else {
					resolve();
				}
			})
			.on('pass', () => passed++);
	});
}
