// Command-line options of the benchmark scripts that take `--name value` pairs.

/** The value after FLAG in ARGV, or undefined when FLAG is absent. */
export function valueOf(argv, flag) {
	const at = argv.indexOf(flag);
	return at >= 0 ? argv[at + 1] : undefined;
}

/** Prints "SCRIPT: MESSAGE" on stderr and exits 2 (a usage error, before anything ran). */
export function usageError(script, message) {
	console.error(`${script}: ${message}`);
	process.exit(2);
}
