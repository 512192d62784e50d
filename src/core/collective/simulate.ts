/**
 * A whole simulation run: plan the units, execute them (in this thread, or on a worker pool
 * supplied by the caller), aggregate. The CLI, the language server and the panel all call this.
 */
import type { Table } from '../csv/table';
import type { Sidecar } from '../roles/sidecar';
import { resolveRoles, type ResolvedRoles } from '../roles/resolve';
import { RolesError } from '../roles/errors';
import { firmAwareness, type FirmAwareness } from '../roles/features';
import { aggregate, type Aggregated } from './aggregate';
import { resolveParams, type Experiment, type SimulationParams } from './params';
import { fitsPerUnit, planUnits, unitSteps, type UnitKey, type UnitResult } from './unit';
import type { SeedContext } from './seedContext';
import { mergePasses, refinementFractions, refines } from './refine';
import { advantagedMinorityWarnings } from './runWarnings';
import { throwIfAborted } from '../abort';

export interface SimulationProgress {
	readonly stage: 'running';
	/** Refits done and planned. */
	readonly done: number;
	readonly total: number;
	/** Seconds left at the current pace, once known. */
	readonly etaSeconds?: number;
}

/**
 * Runs units and resolves with one result per unit, in the order given. `onFit` is called after
 * every refit for progress. Implementations must honour `signal` (reject with an AbortError).
 * An executor may keep state between calls (a pool keeps its threads, with the seeds' contexts
 * and the units' rankings, for the refinement pass); `release` ends it, and simulate() calls it
 * once a run's passes are over.
 */
export interface UnitExecutor {
	(
		units: readonly UnitKey[],
		context: { table: Table; sidecar: Sidecar; params: SimulationParams; signal?: AbortSignal; onFit: () => void },
	): Promise<UnitResult[]>;
	readonly release?: () => Promise<void>;
}

export interface SimulationResult extends Aggregated {
	readonly experiment: Experiment;
	readonly params: SimulationParams;
	readonly roles: RunRoles;
	/** Whether the firm's model took the sensitive attribute as an input (docs/methods.md, "The firm"). */
	readonly firm: FirmAwareness;
	/** The firm's feature columns. */
	readonly features: readonly string[];
	/** Fractions of the pool the refinement pass added to the coarse M grid (empty: none). */
	readonly gridRefinement: readonly number[];
	readonly timings: { readonly seconds: number; readonly fits: number; readonly workers: number };
}

/** The roles a run used, as its result reports them (the simulation's and the comparison's). */
export interface RunRoles {
	readonly sensitive: string;
	readonly minority: string;
	readonly majority: string;
	readonly label: string;
	readonly favourable: readonly string[];
}

/** The roles a run reports, from the ones it resolved (group 1 is the minority) and its sidecar. */
export function runRolesOf(roles: ResolvedRoles, sidecar: Sidecar): RunRoles {
	return {
		sensitive: roles.sensitive,
		minority: roles.groupNames[1]!,
		majority: roles.groupNames[0]!,
		label: roles.label,
		favourable: sidecar.label.favourable,
	};
}

export interface SimulateOptions {
	readonly signal?: AbortSignal;
	readonly onProgress?: (p: SimulationProgress) => void;
	/** Defaults to {@link runUnitsInProcess}. */
	readonly executor?: UnitExecutor;
	/** Reported in timings. */
	readonly workers?: number;
}

export async function simulate(
	table: Table,
	sidecar: Sidecar,
	input: Partial<SimulationParams> & { experiment: Experiment },
	options: SimulateOptions = {},
): Promise<SimulationResult> {
	const params = resolveParams(input);
	// Resolve roles here, once, so a bad role fails before any worker starts, and names are exact.
	const roles = resolveRoles(table, sidecar);
	requireBothLabels(roles);
	const started = performance.now();
	const units = planUnits(params);
	// The refinement pass (refine.ts) raises the total once the coarse pass has shown where to look.
	let total = units.length * fitsPerUnit(params);
	let done = 0;
	const onFit = (): void => {
		done++;
		const elapsed = (performance.now() - started) / 1000;
		options.onProgress?.({
			stage: 'running',
			done,
			total,
			...(done > 0 && done < total ? { etaSeconds: (elapsed * (total - done)) / done } : {}),
		});
	};
	const executor = options.executor ?? runUnitsInProcess;
	const signal = options.signal !== undefined ? { signal: options.signal } : {};
	let results: UnitResult[];
	let refinement: readonly number[] = [];
	try {
		results = await executor(units, { table, sidecar, params, ...signal, onFit });
		if (refines(params)) {
			const coarse = aggregate(params, results);
			refinement = refinementFractions(coarse.rows, params.flips, coarse.target);
			if (refinement.length > 0) {
				const second = resolveParams({ ...params, gridFractions: refinement });
				total += units.length * fitsPerUnit(second);
				const refined = await executor(units, { table, sidecar, params: second, ...signal, onFit });
				results = mergePasses(results, refined, params.flips, refinement);
			}
		}
	} finally {
		await executor.release?.();
	}
	const aggregated = aggregate(params, results);
	return {
		experiment: params.experiment,
		params,
		roles: runRolesOf(roles, sidecar),
		firm: firmAwareness(sidecar),
		gridRefinement: refinement,
		features: roles.featureColumns,
		...aggregated,
		warnings: [...advantagedMinorityWarnings(roles), ...aggregated.warnings],
		timings: { seconds: (performance.now() - started) / 1000, fits: aggregated.fits, workers: options.workers ?? 1 },
	};
}

/**
 * Sequential execution in this thread, yielding to the event loop after every refit so that an
 * abort (and anything else the host has to do) gets a turn within one refit.
 */
export const runUnitsInProcess: UnitExecutor = async (units, { table, sidecar, params, signal, onFit }) => {
	const cache = new Map<number, SeedContext>();
	const out: UnitResult[] = [];
	try {
		for (const key of units) {
			throwIfCancelled(signal);
			const steps = unitSteps(table, sidecar, params, key, { cache, onFit, ...(signal !== undefined ? { signal } : {}) });
			for (let step = steps.next(); ; step = steps.next()) {
				if (step.done === true) {
					out.push(step.value);
					break;
				}
				await new Promise<void>((resolve) => setTimeout(resolve, 0));
				throwIfCancelled(signal);
			}
		}
	} catch (e) {
		// A fit or a neighbour search that saw the flag throws its own AbortError; report one kind.
		throwIfCancelled(signal);
		throw e;
	}
	return out;
};

/**
 * A label with one class leaves nothing to learn (the firm's fit would fail on every seed) and
 * nothing to relabel: say so once, naming the label, instead of failing inside a worker.
 */
function requireBothLabels(roles: ResolvedRoles): void {
	let favourable = 0;
	for (const r of roles.rows) {
		favourable += roles.favourable[r] === 1 ? 1 : 0;
	}
	const n = roles.rows.length;
	if (favourable === 0 || favourable === n) {
		const which =
			favourable === 0
				? 'unfavourable (no value is marked favourable in these rows)'
				: 'favourable (every value of the label is marked favourable)';
		const values = roles.labelValues
			.slice(0, 12)
			.map((v) => `'${v.value}' (${v.count}${v.favourable ? ', favourable' : ''})`)
			.join(', ');
		throw new RolesError(
			'label.favourable',
			`the label ${roles.label} has a single class: all ${n} rows used are ${which}; values are ${values}. The simulation needs both favourable and unfavourable rows`,
		);
	}
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
	throwIfAborted(signal, 'the simulation was cancelled');
}
