/** `collective-fairness simulate`: what a minority collective can do, experiment by experiment. */
import { firmModelOf, type SimulationParams } from '../../core/collective/params';
import { EXPERIMENTS, isExperiment, isMethod, METHODS, RUN_DEFAULTS, type Experiment, type Method } from '../../shared/runParameters';
import { simulate, type SimulationResult } from '../../core/collective/simulate';
import type { SeedSummary, SimulationRow } from '../../core/collective/aggregate';
import { emitRunResult, runOnExecutor } from '../output';
import { createPoolExecutor, defaultWorkerCount } from '../../runner/pool';
import { createQueueExecutor } from '../../runner/queueCoordinator';
import { requireRedisUrl } from '../../runner/queueConnection';
import { printErr } from '../terminal';
import { EXIT_OK, UsageError } from '../errors';
import { renderTable } from '../format';
import { openRunInput, datasetCommand } from '../runInput';
import { ROLE_HELP } from '../roleFlags';
import { parseNumberFlag, readOnBadRow, readRunOutput, requireOneFile, RUN_OUTPUT_HELP, RUN_OUTPUT_OPTIONS, SEED_OPTIONS } from '../common';
import { CLI_BASE_ROW, simulationRowsCsv } from '../../shared/simulationCsv';
import {
	collectiveModelFromFlags,
	COLLECTIVE_MODEL_HELP,
	COLLECTIVE_MODEL_OPTIONS,
	firmModelForRun,
	firmModelFromFlags,
	MODEL_HELP,
	MODEL_OPTIONS,
	type ModelFlagValues,
} from '../modelFlags';
import { firmModelName } from '../../core/models/firmModel';
import { renderEfficiency } from '../efficiencyTable';

const HELP = `Usage: collective-fairness simulate FILE --experiment size|flips|knowledge|minimum [options]

A collective — a fraction α of the minority's training rows — relabels its members with the
unfavourable label, top M first by a score (RB-prob, RB-label, RB-dist, or Random); the firm
retrains its classifier (logistic regression, or --model boosting); the test set (true labels) gives error, statistical parity and
equalized odds (the paper's average). Averaged over seeds with sd and a 95% percentile interval.

Experiments:
  size       best EqOd over the M grid for each α (the paper's "importance of collective size")
  flips      EqOd, SPD and error against M at one α ("relabeling efficiency")
  knowledge  (error, EqOd) with n known majority rows against all of them ("varying knowledge")
  minimum    the smallest α (and M) whose mean EqOd reaches --target-eqod

${ROLE_HELP}

Options:
  --experiment E          size | flips | knowledge | minimum (required)
  --alpha A               α for flips and knowledge (default 0.3)
  --alphas a,b,...        α grid for size and minimum (default 0.05,0.1,...,0.5)
  --flips N               N evenly spaced values of M from 0 to the whole pool (default 10)
  --flip-grid a,b,...     explicit values of M instead
  --methods m,...         rb-prob,rb-label,rb-dist,random (default all)
  --k K                   neighbours for rb-label and rb-dist (default 5)
  --knowledge all|N       majority rows the collective knows (default all; the knowledge
                          experiment compares N, default 10, against all)
  --seeds N               seeds to average over (default 5)
  --seed S                first seed (default 0)
  --target-eqod X         EqOd the minimum experiment must reach (default half the base EqOd)
  --test-fraction F       share of rows held out (default 0.2)
  --min-level-count N     one-hot levels seen in fewer training rows are pooled (default 10; 1 = none)
  --defense-threshold T   simulate a defending firm: before retraining it drops rows whose label a
                          cross-validated model contradicts with probability ≥ T (in (0.5, 1)); rows
                          then also show the defended EqOd and the share of the effect that survives
  --defense-folds K       folds of that cross-validation (default 5)
  --workers N             worker threads (default: every core)
${MODEL_HELP}
${COLLECTIVE_MODEL_HELP}
  --queue URL             run the units on 'collective-fairness worker' processes through the Redis
                          server at redis://HOST:PORT[/DB] instead of this machine's threads
${RUN_OUTPUT_HELP}`;

export const simulateCommand = datasetCommand({
	name: 'simulate',
	summary: 'simulate minority collective action (size, flips, knowledge, minimum)',
	help: HELP,
	options: {
		experiment: { type: 'string' },
		alpha: { type: 'string' },
		alphas: { type: 'string' },
		flips: { type: 'string' },
		'flip-grid': { type: 'string' },
		methods: { type: 'string' },
		k: { type: 'string' },
		knowledge: { type: 'string' },
		...SEED_OPTIONS,
		'target-eqod': { type: 'string' },
		workers: { type: 'string' },
		'min-level-count': { type: 'string' },
		'defense-threshold': { type: 'string' },
		'defense-folds': { type: 'string' },
		queue: { type: 'string' },
		...MODEL_OPTIONS,
		...COLLECTIVE_MODEL_OPTIONS,
		...RUN_OUTPUT_OPTIONS,
	},
	async run({ values, positionals }) {
		const file = requireOneFile(positionals, 'simulate on');
		const experiment = values.experiment;
		if (!isExperiment(experiment)) {
			throw new UsageError(
				`--experiment must be ${EXPERIMENTS.slice(0, -1).join(', ')} or ${EXPERIMENTS.at(-1)}${experiment !== undefined ? `, got '${experiment}'` : ''}`,
			);
		}
		const output = readRunOutput(values);
		const params = readParams(values, experiment);
		const workers = parseNumberFlag('workers', values.workers, { integer: true, min: 1, max: 64 }) ?? defaultWorkerCount('cli');
		const onBadRow = readOnBadRow(values['on-bad-row']);
		if (values.queue !== undefined) {
			requireRedisUrl(values.queue);
		}
		// The pool's threads start while the dataset is read, so that they are ready when the run begins.
		const pool = values.queue === undefined ? createPoolExecutor(workers) : undefined;
		pool?.startThreads();
		const { progress, loaded, sidecar } = await openRunInput(values, file, onBadRow);
		const model = firmModelForRun(values as ModelFlagValues, params.firstSeed ?? RUN_DEFAULTS.firstSeed, loaded.sidecar?.model);
		const executor = pool ?? createQueueExecutor(values.queue!, { log: (line) => printErr(`simulate: ${line}\n`) });
		const result = await runOnExecutor(progress, 'simulating', executor, workers, (options) =>
			simulate(loaded.parse.table, sidecar, { ...params, ...(model.kind === 'boosting' ? { model } : {}) }, options),
		);
		await emitRunResult(result, { file, loaded }, output, {
			command: 'simulate',
			panelResults: { simulations: { [result.experiment]: result } },
			csv: () => simulationRowsCsv([result], CLI_BASE_ROW),
			text: () => renderSimulation(file, result),
		});
		return EXIT_OK;
	},
});

function readParams(
	values: Record<string, string | boolean | undefined>,
	experiment: Experiment,
): Partial<SimulationParams> & { experiment: Experiment } {
	const str = (k: string): string | undefined => values[k] as string | undefined;
	const numbers = (flag: string): number[] | undefined =>
		str(flag)
			?.split(',')
			.map((t) => parseNumberFlag(flag, t.trim())!);
	const methods = str('methods')
		?.split(',')
		.map((m) => m.trim()) as Method[] | undefined;
	const bad = methods?.find((m) => !isMethod(m));
	if (bad !== undefined) {
		throw new UsageError(`unknown method '${bad}'; methods are ${METHODS.join(', ')}`);
	}
	const knowledgeText = str('knowledge');
	const knowledge = knowledgeText === undefined || knowledgeText === 'all' ? undefined : parseNumberFlag('knowledge', knowledgeText);
	// Boosting flags without --model boosting are refused; the logistic firm keeps params without `model`.
	const seed = parseNumberFlag('seed', str('seed')) ?? RUN_DEFAULTS.firstSeed;
	const model = firmModelFromFlags(values as ModelFlagValues, seed);
	const collectiveModel = collectiveModelFromFlags(str('collective-model'), seed);
	const p: Partial<SimulationParams> & { experiment: Experiment } = {
		experiment,
		...(model.kind === 'boosting' ? { model } : {}),
		...(collectiveModel !== undefined ? { collectiveModel } : {}),
		...defined('alpha', parseNumberFlag('alpha', str('alpha'))),
		...defined('alphas', numbers('alphas')),
		...defined('flips', parseNumberFlag('flips', str('flips'))),
		...defined('flipGrid', numbers('flip-grid')),
		...defined('methods', methods),
		...defined('k', parseNumberFlag('k', str('k'))),
		...(experiment === 'knowledge'
			? defined('knowledgeRows', knowledge)
			: knowledgeText !== undefined
				? { knowledge: knowledge ?? 'all' }
				: {}),
		...defined('seeds', parseNumberFlag('seeds', str('seeds'))),
		...defined('firstSeed', parseNumberFlag('seed', str('seed'))),
		...defined('targetEqod', parseNumberFlag('target-eqod', str('target-eqod'))),
		...defined('testFraction', parseNumberFlag('test-fraction', str('test-fraction'))),
		...defined('rareLevelMinCount', parseNumberFlag('min-level-count', str('min-level-count'))),
		...defenseParams(str('defense-threshold'), str('defense-folds')),
	};
	return p;
}

function defenseParams(threshold: string | undefined, folds: string | undefined): { defense?: { threshold: number; folds: number } } {
	if (threshold === undefined) {
		if (folds !== undefined) {
			throw new UsageError('--defense-folds needs --defense-threshold');
		}
		return {};
	}
	return {
		defense: {
			threshold: parseNumberFlag('defense-threshold', threshold, { min: 0.5, max: 1 })!,
			folds: parseNumberFlag('defense-folds', folds, { integer: true, min: 2, max: 20 }) ?? 5,
		},
	};
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const fmt = (s: SeedSummary | undefined): string =>
	s === undefined ? '' : s.mean === null ? 'n/a' : `${s.mean.toFixed(3)} ± ${s.sd.toFixed(3)}`;

function renderSimulation(file: string, r: SimulationResult): string {
	const lines: string[] = [];
	lines.push(
		`${file}: ${r.experiment} experiment — minority ${r.roles.minority} (${r.roles.sensitive}) vs ${r.roles.majority}; label ${r.roles.label} favourable ${r.roles.favourable.join(', ')}`,
	);
	lines.push(
		`Firm's learner: ${firmModelName(firmModelOf(r.params))}; RB-prob's scorer: ${firmModelName(r.params.collectiveModel ?? { kind: 'logistic', C: 1 })}`,
	);
	lines.push(`Firm: ${firmText(r)}`);
	if (r.gridRefinement.length > 0) {
		lines.push(
			`M grid: ${r.params.flips} evenly spaced points, then ${r.gridRefinement.length} more around each method's best M and target crossing (at ${r.gridRefinement.map((f) => `${Math.round(f * 100)}%`).join(', ')} of the pool; --flip-grid to set it yourself)`,
		);
	}
	lines.push(
		`${r.params.seeds} seeds, k = ${r.params.k}, ${r.timings.fits} refits in ${r.timings.seconds.toFixed(1)} s on ${r.timings.workers} worker${r.timings.workers === 1 ? '' : 's'}`,
	);
	lines.push(
		`Base model: error ${fmt(r.base.error)}, SPD ${fmt(r.base.spd)}, EqOd ${fmt(r.base.eqod)} (ΔTPR ${fmt(r.base.tprGap)}, ΔFPR ${fmt(r.base.fprGap)})${r.base.success !== undefined ? `, success S ${fmt(r.base.success)}` : ''}`,
	);
	if (r.base.gapVerdict === 'none-measurable') {
		lines.push(
			`Note: the base model itself has no measurable gap at this sample size (the seed intervals of ΔTPR and ΔFPR both cover zero): there may be nothing for a collective to remove — run more seeds or use more data`,
		);
	}
	lines.push('');
	const withCf = r.rows.some((x) => x.success !== undefined);
	const withDefense = r.base.defended !== undefined;
	if (withDefense) {
		lines.splice(
			lines.length - 1,
			0,
			`Defending firm (threshold ${r.params.defense?.threshold}, ${r.params.defense?.folds} folds): its own base EqOd ${fmt(r.base.defended?.eqod)}, error ${fmt(r.base.defended?.error)}`,
		);
	}
	const header = [
		'Method',
		...(r.experiment === 'knowledge' ? ['Known'] : []),
		'α',
		'M',
		'Pool',
		'EqOd',
		'ΔTPR',
		'ΔFPR',
		'SPD',
		'Error',
		...(withCf ? ['Success S', 'CF gap'] : []),
		...(withDefense ? ['Defended EqOd', 'Flips dropped', 'Survives'] : []),
	];
	const row = (x: SimulationRow): string[] => [
		x.method,
		...(r.experiment === 'knowledge' ? [String(x.knowledge)] : []),
		x.alpha.toFixed(2),
		x.flips.toFixed(0),
		x.poolSize.toFixed(0),
		fmt(x.eqod) + (x.gapVerdict === 'none-measurable' ? ' °' : ''),
		fmt(x.tprGap),
		fmt(x.fprGap),
		fmt(x.spd),
		fmt(x.error),
		...(withCf ? [fmt(x.success), fmt(x.counterfactualGap)] : []),
		...(withDefense
			? [
					fmt(x.defended?.eqod),
					x.defended?.removedFlips.mean === null || x.defended === undefined ? 'n/a' : x.defended.removedFlips.mean.toFixed(0),
					survivalText(x),
				]
			: []),
	];
	if (r.experiment === 'size' || r.experiment === 'minimum') {
		lines.push('Best EqOd over the M grid, per α:');
	}
	lines.push(renderTable([header, ...r.rows.map(row)]));
	if (r.rows.some((x) => x.gapVerdict === 'none-measurable')) {
		lines.push(
			`° no measurable gap left at this sample size: the seed intervals of both signed gaps ΔTPR and ΔFPR (minority − majority) cover zero; EqOd, an average of absolute values of noisy gaps, stays above zero from sampling noise alone`,
		);
	}
	lines.push('', ...renderEfficiency(r.efficiency, r.target));
	for (const f of dedupeFailures(r)) {
		lines.push(`Not run: ${f}`);
	}
	// Empty collectives and partial failures: the table alone would show them as "no effect".
	for (const w of r.warnings) {
		lines.push(`Note: ${w}`);
	}
	if (r.minimum !== undefined) {
		lines.push('');
		for (const m of r.minimum) {
			if (m.reached && m.row !== undefined) {
				lines.push(
					`${m.method}: EqOd ≤ ${m.target.toFixed(3)} first reached at α = ${m.row.alpha} (${m.row.collectiveSize.toFixed(0)} members) with M = ${m.row.flips.toFixed(0)} flips: EqOd ${fmt(m.row.eqod)} [${m.row.eqod.mean === null ? '' : `${m.row.eqod.lo.toFixed(3)}, ${m.row.eqod.hi.toFixed(3)}`}]`,
				);
			} else {
				lines.push(
					`${m.method}: EqOd ≤ ${m.target.toFixed(3)} not reached on this grid${m.best !== undefined ? `; lowest ${fmt(m.best.eqod)} at α = ${m.best.alpha}, M = ${m.best.flips.toFixed(0)}` : ''}`,
				);
			}
		}
	}
	return lines.join('\n');
}

function firmText(r: SimulationResult): string {
	return r.firm === 'aware'
		? `aware — its model takes ${r.roles.sensitive} as an input (the paper's protocol; --exclude-sensitive for the blind firm)`
		: `blind — ${r.roles.sensitive} is not an input, the model sees it only through proxies (--include-sensitive for the paper's aware firm)`;
}

function survivalText(x: SimulationRow): string {
	const s = x.defended?.survival;
	return s === undefined || s.value === null ? '—' : `${Math.round(s.value * 100)}%`;
}

function dedupeFailures(r: SimulationResult): string[] {
	return [...new Set(r.failures.map((f) => f.reason))];
}
