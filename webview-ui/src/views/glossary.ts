/** The glossary section: every term with its definition, formula and docs/methods.md section. */
import { GLOSSARY } from '../../../src/shared/glossary';
import { el } from './dom';

export function glossarySection(): HTMLElement {
	const items = GLOSSARY.flatMap((e) => [
		el('dt', { id: `term-${e.terms[0]!.replace(/[^\w-]/g, '_')}` }, e.terms.join(', ')),
		el(
			'dd',
			{},
			e.definition,
			...(e.formula !== undefined ? [' ', el('code', {}, e.formula)] : []),
			el('span', { class: 'hint' }, ` — docs/methods.md ${e.methods}`),
		),
	]);
	return el('details', { class: 'glossary', id: 'glossary' }, el('summary', {}, 'Glossary: what the terms mean'), el('dl', {}, ...items));
}
