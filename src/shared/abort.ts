/**
 * The one way a cancelled run fails, in every layer that runs one (the engine, the worker pool, the
 * queue, the language server, the CLI): an Error named 'AbortError', as the platform's
 * AbortController uses, whose message says what stopped. Callers tell a cancel from a failure by
 * that name ({@link isAbortError}), never by the message.
 *
 * Dependency-free in src/shared so the extension host (the fairness panel) uses the same helper
 * without importing the engine; src/core/abort.ts re-exports it for the engine's callers.
 */
export function abortError(message = 'cancelled'): Error {
	const e = new Error(message);
	e.name = 'AbortError';
	return e;
}

export function isAbortError(e: unknown): boolean {
	return e instanceof Error && e.name === 'AbortError';
}

/** Throws {@link abortError} with `message` once the signal is set. */
export function throwIfAborted(signal: { readonly aborted: boolean } | undefined, message?: string): void {
	if (signal?.aborted === true) {
		throw abortError(message);
	}
}
