/**
 * Messages between the simulation pool and its worker threads, declared once.
 * Parent → worker: `init` with the dataset (structured clone; a thread's contexts are forgotten),
 * `params` for the next pass of the same run (contexts built under the same preparation key are
 * kept), `context` with a seed's context another thread built, then `run` per unit — with the
 * unit's ranking when an earlier pass computed it, and `share` when other threads wait for the
 * seed's context. Worker → parent: `fit` after each refit (progress), `context` when asked to
 * share one it built, `done` with a unit's result, its ranking and the seeds the thread now
 * holds, or `error`.
 */
import type { Table } from '../core/csv/table';
import type { SimulationParams } from '../core/collective/params';
import type { SeedContext } from '../core/collective/seedContext';
import type { UnitKey, UnitRanking, UnitResult } from '../core/collective/unit';
import type { Sidecar } from '../core/roles/sidecar';

export type ToWorker =
	| { readonly type: 'init'; readonly table: Table; readonly sidecar: Sidecar; readonly params: SimulationParams }
	| { readonly type: 'params'; readonly params: SimulationParams }
	| { readonly type: 'context'; readonly context: SeedContext }
	| { readonly type: 'run'; readonly index: number; readonly key: UnitKey; readonly ranking?: UnitRanking; readonly share?: boolean };

export type FromWorker =
	| { readonly type: 'fit' }
	| { readonly type: 'context'; readonly context: SeedContext }
	| {
			readonly type: 'done';
			readonly index: number;
			readonly result: UnitResult;
			readonly ranking?: UnitRanking;
			readonly seeds?: readonly number[];
	  }
	| { readonly type: 'error'; readonly index: number; readonly name: string; readonly message: string; readonly stack?: string };
