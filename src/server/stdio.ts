/**
 * The stdio transport of the language server (`node dist/server.js --stdio`), with one change
 * from vscode-jsonrpc's default: broken message framing ends the process. The stock reader
 * reports a header without a Content-Length, or `Content-Length: abc`, and then keeps waiting on
 * the same broken buffer: the server stayed alive but never answered again, and logged nothing.
 * A client restarts a server that exits, so exiting, with the reason on stderr, is the recovery.
 */
import { StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/** Exit code after a framing error: not 0, so clients treat it as a crash and restart. */
export const EXIT_FRAMING_ERROR = 3;

export interface StdioTransport {
	readonly reader: MessageReader;
	readonly writer: MessageWriter;
}

/** The transport when started with --stdio, else undefined (IPC, sockets: the library's own). */
export function stdioTransport(
	argv: readonly string[] = process.argv,
	shutdownReceived: () => boolean = () => false,
): StdioTransport | undefined {
	if (!argv.slice(2).includes('--stdio')) {
		return undefined;
	}
	const reader = new StreamMessageReader(process.stdin);
	const writer = new StreamMessageWriter(process.stdout);
	reader.onError((error) => {
		process.stderr.write(
			`collective-fairness server: broken message on stdin (${error.message.split('\n', 1)[0]}); exiting so that the client restarts the server\n`,
		);
		process.exit(EXIT_FRAMING_ERROR);
	});
	// The library ends the process when stdin closes only for streams it opened itself.
	const end = (): void => process.exit(shutdownReceived() ? 0 : 1);
	process.stdin.on('end', end);
	process.stdin.on('close', end);
	return { reader, writer };
}
