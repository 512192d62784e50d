/**
 * Property: a random table (text with delimiters, quotes, line breaks and non-ASCII; numbers;
 * missing cells) written in a random dialect (delimiter, quoting style, line ending, BOM, UTF-8 or
 * UTF-16, trailing newline) and fed in random chunk sizes parses back to the same table.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CsvIngest, cellText, DEFAULT_MISSING_TOKENS } from '../../../../src/core/csv/index';
import { encodeUtf16 } from './utf16';

type Cell = string | number | null;
interface TableSpec {
	kinds: Array<'number' | 'text'>;
	rows: Cell[][];
}

const NUMERIC = /^[+-]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const CHARS = ['a', 'b', 'Z', ' ', ',', ';', '\t', '|', '"', '\n', '\r', '\r\n', '0', '7', '.', '-', 'é', '€', '😀', 'ß', '<', '='];

const text: fc.Arbitrary<Cell> = fc.array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 8 }).map((parts) => {
	const s = parts.join('');
	// Texts that would read as numbers or missing tokens are not "text": prefix them.
	return NUMERIC.test(s.trim()) || DEFAULT_MISSING_TOKENS.includes(s.trim()) ? `k${s}` : s;
});
const number: fc.Arbitrary<Cell> = fc.double({ noNaN: true, noDefaultInfinity: true });

const table: fc.Arbitrary<TableSpec> = fc
	.tuple(fc.array(fc.constantFrom<'number' | 'text'>('number', 'text'), { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 12 }))
	.chain(([kinds, rowCount]) =>
		fc
			.array(fc.tuple(...kinds.map((kind) => fc.option<Cell>(kind === 'number' ? number : text, { freq: 5, nil: null }))), {
				minLength: rowCount,
				maxLength: rowCount,
			})
			.map((rows) => ({ kinds, rows: rows as Cell[][] })),
	);

interface DialectSpec {
	delimiter: ',' | ';' | '\t' | '|';
	quoting: 'all' | 'minimal' | 'any-delimiter';
	lineEnding: '\n' | '\r\n' | '\r';
	encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
	trailingNewline: boolean;
	missingAs: '' | 'NA';
}

const dialect: fc.Arbitrary<DialectSpec> = fc.record({
	delimiter: fc.constantFrom(',', ';', '\t', '|'),
	quoting: fc.constantFrom('all', 'minimal', 'any-delimiter'),
	lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
	encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
	trailingNewline: fc.boolean(),
	missingAs: fc.constantFrom('', 'NA'),
});

function writeField(value: string, d: DialectSpec): string {
	const needs =
		d.quoting === 'all' ||
		/["\r\n]/.test(value) ||
		value.includes(d.delimiter) ||
		value.trim() !== value ||
		(d.quoting === 'any-delimiter' && /[,;\t|]/.test(value));
	return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

function writeCsv(spec: TableSpec, d: DialectSpec): Uint8Array {
	const lines = [spec.kinds.map((_, j) => writeField(`c${j}`, d)).join(d.delimiter)];
	for (const row of spec.rows) {
		lines.push(
			row
				.map((cell) => {
					if (cell === null) {
						// An empty line would be a blank line, not a row: one-column tables quote it.
						return d.missingAs === '' && spec.kinds.length === 1 ? '""' : d.missingAs;
					}
					return writeField(String(cell), d);
				})
				.join(d.delimiter),
		);
	}
	const body = lines.join(d.lineEnding) + (d.trailingNewline ? d.lineEnding : '');
	if (d.encoding === 'utf-8' || d.encoding === 'utf-8-bom') {
		const bytes = new TextEncoder().encode(body);
		return d.encoding === 'utf-8' ? bytes : new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
	}
	return encodeUtf16(body, d.encoding === 'utf-16be');
}

describe('CSV round trip (property)', () => {
	it('parses a written table back to the same table', () => {
		fc.assert(
			fc.property(table, dialect, fc.integer({ min: 1, max: 64 }), (spec, d, chunkSize) => {
				const bytes = writeCsv(spec, d);
				// Minimal quoting leaves other delimiters bare, which can be genuinely ambiguous: name it.
				const ingest = new CsvIngest(d.quoting === 'minimal' ? { delimiter: d.delimiter } : {});
				for (let at = 0; at < bytes.length; at += chunkSize) {
					ingest.push(bytes.subarray(at, at + chunkSize));
				}
				const result = ingest.finish();
				assert.deepEqual(
					result.issues.filter((i) => i.code !== 'header-only'),
					[],
				);
				assert.deepEqual(
					result.header,
					spec.kinds.map((_, j) => `c${j}`),
				);
				assert.equal(result.table.rowCount, spec.rows.length);
				spec.kinds.forEach((kind, j) => {
					const column = result.table.columns[j]!;
					const hasText = kind === 'text' && spec.rows.some((row) => row[j] !== null);
					assert.equal(column.kind, hasText ? 'categorical' : 'numeric', `column ${j}`);
					const expected = spec.rows.map((row) => (row[j] === null ? undefined : String(row[j])));
					const actual = spec.rows.map((_, i) => cellText(column, i));
					assert.deepEqual(actual, expected, `column ${j}`);
				});
			}),
			{ numRuns: 300, seed: 20250101 },
		);
	});
});
