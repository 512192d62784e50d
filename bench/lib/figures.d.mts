// Types of bench/lib/figures.mjs for the TypeScript children (bench/model.ts, bench/server.ts).

/** The middle value, or the mean of the two middle values of an even count. */
export function median(xs: readonly number[]): number;
export function round(x: number, digits?: number): number;
/** A figure with DIGITS decimals, or "n/a" where there is none. */
export function fmtNum(x: number | null | undefined, digits: number): string;
/** The 1, 5 and 15 minute load averages, to 2 decimals. */
export function loadAverage(): number[];
export function fmtLoad(load: readonly number[]): string;
/** Bytes as whole MiB. */
export function mb(bytes: number): number;
/** Logical cores Node may use. */
export const CORES: number;
