/**
 * Messages between the simulation pool and its worker threads, declared once.
 * Parent → worker: `init` once (the table travels by structured clone), then `run` per unit.
 * Worker → parent: `fit` after each refit (progress), `done` with a unit's result, `error`.
 */
import type { Table } from '../core/csv/table';
import type { SimulationParams } from '../core/collective/params';
import type { UnitKey, UnitResult } from '../core/collective/unit';
import type { Sidecar } from '../core/roles/sidecar';

export type ToWorker =
	| { readonly type: 'init'; readonly table: Table; readonly sidecar: Sidecar; readonly params: SimulationParams }
	| { readonly type: 'run'; readonly index: number; readonly key: UnitKey };

export type FromWorker =
	| { readonly type: 'fit' }
	| { readonly type: 'done'; readonly index: number; readonly result: UnitResult }
	| { readonly type: 'error'; readonly index: number; readonly name: string; readonly message: string; readonly stack?: string };
