/**
 * The panel's and the report's vocabulary, explained once: every term a chart, a table, a form
 * field or a sentence uses, with its formula and the section of docs/methods.md that derives it.
 * The panel puts the definition in a tooltip wherever a term appears and lists them all in a
 * glossary section; the report prints the same list. Dependency-free.
 */
import GLOSSARY_ENTRIES from './glossary.json';

export interface GlossaryEntry {
	/** The word as it appears on screen (the first is the entry's name). */
	readonly terms: readonly string[];
	readonly definition: string;
	readonly formula?: string;
	/** Section of docs/methods.md. */
	readonly methods: string;
}

/**
 * The entries are data, not code: prose with formulas, kept in glossary.json so that editing a
 * definition touches no logic (esbuild and tsc read JSON at build time). Typed here, so an entry
 * without its terms, definition or section fails the type check.
 */
export const GLOSSARY: readonly GlossaryEntry[] = GLOSSARY_ENTRIES;

/** The entry whose terms include `word` (case-sensitive first, then case-insensitive). */
export function lookup(word: string): GlossaryEntry | undefined {
	return GLOSSARY.find((e) => e.terms.includes(word)) ?? GLOSSARY.find((e) => e.terms.some((t) => t.toLowerCase() === word.toLowerCase()));
}

/** The tooltip text of an entry: definition, formula, where it is derived. */
export function tooltipOf(e: GlossaryEntry): string {
	return `${e.definition}${e.formula !== undefined ? ` Formula: ${e.formula}.` : ''} See docs/methods.md ${e.methods}.`;
}

let compiled: Array<{ re: RegExp; entry: GlossaryEntry }> | undefined;

/** One whole-word pattern per term, compiled once (tables run every cell through findTerms). */
function patterns(): Array<{ re: RegExp; entry: GlossaryEntry }> {
	compiled ??= GLOSSARY.flatMap((entry) =>
		entry.terms.map((term) => {
			const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			return { re: new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, term.length <= 2 ? 'gu' : 'giu'), entry };
		}),
	);
	return compiled;
}

/**
 * Glossary terms found in a text, longest first, as [start, end, entry] spans that do not
 * overlap. A term matches only as a whole word (so "M" is not found inside "Male"); words of
 * one or two letters ("M", "k", "DI") match only in their exact case.
 */
export function findTerms(text: string): Array<{ start: number; end: number; entry: GlossaryEntry }> {
	const candidates: Array<{ start: number; end: number; entry: GlossaryEntry }> = [];
	for (const { re, entry } of patterns()) {
		re.lastIndex = 0;
		for (const m of text.matchAll(re)) {
			candidates.push({ start: m.index, end: m.index + m[0].length, entry });
		}
	}
	candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
	const out: typeof candidates = [];
	for (const c of candidates) {
		if (out.length === 0 || c.start >= out[out.length - 1]!.end) {
			out.push(c);
		}
	}
	return out;
}
