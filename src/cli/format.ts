/** Plain-text rendering for the CLI: aligned tables and numbers with their intervals. */
import type { Figure, Interval } from '../core/figure';
import { cellForTerminal } from './terminal';

/** Renders rows as an aligned table; the first row is the header. Numbers right-aligned. */
export function renderTable(rawRows: ReadonlyArray<readonly string[]>): string {
	// Cells may hold names and values from the file: escaped first, so the widths are what is shown.
	const rows = rawRows.map((row) => row.map(cellForTerminal));
	const widths: number[] = [];
	for (const row of rows) {
		row.forEach((cell, j) => {
			widths[j] = Math.max(widths[j] ?? 0, cell.length);
		});
	}
	const isNumeric = (s: string): boolean => /^[-+]?[\d.,]+%?( \[.*\])?$/.test(s);
	return rows
		.map((row, i) => {
			const line = row
				.map((cell, j) => (i > 0 && j > 0 && isNumeric(cell) ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!)))
				.join('  ')
				.trimEnd();
			return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
		})
		.join('\n');
}

/** A figure with its interval, e.g. `0.084 [0.061, 0.109]`, or `n/a` for an undefined figure. */
export function formatFigure(figure: Figure | undefined, interval?: Interval, digits = 3): string {
	if (figure === undefined || figure.value === null) {
		return 'n/a';
	}
	const v = figure.value.toFixed(digits);
	return interval === undefined ? v : `${v} [${interval.lo.toFixed(digits)}, ${interval.hi.toFixed(digits)}]`;
}

export function plural(n: number, word: string): string {
	return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
