/** Shared inputs of the simulator, pool and CLI tests: a small synthetic dataset and its roles. */
import type { Table } from '../../../src/core/csv/table';
import type { Sidecar } from '../../../src/core/roles/sidecar';
import type { SimulationResult } from '../../../src/core/collective/simulate';
import { generateSynthetic } from '../../../src/core/synthetic';

export interface Fixture {
	readonly table: Table;
	readonly sidecar: Sidecar;
}

const cache = new Map<string, Fixture>();

/** A synthetic table (with cf_ columns) and the sidecar `generate` would write for it; memoised. */
export function syntheticFixture(rows = 2000, seed = 7): Fixture {
	const id = `${rows}|${seed}`;
	let f = cache.get(id);
	if (f === undefined) {
		const ds = generateSynthetic({ rows, seed });
		f = {
			table: ds.table,
			sidecar: {
				version: 1,
				sensitive: { column: ds.roles.sensitive, minority: [...ds.roles.minority], majority: [...ds.roles.majority] },
				label: { column: ds.roles.label, favourable: [...ds.roles.favourable] },
				features: { exclude: [...ds.roles.counterfactualColumns] },
			},
		};
		cache.set(id, f);
	}
	return f;
}

/** The same table without its counterfactual columns: what real data looks like. */
export function withoutCounterfactuals(f: Fixture): Fixture {
	return {
		table: { ...f.table, columns: f.table.columns.filter((c) => !c.name.startsWith('cf_')) },
		sidecar: { ...f.sidecar, features: {} },
	};
}

/** The parts of a result that must not depend on scheduling (everything but the timings). */
export function numbersOf(r: SimulationResult): string {
	return JSON.stringify({ base: r.base, rows: r.rows, grid: r.grid, minimum: r.minimum, failures: r.failures, warnings: r.warnings });
}
