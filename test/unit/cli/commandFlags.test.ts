/**
 * Every flag a dataset command accepts is named in its --help: a flag parsed but never described
 * (profile's `--top` was accepted and ignored) is either documented or removed, never silent.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditCommand } from '../../../src/cli/commands/audit';
import { compareCommand } from '../../../src/cli/commands/compare';
import { profileCommand } from '../../../src/cli/commands/profile';
import { simulateCommand } from '../../../src/cli/commands/simulate';

describe('cli: every accepted flag is in its help', () => {
	for (const command of [profileCommand, auditCommand, simulateCommand, compareCommand]) {
		it(`${command.name}`, () => {
			const flags = command.flags ?? [];
			assert.ok(flags.length > 5, `${command.name} declares its flags`);
			const undocumented = flags.filter((f) => !new RegExp(`--${f}(?![\\w-])`).test(command.help));
			assert.deepEqual(undocumented, [], `${command.name} --help does not name ${undocumented.map((f) => `--${f}`).join(', ')}`);
		});
	}
});
