/**
 * Entry of the extension-host suite (the @vscode/test-electron contract: export run()). Loaded by
 * VS Code's extension host; runs every *.test.js beside it with mocha (tdd) and prints the
 * closing count the runner repeats as its last line.
 */
import { runMochaSuite } from '../support/mochaSuite';

export function run(): Promise<void> {
	return runMochaSuite(__dirname, 'exthost');
}
