/**
 * `collective-fairness`: the engine headless, for scripts and CI. Exit codes: 0 ok, 1 a fairness
 * gate failed, 2 usage or input error, 130 cancelled.
 */
import type { Command } from './command';
import { EXIT_CANCELLED, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import { profileCommand } from './commands/profile';
import { auditCommand } from './commands/audit';
import { generateCommand } from './commands/generate';
import { simulateCommand } from './commands/simulate';
import { compareCommand } from './commands/compare';
import { workerCommand } from './commands/worker';

const commands: readonly Command[] = [profileCommand, auditCommand, simulateCommand, compareCommand, generateCommand, workerCommand];

import { VERSION } from '../shared/version';
import { cellForTerminal, forTerminal, printErr, printOut } from './terminal';

function usage(): string {
	const width = Math.max(...commands.map((c) => c.name.length));
	return `collective-fairness ${VERSION} — group-fairness audits and minority collective action, from the command line

Usage: collective-fairness <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run 'collective-fairness <command> --help' for a command's options.
Exit codes: 0 ok, 1 fairness gate failed, 2 usage or input error, 130 cancelled (Ctrl-C).`;
}

/** Input errors we expect and explain in one line (no stack trace). */
const EXPECTED_ERRORS = new Set([
	'UsageError',
	'CsvError',
	'SidecarError',
	'RolesError',
	'ProtectedFileError',
	'OutputRefusedError',
	'OutputWriteError',
	'InputError',
	'RangeError',
	'QueueError',
]);

export async function main(argv: readonly string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
		printOut(`${usage()}\n`);
		return name === undefined ? EXIT_USAGE : EXIT_OK;
	}
	if (name === '--version' || name === '-v') {
		printOut(`${VERSION}\n`);
		return EXIT_OK;
	}
	const command = commands.find((c) => c.name === name);
	if (command === undefined) {
		printErr(`collective-fairness: unknown command '${cellForTerminal(name)}'\n\n${usage()}\n`);
		return EXIT_USAGE;
	}
	if (rest.includes('--help') || rest.includes('-h')) {
		printOut(`${command.help}\n`);
		return EXIT_OK;
	}
	try {
		return await command.run(rest);
	} catch (e) {
		const err = e instanceof Error ? e : new Error(String(e));
		const nodeCode = (err as NodeJS.ErrnoException).code;
		if (err.name === 'AbortError') {
			// Ctrl-C during a simulation: the user asked for it, so no stack trace and no "report this".
			printErr(`collective-fairness ${name}: cancelled\n`);
			return EXIT_CANCELLED;
		}
		if (
			err instanceof UsageError ||
			(err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
			(typeof nodeCode === 'string' && nodeCode.startsWith('ERR_PARSE_ARGS'))
		) {
			printErr(`collective-fairness ${name}: ${forTerminal(err.message)}\nRun 'collective-fairness ${name} --help' for usage.\n`);
		} else if (EXPECTED_ERRORS.has(err.name) || nodeCode === 'ENOENT' || nodeCode === 'EACCES' || nodeCode === 'EISDIR') {
			printErr(`collective-fairness ${name}: ${forTerminal(err.message)}\n`);
		} else {
			printErr(`collective-fairness ${name}: internal error: ${err.stack ?? err.message}\nPlease report this with the command you ran.\n`);
		}
		return EXIT_USAGE;
	}
}

if (require.main === module) {
	void main(process.argv.slice(2)).then((code) => {
		process.exitCode = code;
	});
}
