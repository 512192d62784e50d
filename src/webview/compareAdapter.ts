/**
 * The firm-side comparison (src/core/firm `compare`, the server's collectiveFairness/compare) in
 * the panel's ComparisonResult shape: one front per approach and variant, the collective's own
 * rows left out (the panel draws the collective from its simulations), FARE's certified SPD
 * bounds as the certificate.
 */
import type { CompareResult } from '../core/firm/compare';
import type { ComparisonResult, FirmFront, FirmFrontPoint } from '../shared/webviewProtocol';

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
