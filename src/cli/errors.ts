/** Exit codes of the `collective-fairness` CLI, for scripts and CI. */
export const EXIT_OK = 0;
/** A fairness gate (--max-eqod, --max-spd) failed. */
export const EXIT_GATE_FAILED = 1;
/** Bad usage or bad input (unreadable file, malformed CSV under --on-bad-row fail, bad roles). */
export const EXIT_USAGE = 2;
/** Cancelled by the user (Ctrl-C): 128 + SIGINT, as shells report it. */
export const EXIT_CANCELLED = 130;

/** A problem with how the command was called; printed with a hint to --help. */
export class UsageError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UsageError';
	}
}
