/**
 * The aware and the blind firm side by side on the same test rows (docs/methods.md, "The firm").
 *
 * Both firms are trained on the same split; only whether the sensitive attribute is an input
 * differs. Their figures are compared with a *paired* stratified bootstrap: within each group a
 * test row falls in one of 8 cells (y, ŷ_aware, ŷ_blind), and a resample draws the group's rows
 * from those cells (a multinomial draw, as in bootstrap.ts), so both firms are judged on the same
 * resampled rows and the interval of their difference carries no between-sample noise.
 */
import type { Random } from '../random';
import { quantileSorted, sortedFinite } from '../stats/summary';
import { sampleMultinomialInto } from './binomial';

export interface FirmFigures {
	readonly error: number | null;
	readonly spd: number | null;
	readonly eqod: number | null;
	/** Signed TPR(minority) − TPR(majority) and FPR likewise. */
	readonly tprGap: number | null;
	readonly fprGap: number | null;
}

export interface PairedInterval {
	/** aware − blind on the test set. */
	readonly value: number | null;
	/** Percentile interval of the paired bootstrap; absent with too few defined resamples. */
	readonly lo?: number;
	readonly hi?: number;
}

export interface FirmComparison {
	readonly aware: FirmFigures;
	readonly blind: FirmFigures;
	/** aware − blind, with paired intervals. */
	readonly difference: { readonly error: PairedInterval; readonly spd: PairedInterval; readonly eqod: PairedInterval };
	readonly resamples: number;
	readonly level: number;
	/** What the difference means, within its interval. */
	readonly sentence: string;
}

const CELLS = 8;
const cell = (y: number, a: number, b: number): number => y * 4 + a * 2 + b;

/** Figures of predictor `which` (0 aware, 1 blind) from two groups' 8-cell counts. */
function figures(counts: Float64Array, which: 0 | 1): FirmFigures {
	const rates = [0, 1].map((g) => {
		let pos = 0;
		let neg = 0;
		let tp = 0;
		let fp = 0;
		let wrong = 0;
		for (let y = 0; y <= 1; y++) {
			for (let a = 0; a <= 1; a++) {
				for (let b = 0; b <= 1; b++) {
					const n = counts[g * CELLS + cell(y, a, b)]!;
					const yhat = which === 0 ? a : b;
					if (y === 1) {
						pos += n;
						tp += yhat * n;
					} else {
						neg += n;
						fp += yhat * n;
					}
					wrong += yhat !== y ? n : 0;
				}
			}
		}
		return {
			tpr: pos > 0 ? tp / pos : NaN,
			fpr: neg > 0 ? fp / neg : NaN,
			sel: pos + neg > 0 ? (tp + fp) / (pos + neg) : NaN,
			wrong,
			n: pos + neg,
		};
	});
	const [maj, min] = rates as [(typeof rates)[0], (typeof rates)[0]];
	const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
	const tprGap = min.tpr - maj.tpr;
	const fprGap = min.fpr - maj.fpr;
	return {
		error: finite((maj.wrong + min.wrong) / (maj.n + min.n)),
		spd: finite(Math.abs(min.sel - maj.sel)),
		eqod: finite(0.5 * (Math.abs(tprGap) + Math.abs(fprGap))),
		tprGap: finite(tprGap),
		fprGap: finite(fprGap),
	};
}

/**
 * Compares two firms' test predictions. `group` holds 0 (majority) and 1 (minority) for the rows
 * compared; other values are left out (the headline compares the minority with the majority).
 */
export function compareFirms(
	y: ArrayLike<number>,
	aware: ArrayLike<number>,
	blind: ArrayLike<number>,
	group: ArrayLike<number>,
	options: { readonly resamples: number; readonly level: number; readonly random: Random; readonly sensitive: string },
): FirmComparison {
	const counts = new Float64Array(2 * CELLS);
	for (let i = 0; i < y.length; i++) {
		const g = group[i]!;
		if (g === 0 || g === 1) {
			counts[g * CELLS + cell(y[i]!, aware[i]!, blind[i]!)]!++;
		}
	}
	const a = figures(counts, 0);
	const b = figures(counts, 1);
	const diff = (k: 'error' | 'spd' | 'eqod', fa: FirmFigures, fb: FirmFigures): number =>
		fa[k] === null || fb[k] === null ? NaN : fa[k]! - fb[k]!;
	const draws = {
		error: new Float64Array(options.resamples),
		spd: new Float64Array(options.resamples),
		eqod: new Float64Array(options.resamples),
	};
	const resampled = new Float64Array(2 * CELLS);
	for (let r = 0; r < options.resamples; r++) {
		for (let g = 0; g < 2; g++) {
			let n = 0;
			for (let c = 0; c < CELLS; c++) {
				n += counts[g * CELLS + c]!;
			}
			sampleMultinomialInto(n, counts, g * CELLS, CELLS, options.random, resampled);
		}
		const fa = figures(resampled, 0);
		const fb = figures(resampled, 1);
		draws.error[r] = diff('error', fa, fb);
		draws.spd[r] = diff('spd', fa, fb);
		draws.eqod[r] = diff('eqod', fa, fb);
	}
	const tail = (1 - options.level) / 2;
	const interval = (k: 'error' | 'spd' | 'eqod'): PairedInterval => {
		const value = diff(k, a, b);
		const sorted = sortedFinite(draws[k]);
		if (!Number.isFinite(value)) {
			return { value: null };
		}
		if (sorted.length < Math.max(2, options.resamples / 2)) {
			return { value };
		}
		return { value, lo: quantileSorted(sorted, tail)!, hi: quantileSorted(sorted, 1 - tail)! };
	};
	const difference = { error: interval('error'), spd: interval('spd'), eqod: interval('eqod') };
	return {
		aware: a,
		blind: b,
		difference,
		resamples: options.resamples,
		level: options.level,
		sentence: firmSentence(difference.eqod, options.sensitive),
	};
}

/** One sentence on what the EqOd difference between the firms means, within its interval. */
export function firmSentence(d: PairedInterval, sensitive: string): string {
	if (d.value === null) {
		return 'EqOd is undefined for one of the firms (a group has no test rows of a needed label)';
	}
	const ci =
		d.lo !== undefined && d.hi !== undefined
			? ` (aware − blind ${d.value.toFixed(3)}, paired 95 % interval ${d.lo.toFixed(3)} to ${d.hi.toFixed(3)})`
			: ` (aware − blind ${d.value.toFixed(3)}, no interval)`;
	if (d.lo !== undefined && d.lo > 0) {
		return `The firm that sees ${sensitive} is less fair than the blind one${ci}: part of the unfairness is carried by the attribute itself — the direct effect a minority collective's relabelling can erase.`;
	}
	if (d.hi !== undefined && d.hi < 0) {
		return `The firm that sees ${sensitive} is fairer than the blind one${ci}: the attribute lets the model correct for what its proxies carry.`;
	}
	return `The two firms are not distinguishable on EqOd${ci}: the unfairness is carried mostly through proxies (features associated with ${sensitive}), which the firm uses whether or not it sees the attribute.`;
}
