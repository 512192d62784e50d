/**
 * Worker-thread entry of the simulation pool: receives the dataset once, then runs units of
 * work as the pool hands them out. Seed contexts are cached, so the units of one seed that land
 * on this worker share its split, base model and encoding.
 */
import { parentPort } from 'node:worker_threads';
import type { SimulationParams } from '../core/collective/params';
import type { SeedContext } from '../core/collective/seedContext';
import { runUnit } from '../core/collective/unit';
import type { Table } from '../core/csv/table';
import type { Sidecar } from '../core/roles/sidecar';
import type { FromWorker, ToWorker } from './messages';

const port = parentPort;
if (port === null) {
	throw new Error('simulationWorker must run in a worker thread');
}
let state: { table: Table; sidecar: Sidecar; params: SimulationParams } | undefined;
const cache = new Map<number, SeedContext>();
const post = (m: FromWorker): void => port.postMessage(m);

port.on('message', (message: ToWorker) => {
	if (message.type === 'init') {
		state = { table: message.table, sidecar: message.sidecar, params: message.params };
		cache.clear();
		return;
	}
	try {
		if (state === undefined) {
			throw new Error('worker received work before its dataset');
		}
		const result = runUnit(state.table, state.sidecar, state.params, message.key, { cache, onFit: () => post({ type: 'fit' }) });
		post({ type: 'done', index: message.index, result });
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
