/** The shape of one CLI command; main.ts holds the table of them. */
export interface Command {
	readonly name: string;
	/** One line for the command list. */
	readonly summary: string;
	/** Full --help text. */
	readonly help: string;
	/** The flags it accepts (without the leading --), each of which its help must name; absent when it parses its own. */
	readonly flags?: readonly string[];
	/** Runs with the arguments after the command name; resolves to the exit code. */
	run(args: readonly string[]): Promise<number>;
}
