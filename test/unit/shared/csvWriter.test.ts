import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Table } from '../../../src/core/csv/table';
import { csvField, tableToCsv } from '../../../src/shared/csvWriter';

function textTable(name: string, values: Array<string | undefined>): Table {
	const levels: string[] = [];
	const codes = Int32Array.from(values, (v) => {
		if (v === undefined) {
			return -1;
		}
		let code = levels.indexOf(v);
		if (code < 0) {
			code = levels.push(v) - 1;
		}
		return code;
	});
	return {
		rowCount: values.length,
		columns: [{ kind: 'categorical', name, codes, levels, missing: values.filter((v) => v === undefined).length }],
	};
}

describe('tableToCsv', () => {
	it('writes header and records with CRLF by default, numbers in shortest round-trip form, missing as empty', () => {
		const table: Table = {
			rowCount: 4,
			columns: [
				{ kind: 'numeric', name: 'x', values: Float64Array.of(0.1 + 0.2, 1e21, Number.NaN, -0), missing: 1 },
				{ kind: 'categorical', name: 'c', codes: Int32Array.of(0, -1, 1, 0), levels: ['a', 'b'], missing: 1 },
			],
		};
		assert.equal(tableToCsv(table), 'x,c\r\n0.30000000000000004,a\r\n1e+21,\r\n,b\r\n0,a\r\n');
		for (const text of ['0.30000000000000004', '1e+21']) {
			assert.ok(Object.is(Number(text), text === '1e+21' ? 1e21 : 0.1 + 0.2));
		}
	});

	it('quotes fields with the delimiter, quotes, CR or LF, and doubles quotes', () => {
		const table = textTable('note, "quoted"', ['a,b', 'say "hi"', 'line1\nline2', 'cr\rhere', 'crlf\r\nhere', 'plain', undefined, '']);
		assert.equal(
			tableToCsv(table, { lineEnding: '\n' }),
			'"note, ""quoted"""\n"a,b"\n"say ""hi"""\n"line1\nline2"\n"cr\rhere"\n"crlf\r\nhere"\nplain\n\n""\n',
		);
	});

	it('keeps markup and formula-like text verbatim', () => {
		const table = textTable('t', ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://x")', '+1', '@SUM(A1)', '-2']);
		assert.equal(
			tableToCsv(table, { lineEnding: '\n' }),
			't\n<img src=x onerror=alert(1)>\n"=HYPERLINK(""http://x"")"\n+1\n@SUM(A1)\n-2\n',
		);
	});

	it('honours another delimiter: quotes it, leaves commas alone', () => {
		const table = textTable('a;b', ['x,y', 'p;q', 'tab\there']);
		assert.equal(tableToCsv(table, { delimiter: ';', lineEnding: '\n' }), '"a;b"\nx,y\n"p;q"\ntab\there\n');
		assert.equal(tableToCsv(table, { delimiter: '\t', lineEnding: '\r' }), 'a;b\rx,y\rp;q\r"tab\there"\r');
	});

	it('writes an empty table as just the header', () => {
		assert.equal(tableToCsv({ rowCount: 0, columns: [{ kind: 'numeric', name: 'x', values: new Float64Array(0), missing: 0 }] }), 'x\r\n');
	});

	it('rejects bad delimiters, line endings and short columns', () => {
		const table = textTable('t', ['a']);
		for (const delimiter of ['"', '\n', '\r', ',,', '']) {
			assert.throws(() => tableToCsv(table, { delimiter }), RangeError);
		}
		assert.throws(() => tableToCsv(table, { lineEnding: '\n\n' }), RangeError);
		assert.throws(() => tableToCsv({ rowCount: 3, columns: table.columns }), /has 1 cells but the table has 3 rows/);
	});

	it('csvField quotes only when needed', () => {
		assert.equal(csvField('abc'), 'abc');
		assert.equal(csvField(''), '""');
		assert.equal(csvField('a"b'), '"a""b"');
		assert.equal(csvField('a;b', ';'), '"a;b"');
		assert.equal(csvField('a;b'), 'a;b');
	});
});
