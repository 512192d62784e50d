// `npm run bench`: measures every performance figure the project promises, in one run, each
// against a baseline measured in the same run, and prints a PASS/FAIL summary.
//
//   npm run bench [-- --quick] [-- --only ingest,logistic,boosting,knn,flips,server,scale] [-- --check]
//   node bench/run.mjs ...            (after npm run build; the flips section runs dist/cli.js)
//
//   --quick   skip the scikit-learn reference run and the sklearn timings (a fast look)
//   --only    run just these sections (comma-separated)
//   --check   exit 1 when a measured target fails (default: always exit 0, bench is informational)
//
// Sections (bench/sections/*.mjs), each in fresh child processes (so no section warms the JIT for another):
//   ingest    bench/ingest.mjs --json: readCsvFile vs papaparse's raw streaming parse, peak RSS
//   logistic  bench/model.ts (bundled): cold fit and warm refit on Adult by sex, median of 7;
//             sklearn LogisticRegression(C=1, lbfgs).fit on the same matrix, median of 5
//   boosting  bench/model.ts: one cold gradient-boosting fit (bins + 100 trees of 31 leaves) on
//             Adult by sex, median of 5; sklearn HistGradientBoostingClassifier(early_stopping=False)
//             .fit on the same matrix with one OpenMP thread and, when the load average is below
//             the core count, the default threads; up to 3 each; target: ours ≤ 2 × the faster (wall)
//   knn       bench/model.ts: every Black row × every White row of Adult, k = 5, median of 5;
//             sklearn NearestNeighbors(brute).kneighbors on the same matrix, median of 5
//   flips     `collective-fairness simulate … --experiment flips` (3 runs, median) vs
//             ../shared/reference/aca_ref.py with the same grid (1 run, 2 if under a minute)
//   server    bench/server.ts (bundled): the language server (dist/server.js --stdio) over JSON-RPC
//             on a generated 60 MiB CSV: the first answer by URI from disk (what VS Code can ask
//             above its 50 MB sync limit) and the first hover after a full-text didOpen (what a
//             plain LSP client does), median of 3 fresh servers each; hover p50/p95 over 200
//             random cells once parsed (Adult and the 60 MiB file); hovers every 50 ms during a
//             simulate request on Adult
//   scale     bench/scaleMemory.mjs: 10 million generated rows (1 million under --quick) as CSV
//             (≈ 1 GB) and as Parquet; profile and audit of each in a fresh `node dist/cli.js`
//             child: wall time, peak RSS (target < 4 GB each) and the load average beside them;
//             then bench/scaleFlips.mjs: the flips experiment on 1M generated rows (4 methods ×
//             4 M × 1 seed, target ≤ 30 s) and the Adult flips sweep per fit against aca_ref.py
//             (target ≥ 50× at low load), medians of 3 (1 run and no reference under --quick)
//
// Real data comes from ../shared/datasets (or $COLLECTIVE_FAIRNESS_DATASETS); without it the
// sections that need it print a skip line. Python is /usr/bin/python3 (or $BENCH_PYTHON); without
// scikit-learn the sklearn parts print a skip line. Every figure goes to bench/.cache/last.json.
// The machine is shared: figures are medians and the load average is printed with them.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBundle } from './lib/bundle.mjs';
import { DATASETS_DIR, probePython } from './lib/environment.mjs';
import { CORES, fmtLoad, loadAverage } from './lib/figures.mjs';
import { createSummary } from './lib/summary.mjs';
import { SECTION_TARGETS, SECTIONS } from './sections/index.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cache = join(here, '.cache');
const SECTION_NAMES = Object.keys(SECTIONS);

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
	console.log(readUsage());
	process.exit(0);
}
const quick = argv.includes('--quick');
const check = argv.includes('--check');
let only = SECTION_NAMES;
const onlyAt = argv.indexOf('--only');
if (onlyAt >= 0) {
	only = (argv[onlyAt + 1] ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
	const unknown = only.filter((s) => !SECTION_NAMES.includes(s));
	if (only.length === 0 || unknown.length > 0) {
		console.error(
			`--only takes a comma-separated list of ${SECTION_NAMES.join(', ')}${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`,
		);
		process.exit(2);
	}
}
const knownFlags = new Set(['--quick', '--check', '--only']);
const stray = argv.filter((a, i) => a.startsWith('--') && !knownFlags.has(a) && argv[i - 1] !== '--only');
if (stray.length > 0) {
	console.error(`unknown option(s) ${stray.join(' ')}; see node bench/run.mjs --help`);
	process.exit(2);
}

// ---------------------------------------------------------------- environment
const adult = join(DATASETS_DIR, 'adult.csv');
const adultSkip = existsSync(adult) ? undefined : `${adult} not found (set COLLECTIVE_FAIRNESS_DATASETS to a folder holding adult.csv)`;
const python = probePython();
const exportDir = join(cache, `export-${process.pid}`);

const report = {
	startedAt: new Date().toISOString(),
	machine: {
		node: process.version,
		cores: CORES,
		cpu: os.cpus()[0]?.model,
		totalMemMB: Math.round(os.totalmem() / 2 ** 20),
		python: python.version ?? null,
	},
	options: { quick, check, only },
	loadavg: { start: loadAverage() },
	sections: {},
	skipped: [],
	summary: [],
};
const summary = createSummary(report, SECTION_TARGETS);
/** What every section reads: the options, the environment, the summary it writes its figures into. */
const bench = {
	quick,
	cache,
	adult,
	adultSkip,
	python,
	/** Where a model section exports its matrix for scikit-learn (deleted at the end of the run). */
	exportDir,
	...summary,
	bundle: (name) => benchBundle(name, cache),
	/** Whether a section should time sklearn; prints the skip reason when not. */
	sklearnWanted(section) {
		if (quick) {
			summary.skip(`${section}: sklearn timing`, '--quick');
			return false;
		}
		if (python.sklearn === undefined) {
			summary.skip(`${section}: sklearn timing`, python.reason);
			return false;
		}
		return true;
	},
	skipWithoutAdult(section) {
		if (adultSkip !== undefined) {
			summary.skip(`${section}: whole section (needs real Adult)`, adultSkip);
			summary.skipTargets(section);
			return true;
		}
		return false;
	},
};

console.log(`Collective Fairness benchmark — ${report.startedAt}`);
console.log(
	`node ${process.version}, ${CORES} cores (${report.machine.cpu}), python ${python.version ?? 'unavailable'}${python.sklearn ? `, scikit-learn ${python.sklearn}` : ''}`,
);
console.log(
	`load average at start (1/5/15 min): ${fmtLoad(report.loadavg.start)} — the machine is shared; every figure is a median${quick ? '; --quick: no reference run, no sklearn timings' : ''}`,
);

mkdirSync(cache, { recursive: true });
try {
	for (const name of only) {
		console.log(`\n=== ${name} ${'='.repeat(70 - name.length)}`);
		const startLoad = loadAverage();
		console.log(`load average: ${fmtLoad(startLoad)}`);
		try {
			report.sections[name] = { loadavg: startLoad, ...(await SECTIONS[name](bench)) };
		} catch (error) {
			// One broken section must not hide the others' figures.
			console.log(`ERROR in ${name}: ${error instanceof Error ? error.message : String(error)}`);
			report.sections[name] = { loadavg: startLoad, error: String(error instanceof Error ? error.message : error) };
			summary.target(`${name} section`, 'error', '', 'runs', false);
		}
	}
} finally {
	rmSync(exportDir, { recursive: true, force: true });
}

report.loadavg.end = loadAverage();
report.finishedAt = new Date().toISOString();
summary.print(check);
writeFileSync(join(cache, 'last.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nload average at end: ${fmtLoad(report.loadavg.end)}; every figure is in ${join('bench', '.cache', 'last.json')}`);
const failed = report.summary.filter((r) => r.pass === false);
process.exit(check && failed.length > 0 ? 1 : 0);

/** The comment at the top of this file, which is the usage text. */
function readUsage() {
	const lines = [];
	for (const line of readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n')) {
		if (!line.startsWith('//')) {
			break;
		}
		lines.push(line.replace(/^\/\/ ?/, ''));
	}
	return lines.join('\n');
}
