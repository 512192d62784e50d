/**
 * Entry of the smoke suite for the installed VSIX (the @vscode/test-electron contract: export
 * run()). Loaded by VS Code's extension host beside an empty development extension (harness/), so
 * the Collective Fairness under test is the copy code-server installed from the VSIX. Runs every
 * *.test.js beside it and prints the closing count test/e2e/vsix.ts reads.
 */
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
	return runMochaSuite(__dirname, 'vsix-exthost');
}
