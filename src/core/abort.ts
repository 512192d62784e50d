/**
 * The engine's abort helper is the shared one (src/shared/abort.ts): one definition for the engine,
 * the pool, the server, the CLI and the extension host, which may not import src/core.
 */
export { abortError, isAbortError, throwIfAborted } from '../shared/abort';
