/**
 * Entry of the smoke suite for the installed VSIX (the @vscode/test-electron contract: export
 * run()). Loaded by VS Code's extension host beside an empty development extension (harness/), so
 * the Collective Fairness under test is the copy code-server installed from the VSIX. Runs every
 * *.test.js beside it and prints the closing count test/e2e/vsix.ts reads.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
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
				console.log(`vsix-exthost: ${passed} passed, ${failures} failed`);
				if (failures > 0) {
					reject(new Error(`${failures} tests failed`));
				} else {
					resolve();
				}
			})
			.on('pass', () => passed++);
	});
}
