/**
 * Entry of the extension-host suite (the @vscode/test-electron contract: export run()). Loaded by
 * VS Code's extension host; runs every *.test.js beside it with mocha (tdd) and prints the
 * closing count the runner repeats as its last line.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
	// Generous per-test timeout: the CI machine is shared and the server runs real fits.
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 180_000 });
	for (const f of readdirSync(__dirname).sort()) {
		if (f.endsWith('.test.js')) {
			mocha.addFile(path.join(__dirname, f));
		}
	}
	let passed = 0;
	return new Promise((resolve, reject) => {
		mocha
			.run((failures) => {
				console.log(`exthost: ${passed} passed, ${failures} failed`);
				if (failures > 0) {
					reject(new Error(`${failures} tests failed`));
				} else {
					resolve();
				}
			})
			.on('pass', () => passed++);
	});
}
