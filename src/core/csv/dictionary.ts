/**
 * Dictionary encoding keyed by raw UTF-8 bytes: a cell's code is found by hashing its bytes in
 * place, so a categorical cell costs one Int32 and no JS string. Level texts live once in a byte
 * pool and become strings only when the table is built.
 *
 * Open addressing with linear probing, load factor ≤ ½, FNV-1a hashes.
 */
const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export class ByteDictionary {
	private slots = new Int32Array(64).fill(-1);
	private mask = 63;
	private hashes: Int32Array = new Int32Array(16);
	private starts: Int32Array = new Int32Array(16);
	private lengths: Int32Array = new Int32Array(16);
	private pool = new Uint8Array(1024);
	private poolLength = 0;
	size = 0;

	/** The code of bytes[start, end), adding it as a new level if unseen. */
	codeOf(bytes: Uint8Array, start: number, end: number): number {
		let hash = 0x811c9dc5 | 0;
		for (let i = start; i < end; i++) {
			hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
		}
		const length = end - start;
		let slot = hash & this.mask;
		for (;;) {
			const code = this.slots[slot]!;
			if (code < 0) {
				break;
			}
			if (this.hashes[code] === hash && this.lengths[code] === length && this.sameBytes(code, bytes, start, length)) {
				return code;
			}
			slot = (slot + 1) & this.mask;
		}
		return this.add(hash, bytes, start, length, slot);
	}

	/** The code of a string level (used when a numeric column turns categorical). */
	codeOfText(text: string): number {
		const bytes = encoder.encode(text);
		return this.codeOf(bytes, 0, bytes.length);
	}

	/** Level texts in order of first appearance. */
	levels(): string[] {
		const out = new Array<string>(this.size);
		for (let code = 0; code < this.size; code++) {
			const s = this.starts[code]!;
			out[code] = utf8.decode(this.pool.subarray(s, s + this.lengths[code]!));
		}
		return out;
	}

	private sameBytes(code: number, bytes: Uint8Array, start: number, length: number): boolean {
		const pool = this.pool;
		const s = this.starts[code]!;
		for (let k = 0; k < length; k++) {
			if (pool[s + k] !== bytes[start + k]) {
				return false;
			}
		}
		return true;
	}

	private add(hash: number, bytes: Uint8Array, start: number, length: number, slot: number): number {
		const code = this.size;
		if (code === this.hashes.length) {
			this.hashes = grow(this.hashes, code * 2);
			this.starts = grow(this.starts, code * 2);
			this.lengths = grow(this.lengths, code * 2);
		}
		if (this.poolLength + length > this.pool.length) {
			const bigger = new Uint8Array(Math.max(this.pool.length * 2, this.poolLength + length));
			bigger.set(this.pool.subarray(0, this.poolLength));
			this.pool = bigger;
		}
		this.pool.set(bytes.subarray(start, start + length), this.poolLength);
		this.hashes[code] = hash;
		this.starts[code] = this.poolLength;
		this.lengths[code] = length;
		this.poolLength += length;
		this.slots[slot] = code;
		this.size++;
		if (this.size * 2 > this.slots.length) {
			this.rehash();
		}
		return code;
	}

	private rehash(): void {
		const capacity = this.slots.length * 2;
		this.slots = new Int32Array(capacity).fill(-1);
		this.mask = capacity - 1;
		for (let code = 0; code < this.size; code++) {
			let slot = this.hashes[code]! & this.mask;
			while (this.slots[slot]! >= 0) {
				slot = (slot + 1) & this.mask;
			}
			this.slots[slot] = code;
		}
	}
}

function grow(array: Int32Array, capacity: number): Int32Array {
	const bigger = new Int32Array(capacity);
	bigger.set(array);
	return bigger;
}
