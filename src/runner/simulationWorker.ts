/**
 * Worker-thread entry of the simulation pool: receives the dataset once, then runs units of
 * work as the pool hands them out. Seed contexts are cached (as many as seedCacheCapacity allows
 * for the table), so the units of one seed that land on this worker share its split, base model
 * and encoding, in this pass and in the next one of the same run; a context this thread built
 * can be sent to the others (the pool asks with `share`), and one built elsewhere received.
 */
import { parentPort } from 'node:worker_threads';
import { preparationKey, type SimulationParams } from '../core/collective/params';
import { rememberSeedContext, seedCacheCapacity, type SeedContext } from '../core/collective/seedContext';
import { runUnit, type UnitRanking } from '../core/collective/unit';
import type { Table } from '../core/csv/table';
import type { Sidecar } from '../core/roles/sidecar';
import type { FromWorker, ToWorker } from './messages';

const port = parentPort;
if (port === null) {
	throw new Error('simulationWorker must run in a worker thread');
}
let state: { table: Table; sidecar: Sidecar; params: SimulationParams } | undefined;
/** The preparation key (params.ts) the cached contexts were built under. */
let preparation = '';
let capacity = 1;
const cache = new Map<number, SeedContext>();
const post = (m: FromWorker): void => port.postMessage(m);

port.on('message', (message: ToWorker) => {
	if (message.type === 'init') {
		state = { table: message.table, sidecar: message.sidecar, params: message.params };
		cache.clear();
		preparation = preparationKey(message.params);
		capacity = seedCacheCapacity(message.table.rowCount);
		return;
	}
	if (message.type === 'params') {
		if (state !== undefined) {
			state = { ...state, params: message.params };
		}
		const key = preparationKey(message.params);
		if (key !== preparation) {
			cache.clear();
			preparation = key;
		}
		return;
	}
	if (message.type === 'context') {
		rememberSeedContext(cache, message.context, capacity);
		return;
	}
	try {
		if (state === undefined) {
			throw new Error('worker received work before its dataset');
		}
		let ranking: UnitRanking | undefined;
		const result = runUnit(state.table, state.sidecar, state.params, message.key, {
			cache,
			cacheCapacity: capacity,
			onFit: () => post({ type: 'fit' }),
			...(message.ranking !== undefined ? { ranking: message.ranking } : {}),
			onRanking: (r) => (ranking = r),
			...(message.share === true ? { onSeedContext: (context: SeedContext) => post({ type: 'context', context }) } : {}),
		});
		post({
			type: 'done',
			index: message.index,
			result,
			...(ranking !== undefined && message.ranking === undefined ? { ranking } : {}),
			seeds: [...cache.keys()],
		});
	} catch (e) {
		const err = e instanceof Error ? e : new Error(String(e));
		post({
			type: 'error',
			index: message.index,
			name: err.name,
			message: err.message,
			...(err.stack !== undefined ? { stack: err.stack } : {}),
		});
	}
});
