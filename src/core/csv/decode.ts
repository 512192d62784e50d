/**
 * Turns the input bytes, whatever their encoding, into a stream of UTF-8 bytes for the tokenizer.
 *
 * Working on UTF-8 bytes lets the tokenizer scan char codes without building strings: the bytes
 * the CSV grammar cares about (`,` `;` TAB `|` `"` CR LF) are ASCII, and in UTF-8 an ASCII byte
 * never occurs inside a multi-byte sequence.
 *
 * - A BOM decides: EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF → UTF-16BE (BOM dropped).
 * - Otherwise UTF-8 is assumed. Pure-ASCII chunks are recognised by a word-at-a-time scan; others
 *   are checked with a fatal TextDecoder. If invalid bytes turn up while all earlier chunks were
 *   ASCII (so both readings agree on them) and the chunk has more invalid bytes than well-formed
 *   multi-byte sequences, the whole file is read as Windows-1252 with one `encoding-fallback`
 *   warning. Otherwise (real UTF-8 with some damage) each run of invalid bytes becomes U+FFFD and
 *   an `undecodable-bytes` issue.
 * - UTF-16 and Windows-1252 are transcoded chunk by chunk (streaming TextDecoder + TextEncoder).
 */
import type { Encoding } from './options';

/** A problem at an absolute byte offset of the UTF-8 output, located later by the tokenizer. */
export interface DecodeMark {
	readonly offset: number;
	readonly code: 'undecodable-bytes' | 'encoding-fallback';
}

const EMPTY: Uint8Array = new Uint8Array(0);
const REPLACEMENT = [0xef, 0xbf, 0xbd];

type Mode = 'undecided' | 'utf8' | 'utf8-replace' | 'transcode';

/** Bytes looked at before choosing the encoding: a BOM, or the NUL pattern of UTF-16 without one. */
const SNIFF_BYTES = 512;

/**
 * UTF-16 saved without a BOM: text that is mostly ASCII has a NUL in every other byte (odd
 * positions for little-endian, even for big-endian) and almost none in the others. Read as UTF-8
 * or Windows-1252 instead, every name came out as `a\0g\0e\0`.
 */
function utf16WithoutBom(first: Uint8Array): Encoding | undefined {
	const pairs = Math.floor(Math.min(first.length, SNIFF_BYTES) / 2);
	if (pairs < 8) {
		return undefined;
	}
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < pairs; i++) {
		evenZeros += first[2 * i] === 0 ? 1 : 0;
		oddZeros += first[2 * i + 1] === 0 ? 1 : 0;
	}
	if (oddZeros >= 0.4 * pairs && evenZeros <= 0.05 * pairs) {
		return 'utf-16le';
	}
	if (evenZeros >= 0.4 * pairs && oddZeros <= 0.05 * pairs) {
		return 'utf-16be';
	}
	return undefined;
}

export class Utf8Normalizer {
	encoding: Encoding = 'utf-8';
	bom = false;
	readonly marks: DecodeMark[] = [];
	private mode: Mode = 'undecided';
	private head: Uint8Array = EMPTY;
	private tail: Uint8Array = EMPTY;
	private emitted = 0;
	private sawNonAscii = false;
	private readonly fatal = new TextDecoder('utf-8', { fatal: true });
	private transcoder: InstanceType<typeof TextDecoder> | undefined;
	private readonly encoder = new TextEncoder();

	constructor(private readonly forced?: Encoding) {}

	/** Decodes one chunk; the result may be empty (bytes held back until more arrive). */
	push(chunk: Uint8Array): Uint8Array {
		if (this.mode === 'undecided') {
			this.head = concat(this.head, chunk);
			if (this.head.length < SNIFF_BYTES) {
				return EMPTY;
			}
			chunk = this.decide(this.head);
			this.head = EMPTY;
		}
		return this.count(this.convert(chunk, false));
	}

	/** Flushes whatever is held back; call once at end of input. */
	finish(): Uint8Array {
		let out = EMPTY;
		if (this.mode === 'undecided') {
			const rest = this.decide(this.head);
			this.head = EMPTY;
			out = this.convert(rest, false);
		}
		return this.count(concat(out, this.convert(EMPTY, true)));
	}

	private count(out: Uint8Array): Uint8Array {
		this.emitted += out.length;
		return out;
	}

	/** Chooses the encoding from the BOM (or the forced option); returns the bytes after the BOM. */
	private decide(first: Uint8Array): Uint8Array {
		const b0 = first[0];
		const b1 = first[1];
		let encoding: Encoding | undefined;
		let bomLength = 0;
		if (b0 === 0xef && b1 === 0xbb && first[2] === 0xbf) {
			encoding = 'utf-8';
			bomLength = 3;
		} else if (b0 === 0xff && b1 === 0xfe) {
			encoding = 'utf-16le';
			bomLength = 2;
		} else if (b0 === 0xfe && b1 === 0xff) {
			encoding = 'utf-16be';
			bomLength = 2;
		}
		this.bom = bomLength > 0;
		this.encoding = this.forced ?? encoding ?? utf16WithoutBom(first) ?? 'utf-8';
		if (this.bom && this.encoding !== encoding) {
			bomLength = 0; // a forced encoding that disagrees with the BOM reads the BOM as data
			this.bom = false;
		}
		if (this.encoding === 'utf-8') {
			this.mode = this.forced === 'utf-8' ? 'utf8-replace' : 'utf8';
		} else {
			this.mode = 'transcode';
			this.transcoder = new TextDecoder(this.encoding, { ignoreBOM: true });
		}
		return first.subarray(bomLength);
	}

	private convert(chunk: Uint8Array, final: boolean): Uint8Array {
		if (this.mode === 'transcode') {
			const text = this.transcoder!.decode(chunk, { stream: !final });
			return text.length === 0 ? EMPTY : this.encoder.encode(text);
		}
		let bytes = this.tail.length > 0 ? concat(this.tail, chunk) : chunk;
		const cut = final ? bytes.length : completePrefixLength(bytes);
		this.tail = cut < bytes.length ? bytes.slice(cut) : EMPTY;
		bytes = bytes.subarray(0, cut);
		if (bytes.length === 0) {
			return EMPTY;
		}
		if (this.mode === 'utf8') {
			const firstHigh = firstNonAscii(bytes);
			if (firstHigh < 0) {
				return bytes; // pure ASCII: valid, and the common case, so skip the decoder
			}
			try {
				this.fatal.decode(bytes.subarray(firstHigh));
				this.sawNonAscii = true;
				return bytes;
			} catch {
				const bad = firstInvalidUtf8(bytes);
				if (!this.sawNonAscii && looksLikeSingleByte(bytes)) {
					// Everything emitted so far reads the same in Windows-1252: switch for the whole file.
					this.marks.push({ offset: this.emitted + bad, code: 'encoding-fallback' });
					this.encoding = 'windows-1252';
					this.mode = 'transcode';
					this.transcoder = new TextDecoder('windows-1252');
					const whole = concat(bytes, this.tail);
					this.tail = EMPTY;
					return this.encoder.encode(this.transcoder.decode(whole, { stream: !final }));
				}
				this.mode = 'utf8-replace';
			}
		}
		return this.replaceInvalid(bytes);
	}

	/** Copies `bytes`, replacing each run of invalid UTF-8 by U+FFFD and marking where. */
	private replaceInvalid(bytes: Uint8Array): Uint8Array {
		if (firstInvalidUtf8(bytes) < 0) {
			return bytes;
		}
		const out: number[] = [];
		let i = 0;
		while (i < bytes.length) {
			const n = validSequenceLength(bytes, i);
			if (n > 0) {
				for (let k = 0; k < n; k++) {
					out.push(bytes[i + k]!);
				}
				i += n;
				continue;
			}
			this.marks.push({ offset: this.emitted + out.length, code: 'undecodable-bytes' });
			while (i < bytes.length && validSequenceLength(bytes, i) === 0) {
				i++;
			}
			out.push(...REPLACEMENT);
		}
		return Uint8Array.from(out);
	}
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	if (a.length === 0) {
		return b;
	}
	if (b.length === 0) {
		return a;
	}
	const out = new Uint8Array(a.length + b.length);
	out.set(a, 0);
	out.set(b, a.length);
	return out;
}

/**
 * Offset of the first byte ≥ 0x80, or −1. Tests four bytes at a time through an aligned
 * Uint32Array view, which is several times faster than a fatal TextDecoder on ASCII data.
 */
export function firstNonAscii(bytes: Uint8Array): number {
	const length = bytes.length;
	let i = 0;
	const misalignment = bytes.byteOffset & 3;
	const head = misalignment === 0 ? 0 : Math.min(length, 4 - misalignment);
	for (; i < head; i++) {
		if (bytes[i]! >= 0x80) {
			return i;
		}
	}
	const words = (length - i) >>> 2;
	if (words > 0) {
		const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
		for (let w = 0; w < words; w++) {
			if ((view[w]! & 0x80808080) !== 0) {
				i += w * 4;
				while (bytes[i]! < 0x80) {
					i++;
				}
				return i;
			}
		}
		i += words * 4;
	}
	for (; i < length; i++) {
		if (bytes[i]! >= 0x80) {
			return i;
		}
	}
	return -1;
}

/**
 * Whether invalid bytes outnumber well-formed multi-byte sequences: a Windows-1252 file has
 * mostly lone high bytes, a UTF-8 file with a few damaged bytes mostly valid sequences.
 */
function looksLikeSingleByte(bytes: Uint8Array): boolean {
	let valid = 0;
	let invalid = 0;
	scanNonAscii(
		bytes,
		() => {
			invalid++;
			return false;
		},
		() => valid++,
	);
	return invalid > valid;
}

/**
 * Walks the bytes sequence by sequence, past ASCII: `onInvalid(offset)` for a byte that does not
 * start a well-formed UTF-8 sequence (the walk goes on at the next byte unless it returns true,
 * which stops it and returns that offset), `onValid()` for each well-formed multi-byte sequence.
 * Returns −1 when the walk reaches the end. One walk for both questions asked of the bytes.
 */
function scanNonAscii(bytes: Uint8Array, onInvalid: (offset: number) => boolean, onValid: () => void): number {
	let i = 0;
	while (i < bytes.length) {
		if (bytes[i]! < 0x80) {
			i++;
			continue;
		}
		const n = validSequenceLength(bytes, i);
		if (n === 0) {
			if (onInvalid(i)) {
				return i;
			}
			i++;
		} else {
			onValid();
			i += n;
		}
	}
	return -1;
}

/** Length of the UTF-8 sequence a lead byte announces (0: not a valid lead byte). */
function sequenceLength(lead: number): number {
	if (lead < 0x80) {
		return 1;
	}
	if (lead >= 0xc2 && lead <= 0xdf) {
		return 2;
	}
	if (lead >= 0xe0 && lead <= 0xef) {
		return 3;
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		return 4;
	}
	return 0;
}

/** Bytes up to (not including) an incomplete multi-byte sequence at the very end. */
function completePrefixLength(bytes: Uint8Array): number {
	const end = bytes.length;
	for (let i = end - 1; i >= 0 && i >= end - 4; i--) {
		const b = bytes[i]!;
		if ((b & 0xc0) === 0x80) {
			continue; // continuation byte: look further back for its lead
		}
		const n = sequenceLength(b);
		return n > 0 && i + n > end ? i : end;
	}
	return end;
}

/**
 * Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7), or 0 when it is not one.
 */
export function validSequenceLength(bytes: Uint8Array, i: number): number {
	const b0 = bytes[i]!;
	const n = sequenceLength(b0);
	if (n <= 1) {
		return n;
	}
	if (i + n > bytes.length) {
		return 0;
	}
	const b1 = bytes[i + 1]!;
	let lo = 0x80;
	let hi = 0xbf;
	if (b0 === 0xe0) {
		lo = 0xa0;
	} else if (b0 === 0xed) {
		hi = 0x9f;
	} else if (b0 === 0xf0) {
		lo = 0x90;
	} else if (b0 === 0xf4) {
		hi = 0x8f;
	}
	if (b1 < lo || b1 > hi) {
		return 0;
	}
	for (let k = 2; k < n; k++) {
		if ((bytes[i + k]! & 0xc0) !== 0x80) {
			return 0;
		}
	}
	return n;
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence, or −1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	return scanNonAscii(
		bytes,
		() => true,
		() => undefined,
	);
}
