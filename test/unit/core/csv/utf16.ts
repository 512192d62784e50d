/** Test input in UTF-16: the text as 16-bit code units behind the byte-order mark of the chosen order. */
export function encodeUtf16(text: string, bigEndian: boolean): Uint8Array {
	const out = new Uint8Array(2 + text.length * 2);
	out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
	for (let i = 0; i < text.length; i++) {
		const unit = text.charCodeAt(i);
		out[2 + 2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
		out[2 + 2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
	}
	return out;
}
