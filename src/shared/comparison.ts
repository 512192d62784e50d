/**
 * The firm-side comparison as the panel, the report and the CLI's HTML output read it, declared
 * once: one front per approach and variant with its sweep, its figures and its FARE certificate.
 * The engine's compare (src/core/firm/compare, the server's collectiveFairness/compare, the CLI's
 * compare) returns rows; comparisonFromCompare is the one conversion, pure and type-only towards
 * the core, so every process (host, CLI, scripts, tests) shares it without importing src/webview.
 * The collective's own rows are left out (the panel draws the collective from its simulations).
 */
import type { CompareResult } from '../core/firm/compare';
import type { SeedSummary } from './model';

/** The figure of merit the charts plot on their fairness axis (display only: every run computes all three). */
export type FairnessMetric = 'eqod' | 'eqodMax' | 'spd';

export interface FirmFrontPoint {
	/** Value of the approach's sweep parameter (e.g. a constraint bound or a threshold). */
	readonly sweep: number;
	readonly error: SeedSummary;
	readonly eqod: SeedSummary;
	readonly eqodMax?: SeedSummary;
	readonly spd: SeedSummary;
	/** Every swept parameter, for the table (e.g. 'gamma=0.1, maxLeaves=8'). */
	readonly setting?: string;
	/** On the approach's own error–EqOd front as the firm-side code computed it (the panel recomputes per metric). */
	readonly nonDominated: boolean;
}

export interface FirmFront {
	/** e.g. 'exponentiated-gradient', 'threshold-optimizer', 'fare'. */
	readonly approach: string;
	/** Name of the swept parameter, e.g. 'epsilon'. */
	readonly sweepParameter: string;
	readonly points: readonly FirmFrontPoint[];
	/**
	 * FARE (Jovanović et al. 2023): a high-probability upper bound on the unfairness of any
	 * classifier trained on the representation, per sweep value.
	 */
	readonly certificate?: {
		readonly metric: FairnessMetric;
		readonly level: number;
		readonly bounds: ReadonlyArray<{ readonly sweep: number; readonly error: number; readonly bound: number }>;
	};
}

export interface ComparisonResult {
	readonly fronts: readonly FirmFront[];
	readonly seeds: number;
	readonly warnings?: readonly string[];
}

/** The engine's comparison in the panel's shape (FARE's certified SPD bounds as the certificate). */
export function comparisonFromCompare(r: CompareResult): ComparisonResult {
	const fronts = new Map<
		string,
		{ approach: string; keys: string[]; points: FirmFrontPoint[]; bounds: Array<{ sweep: number; error: number; bound: number }> }
	>();
	for (const row of r.rows) {
		if (row.approach === 'base' || row.approach === 'collective') {
			continue;
		}
		const name = row.variant !== '' ? `${row.approach} (${row.variant})` : row.approach;
		const keys = Object.keys(row.parameter);
		let f = fronts.get(name);
		if (f === undefined) {
			f = { approach: name, keys, points: [], bounds: [] };
			fronts.set(name, f);
		}
		const sweep = keys.length > 0 ? row.parameter[keys[0]!]! : f.points.length;
		f.points.push({
			sweep,
			setting: keys.map((k) => `${k}=${row.parameter[k]}`).join(', '),
			error: row.error,
			eqod: row.eqod,
			eqodMax: row.eqodMax,
			spd: row.spd,
			nonDominated: row.front.eqod,
		});
		if (row.spdBound !== undefined && row.spdBound.mean !== null && row.error.mean !== null) {
			f.bounds.push({ sweep, error: row.error.mean, bound: row.spdBound.mean });
		}
	}
	const level = 1 - r.params.firm.certificateEpsilon;
	const out: FirmFront[] = [...fronts.values()].map((f) => ({
		approach: f.approach,
		sweepParameter: f.keys[0] ?? 'index',
		points: f.points,
		...(f.bounds.length > 0 ? { certificate: { metric: 'spd' as const, level, bounds: f.bounds } } : {}),
	}));
	return { fronts: out, seeds: r.params.firm.seeds, warnings: r.warnings };
}
