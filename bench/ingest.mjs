// CSV ingestion benchmark: our readCsvFile (typed columns) vs papaparse's raw streaming parse.
//
//   node bench/ingest.mjs [--json] [--runs N] [--mb SIZE]
//
// Generates a deterministic ~50 MB Adult-like CSV (some quoted fields with commas and doubled
// quotes) into bench/.cache/, bundles src/io/readCsvFile.ts with esbuild, then times each parser
// in its own child process so that peak RSS (process.resourceUsage().maxRSS) is per parser.
// Reports medians over the runs; with --json the last line is
// { ingestMBps, papaparseMBps, ratio, peakRssMB, fileMB, rssRatio, ingestCpuMBps, papaparseCpuMBps }
// (the last two: file MB per CPU-second, the figure least disturbed by other processes).
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync, openSync, writeSync, closeSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFile } from '../scripts/bundle.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const cache = join(here, '.cache');
const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 ? Number(args[i + 1]) : fallback;
};

if (args[0] === '--child') {
	await child(args[1], args[2]);
} else {
	await main();
}

async function main() {
	const json = args.includes('--json');
	const runs = option('--runs', 3);
	const targetMB = option('--mb', 50);
	mkdirSync(cache, { recursive: true });
	const file = join(cache, `adult-like-${targetMB}mb.csv`);
	if (!existsSync(file)) {
		generate(file, targetMB * 1e6);
	}
	const bundle = join(cache, 'readCsvFile.cjs');
	await bundleFile(join(root, 'src/io/readCsvFile.ts'), bundle);
	const fileBytes = statSync(file).size;
	const fileMB = fileBytes / 1e6;
	const results = { papaparse: [], ours: [] };
	for (let run = 0; run < runs; run++) {
		for (const which of ['papaparse', 'ours']) {
			const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', which, file], { encoding: 'utf8', cwd: root });
			if (out.status !== 0) {
				throw new Error(`${which} child failed: ${out.stderr}`);
			}
			results[which].push(JSON.parse(out.stdout.trim().split('\n').pop()));
		}
	}
	const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	const mbps = (which) => median(results[which].map((r) => fileMB / (r.ms / 1000)));
	const rss = (which) => median(results[which].map((r) => r.maxRssKB / 1024));
	const cpuMBps = (which) => median(results[which].map((r) => fileMB / (r.cpuMs / 1000)));
	const ingestMBps = mbps('ours');
	const papaparseMBps = mbps('papaparse');
	const peakRssMB = rss('ours');
	const summary = {
		ingestMBps: round(ingestMBps),
		papaparseMBps: round(papaparseMBps),
		ratio: round(ingestMBps / papaparseMBps),
		peakRssMB: round(peakRssMB),
		fileMB: round(fileMB),
		rssRatio: round(peakRssMB / fileMB),
		ingestCpuMBps: round(cpuMBps('ours')),
		papaparseCpuMBps: round(cpuMBps('papaparse')),
	};
	const rows = results.ours[0].rows;
	console.log(`file: ${file} (${fileMB.toFixed(1)} MB, ${rows} rows), ${runs} runs, medians`);
	console.log('parser                      MB/s   MB/CPU-s   peak RSS MB   RSS/file');
	console.log(
		`papaparse (raw, chunk)  ${pad(papaparseMBps)}    ${pad(cpuMBps('papaparse'))}   ${pad(rss('papaparse'))}      ${(rss('papaparse') / fileMB).toFixed(2)}`,
	);
	console.log(
		`readCsvFile (columns)   ${pad(ingestMBps)}    ${pad(cpuMBps('ours'))}   ${pad(peakRssMB)}      ${(peakRssMB / fileMB).toFixed(2)}`,
	);
	console.log(`ratio ours/papaparse: ${summary.ratio}`);
	if (json) {
		console.log(JSON.stringify(summary));
	}
}

async function child(which, file) {
	const cpuStarted = process.cpuUsage();
	const started = performance.now();
	let rows = 0;
	if (which === 'papaparse') {
		const Papa = createRequire(join(root, 'package.json'))('papaparse');
		await new Promise((resolve, reject) => {
			Papa.parse(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
				header: false,
				chunk: (result) => {
					rows += result.data.length;
				},
				complete: resolve,
				error: reject,
			});
		});
	} else {
		const { readCsvFile } = createRequire(join(cache, 'x.cjs'))('./readCsvFile.cjs');
		const result = await readCsvFile(file);
		rows = result.table.rowCount;
	}
	const ms = performance.now() - started;
	// CPU time (user + system, all of the process's threads, GC included): well below ms means the
	// shared machine took the core away; MB per CPU-second is then the less noisy figure.
	const cpu = process.cpuUsage(cpuStarted);
	console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, rows, maxRssKB: process.resourceUsage().maxRSS }));
}

/** Deterministic Adult-like rows (xorshift32), written in 4 MB batches. */
function generate(file, targetBytes) {
	let state = 0x2545f491;
	const next = () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 4294967296;
	};
	const pick = (xs) => xs[Math.floor(next() * xs.length)];
	const workclass = ['Private', 'Self-emp-not-inc', 'Self-emp-inc', 'Federal-gov', 'Local-gov', 'State-gov', 'Without-pay', '?'];
	const education = [
		'Bachelors',
		'Some-college',
		'11th',
		'HS-grad',
		'Prof-school',
		'Assoc-acdm',
		'Assoc-voc',
		'9th',
		'Masters',
		'Doctorate',
	];
	const marital = ['Married-civ-spouse', 'Divorced', 'Never-married', 'Separated', 'Widowed'];
	const occupation = [
		'Tech-support',
		'"Craft, repair"',
		'Other-service',
		'Sales',
		'"Exec-managerial"',
		'Prof-specialty',
		'"Handlers ""cleaners"""',
		'Machine-op-inspct',
		'Adm-clerical',
		'?',
	];
	const relationship = ['Wife', 'Own-child', 'Husband', 'Not-in-family', 'Other-relative', 'Unmarried'];
	const race = ['White', 'Asian-Pac-Islander', 'Amer-Indian-Eskimo', 'Other', 'Black'];
	const country = ['United-States', 'Mexico', 'Philippines', 'Germany', 'Canada', '"Korea, South"', 'India', '?'];
	const header =
		'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,income\n';
	const tmp = `${file}.tmp`;
	const fd = openSync(tmp, 'w');
	writeSync(fd, header);
	let written = header.length;
	while (written < targetBytes) {
		const lines = [];
		for (let i = 0; i < 20000; i++) {
			const edu = Math.floor(next() * education.length);
			lines.push(
				[
					17 + Math.floor(next() * 73),
					pick(workclass),
					12285 + Math.floor(next() * 1472000),
					education[edu],
					edu + 6,
					pick(marital),
					pick(occupation),
					pick(relationship),
					pick(race),
					next() < 0.67 ? 'Male' : 'Female',
					next() < 0.92 ? 0 : Math.floor(next() * 99999),
					next() < 0.95 ? 0 : Math.floor(next() * 4356),
					1 + Math.floor(next() * 99),
					pick(country),
					next() < 0.24 ? '>50K' : '<=50K',
				].join(','),
			);
		}
		const text = lines.join('\n') + '\n';
		writeSync(fd, text);
		written += Buffer.byteLength(text);
	}
	closeSync(fd);
	renameSync(tmp, file);
	writeFileSync(join(cache, 'README'), 'Generated by bench/ingest.mjs; safe to delete.\n');
}

function round(x) {
	return Math.round(x * 100) / 100;
}

function pad(x) {
	return x.toFixed(1).padStart(7);
}
