import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CsvError, CsvIngest, cellText, parseCsv, type Column, type ParseResult } from '../../../../src/core/csv/index';
import { parseDecimal } from '../../../../src/core/csv/number';
import { firstInvalidUtf8, firstNonAscii } from '../../../../src/core/csv/decode';
import { encodeUtf16 } from './utf16';

const texts = (column: Column, rows: number): Array<string | undefined> => Array.from({ length: rows }, (_, i) => cellText(column, i));
const col = (result: ParseResult, name: string): Column => result.table.columns.find((c) => c.name === name)!;
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('parseDecimal', () => {
	const parse = (text: string): number => parseDecimal(bytesOf(text), 0, text.length);
	it('reads plain decimals exactly as Number() does', () => {
		for (const text of [
			'0',
			'-0.5',
			'3.14',
			'.5',
			'5.',
			'1e3',
			'-2.5E-3',
			'+7',
			'123456789012345678',
			'0.1',
			'1.7976931348623157e308',
			'4.9e-324',
		]) {
			assert.equal(parse(text), Number(text), text);
		}
	});
	it('rejects leading-zero codes, separators, words and overflow', () => {
		for (const text of [
			'007',
			'-01',
			'00.5',
			'1,234',
			'1 234',
			'1,5',
			'Infinity',
			'inf',
			'0x1A',
			'1e999',
			'',
			'-',
			'.',
			'e5',
			'1e',
			'1.2.3',
			'12a',
		]) {
			assert.ok(Number.isNaN(parse(text)), text);
		}
	});
});

describe('utf-8 helpers', () => {
	it('finds the first non-ASCII byte at any alignment', () => {
		const data = new Uint8Array(64);
		data.fill(0x41);
		for (let k = 0; k < 40; k++) {
			const copy = data.slice();
			copy[k + 5] = 0xc3;
			assert.equal(firstNonAscii(copy.subarray(3)), k + 2);
		}
		assert.equal(firstNonAscii(data.subarray(1, 30)), -1);
	});
	it('locates invalid UTF-8', () => {
		assert.equal(firstInvalidUtf8(bytesOf('héllo')), -1);
		assert.equal(firstInvalidUtf8(new Uint8Array([0x61, 0xc3, 0x28])), 1);
		assert.equal(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80])), 0); // surrogate
	});
});

describe('parseCsv: types', () => {
	it('makes numeric columns Float64Array with NaN only for missing cells', () => {
		const r = parseCsv('a,b\n1,x\nNA,y\n2.5,\n');
		const a = col(r, 'a');
		assert.equal(a.kind, 'numeric');
		assert.ok(a.kind === 'numeric' && a.values instanceof Float64Array);
		assert.deepEqual(texts(a, 3), ['1', undefined, '2.5']);
		assert.equal(a.missing, 1);
		const b = col(r, 'b');
		// Two levels: one byte a cell (core/csv/codes.ts).
		assert.ok(b.kind === 'categorical' && b.codes instanceof Int8Array);
		assert.deepEqual(b.kind === 'categorical' && Array.from(b.codes), [0, 1, -1]);
	});
	it('keeps leading-zero codes and thousands separators categorical', () => {
		const r = parseCsv('zip,amount\n02134,"1,234"\n10001,"5,000"\n');
		assert.equal(col(r, 'zip').kind, 'categorical');
		assert.equal(col(r, 'amount').kind, 'categorical');
	});
	it('keeps the original text of numbers when a column turns categorical late', () => {
		const r = parseCsv('v\n1.50\n1e3\n+4\n7\nabc\n');
		assert.deepEqual(texts(col(r, 'v'), 5), ['1.50', '1e3', '+4', '7', 'abc']);
	});
	it('honours custom missing tokens', () => {
		const r = parseCsv('a,b\n-999,x\n3,MISSING\n', { missingTokens: ['', '-999', 'MISSING'] });
		assert.deepEqual(texts(col(r, 'a'), 2), [undefined, '3']);
		assert.deepEqual(texts(col(r, 'b'), 2), ['x', undefined]);
		const defaults = parseCsv('a\nNA\nnull\nNone\n?\nNaN\nN/A\n""\n');
		assert.equal(defaults.table.columns[0]!.missing, 7);
	});
});

describe('parseCsv: dialect', () => {
	it('sniffs each delimiter, respecting quotes', () => {
		for (const delimiter of [',', ';', '\t', '|'] as const) {
			const other = delimiter === ',' ? ';' : ',';
			const text =
				['a', 'b', 'c'].join(delimiter) +
				'\n' +
				['1', `"x${delimiter}${other}y"`, '2'].join(delimiter) +
				'\n' +
				['3', `z${other}w`, '4'].join(delimiter) +
				'\n';
			const r = parseCsv(text);
			assert.equal(r.dialect.delimiter, delimiter);
			assert.equal(r.table.columns.length, 3);
			assert.equal(cellText(r.table.columns[1]!, 0), `x${delimiter}${other}y`);
		}
	});
	it('detects a missing header when the first row is numeric like the rest', () => {
		assert.equal(parseCsv('1,2\n3,4\n').dialect.hasHeader, false);
		assert.equal(parseCsv('x,y\n3,4\n').dialect.hasHeader, true);
		assert.equal(parseCsv('a,b\nc,d\n').dialect.hasHeader, true); // default assumption
		assert.equal(parseCsv('1,2\n3,4\n', { hasHeader: true }).header.join(), '1,2');
	});
	it('reads line endings CRLF, CR and LF, mixed', () => {
		const r = parseCsv('a,b\r\n1,2\r3,4\n5,6');
		assert.deepEqual(texts(col(r, 'b'), 3), ['2', '4', '6']);
		assert.deepEqual(Array.from(r.rowLines), [2, 3, 4]);
		assert.equal(r.dialect.lineEnding, '\r\n');
	});
	it('decodes BOMs and UTF-16', () => {
		for (const bigEndian of [false, true]) {
			const r = parseCsv(encodeUtf16('name,n\nZo\u00eb \u20ac,1\n', bigEndian));
			assert.equal(r.dialect.encoding, bigEndian ? 'utf-16be' : 'utf-16le');
			assert.equal(cellText(r.table.columns[0]!, 0), 'Zo\u00eb \u20ac');
		}
		const bom = parseCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...bytesOf('id\n1\n')]));
		assert.equal(bom.dialect.bom, true);
		assert.deepEqual(bom.header, ['id']);
	});
	it('falls back to Windows-1252 with a warning', () => {
		const r = parseCsv(new Uint8Array([...bytesOf('a\nx\n'), 0x93, 0x71, 0x94, 0x0a]));
		assert.equal(r.dialect.encoding, 'windows-1252');
		assert.equal(cellText(r.table.columns[0]!, 1), '\u201cq\u201d');
		assert.deepEqual(
			r.issues.map((i) => [i.code, i.severity, i.line, i.column]),
			[['encoding-fallback', 'warning', 3, 1]],
		);
	});
	it('trims spaces around unquoted fields only, unless disabled', () => {
		assert.deepEqual(texts(parseCsv('a,b\n  x  ," y "\n').table.columns[1]!, 1), [' y ']);
		assert.deepEqual(texts(parseCsv('a,b\n  x  ," y "\n').table.columns[0]!, 1), ['x']);
		assert.deepEqual(texts(parseCsv('a,b\n  x  ,1\n', { trimFields: false }).table.columns[0]!, 1), ['  x  ']);
	});
});

describe('parseCsv: bad rows and policy', () => {
	it('skips ragged rows by default, reporting line and column', () => {
		const r = parseCsv('a,b\n1,2\n3\n4,5,6\n');
		assert.equal(r.skippedRows, 2);
		assert.deepEqual(
			r.issues.map((i) => [i.code, i.line, i.column, i.severity]),
			[
				['ragged-row', 3, 2, 'error'],
				['ragged-row', 4, 5, 'error'],
			],
		);
	});
	it("throws a CsvError naming file, line and column with onBadRow 'fail'", () => {
		assert.throws(
			() => parseCsv('a,b\n1,2\n3\n', { onBadRow: 'fail', fileName: 'data.csv' }),
			(error: unknown) => {
				assert.ok(error instanceof CsvError);
				assert.match(error.message, /^data\.csv:3:2: /);
				return true;
			},
		);
		assert.throws(() => parseCsv('a,b\n1,"2\n', { onBadRow: 'fail' }), CsvError);
	});
	it('reports NUL bytes and caps repeated issues', () => {
		const r = parseCsv('a\n' + 'x\u0000\n'.repeat(10), { maxIssuesPerCode: 3 });
		assert.equal(r.issues.filter((i) => i.code === 'nul-byte').length, 3);
		const note = r.issues.find((i) => i.code === 'issues-truncated');
		assert.ok(note !== undefined && note.message.includes('10'));
	});
	it('rejects use after finish with a CsvError', () => {
		const ingest = new CsvIngest();
		ingest.push(bytesOf('a\n1\n'));
		ingest.finish();
		assert.throws(() => ingest.push(bytesOf('2\n')), CsvError);
	});
	it('handles header problems', () => {
		assert.deepEqual(parseCsv('a,a,,b\n1,2,3,4\n').header, ['a', 'a_2', 'column_3', 'b']);
		assert.deepEqual(parseCsv('a,a_2,a\n1,2,3\n').header, ['a', 'a_2', 'a_3']);
		const empty = parseCsv('');
		assert.equal(empty.table.columns.length, 0);
		assert.deepEqual(
			empty.issues.map((i) => i.code),
			['empty-file'],
		);
		const headerOnly = parseCsv('a,b\n');
		assert.equal(headerOnly.table.rowCount, 0);
		assert.deepEqual(
			headerOnly.issues.map((i) => i.code),
			['header-only'],
		);
	});
});

describe('CsvIngest: chunk boundaries', () => {
	it('gives the same table however the bytes are split', () => {
		const text = 'name;note;n\r\n"Zo\u00eb";"a;""b""\r\nc";1\r\n\u20ac;x;2\r\n';
		const bytes = bytesOf(text);
		const whole = parseCsv(bytes);
		for (let cut = 1; cut < bytes.length; cut++) {
			const ingest = new CsvIngest();
			ingest.push(bytes.subarray(0, cut));
			ingest.push(bytes.subarray(cut));
			const split = ingest.finish();
			assert.deepEqual(
				split.table.columns.map((c) => texts(c, 2)),
				whole.table.columns.map((c) => texts(c, 2)),
				`cut at ${cut}`,
			);
			assert.deepEqual(Array.from(split.rowLines), [2, 4]);
		}
		assert.deepEqual(texts(whole.table.columns[1]!, 2), ['a;"b"\r\nc', 'x']);
	});
});
