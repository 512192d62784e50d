/**
 * The comparison on the error–fairness planes: the firm-side sweeps, the
 * collective's (α, M) grid from the simulator, and the defending firm, over the same seeds and so
 * the same splits. The collective's runs go through the simulator's {@link UnitExecutor} (a worker
 * pool when the caller passes one); the firm-side sweeps and the defending firm run in this
 * thread, concurrently with the pool, yielding to the event loop after every fit so that an
 * abort is seen within one fit.
 *
 * Every approach runs against the firm's chosen learner (`firm.model`, logistic regression by
 * default). The one exception is the defending firm: its out-of-fold filter fits and warm-starts
 * logistic fold models (defense.ts), so against a boosting firm it is not run and a warning says so.
 */
import type { BaseSummary } from '../collective/aggregate';
import { summariseMetrics } from '../collective/seedSummary';
import type { RunMetrics } from '../collective/evaluate';
import { runRolesOf, simulate, type RunRoles, type UnitExecutor } from '../collective/simulate';
import { StrategyError } from '../collective/strategies';
import type { Table } from '../csv/table';
import { resolveRoles } from '../roles/resolve';
import type { Sidecar } from '../roles/sidecar';
import { firmModelName, type FirmModelKind } from '../models/firmModel';
import { FirmMethodError, firmSpec, sweepApproach, type FirmPoint } from './approaches';
import { buildFirmContext } from './context';
import { defendedCollectiveSteps, type DefensePoint } from './defendedCollective';
import { summariseDefense, type DefenseResultSummary } from './defenseSummary';
import { COLLECTIVE_COMPARE_DEFAULTS, resolveFirmParams, type CollectiveCompareParams, type FirmParams } from './params';
import { collectiveRows, firmRows, markFronts, summariseApproaches, type ApproachSummary, type CompareRow } from './pareto';
import { throwIfAborted } from '../abort';

export interface CompareInput {
	readonly firm?: Partial<FirmParams>;
	readonly collective?: Partial<CollectiveCompareParams>;
	/** Include the collective's front (default true). */
	readonly includeCollective?: boolean;
}

export interface CompareProgress {
	readonly done: number;
	readonly total: number;
}

export interface CompareOptions {
	readonly signal?: AbortSignal;
	readonly onProgress?: (p: CompareProgress) => void;
	/** Executor for the collective's simulation units (default in-process). */
	readonly executor?: UnitExecutor;
	readonly workers?: number;
}

export interface CompareResult {
	readonly params: { readonly firm: FirmParams; readonly collective: CollectiveCompareParams | null };
	readonly roles: RunRoles;
	/** The firm's learner every approach ran against, and its one-line name. */
	readonly model: { readonly kind: FirmModelKind; readonly text: string };
	readonly base: BaseSummary;
	/** Base first, then each firm approach's sweep, then the collective's grid. */
	readonly rows: CompareRow[];
	readonly summary: ApproachSummary[];
	readonly defense: DefenseResultSummary | null;
	readonly failures: ReadonlyArray<{ readonly approach: string; readonly seed: number; readonly reason: string }>;
	readonly warnings: string[];
	readonly timings: { readonly seconds: number; readonly workers: number };
}

export async function compare(
	table: Table,
	sidecar: Sidecar,
	input: CompareInput = {},
	options: CompareOptions = {},
): Promise<CompareResult> {
	const firm = resolveFirmParams(input.firm);
	const includeCollective = input.includeCollective ?? true;
	const model = firmSpec(firm);
	const requested = includeCollective ? { ...COLLECTIVE_COMPARE_DEFAULTS, ...stripUndefined(input.collective ?? {}) } : null;
	// The defending firm filters with logistic fold models: not defined for a boosting firm (see above).
	const defenseSkipped = requested?.defense === true && model.kind !== 'logistic';
	const collective = requested !== null && defenseSkipped ? { ...requested, defense: false } : requested;
	const roles = resolveRoles(table, sidecar);
	const started = performance.now();
	const seeds = Array.from({ length: firm.seeds }, (_, s) => firm.firstSeed + s);
	const stepsPerSeed = firmStepsPerSeed(firm) + (collective?.defense === true ? collective.defenseFlips * 3 - 1 : 0);
	const progress = { firmDone: 0, firmTotal: seeds.length * stepsPerSeed, simDone: 0, simTotal: 0 };
	const report = (): void =>
		options.onProgress?.({ done: progress.firmDone + progress.simDone, total: progress.firmTotal + progress.simTotal });
	const simulation =
		collective === null
			? Promise.resolve(undefined)
			: simulate(
					table,
					sidecar,
					{
						experiment: 'size',
						alphas: collective.alphas,
						flips: collective.flips,
						methods: collective.methods,
						k: collective.k,
						seeds: firm.seeds,
						firstSeed: firm.firstSeed,
						testFraction: firm.testFraction,
						C: firm.C,
						...(model.kind === 'boosting' ? { model } : {}),
					},
					{
						...(options.executor !== undefined ? { executor: options.executor } : {}),
						...(options.signal !== undefined ? { signal: options.signal } : {}),
						onProgress: (p) => {
							progress.simDone = p.done;
							progress.simTotal = p.total;
							report();
						},
					},
				);
	// Abort the in-process part too if the simulation fails, and vice versa.
	const firmSide = runFirmSide(table, sidecar, firm, collective, seeds, options.signal, () => {
		progress.firmDone++;
		report();
	});
	const [sim, side] = await Promise.all([simulation, firmSide]);
	const base: BaseSummary = { seeds: side.baseMetrics.length, ...summariseMetrics(side.baseMetrics) };
	const baseRow = { approach: 'base' as const, variant: '', parameter: {}, ...base };
	const rows = markFronts([baseRow, ...firmRows(side.points), ...(sim !== undefined ? collectiveRows(sim.grid ?? sim.rows) : [])]);
	const failures = [
		...side.failures,
		...(sim?.failures.map((f) => ({ approach: `collective ${f.method}`, seed: f.seed, reason: f.reason })) ?? []),
	];
	const warnings = [
		...(defenseSkipped
			? [
					'the defending firm was not run: its filter cross-validates logistic fold models, so it is defined for the logistic firm only (run with --model logistic to see it)',
				]
			: []),
		...(sim?.warnings ?? []),
	];
	const defense =
		collective?.defense === true && side.defense.length > 0
			? summariseDefense(side.defense, {
					method: collective.defenseMethod,
					alpha: collective.defenseAlpha,
					threshold: collective.defenseThreshold,
					folds: collective.defenseFolds,
				})
			: null;
	return {
		params: { firm, collective },
		roles: runRolesOf(roles, sidecar),
		model: { kind: model.kind, text: firmModelName(model) },
		base,
		rows,
		summary: summariseApproaches(rows, base.eqod.mean),
		defense,
		failures,
		warnings,
		timings: { seconds: (performance.now() - started) / 1000, workers: options.workers ?? 1 },
	};
}

function firmStepsPerSeed(p: FirmParams): number {
	const per: Record<string, number> = {
		'calibrated-eqodds': 1,
		'eqodds-thresholds': 1,
		fare: p.fareGammas.length * p.fareLeaves.length,
		reweighing: p.reweighStrengths.length,
		massaging: p.massageFractions.length,
	};
	return p.approaches.reduce((s, a) => s + per[a]!, 0);
}

interface FirmSide {
	readonly points: FirmPoint[];
	readonly baseMetrics: RunMetrics[];
	readonly defense: DefensePoint[][];
	readonly failures: Array<{ approach: string; seed: number; reason: string }>;
}

async function runFirmSide(
	table: Table,
	sidecar: Sidecar,
	firm: FirmParams,
	collective: CollectiveCompareParams | null,
	seeds: readonly number[],
	signal: AbortSignal | undefined,
	onStep: () => void,
): Promise<FirmSide> {
	const out: FirmSide = { points: [], baseMetrics: [], defense: [], failures: [] };
	const flag = { aborted: false };
	const tick = async (): Promise<void> => {
		await new Promise<void>((resolve) => setTimeout(resolve, 0));
		flag.aborted = signal?.aborted === true;
		throwIfCancelled(signal);
	};
	/** Runs a sweep's steps to its result, counting each step and yielding to the event loop between them. */
	const drive = async <T>(steps: Generator<void, T, void>): Promise<T> => {
		for (let s = steps.next(); ; s = steps.next()) {
			if (s.done === true) {
				return s.value;
			}
			onStep();
			await tick();
		}
	};
	try {
		for (const seed of seeds) {
			throwIfCancelled(signal);
			const ctx = buildFirmContext(table, sidecar, seed, {
				testFraction: firm.testFraction,
				C: firm.C,
				...(firm.model !== undefined ? { model: firm.model } : {}),
				holdoutFraction: firm.holdoutFraction,
				signal: flag,
			});
			out.baseMetrics.push(ctx.seed.base);
			await tick();
			for (const approach of firm.approaches) {
				try {
					out.points.push(...(await drive(sweepApproach(approach, ctx, firm, { signal: flag }))));
				} catch (e) {
					if (!(e instanceof FirmMethodError)) {
						throw e;
					}
					out.failures.push({ approach, seed, reason: e.message });
				}
			}
			if (collective?.defense === true) {
				try {
					const steps = defendedCollectiveSteps(ctx.seed, {
						method: collective.defenseMethod,
						alpha: collective.defenseAlpha,
						flips: collective.defenseFlips,
						k: collective.k,
						threshold: collective.defenseThreshold,
						folds: collective.defenseFolds,
						C: firm.C,
						signal: flag,
					});
					out.defense.push(await drive(steps));
				} catch (e) {
					if (!(e instanceof StrategyError)) {
						throw e;
					}
					out.failures.push({ approach: `defending firm (${collective.defenseMethod})`, seed, reason: e.message });
				}
			}
		}
	} catch (e) {
		throwIfCancelled(signal);
		throw e;
	}
	return out;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
	throwIfAborted(signal, 'the comparison was cancelled');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
