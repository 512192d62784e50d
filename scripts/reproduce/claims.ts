/**
 * The poster's four claims, judged per dataset with the engine's paired statistics: each claim
 * gives its statistic, its interval and a verdict — "holds", "does not hold", or "not
 * distinguishable at N seeds" — by a rule stated in the report (CLAIM_RULES), never by eye.
 */
import {
	atThirdOfPool,
	bestNearBaseError,
	describeParameter,
	bestRowOf,
	efficiencyOf,
	envelope,
	ERROR_SLACK,
	firmSide,
	hi,
	lo,
	m,
	SATURATION_SHARE,
	wholeRows,
	type Comparison,
	type EfficiencyEntry,
	type Row,
	type Simulation,
	type Summary,
} from './analysis';

export interface Claim {
	/** "holds", "does not hold", "not distinguishable at N seeds", "holds for …", or "not tested: …". */
	readonly verdict: string;
	/** The statistic with its interval, in words and numbers. */
	readonly statistic: string;
}

const f3 = (x: number | undefined | null): string => (x === undefined || x === null || !Number.isFinite(x) ? '—' : x.toFixed(3));
/** A signed EqOd difference, with a true minus sign. */
export const signed3 = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(3)}`;
const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${wholeRows(Math.abs(x))}`;
const METHOD: Record<string, string> = { 'rb-prob': 'RB-prob', 'rb-label': 'RB-label', 'rb-dist': 'RB-dist', random: 'Random' };
export const methodName = (x: string): string => METHOD[x] ?? x;
const FIRM: Record<string, string> = {
	'calibrated-eqodds': 'Calibrated EqOd',
	'eqodds-thresholds': 'EqOd thresholds (Hardt et al.)',
	fare: 'FARE',
	reweighing: 'Reweighing',
	massaging: 'Massaging',
};
export const firmName = (a: string): string => FIRM[a] ?? a;
const undistinguishable = (n: number): string => `not distinguishable at ${n} seeds`;

/** The relative size of "a small effect" of restricted knowledge: a share of the pool at α = 0.3. */
export const SMALL_KNOWLEDGE_EFFECT = 0.1;

/** The rules, printed in the report beside the verdicts. */
export const CLAIM_RULES = [
	`**(1) Saturation near α ≈ 0.3.** Statistic: the best EqOd over methods and M at α = 0.3 (with the flips it uses), against the lowest at any larger α with its seed interval; and the saturation α, the smallest α at which the best EqOd has made ${Math.round(SATURATION_SHARE * 100)} % of its drop from the base. *Holds* when the value at α = 0.3 is below the base interval and not above the seed interval of the best larger-α point (more members buy nothing measurable); *does not hold* when it lies above that interval (more members still help); not distinguishable when it stays inside the base interval.`,
	`**(2) RB methods beat Random.** Statistic: per RB method, the paired difference of flips-to-target against Random on the same seeds (same split, collective and pool), mean and 95 % t interval; the target is half the base EqOd. *Holds* when every RB method needs fewer flips (interval below 0); *does not hold* when some RB method needs more (interval above 0); *holds for* the methods whose interval is below 0 when the others' cover 0; otherwise not distinguishable.`,
	`**(3) Knowing 10 majority rows costs little against knowing all of them.** Statistic: per RB method, the paired difference of flips-to-target, 10 known rows minus all known, on the same seeds (mean, 95 % t interval). *Holds* when every interval lies within ±${Math.round(SMALL_KNOWLEDGE_EFFECT * 100)} % of the pool; *does not hold* when some interval lies wholly beyond it; otherwise not distinguishable.`,
	`**(4) The collective beats the firm side in the low-error region.** Statistic: the lowest mean EqOd with error ≤ base + ${ERROR_SLACK}, for the collective (size grid and flips run) and for the best firm-side approach (its whole sweep), each with its seed interval (the two runs share seeds and splits, but the summaries are not paired). *Holds* when the collective's interval lies wholly below the firm side's (or no firm-side point has that error and the collective leaves the base interval); *does not hold* when it lies wholly above; otherwise not distinguishable.`,
];

const interval = (s: Summary | undefined): string => (lo(s) === undefined ? '' : ` [${f3(lo(s))}, ${f3(hi(s))}]`);

/** (1) Saturation α, from the size run. */
export function saturationClaim(size: Simulation): Claim & { alpha?: number } {
	const env = envelope(size);
	const b = m(size.base.eqod);
	const at03 = env.find((e) => e.alpha === 0.3);
	const beyond = env
		.filter((e) => e.alpha > 0.3)
		.reduce<(typeof env)[number] | undefined>((a, e) => (a === undefined || e.eqod < a.eqod ? e : a), undefined);
	const lowestEqod = Math.min(...env.map((e) => e.eqod));
	const drop = b - lowestEqod;
	const alpha = drop > 0 ? env.find((e) => b - e.eqod >= SATURATION_SHARE * drop)?.alpha : undefined;
	if (at03 === undefined || beyond === undefined) {
		return { verdict: 'not tested: α = 0.3 or a larger α is missing from the grid', statistic: '—' };
	}
	const pool = (r: Row): string => `M = ${wholeRows(r.flips)} of ${wholeRows(r.poolSize)}`;
	const statistic = `α = 0.3: ${f3(at03.eqod)} (${methodName(at03.method)}, ${pool(at03.row)}); lowest beyond: ${f3(beyond.eqod)}${interval(beyond.row.eqod)} at α = ${beyond.alpha} (${methodName(beyond.method)}, ${pool(beyond.row)}); saturation α ${alpha ?? '—'}`;
	const bLo = lo(size.base.eqod) ?? b;
	const beyondHi = hi(beyond.row.eqod) ?? beyond.eqod;
	let verdict: string;
	if (at03.eqod >= bLo) {
		verdict = `${undistinguishable(size.base.seeds)}: the best point at α = 0.3 stays inside the base interval`;
	} else if (at03.eqod > beyondHi) {
		verdict = 'does not hold: larger collectives still lower EqOd';
	} else {
		// Inside the larger α's interval, or already below it: more members buy nothing measurable.
		verdict = 'holds';
	}
	return { verdict, statistic, ...(alpha !== undefined ? { alpha } : {}) };
}

function pairedText(d: { mean: number; lo: number; hi: number; n: number; censored?: number }): string {
	// `censored` counts curves (method or reference, per seed) that never reach the target.
	return `${signed(d.mean)} [${signed(d.lo)}, ${signed(d.hi)}]${d.censored !== undefined && d.censored > 0 ? ` (${d.censored} of ${2 * d.n} curves never reach it)` : ''}`;
}

/** (2) RB vs Random by paired flips-to-target, from the flips run. */
export function rbVsRandomClaim(
	flips: Simulation,
): Claim & { perMethod: Array<{ method: string; side: 'fewer' | 'more' | 'same' | 'none' }> } {
	const entries = efficiencyOf(flips).filter((e) => e.method !== 'random');
	const random = efficiencyOf(flips).find((e) => e.method === 'random');
	const seeds = flips.base.seeds;
	if (entries.length === 0 || random === undefined) {
		return { verdict: 'not tested: no RB method or no Random in the run', statistic: '—', perMethod: [] };
	}
	if (random.flipsToTarget.reached === 0 && entries.every((e) => e.flipsToTarget.reached === 0)) {
		return { verdict: `not tested: no method reaches EqOd ≤ ${f3(flips.target)} at α = 0.3`, statistic: '—', perMethod: [] };
	}
	const perMethod = entries.map((e) => {
		const d = e.vsRandom?.flipsToTarget;
		const side: 'fewer' | 'more' | 'same' | 'none' =
			d === undefined || d === null ? 'none' : d.hi < 0 ? 'fewer' : d.lo > 0 ? 'more' : 'same';
		return {
			method: e.method,
			side,
			text: d === undefined || d === null ? `${methodName(e.method)} —` : `${methodName(e.method)} ${pairedText(d)}`,
		};
	});
	const randomMedian = random.flipsToTarget.median;
	const statistic = `target ${f3(flips.target)}; Random's median flips to it ${randomMedian === null ? `not reached (${random.flipsToTarget.reached} of ${random.flipsToTarget.seeds} seeds reach it)` : `≈ ${wholeRows(randomMedian)}`}; method − Random: ${perMethod.map((p) => p.text).join('; ')}`;
	const fewer = perMethod.filter((p) => p.side === 'fewer');
	const more = perMethod.filter((p) => p.side === 'more');
	let verdict: string;
	if (more.length > 0) {
		verdict = `does not hold: ${more.map((p) => methodName(p.method)).join(', ')} need${more.length === 1 ? 's' : ''} more flips than Random`;
	} else if (fewer.length === perMethod.length) {
		verdict = 'holds';
	} else if (fewer.length > 0) {
		verdict = `holds for ${fewer.map((p) => methodName(p.method)).join(', ')}; ${undistinguishable(seeds)} for the others`;
	} else {
		verdict = undistinguishable(seeds);
	}
	return { verdict, statistic, perMethod: perMethod.map(({ method, side }) => ({ method, side })) };
}

/** EqOd per method at the grid point nearest a third of the pool, and the best RB method's paired difference with Random there. */
export function thirdOfPool(flips: Simulation): { text: string; bestBelowRandom?: boolean } {
	const rows = atThirdOfPool(flips);
	const random = rows.find((r) => r.method === 'random');
	const rb = rows.filter((r) => r.method !== 'random').sort((a, b) => m(a.eqod) - m(b.eqod))[0];
	if (random === undefined || rb === undefined) {
		return { text: '—' };
	}
	const paired = efficiencyOf(flips)
		.find((e) => e.method === rb.method)
		?.vsRandom?.eqodByFlips.find((p) => Math.abs(p.flips - rb.flips) < 1);
	const diff =
		paired === undefined
			? ''
			: `; paired ${methodName(rb.method)} − Random ${signed3(paired.mean)} [${signed3(paired.lo)}, ${signed3(paired.hi)}]`;
	return {
		text: `M ≈ ${wholeRows(rb.flips)} of ${wholeRows(rb.poolSize)}: ${rows.map((r) => `${methodName(r.method)} ${f3(m(r.eqod))}`).join(', ')}${diff}`,
		bestBelowRandom: m(rb.eqod) < m(random.eqod),
	};
}

/** (3) 10 known majority rows against all, paired, from the knowledge run. */
export function knowledgeClaim(k: Simulation | undefined): Claim {
	if (k === undefined) {
		return { verdict: 'not run (budget: large table)', statistic: '—' };
	}
	const entries = efficiencyOf(k, 'restricted');
	const seeds = k.base.seeds;
	const poolRows = k.rows.filter((r) => r.knowledge === 'all');
	const pool = poolRows.length === 0 ? Number.NaN : Math.max(...poolRows.map((r) => r.poolSize));
	const bound = SMALL_KNOWLEDGE_EFFECT * pool;
	const parts = entries.map((e) => {
		const d = e.vsAllKnown?.flipsToTarget;
		const failed = e.flipsToTarget.seeds < seeds ? ` (ran on ${e.flipsToTarget.seeds} of ${seeds} seeds)` : '';
		if (d === undefined || d === null) {
			return { e, side: 'none' as const, text: `${methodName(e.method)} —${failed}` };
		}
		const side =
			d.lo >= -bound && d.hi <= bound ? ('small' as const) : d.lo > bound || d.hi < -bound ? ('large' as const) : ('wide' as const);
		return { e, side, text: `${methodName(e.method)} ${pairedText(d)}${failed}` };
	});
	const tested = parts.filter((p) => p.side !== 'none');
	const statistic = `10 known − all known, flips to EqOd ≤ ${f3(k.target)} (±${Math.round(SMALL_KNOWLEDGE_EFFECT * 100)} % of the pool = ±${wholeRows(bound)}): ${parts.map((p) => p.text).join('; ')}`;
	if (tested.length === 0) {
		return { verdict: 'not tested: no paired seeds', statistic };
	}
	if (tested.some((p) => p.side === 'large')) {
		return {
			verdict: `does not hold for ${tested
				.filter((p) => p.side === 'large')
				.map((p) => methodName(p.e.method))
				.join(', ')}`,
			statistic,
		};
	}
	if (tested.every((p) => p.side === 'small')) {
		const measurable = tested.filter((p) => {
			const d = p.e.vsAllKnown!.flipsToTarget!;
			return d.lo > 0 || d.hi < 0;
		});
		return {
			verdict:
				measurable.length === 0
					? 'holds'
					: `holds (a measurable but small difference for ${measurable.map((p) => methodName(p.e.method)).join(', ')})`,
			statistic,
		};
	}
	return { verdict: undistinguishable(seeds), statistic };
}

/** (4) The collective against the firm side in the low-error region. */
export function firmSideClaim(size: Simulation, flips: Simulation, c: Comparison | undefined): Claim {
	if (c === undefined) {
		return { verdict: 'not run', statistic: '—' };
	}
	const seeds = size.base.seeds;
	const baseError = m(size.base.error);
	const collective = bestNearBaseError(size, flips)?.row;
	const firms = firmSide(c, m(size.base.eqod), baseError).filter((f) => f.lowError !== undefined);
	const firm = firms.reduce<(typeof firms)[number] | undefined>(
		(a, f) => (a === undefined || m(f.lowError!.eqod) < m(a.lowError!.eqod) ? f : a),
		undefined,
	);
	if (collective === undefined) {
		return { verdict: 'does not hold: no collective point at error ≤ base + 0.01', statistic: '—' };
	}
	const cText = `collective ${f3(m(collective.eqod))}${interval(collective.eqod)} at error ${f3(m(collective.error))} (${methodName(collective.method)}, α = ${collective.alpha}, M = ${wholeRows(collective.flips)})`;
	if (firm === undefined) {
		const below = m(collective.eqod) < (lo(size.base.eqod) ?? m(size.base.eqod));
		return {
			verdict: below ? 'holds' : undistinguishable(seeds),
			statistic: `${cText}; no firm-side point has error ≤ ${f3(baseError + ERROR_SLACK)}`,
		};
	}
	const f = firm.lowError!;
	const statistic = `${cText}; best firm side ${f3(m(f.eqod))}${interval(f.eqod)} at error ${f3(m(f.error))} (${firmName(firm.approach)}, ${describeParameter(f)})`;
	if ((hi(collective.eqod) ?? Infinity) < (lo(f.eqod) ?? -Infinity)) {
		return { verdict: 'holds', statistic };
	}
	if ((lo(collective.eqod) ?? -Infinity) > (hi(f.eqod) ?? Infinity)) {
		return { verdict: 'does not hold: the firm side is lower', statistic };
	}
	return { verdict: undistinguishable(seeds), statistic };
}

/** The signed gaps at a row, or the plain "no measurable gap" sentence. */
export function gapText(r: Pick<Row, 'gapVerdict' | 'tprGap' | 'fprGap'> | undefined): string {
	if (r === undefined) {
		return '—';
	}
	if (r.gapVerdict === 'none-measurable') {
		return 'no measurable gap left at this sample size';
	}
	if (r.gapVerdict === 'unknown') {
		return 'gaps undefined';
	}
	const gap = (g: Summary): string => (g.mean === null ? '—' : `${signed3(g.mean)} [${signed3(g.lo)}, ${signed3(g.hi)}]`);
	return `ΔTPR ${gap(r.tprGap)}, ΔFPR ${gap(r.fprGap)}: a gap remains`;
}

/** Each method's best point in the flips run with its gap verdict. */
export function bestPoints(flips: Simulation): Array<{ entry: EfficiencyEntry; row?: Row }> {
	return efficiencyOf(flips).map((entry) => {
		const row = bestRowOf(flips, entry.method);
		return row === undefined ? { entry } : { entry, row };
	});
}

/** One sentence, shared by every place that prints "no measurable gap". */
export const EQOD_FLOOR =
	'EqOd averages the absolute values of two noisy differences (ΔTPR and ΔFPR on a finite test set), so even a firm with no true gap shows an EqOd of about the size of that sampling noise — the floor explained in [methods.md](methods.md#the-eqod-floor-and-the-signed-gaps) — and near the best M only the signed gaps and their intervals can say whether a gap is left.';
