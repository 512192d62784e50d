/**
 * Child process of bench/run.mjs for the `server` section: the language server (dist/server.js)
 * driven over stdio JSON-RPC, as an editor drives it. bench/run.mjs bundles this file with esbuild
 * into bench/.cache/server.mjs and runs it in a fresh `node` process.
 *
 *   node bench/.cache/server.mjs ROOT [ADULT_CSV]
 *
 * Measures (every server a fresh `node dist/server.js --stdio`, initialized first):
 *   1. a generated 60 MiB CSV with a sidecar (cached in bench/.cache/server/), opened
 *      a. the VS Code way for a file above its 50 MB sync limit: no didOpen (VS Code does not sync
 *         the model to the extension host, and its provider selector scores an unsynced model 0,
 *         so no hover is ever sent); the extension reaches the file only by URI through its
 *         requests — Profile Dataset sends collectiveFairness/profile — and the server reads it
 *         from disk. Timed: that profile request, from sending to the answer (median of 3 fresh
 *         servers); also what a hover by URI alone gets (null). Then, in this process, where the
 *         time goes: SHA-1 of the file, readCsvFile, profileTable.
 *      b. the plain-LSP way (Neovim, Helix): didOpen with the whole text, then at once a hover
 *         on a cell; timed from sending didOpen to the hover's answer (median of 3 fresh
 *         servers), split at the answer to a hover on a file never opened, sent between the two
 *         (null at once: it marks the server having read the 60 MB message), and to the full
 *         analysis (diagnostics published).
 *   2. hover latency once parsed: 200 hovers on random cells of Adult and of the 60 MiB file.
 *   3. a collectiveFairness/simulate run on Adult (sex) with a hover sent every 50 ms during it.
 * Prints human-readable lines, then one JSON line last.
 *
 * Type-checked with bench/tsconfig.json; esbuild strips the types.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { profileTable } from '../src/core/profile';
import { hashFile, parseFile } from '../src/server/parse';
import { generateCsv } from '../test/integration/server/bigCsv';
import { TestClient } from '../test/integration/server/lspClient';
import { median } from './lib/figures.mjs';
import { randomCells, withSidecar } from './serverCsv';

interface Hover {
	contents: { kind: string; value: string };
}
interface Diagnostic {
	code?: string | number;
}
interface ProfileAnswer {
	source: string;
	profile: { rows: number; columns: { name: string }[]; groups?: unknown };
}

const [root, adultArg] = process.argv.slice(2);
if (root === undefined) {
	console.error('usage: server.mjs ROOT [ADULT_CSV]');
	process.exit(2);
}
const serverScript = join(root, 'dist', 'server.js');
const dir = join(root, 'bench', '.cache', 'server');
const BIG_BYTES = 60 * 1024 * 1024;
const STARTS = 3;
const HOVERS = 200;
/** Hovers are sent on this period during the simulation, each without waiting for the previous one. */
const SIM_HOVER_EVERY_MS = 50;
/** A simulation still running after this is cancelled (the hovers have been measured by then). */
const SIM_CAP_MS = 15_000;
/** Adult by sex, flips experiment: 10 values of M at α = 0.3, 2 seeds, all four methods (72 fits). */
const SIM_PARAMS = { experiment: 'flips', alpha: 0.3, flips: 10, seeds: 2 };

const percentile = (xs: readonly number[], p: number): number => {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const stats = (xs: readonly number[]): { n: number; p50: number; p95: number; max: number } => ({
	n: xs.length,
	p50: round(percentile(xs, 50), 2),
	p95: round(percentile(xs, 95), 2),
	max: round(Math.max(...xs), 2),
});

/**
 * One `node dist/server.js --stdio` and a JSON-RPC connection to it: the tests' stdio client
 * (test/integration/server/lspClient.ts) with the server's CPU time and a wait for its first
 * diagnostics.
 */
class Server extends TestClient {
	constructor() {
		super([], serverScript);
	}

	/** CPU time (user + system) of the server process so far, in ms, from /proc (undefined elsewhere). */
	cpuMs(): number | undefined {
		try {
			const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in USER_HZ (100)
		} catch {
			return undefined;
		}
	}

	/** The first diagnostics published for `uri` (the full analysis is done when they come). */
	diagnosticsFor(uri: string, timeoutMs = 120_000): Promise<Diagnostic[]> {
		return this.waitForDiagnostics(uri, () => true, timeoutMs);
	}
}

async function withServer<T>(fn: (s: Server) => Promise<T>): Promise<T> {
	const s = new Server();
	try {
		await s.initialize();
		return await fn(s);
	} finally {
		await s.stop();
	}
}

async function timedHovers(
	s: Server,
	uri: string,
	starts: Int32Array,
	n: number,
	seed: number,
): Promise<{ times: number[]; nulls: number }> {
	const next = randomCells(starts, seed);
	const times: number[] = [];
	let nulls = 0;
	for (let i = 0; i < n; i++) {
		const { line, character } = next();
		const t = performance.now();
		const h = await s.hover(uri, line, character);
		times.push(performance.now() - t);
		if (h === null) {
			nulls++;
		}
	}
	return { times, nulls };
}

const firstLine = (h: Hover | null): string => (h === null ? 'null' : h.contents.value.split('\n')[0]!);

// ---------------------------------------------------------------- data
mkdirSync(dir, { recursive: true });
const big = join(dir, 'big-60mib.csv');
if (!existsSync(big) || statSync(big).size < BIG_BYTES) {
	const t = performance.now();
	writeFileSync(big, generateCsv(BIG_BYTES));
	console.log(`generated ${big} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const {
	text: bigText,
	uri: bigUri,
	starts: bigStarts,
} = withSidecar(big, { column: 'group', minority: 'b' }, { column: 'label', favourable: 'yes' });
const bigBytes = statSync(big).size;
console.log(
	`60 MiB file: ${big} (${(bigBytes / 1e6).toFixed(1)} MB, ${(bigStarts.length - 2).toLocaleString('en-US')} data rows, 7 columns; sidecar group=b, label=yes); VS Code's sync limit is 50 MiB = 52.4 MB`,
);
/** The hover cell of the first-hover figure: row 100,000, the age column (as the test). */
const FIRST_CELL = { line: 100_000, character: 3 };

// ---------------------------------------------------------------- 1a. disk route (VS Code above 50 MB)
console.log(`\n1a. VS Code route (no didOpen; the file read from disk by URI), ${STARTS} fresh servers:`);
const disk: { profileMs: number; hoverMs: number; hover: string; rows: number; source: string }[] = [];
for (let r = 0; r < STARTS; r++) {
	disk.push(
		await withServer(async (s) => {
			const t0 = performance.now();
			const h = await s.hover(bigUri, FIRST_CELL.line, FIRST_CELL.character);
			const hoverMs = performance.now() - t0;
			const t1 = performance.now();
			const p = await s.connection.sendRequest<ProfileAnswer>('collectiveFairness/profile', { uri: bigUri });
			const profileMs = performance.now() - t1;
			console.log(
				`  start ${r + 1}: profile request answered in ${(profileMs / 1000).toFixed(2)} s (source ${p.source}, ${p.profile.rows.toLocaleString('en-US')} rows, groups ${p.profile.groups !== undefined ? 'yes' : 'no'}); a hover by URI alone: ${firstLine(h)} in ${hoverMs.toFixed(1)} ms`,
			);
			return { profileMs, hoverMs, hover: firstLine(h), rows: p.profile.rows, source: p.source };
		}),
	);
}
// Where the profile request's time goes, step by step in this process (same code as the server).
const never = new AbortController().signal;
let t = performance.now();
await hashFile(big, never);
const hashMs = performance.now() - t;
t = performance.now();
const parsed = await parseFile(big, {}, never);
const parseMs = performance.now() - t;
t = performance.now();
profileTable(parsed.table, {});
const profileMs = performance.now() - t;
console.log(
	`  breakdown (in-process, one run): SHA-1 of the file ${hashMs.toFixed(0)} ms, readCsvFile ${parseMs.toFixed(0)} ms (${(bigBytes / 1e6 / (parseMs / 1000)).toFixed(0)} MB/s), profileTable of ${parsed.table.columns.length} columns ${profileMs.toFixed(0)} ms`,
);

// ---------------------------------------------------------------- 1b. full text over didOpen
console.log(
	`\n1b. plain LSP client (didOpen with the whole text, then at once a hover on line ${FIRST_CELL.line}, character ${FIRST_CELL.character}), ${STARTS} fresh servers:`,
);
const opened: {
	firstHoverMs: number;
	receivedMs: number;
	cpuMs: number | undefined;
	cpuAfterMs: number | undefined;
	preliminary: boolean;
	hover: string;
	fullMs: number;
}[] = [];
/** A hover on a file never opened is answered null at once: its answer marks the server having read the didOpen before it. */
const notOpen = pathToFileURL(join(dir, 'not-open.csv')).href;
let bigHovers: { times: number[]; nulls: number } | undefined;
let bigFinal = '';
for (let r = 0; r < STARTS; r++) {
	opened.push(
		await withServer(async (s) => {
			const cpu0 = s.cpuMs();
			const t0 = performance.now();
			void s.open(bigUri, bigText);
			let receivedMs = 0;
			let cpuReceived: number | undefined;
			void s.hover(notOpen, 0, 0).then(() => {
				receivedMs = performance.now() - t0;
				cpuReceived = s.cpuMs();
			});
			const h = await s.hover(bigUri, FIRST_CELL.line, FIRST_CELL.character);
			const firstHoverMs = performance.now() - t0;
			const cpu1 = s.cpuMs();
			const cpuMs = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
			const cpuAfterMs = cpuReceived !== undefined && cpu1 !== undefined ? cpu1 - cpuReceived : undefined;
			const d = await s.diagnosticsFor(bigUri);
			const fullMs = performance.now() - t0;
			const preliminary = h !== null && /Preliminary/.test(h.contents.value);
			console.log(
				`  start ${r + 1}: first hover ${(firstHoverMs / 1000).toFixed(2)} s after didOpen was sent, of which ${(receivedMs / 1000).toFixed(2)} s until the server had read the didOpen and ${((firstHoverMs - receivedMs) / 1000).toFixed(2)} s in the server after; server CPU ${cpuMs ?? '?'} ms, ${cpuAfterMs ?? '?'} ms of it after reading (${firstLine(h)}${preliminary ? '; Preliminary' : ''}); full analysis (diagnostics: ${d.length}) ${(fullMs / 1000).toFixed(2)} s`,
			);
			if (r === STARTS - 1) {
				// Once parsed: hovers on random cells of the 60 MiB file.
				const final = await s.hover(bigUri, FIRST_CELL.line, FIRST_CELL.character);
				bigFinal = final?.contents.value ?? 'null';
				bigHovers = await timedHovers(s, bigUri, bigStarts, HOVERS, 11);
			}
			return { firstHoverMs, receivedMs, cpuMs, cpuAfterMs, preliminary, hover: firstLine(h), fullMs };
		}),
	);
}
const bigStats = stats(bigHovers!.times);
console.log(
	`  once parsed (start ${STARTS}, right after the diagnostics): ${HOVERS} hovers on random cells: p50 ${bigStats.p50} ms, p95 ${bigStats.p95} ms, max ${bigStats.max} ms (${bigHovers!.nulls} null)`,
);
console.log(
	`  the full hover on the first cell, for the record:\n${bigFinal
		.split('\n')
		.map((l) => `    | ${l}`)
		.join('\n')}`,
);

// ---------------------------------------------------------------- 2, 3. Adult
let adultResult: Record<string, unknown> | undefined;
if (adultArg !== undefined && adultArg !== '' && existsSync(adultArg)) {
	const adult = join(dir, 'adult.csv');
	copyFileSync(adultArg, adult);
	const {
		text: adultText,
		uri: adultUri,
		starts: adultStarts,
	} = withSidecar(adult, { column: 'sex', minority: 'Female' }, { column: 'income-per-year', favourable: '>50K' });
	adultResult = await withServer(async (s) => {
		console.log(`\n2. Adult (${adultArg} copied with a sidecar sex=Female, label >50K), didOpen with the text:`);
		const t0 = performance.now();
		void s.open(adultUri, adultText);
		const first = await s.hover(adultUri, 1, 0);
		const firstMs = performance.now() - t0;
		const d = await s.diagnosticsFor(adultUri);
		console.log(
			`  first hover ${firstMs.toFixed(0)} ms after didOpen; diagnostics (${d.map((x) => x.code).join(', ')}) after ${(performance.now() - t0).toFixed(0)} ms`,
		);
		const hovers = await timedHovers(s, adultUri, adultStarts, HOVERS, 5);
		const once = stats(hovers.times);
		console.log(
			`  once parsed: ${HOVERS} hovers on random cells: p50 ${once.p50} ms, p95 ${once.p95} ms, max ${once.max} ms (${hovers.nulls} null); first: ${firstLine(first)}`,
		);

		console.log(
			`\n3. collectiveFairness/simulate on Adult ${JSON.stringify(SIM_PARAMS)}, a hover every ${SIM_HOVER_EVERY_MS} ms while it runs (cancelled after ${SIM_CAP_MS / 1000} s):`,
		);
		const source = new CancellationTokenSource();
		let done = false;
		let outcome = 'finished';
		const simStart = performance.now();
		const run = s.connection
			.sendRequest('collectiveFairness/simulate', { uri: adultUri, params: SIM_PARAMS }, source.token)
			.then(
				() => undefined,
				(e: unknown) => {
					outcome = `rejected: ${e instanceof Error ? e.message : String(e)}`;
				},
			)
			.finally(() => {
				done = true;
			});
		const next = randomCells(adultStarts, 23);
		const during: number[] = [];
		const inflight: Promise<void>[] = [];
		let cancelled = false;
		while (!done) {
			if (performance.now() - simStart > SIM_CAP_MS && !cancelled) {
				cancelled = true;
				source.cancel();
				outcome = 'cancelled at the cap';
			}
			const { line, character } = next();
			const sent = performance.now();
			inflight.push(
				s.hover(adultUri, line, character).then(() => {
					// Only hovers sent while the run was still going count.
					if (!done) {
						during.push(performance.now() - sent);
					}
				}),
			);
			await sleep(SIM_HOVER_EVERY_MS);
		}
		await run;
		await Promise.all(inflight);
		const simMs = performance.now() - simStart;
		const sim = stats(during);
		console.log(
			`  simulation ${outcome} after ${(simMs / 1000).toFixed(1)} s; ${during.length} hovers answered during it: p50 ${sim.p50} ms, p95 ${sim.p95} ms, max ${sim.max} ms`,
		);
		return {
			firstHoverMs: round(firstMs),
			hover: stats(hovers.times),
			simulation: { params: SIM_PARAMS, seconds: round(simMs / 1000, 2), outcome, hovers: sim },
		};
	});
} else {
	console.log(`\n2, 3. skipped: no Adult (${adultArg ?? 'not given'})`);
}

console.log(
	JSON.stringify({
		file: { path: big, bytes: bigBytes, rows: bigStarts.length - 2 },
		disk: {
			profileMedianMs: round(median(disk.map((x) => x.profileMs))),
			profileRunsMs: disk.map((x) => round(x.profileMs)),
			hoverByUriAlone: disk[0]!.hover,
			hoverByUriMs: round(median(disk.map((x) => x.hoverMs)), 2),
			breakdown: { hashMs: round(hashMs), parseMs: round(parseMs), profileTableMs: round(profileMs) },
		},
		didOpen: {
			firstHoverMedianMs: round(median(opened.map((x) => x.firstHoverMs))),
			firstHoverRunsMs: opened.map((x) => round(x.firstHoverMs)),
			receivedMedianMs: round(median(opened.map((x) => x.receivedMs))),
			afterReceiptMedianMs: round(median(opened.map((x) => x.firstHoverMs - x.receivedMs))),
			serverCpuMedianMs: opened.every((x) => x.cpuMs !== undefined) ? median(opened.map((x) => x.cpuMs!)) : null,
			serverCpuAfterReceiptMedianMs: opened.every((x) => x.cpuAfterMs !== undefined) ? median(opened.map((x) => x.cpuAfterMs!)) : null,
			preliminary: opened.map((x) => x.preliminary),
			fullMedianMs: round(median(opened.map((x) => x.fullMs))),
			fullRunsMs: opened.map((x) => round(x.fullMs)),
		},
		bigHover: bigStats,
		adult: adultResult ?? null,
	}),
);
