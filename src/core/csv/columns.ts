/**
 * Typed column storage filled cell by cell from byte ranges.
 *
 * Every column starts as a numeric candidate (Float64Array, NaN = missing). The first non-missing
 * cell that is not a finite decimal number (see number.ts) turns it categorical for good: the
 * values so far are re-encoded as dictionary codes. Their text is `String(value)`, which equals
 * the original for canonical numbers; non-canonical originals (`1.50`, `1e3`, `+4`) are kept in a
 * small side map so the levels show what the file said (up to {@link MAX_REMEMBERED_TEXTS} per
 * column, after which the canonical form is used). Storage grows by doubling.
 */
import { codeArray, holdsCode, resizeCodes } from './codes';
import { ByteDictionary } from './dictionary';
import { lastParseWasCanonical, parseDecimal } from './number';
import type { CategoryCodes, Column } from './table';

export const MAX_REMEMBERED_TEXTS = 65536;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const utf8Text = (bytes: Uint8Array, start: number, end: number): string => utf8.decode(bytes.subarray(start, end));

export class ColumnBuilder {
	length = 0;
	missing = 0;
	private numeric = true;
	private values: Float64Array;
	private codes: CategoryCodes | undefined;
	private dictionary: ByteDictionary | undefined;
	private originalTexts: Map<number, string> | undefined;
	/** The first cell that is not a number in a column that held numbers until then. */
	private demotion: { row: number; text: string; numbersBefore: number } | undefined;

	constructor(
		readonly name: string,
		capacity: number,
	) {
		this.values = new Float64Array(Math.max(16, capacity));
	}

	pushMissing(): void {
		this.ensureCapacity();
		if (this.numeric) {
			this.values[this.length] = NaN;
		} else {
			this.codes![this.length] = -1;
		}
		this.length++;
		this.missing++;
	}

	/** Appends the non-missing cell bytes[start, end). */
	push(bytes: Uint8Array, start: number, end: number): void {
		this.ensureCapacity();
		if (this.numeric) {
			const value = parseDecimal(bytes, start, end);
			if (value === value) {
				this.values[this.length] = value;
				if (!lastParseWasCanonical) {
					this.rememberText(bytes, start, end);
				}
				this.length++;
				return;
			}
			if (this.length > this.missing) {
				this.demotion = {
					row: this.length,
					text: utf8Text(bytes, start, Math.min(end, start + 40)),
					numbersBefore: this.length - this.missing,
				};
			}
			this.becomeCategorical();
		}
		const code = this.dictionary!.codeOf(bytes, start, end);
		if (!holdsCode(this.codes!, code)) {
			this.codes = resizeCodes(this.codes!, this.length, this.codes!.length, code);
		}
		this.codes![this.length] = code;
		this.length++;
	}

	/**
	 * A numeric column turned into text by a few cells (`Infinity`, `1e999`, `"1,234"`): the first
	 * such cell and how many cells are numbers, when at least 90% of the filled cells are. The
	 * reader reports it, because the column is otherwise silently read as categorical (and, with
	 * many distinct values, dropped as an identifier).
	 */
	numericDemotion(): { row: number; text: string; numbers: number; others: number } | undefined {
		if (this.demotion === undefined || this.numeric) {
			return undefined;
		}
		const levels = this.dictionary!.levels();
		const isNumber = levels.map((text) => {
			const bytes = encoder.encode(text);
			const v = parseDecimal(bytes, 0, bytes.length);
			return v === v;
		});
		let numbers = 0;
		let others = 0;
		for (let row = 0; row < this.length; row++) {
			const code = this.codes![row]!;
			if (code >= 0) {
				if (isNumber[code]) {
					numbers++;
				} else {
					others++;
				}
			}
		}
		return others > 0 && numbers >= 9 * others ? { row: this.demotion.row, text: this.demotion.text, numbers, others } : undefined;
	}

	build(): Column {
		if (this.numeric) {
			return { kind: 'numeric', name: this.name, values: fit(this.values, this.length), missing: this.missing };
		}
		return {
			kind: 'categorical',
			name: this.name,
			codes: fit(this.codes!, this.length),
			levels: this.dictionary!.levels(),
			missing: this.missing,
		};
	}

	private rememberText(bytes: Uint8Array, start: number, end: number): void {
		this.originalTexts ??= new Map();
		if (this.originalTexts.size < MAX_REMEMBERED_TEXTS) {
			this.originalTexts.set(this.length, latin1.decode(bytes.subarray(start, end)));
		}
	}

	private becomeCategorical(): void {
		const dictionary = new ByteDictionary();
		let codes = codeArray(this.values.length, 0);
		for (let row = 0; row < this.length; row++) {
			const value = this.values[row]!;
			const code = value === value ? dictionary.codeOfText(this.originalTexts?.get(row) ?? String(value)) : -1;
			if (!holdsCode(codes, code)) {
				codes = resizeCodes(codes, row, codes.length, code);
			}
			codes[row] = code;
		}
		this.numeric = false;
		this.codes = codes;
		this.dictionary = dictionary;
		this.values = new Float64Array(0);
		this.originalTexts = undefined;
	}

	private ensureCapacity(): void {
		if (this.numeric) {
			if (this.length === this.values.length) {
				const bigger = new Float64Array(this.length * 2);
				bigger.set(this.values);
				this.values = bigger;
			}
		} else if (this.length === this.codes!.length) {
			this.codes = resizeCodes(this.codes!, this.length, this.length * 2, 0);
		}
	}
}

/**
 * The first `length` entries: a view when the spare capacity is small (pre-sized columns waste at
 * most 1/8), else a copy, so that building the table does not briefly double its memory.
 */
function fit<T extends Float64Array | CategoryCodes>(array: T, length: number): T {
	return (array.length <= length + (length >>> 3) ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/** Matches cell bytes against the missing-value tokens without building strings. */
export class MissingMatcher {
	private readonly tokensByLength: Uint8Array[][] = [];
	private readonly maxLength: number;
	/** 1 for bytes that start some token: most cells are rejected by their first byte. */
	private readonly firstBytes = new Uint8Array(256);

	constructor(tokens: readonly string[]) {
		const encoder = new TextEncoder();
		let maxLength = 0;
		for (const token of tokens) {
			const bytes = encoder.encode(token);
			(this.tokensByLength[bytes.length] ??= []).push(bytes);
			if (bytes.length > 0) {
				this.firstBytes[bytes[0]!] = 1;
			}
			maxLength = Math.max(maxLength, bytes.length);
		}
		this.maxLength = maxLength;
	}

	/** Whether bytes[start, end) is empty or one of the tokens. */
	matches(bytes: Uint8Array, start: number, end: number): boolean {
		const length = end - start;
		if (length === 0) {
			return true;
		}
		if (length > this.maxLength || this.firstBytes[bytes[start]!] === 0) {
			return false;
		}
		const candidates = this.tokensByLength[length];
		if (candidates === undefined) {
			return false;
		}
		for (const token of candidates) {
			let k = 0;
			while (k < length && token[k] === bytes[start + k]) {
				k++;
			}
			if (k === length) {
				return true;
			}
		}
		return false;
	}
}
