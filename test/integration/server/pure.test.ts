/** The pure pieces of the server: locating a column in CSV text, and the hover text. */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fieldAtOffset, LineIndex, recordFields, recordStartLine } from '../../../src/server/locate';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bar, formatHover, sparkline } from '../../../src/server/hoverText';
import { profileColumn } from '../../../src/core/profile';

void describe('locate', () => {
	const text = 'a,b,c\n1,"x,\ny",3\n4,5,6\n';
	void it('counts delimiters outside quotes, across a multi-line field', () => {
		assert.equal(fieldAtOffset(text, 6, text.indexOf('y'), ','), 1);
		assert.equal(fieldAtOffset(text, 6, text.indexOf('3'), ','), 2);
		assert.equal(fieldAtOffset(text, 0, text.indexOf('5'), ','), 1); // a new record resets the count
		assert.deepEqual(recordFields(text, 0, ','), [
			{ start: 0, end: 1 },
			{ start: 2, end: 3 },
			{ start: 4, end: 5 },
		]);
	});
	void it('finds the record start line from the row map', () => {
		const rowLines = Int32Array.from([2, 4]);
		assert.deepEqual(
			[1, 2, 3, 4].map((l) => recordStartLine(rowLines, l)),
			[1, 2, 2, 4],
		);
		assert.equal(recordStartLine(rowLines, 50_000), 50_000); // far past the parsed rows: assume single-line
	});
});

void describe('hover text', () => {
	void it('draws bars in eighths and sparklines scaled to the tallest bin', () => {
		assert.equal(bar(0.5, 4), '██  ');
		assert.equal(bar(1 / 32, 4), '▏   ');
		assert.equal(sparkline([0, 1, 2, 4]), ' ▃▅█');
	});
	void it('summarises a categorical column with its top values', () => {
		const codes = Int32Array.from([0, 0, 0, 1, -1]);
		const p = profileColumn({ kind: 'categorical', name: 'colour|x', codes, levels: ['red', 'blue'], missing: 1 }, 5, { topValues: 5 });
		assert.equal(
			formatHover({ profile: p, index: 1, columns: 3 }),
			[
				'**colour\\|x** — binary · column 2 of 3',
				'5 rows · 1 missing (20.0%) · 2 distinct',
				'```text\nred   █████████     75.0%\nblue  ███           25.0%\n```',
			].join('\n\n'),
		);
	});
	void it('summarises a numeric column with quantiles and a histogram', () => {
		const p = profileColumn({ kind: 'numeric', name: 'age', values: Float64Array.from([20, 30, 40, 50, 60]), missing: 0 }, 5, {
			histogramBins: 4,
		});
		const v = formatHover({ profile: p, index: 0, columns: 1, role: { kind: 'feature' } });
		assert.match(v, /^\*\*age\*\* — numeric · column 1 of 1 · feature/);
		assert.match(v, /min 20 · p25 30 · median 40 · p75 50 · max 60 · mean 40/);
		assert.match(v, /```text\n▅▅▅█ {2}20 … 60\n```/);
	});
});

void describe('LineIndex', () => {
	void it("gives TextDocument.offsetAt's offsets for LF, CR and CRLF text, surrogates and out-of-range positions", () => {
		// A seeded mix of line endings, surrogate pairs and empty lines.
		let seed = 12345;
		const next = (n: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return seed % n;
		};
		const pieces = ['a', 'bc', '😀', 'x,y', '"q"', ''];
		const breaks = ['\n', '\r', '\r\n'];
		let text = '';
		for (let i = 0; i < 400; i++) {
			text += pieces[next(pieces.length)]!.repeat(next(4)) + breaks[next(breaks.length)]!;
		}
		text += 'tail without a break';
		const doc = TextDocument.create('file:///x.csv', 'csv', 1, text);
		const index = new LineIndex(text);
		for (let q = 0; q < 3000; q++) {
			const position = { line: next(420) - 5, character: next(30) - 3 };
			assert.equal(index.offsetAt(position), doc.offsetAt(position), JSON.stringify(position));
		}
	});
});
