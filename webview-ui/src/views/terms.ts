/**
 * Text with its jargon explained in place: every glossary term in a string becomes an <abbr>
 * whose title is the definition and formula (a tooltip on hover, read by screen readers), the
 * rest stays plain text. Strings from the CSV pass through here too, as text nodes only.
 */
import { findTerms, tooltipOf } from '../../../src/shared/glossary';
import { el } from './dom';

export function withTerms(text: string): Array<Node | string> {
	const out: Array<Node | string> = [];
	let at = 0;
	for (const t of findTerms(text)) {
		if (t.start > at) {
			out.push(text.slice(at, t.start));
		}
		out.push(el('abbr', { class: 'term', title: tooltipOf(t.entry), 'data-term': t.entry.terms[0] }, text.slice(t.start, t.end)));
		at = t.end;
	}
	if (at < text.length) {
		out.push(text.slice(at));
	}
	return out;
}

/** An element of the given tag holding `text` with its terms explained. */
export function termText<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Record<string, string | undefined>,
	text: string,
): HTMLElementTagNameMap[K] {
	return el(tag, attrs, ...withTerms(text));
}
