/**
 * Builds the engine's typed columns (see core/csv/table.ts) from already-typed values, for the
 * binary inputs (Parquet, Arrow). The declared type decides the kind: numbers stay numeric
 * (Float64Array, NaN = missing), strings, booleans and dates become dictionary codes in order of
 * first appearance (as narrow as the number of levels allows, see core/csv/codes.ts) — the same table the CSV reader builds from the same data written as text.
 * String cells equal to a missing-value token (after trimming, as the CSV reader trims unquoted
 * fields) are missing, so the sidecar's `missingTokens` mean the same in every format.
 */
import { codeArray, holdsCode, resizeCodes } from '../core/csv/codes';
import type { CategoryCodes, Column } from '../core/csv/table';
import { SubjectError } from '../core/subjectError';

/** A column's type as the input declares it, mapped to what the engine stores. */
export type ValueKind = 'numeric' | 'text' | 'boolean' | 'date' | 'timestamp';

/** An input column whose declared type the engine cannot use; the message names the file and column. */
export class UnsupportedColumnError extends Error {
	constructor(
		readonly fileName: string,
		readonly column: string,
		detail: string,
	) {
		super(`${fileName}: column '${column}' ${detail}; supported column types are numbers, strings, booleans, dates and timestamps`);
		// 'InputError' is one of the names the CLI reports in one line with exit code 2.
		this.name = 'InputError';
	}
}

/** A file that is not what its extension says, or is damaged; the message names the file. */
export class DatasetFileError extends SubjectError {
	constructor(fileName: string, detail: string) {
		// 'InputError', like UnsupportedColumnError's: the CLI reports it in one line with exit code 2.
		super(fileName, detail, 'InputError');
	}
}

/** Appends cells of one column; storage grows by doubling when the row count is not known up front. */
export class ValueColumnBuilder {
	length = 0;
	private missing = 0;
	private values: Float64Array | undefined;
	private codes: CategoryCodes | undefined;
	private readonly levelCodes = new Map<string, number>();
	private readonly levels: string[] = [];

	constructor(
		readonly name: string,
		readonly kind: ValueKind,
		private readonly fileName: string,
		private readonly missingTokens: ReadonlySet<string>,
		capacity: number,
	) {
		if (kind === 'numeric') {
			this.values = new Float64Array(Math.max(16, capacity));
		} else {
			this.codes = codeArray(Math.max(16, capacity), 0);
		}
	}

	/** Appends one cell; null and undefined are missing. */
	push(value: unknown): void {
		this.ensureCapacity();
		if (this.values !== undefined) {
			const v = toNumber(value);
			if (v === undefined) {
				this.unexpected(value);
			}
			// NaN and ±Infinity are missing, as they are in a CSV (no non-finite number reaches the engine).
			if (!Number.isFinite(v)) {
				this.missing++;
			}
			this.values[this.length++] = Number.isFinite(v) ? v : NaN;
			return;
		}
		const text = this.toText(value);
		if (text === undefined) {
			this.missing++;
			this.codes![this.length++] = -1;
			return;
		}
		let code = this.levelCodes.get(text);
		if (code === undefined) {
			code = this.levels.length;
			this.levels.push(text);
			this.levelCodes.set(text, code);
			if (!holdsCode(this.codes!, code)) {
				this.codes = resizeCodes(this.codes!, this.length, this.codes!.length, code);
			}
		}
		this.codes![this.length++] = code;
	}

	build(): Column {
		if (this.values !== undefined) {
			return { kind: 'numeric', name: this.name, values: fit(this.values, this.length), missing: this.missing };
		}
		return { kind: 'categorical', name: this.name, codes: fit(this.codes!, this.length), levels: this.levels, missing: this.missing };
	}

	private toText(value: unknown): string | undefined {
		if (value === null || value === undefined) {
			return undefined;
		}
		if (typeof value === 'string') {
			const trimmed = value.trim();
			return this.missingTokens.has(trimmed) ? undefined : trimmed;
		}
		if (typeof value === 'boolean') {
			return value ? 'true' : 'false';
		}
		if (value instanceof Date) {
			if (Number.isNaN(value.getTime())) {
				return undefined;
			}
			const iso = value.toISOString();
			return this.kind === 'date' ? iso.slice(0, 10) : iso;
		}
		if ((typeof value === 'number' || typeof value === 'bigint') && (this.kind === 'date' || this.kind === 'timestamp')) {
			// Arrow gives dates and timestamps as milliseconds since the epoch.
			return this.toText(new Date(Number(value)));
		}
		return this.unexpected(value);
	}

	private unexpected(value: unknown): never {
		const what =
			value instanceof Uint8Array
				? 'raw bytes'
				: Array.isArray(value)
					? 'a list'
					: typeof value === 'object'
						? 'a nested record'
						: `a ${typeof value}`;
		throw new UnsupportedColumnError(this.fileName, this.name, `holds ${what} (row ${this.length + 1})`);
	}

	private ensureCapacity(): void {
		if (this.values !== undefined && this.length === this.values.length) {
			const bigger = new Float64Array(this.length * 2);
			bigger.set(this.values);
			this.values = bigger;
		} else if (this.codes !== undefined && this.length === this.codes.length) {
			this.codes = resizeCodes(this.codes, this.length, this.length * 2, 0);
		}
	}
}

/** A numeric cell as a double (NaN = missing), or undefined when it is not a number at all. */
function toNumber(value: unknown): number | undefined {
	if (value === null || value === undefined) {
		return NaN;
	}
	if (typeof value === 'number') {
		return value;
	}
	if (typeof value === 'bigint') {
		return Number(value);
	}
	return undefined;
}

/**
 * The first `length` entries: a view when the spare capacity is small (a Parquet column is sized
 * to the file's row count up front, so it has none), else a copy. A copy of every column at the
 * end would briefly double the table: two gigabytes at ten million rows.
 */
function fit<T extends Float64Array | CategoryCodes>(array: T, length: number): T {
	return (array.length <= length + (length >>> 3) ? array.subarray(0, length) : array.slice(0, length)) as T;
}
