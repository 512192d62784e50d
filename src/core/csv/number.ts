/**
 * Decimal numbers read straight from UTF-8 bytes, without building a string per cell.
 *
 * Accepted: `[+-]? (0 | [1-9][0-9]*) (. [0-9]*)? ([eE] [+-]? [0-9]+)?` and `[+-]? . [0-9]+ (exp)?`,
 * with a finite value. Deliberately NOT numeric (the column stays categorical):
 * - leading-zero codes such as `007` or `-01` (ZIP codes, IDs: the zeros carry meaning);
 * - thousands separators (`1,234`, `1 234`) and decimal commas (`1,5`): ambiguous between locales;
 * - `Infinity`, `inf`, hexadecimal, and anything that overflows to ±Infinity.
 *
 * Up to 15 significant digits with a decimal exponent of at most 22 are converted exactly by one
 * multiplication or division of two exactly-representable doubles (a single correctly rounded
 * operation); longer numbers fall back to `Number()`, which is also correctly rounded.
 */

const POW10 = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) {
	POW10[i] = p;
}

/**
 * Set by {@link parseDecimal}: whether `String(value)` reproduces the text exactly. Kept in a
 * module variable so the hot path allocates nothing.
 */
export let lastParseWasCanonical = true;

/** The value of bytes[start, end) as a decimal number, or NaN when the text is not one. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
	let i = start;
	let negative = false;
	let canonical = true;
	let c = bytes[i];
	if (c === 0x2d || c === 0x2b) {
		negative = c === 0x2d;
		canonical = negative;
		i++;
	}
	let mantissa = 0;
	let significant = 0; // digits counted into the mantissa (after leading zeros)
	let exponent = 0;
	let intDigits = 0;
	const intStart = i;
	while (i < end && (c = bytes[i]!) >= 0x30 && c <= 0x39) {
		if (significant > 0 || c !== 0x30) {
			if (significant < 15) {
				mantissa = mantissa * 10 + (c - 0x30);
			} else {
				exponent++;
			}
			significant++;
		}
		intDigits++;
		i++;
	}
	if (intDigits > 1 && bytes[intStart] === 0x30) {
		return NaN; // leading-zero code such as 007
	}
	let fracDigits = 0;
	if (i < end && bytes[i] === 0x2e) {
		i++;
		let trailingZero = false;
		let leadingFracZeros = 0;
		while (i < end && (c = bytes[i]!) >= 0x30 && c <= 0x39) {
			if (significant > 0 || c !== 0x30) {
				if (significant < 15) {
					mantissa = mantissa * 10 + (c - 0x30);
					exponent--;
				}
				significant++;
			} else {
				exponent--;
				leadingFracZeros++;
			}
			trailingZero = c === 0x30;
			fracDigits++;
			i++;
		}
		if (
			fracDigits === 0 ||
			trailingZero ||
			intDigits === 0 ||
			(significant > 0 && mantissa !== 0 && intDigits === 1 && bytes[intStart] === 0x30 && leadingFracZeros > 5)
		) {
			canonical = false;
		}
	}
	if (intDigits === 0 && fracDigits === 0) {
		return NaN;
	}
	if (i < end && (bytes[i] === 0x65 || bytes[i] === 0x45)) {
		canonical = false;
		i++;
		let expNegative = false;
		if (i < end && (bytes[i] === 0x2d || bytes[i] === 0x2b)) {
			expNegative = bytes[i] === 0x2d;
			i++;
		}
		let expValue = 0;
		const expStart = i;
		while (i < end && (c = bytes[i]!) >= 0x30 && c <= 0x39) {
			if (expValue < 100000) {
				expValue = expValue * 10 + (c - 0x30);
			}
			i++;
		}
		if (i === expStart) {
			return NaN;
		}
		exponent += expNegative ? -expValue : expValue;
	}
	if (i !== end) {
		return NaN;
	}
	let value: number;
	if (significant <= 15 && exponent >= -22 && exponent <= 22) {
		value = exponent >= 0 ? mantissa * POW10[exponent]! : mantissa / POW10[-exponent]!;
	} else {
		value = Number(latin1(bytes, start, end));
		if (!Number.isFinite(value)) {
			return NaN;
		}
		value = Math.abs(value);
	}
	if (significant > 15 || intDigits > 21 || (negative && value === 0)) {
		canonical = false;
	}
	lastParseWasCanonical = canonical;
	return negative ? -value : value;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
	let text = '';
	for (let i = start; i < end; i++) {
		text += String.fromCharCode(bytes[i]!);
	}
	return text;
}
