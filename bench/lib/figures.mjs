// The arithmetic and formatting every benchmark script shares: medians over runs, rounding, the
// load average printed beside each figure (the machine may be shared), megabytes.
import * as os from 'node:os';

/** The middle value, or the mean of the two middle values of an even count. */
export function median(xs) {
	const s = xs.slice().sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function round(x, digits = 2) {
	return Math.round(x * 10 ** digits) / 10 ** digits;
}

/** A figure with DIGITS decimals, or "n/a" where there is none. */
export function fmtNum(x, digits) {
	return x === null || x === undefined ? 'n/a' : x.toFixed(digits);
}

/** The 1, 5 and 15 minute load averages, to 2 decimals. */
export function loadAverage() {
	return os.loadavg().map((x) => round(x));
}

export function fmtLoad(load) {
	return load.map((x) => x.toFixed(2)).join(' / ');
}

/** Bytes as whole MiB. */
export function mb(bytes) {
	return Math.round(bytes / 2 ** 20);
}

/** Logical cores Node may use (all of them on a shared machine too; the load average says how busy). */
export const CORES = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
