/** `collective-fairness compare`: firm-side methods and the collective on the error–fairness planes. */
import { isMethod, METHODS, type Method } from '../../shared/runParameters';
import type { SeedSummary } from '../../core/collective/aggregate';
import { compare, type CompareResult } from '../../core/firm/compare';
import { FIRM_APPROACHES, type FirmApproach } from '../../core/firm/params';
import type { CompareRow } from '../../core/firm/pareto';
import { csvField } from '../../shared/csvWriter';
import { summaryCsvCells, summaryCsvColumns } from '../../shared/simulationCsv';
import { emitRunResult, runOnExecutor } from '../output';
import { comparisonFromCompare } from '../../shared/comparison';
import { createPoolExecutor, defaultWorkerCount } from '../../runner/pool';
import { parseNumberFlag, readOnBadRow, readRunOutput, requireOneFile, RUN_OUTPUT_HELP, RUN_OUTPUT_OPTIONS, SEED_OPTIONS } from '../common';
import { EXIT_OK, UsageError } from '../errors';
import { renderTable } from '../format';
import { openRunInput, datasetCommand } from '../runInput';
import { firmModelForRun, firmModelFromFlags, MODEL_HELP, MODEL_OPTIONS } from '../modelFlags';
import { ROLE_HELP } from '../roleFlags';

const ALL = [...FIRM_APPROACHES, 'collective'] as const;

const HELP = `Usage: collective-fairness compare FILE [options]

Every approach on the same seeds and splits, against the firm's learner (--model: logistic
regression by default, or gradient boosting): the firm's base model; firm-side calibrated equalized odds (Pleiss et al. 2017, mix rate scaled 0 → 1), equalized-odds thresholds
(Hardt et al. 2016, LP with slack ε), FARE (fair tree encoder, γ × k̄, with its certified SPD
bound), Kamiran–Calders reweighing and massaging; and the minority collective's (α, M) grid.
Reports (error, EqOd) and (error, SPD) with mean ± sd over seeds and each approach's
non-dominated front (*), then the defending firm: the collective's relabeling against a firm that
drops rows whose label a cross-validated model contradicts with confidence ≥ θ, and the share of
the collective's EqOd improvement that survives it. Against a boosting firm every approach refits
or post-processes boosting, except the defending firm, whose filter is built from logistic fold
models: it is not run, and the output says so.

${ROLE_HELP}

Options:
  --methods m,...         ${ALL.join(',')} (default all)
  --seeds N               seeds to average over (default 5)
  --seed S                first seed (default 0)
  --test-fraction F       share of rows held out (default 0.2)
  --collective-methods m  scoring methods for the collective's front (default rb-prob,rb-label,rb-dist)
  --alphas a,b,...        the collective's α grid (default 0.1,0.2,0.3,0.4,0.5)
  --flips N               M grid points per α (default 8)
  --no-defense            skip the defending firm
  --defense-threshold T   θ in (0.5, 1) (default 0.8)
  --defense-method m      the collective the defending firm faces (default rb-prob, α 0.3)
  --workers N             worker threads for the collective (default: every core)
${MODEL_HELP}
${RUN_OUTPUT_HELP}`;

export const compareCommand = datasetCommand({
	name: 'compare',
	summary: 'firm-side fairness methods vs the collective: Pareto fronts, and a defending firm',
	help: HELP,
	options: {
		...MODEL_OPTIONS,
		methods: { type: 'string' },
		...SEED_OPTIONS,
		'collective-methods': { type: 'string' },
		alphas: { type: 'string' },
		flips: { type: 'string' },
		'no-defense': { type: 'boolean', default: false },
		'defense-threshold': { type: 'string' },
		'defense-method': { type: 'string' },
		workers: { type: 'string' },
		...RUN_OUTPUT_OPTIONS,
	},
	async run({ values, positionals }) {
		const output = readRunOutput(values);
		const file = requireOneFile(positionals, 'compare on');
		const list = (s: string | undefined): string[] | undefined =>
			s
				?.split(',')
				.map((t) => t.trim())
				.filter((t) => t !== '');
		const methods = list(values.methods) ?? [...ALL];
		const badMethod = methods.find((m) => !(ALL as readonly string[]).includes(m));
		if (badMethod !== undefined) {
			throw new UsageError(`unknown method '${badMethod}'; methods are ${ALL.join(', ')}`);
		}
		const collectiveMethods = list(values['collective-methods']) as Method[] | undefined;
		const defenseMethod = values['defense-method'] as Method | undefined;
		const badScore = [...(collectiveMethods ?? []), ...(defenseMethod !== undefined ? [defenseMethod] : [])].find((m) => !isMethod(m));
		if (badScore !== undefined) {
			throw new UsageError(`unknown collective method '${badScore}'; methods are ${METHODS.join(', ')}`);
		}
		const includeCollective = methods.includes('collective');
		const seeds = parseNumberFlag('seeds', values.seeds);
		const firstSeed = parseNumberFlag('seed', values.seed);
		const testFraction = parseNumberFlag('test-fraction', values['test-fraction']);
		const alphas = list(values.alphas)?.map((t) => parseNumberFlag('alphas', t)!);
		const flips = parseNumberFlag('flips', values.flips);
		const defenseThreshold = parseNumberFlag('defense-threshold', values['defense-threshold'], { min: 0.5, max: 1 });
		if (defenseThreshold !== undefined && !(defenseThreshold > 0.5 && defenseThreshold < 1)) {
			throw new UsageError(`--defense-threshold must be in (0.5, 1), got '${values['defense-threshold']}'`);
		}
		firmModelFromFlags(values, firstSeed ?? 0); // bad model flags fail before the file is read
		const workers = parseNumberFlag('workers', values.workers, { integer: true, min: 1, max: 64 }) ?? defaultWorkerCount('cli');
		const onBadRow = readOnBadRow(values['on-bad-row']);
		const { progress, loaded, sidecar } = await openRunInput(values, file, onBadRow);
		const model = firmModelForRun(values, firstSeed ?? 0, loaded.sidecar?.model);
		const result = await runOnExecutor(progress, 'comparing', createPoolExecutor(workers), workers, (options) =>
			compare(
				loaded.parse.table,
				sidecar,
				{
					firm: {
						approaches: methods.filter((m): m is FirmApproach => m !== 'collective'),
						seeds,
						firstSeed,
						testFraction,
						...(model.kind === 'boosting' ? { model } : {}),
					},
					includeCollective,
					collective: { methods: collectiveMethods, alphas, flips, defense: !values['no-defense'], defenseThreshold, defenseMethod },
				},
				options,
			),
		);
		await emitRunResult(result, { file, loaded }, output, {
			command: 'compare',
			panelResults: { simulations: {}, comparison: comparisonFromCompare(result) },
			csv: () => compareCsv(result),
			text: () => renderCompare(file, result),
		});
		return EXIT_OK;
	},
});

const METRICS = ['error', 'spd', 'eqod', 'eqodMax', 'spdBound'] as const;

/** One CSV line per row: approach, variant, parameters as name=value;…, the four summaries, fronts. */
export function compareCsv(r: CompareResult): string {
	const header = ['approach', 'variant', 'parameter', 'seeds', ...summaryCsvColumns(METRICS), 'front_eqod', 'front_spd'];
	const lines = [header.join(',')];
	for (const x of r.rows) {
		const parameter = Object.entries(x.parameter)
			.map(([k, v]) => `${k}=${v}`)
			.join(';');
		lines.push(
			[
				x.approach,
				x.variant,
				parameter,
				String(x.seeds),
				...METRICS.flatMap((m) => summaryCsvCells(x[m])),
				String(x.front.eqod),
				String(x.front.spd),
			]
				.map((c) => csvField(c))
				.join(','),
		);
	}
	return `${lines.join('\n')}\n`;
}

const fmt = (s: SeedSummary | undefined): string =>
	s === undefined ? '' : s.mean === null ? 'n/a' : `${s.mean.toFixed(3)} ± ${s.sd.toFixed(3)}`;
const paramText = (row: CompareRow): string =>
	Object.entries(row.parameter)
		.filter(([k]) => k !== 'poolSize')
		.map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toFixed(3)}`)
		.join(' ');

function renderCompare(file: string, r: CompareResult): string {
	const lines: string[] = [];
	lines.push(
		`${file}: comparison — minority ${r.roles.minority} (${r.roles.sensitive}) vs ${r.roles.majority}; label ${r.roles.label} favourable ${r.roles.favourable.join(', ')}`,
	);
	lines.push(`Firm's learner: ${r.model.text}`);
	lines.push(
		`${r.params.firm.seeds} seeds, ${r.timings.seconds.toFixed(1)} s; base model: error ${fmt(r.base.error)}, EqOd ${fmt(r.base.eqod)}, SPD ${fmt(r.base.spd)}`,
	);
	lines.push('');
	lines.push('Fronts on the (error, EqOd) plane (non-dominated points of each approach, mean ± sd over seeds):');
	const front = r.rows.filter((x) => x.front.eqod);
	lines.push(
		renderTable([
			['Approach', 'Variant', 'Parameter', 'Error', 'EqOd', 'SPD', 'Cert. SPD ≤'],
			...front.map((x) => [
				x.approach,
				x.variant,
				paramText(x),
				fmt(x.error),
				fmt(x.eqod),
				fmt(x.spd),
				x.spdBound !== undefined ? fmt(x.spdBound) : '',
			]),
		]),
	);
	lines.push('');
	lines.push('Per approach: lowest EqOd on its front, and the cheapest point at ≤ half the base EqOd:');
	lines.push(
		renderTable([
			['Approach', 'Points', 'Lowest EqOd', 'at error', 'Halving error', 'at'],
			...r.summary.map((s) => [
				s.approach,
				String(s.points),
				fmt(s.lowestEqod?.eqod),
				fmt(s.lowestEqod?.error),
				s.cheapestHalving !== undefined ? fmt(s.cheapestHalving.error) : 'not reached',
				s.cheapestHalving !== undefined ? `${s.cheapestHalving.variant} ${paramText(s.cheapestHalving)}`.trim() : '',
			]),
		]),
	);
	if (r.defense !== null) {
		const d = r.defense;
		lines.push('');
		lines.push(
			`Defending firm (drops rows whose label a ${d.folds}-fold model contradicts with confidence ≥ ${d.threshold}) against ${d.method} at α = ${d.alpha}:`,
		);
		lines.push(
			renderTable([
				['M', 'EqOd (firm)', 'EqOd (defending)', 'Error (firm)', 'Error (defending)', 'Flips removed', 'Others removed', 'Survives'],
				...d.rows.map((x) => [
					x.flips.toFixed(0),
					fmt(x.undefended.eqod),
					fmt(x.defended.eqod),
					fmt(x.undefended.error),
					fmt(x.defended.error),
					fmt(x.flippedRemoved),
					fmt(x.otherRemoved),
					x.survival.value === null ? 'n/a' : `${(100 * x.survival.value).toFixed(0)}%`,
				]),
			]),
		);
		if (d.headline !== undefined && d.headline.survival.value !== null) {
			lines.push(
				`At the collective's best point (M = ${d.headline.flips.toFixed(0)}), ${(100 * d.headline.survival.value).toFixed(0)}% of its EqOd improvement survives the defense.`,
			);
		} else {
			lines.push('The collective does not improve EqOd enough here to measure what survives.');
		}
	}
	for (const f of [...new Set(r.failures.map((x) => x.reason))]) {
		lines.push(`Not run: ${f}`);
	}
	for (const w of r.warnings) {
		lines.push(`Note: ${w}`);
	}
	return lines.join('\n');
}
