/**
 * Element construction with text only: every string, above all those from the CSV (column names,
 * group values), goes in through textContent, so markup in a header is shown, never parsed.
 * There is deliberately no helper that sets innerHTML.
 */
type Attrs = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	attrs: Attrs = {},
	...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
	const node = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs)) {
		if (v !== undefined) {
			node.setAttribute(k, v);
		}
	}
	for (const c of children) {
		node.append(typeof c === 'string' ? document.createTextNode(c) : c);
	}
	return node;
}

export function clear(node: Element): void {
	node.replaceChildren();
}

/** A table of text cells (header row + body); `cell` may turn a cell's text into nodes (still text only). */
export function textTable(
	caption: string,
	columns: readonly string[],
	rows: ReadonlyArray<readonly string[]>,
	cell: (text: string) => Array<Node | string> = (t) => [t],
): HTMLTableElement {
	const head = el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, ...cell(c))));
	const body = rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, ...cell(c)))));
	return el('table', { class: 'data-table' }, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body));
}
