/**
 * The one gate between the CLI and a terminal. Column names, values, file names and error
 * messages come from files a user may have downloaded; an ESC, BEL or OSC sequence among them
 * would clear the screen, set the window title or recolour text if printed raw. Every text the
 * CLI prints goes through here: control characters (C0 but the line feed, DEL, C1) and the
 * bidirectional overrides that reorder what is shown are replaced by a visible escape.
 */

/** C0 without \n, DEL, C1, line/paragraph separators and the bidi embedding/override/isolate marks. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** In one cell, a line break is as unsafe for the layout as any other control. */
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_IN_CELL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string): string => {
	const code = ch.charCodeAt(0);
	return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** Text for a terminal: every unsafe character shown as `\xNN` or `\uNNNN`; line feeds kept. */
export function forTerminal(text: string): string {
	return text.replace(UNSAFE, visible);
}

/** One value from a file (a column name, a cell) for a single line: line breaks escaped too. */
export function cellForTerminal(text: string): string {
	return text.replace(UNSAFE_IN_CELL, visible);
}

/**
 * JSON for a terminal: JSON.stringify already escapes C0, but not DEL, C1 (U+009B is a CSI on
 * some terminals) or the bidi marks; those become `\uNNNN` escapes, so the JSON is still valid
 * and parses to the same strings.
 */
export function jsonForTerminal(json: string): string {
	return json.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes text to standard output through {@link forTerminal}. */
export function printOut(text: string): void {
	process.stdout.write(forTerminal(text));
}

/** Writes text to standard error through {@link forTerminal}. */
export function printErr(text: string): void {
	process.stderr.write(forTerminal(text));
}

/** Writes a JSON document (already stringified) to standard output through {@link jsonForTerminal}. */
export function printJson(json: string): void {
	process.stdout.write(jsonForTerminal(json));
}
