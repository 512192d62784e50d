/**
 * A whole simulation run: plan the units, execute them (in this thread, or on a worker pool
 * supplied by the caller), aggregate. The CLI, the language server and the panel all call this.
 */
import type { Table } from '../csv/table';
import type { Sidecar } from '../roles/sidecar';
import { resolveRoles } from '../roles/resolve';
import { aggregate, type Aggregated } from './aggregate';
import { resolveParams, type Experiment, type SimulationParams } from './params';
import { fitsPerUnit, planUnits, runUnit, type UnitKey, type UnitResult } from './unit';
import type { SeedContext } from './seedContext';

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
 */
export type UnitExecutor = (units: readonly UnitKey[], context: { table: Table; sidecar: Sidecar; params: SimulationParams; signal?: AbortSignal; onFit: () => void }) => Promise<UnitResult[]>;

export interface SimulationResult extends Aggregated {
	readonly experiment: Experiment;
	readonly params: SimulationParams;
	readonly roles: { readonly sensitive: string; readonly minority: string; readonly majority: string; readonly label: string; readonly favourable: readonly string[] };
	readonly timings: { readonly seconds: number; readonly fits: number; readonly workers: number };
}

export interface SimulateOptions {
	readonly signal?: AbortSignal;
	readonly onProgress?: (p: SimulationProgress) => void;
	/** Defaults to {@link runUnitsInProcess}. */
	readonly executor?: UnitExecutor;
	/** Reported in timings. */
	readonly workers?: number;
}

export async function simulate(table: Table, sidecar: Sidecar, input: Partial<SimulationParams> & { experiment: Experiment }, options: SimulateOptions = {}): Promise<SimulationResult> {
	const params = resolveParams(input);
	// Resolve roles here, once, so a bad role fails before any worker starts, and names are exact.
	const roles = resolveRoles(table, sidecar);
	const started = performance.now();
	const units = planUnits(params);
	const total = units.length * fitsPerUnit(params);
	let done = 0;
	const onFit = (): void => {
		done++;
		const elapsed = (performance.now() - started) / 1000;
		options.onProgress?.({ stage: 'running', done, total, ...(done > 0 && done < total ? { etaSeconds: (elapsed * (total - done)) / done } : {}) });
	};
	const executor = options.executor ?? runUnitsInProcess;
	const results = await executor(units, { table, sidecar, params, ...(options.signal !== undefined ? { signal: options.signal } : {}), onFit });
	const aggregated = aggregate(params, results);
	return {
		experiment: params.experiment,
		params,
		roles: { sensitive: roles.sensitive, minority: roles.groupNames[1]!, majority: roles.groupNames[0]!, label: roles.label, favourable: sidecar.label.favourable },
		...aggregated,
		timings: { seconds: (performance.now() - started) / 1000, fits: aggregated.fits, workers: options.workers ?? 1 },
	};
}

/** Sequential execution in this thread, yielding to the event loop between units. */
export const runUnitsInProcess: UnitExecutor = async (units, { table, sidecar, params, signal, onFit }) => {
	const cache = new Map<number, SeedContext>();
	const out: UnitResult[] = [];
	for (const key of units) {
		throwIfAborted(signal);
		out.push(runUnit(table, sidecar, params, key, { cache, onFit, ...(signal !== undefined ? { signal } : {}) }));
		await new Promise<void>((resolve) => setTimeout(resolve, 0));
	}
	return out;
};

function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted === true) {
		const e = new Error('the simulation was cancelled');
		e.name = 'AbortError';
		throw e;
	}
}
