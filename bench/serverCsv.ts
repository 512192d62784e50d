/**
 * The CSV files the server benchmark (bench/server.ts) opens: each gets the sidecar naming its
 * roles, and the hovers are sent on random cells of it (seeded, so every run asks the same cells).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Writes the sidecar naming CSV's roles beside it (so the server analyses the file as the editor
 * would) and returns what the hovers need: the CSV's text, its URI and its line starts.
 */
export function withSidecar(
	csv: string,
	sensitive: { column: string; minority: string },
	label: { column: string; favourable: string },
): { text: string; uri: string; starts: Int32Array } {
	const sidecar = {
		version: 1,
		sensitive: { column: sensitive.column, minority: [sensitive.minority] },
		label: { column: label.column, favourable: [label.favourable] },
	};
	writeFileSync(csv.replace(/\.csv$/, '.fairness.json'), `${JSON.stringify(sidecar)}\n`);
	const text = readFileSync(csv, 'utf8');
	return { text, uri: pathToFileURL(csv).href, starts: lineStarts(text) };
}

/** Line start offsets of a text (and its length last), to pick random cells. */
function lineStarts(text: string): Int32Array {
	const starts: number[] = [0];
	for (let at = text.indexOf('\n'); at >= 0 && at + 1 < text.length; at = text.indexOf('\n', at + 1)) {
		starts.push(at + 1);
	}
	starts.push(text.length);
	return Int32Array.from(starts);
}

/** A seeded stream of random cells (line ≥ 1, a character inside that line). */
export function randomCells(starts: Int32Array, seed: number): () => { line: number; character: number } {
	let s = seed >>> 0;
	const rand = (): number => {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		return s / 4294967296;
	};
	const lines = starts.length - 1;
	return () => {
		const line = 1 + Math.floor(rand() * (lines - 1));
		const length = Math.max(1, starts[line + 1]! - starts[line]! - 1);
		return { line, character: Math.floor(rand() * length) };
	};
}
