/**
 * How the collective ranks its candidates (Ben-Dov et al. 2025, the poster's formulas; docs/methods.md
 * §4). Candidates are the collective's minority members whose label is unfavourable; each
 * gets a score estimating how likely its counterfactual label (had it been in the majority) is
 * favourable, and the top M flip. D_maj is the majority training rows the collective knows.
 *
 * - RB-prob:  s_i = P̂(y = 1 | x_i) from a logistic regression fitted on D_maj (both labels).
 * - RB-label: s_i = Σ_{j ∈ K_i} 1{y_j = 1}, K_i the k Euclidean-nearest rows of D_maj.
 * - RB-dist:  s_i = −(1/k) Σ_{j ∈ K_i} ‖x_i − x_j‖₂, K_i the k nearest *favourable* rows of D_maj.
 * - Random:   a seeded random order (the paper's baseline).
 *
 * Ties (frequent for RB-label's integer scores) are broken by a seeded random order, so no
 * method inherits a bias from row order.
 */
import { kNearest } from './knn';
import { firmPredictProba, fitFirmModel, type FirmModelSpec } from '../models/firmModel';
import { createRandom, deriveSeed, permutation } from '../random';
import { SubjectError } from '../subjectError';
import type { SeedContext } from './seedContext';
import type { Method } from './params';

/** A method that cannot run on this data, with the reason (shown instead of numbers). */
export class StrategyError extends SubjectError {
	constructor(method: Method, detail: string) {
		super(method, detail, 'StrategyError');
	}
}

/**
 * Scores of `candidates` (matrix rows) by `method`, using the known majority rows `known`.
 * @throws StrategyError when the method cannot run (e.g. k larger than the known rows).
 */
export function scoreCandidates(
	method: Method,
	ctx: SeedContext,
	candidates: Int32Array,
	known: Int32Array,
	k: number,
	signal?: { aborted: boolean },
	/** RB-prob's own model of P(favourable | x) on the known rows: the collective need not use the firm's learner. */
	collectiveModel: FirmModelSpec = { kind: 'logistic', C: 1 },
): Float64Array {
	const { x, y } = ctx.data;
	switch (method) {
		case 'random': {
			const random = createRandom(deriveSeed(ctx.seed, 'random-scores'));
			return Float64Array.from(candidates, () => random.next());
		}
		case 'rb-prob': {
			let favourable = 0;
			for (const j of known) {
				favourable += y[j]!;
			}
			if (favourable === 0 || favourable === known.length) {
				throw new StrategyError(
					method,
					`needs both labels among the known majority rows to fit its model; all ${known.length} have the ${favourable === 0 ? 'unfavourable' : 'favourable'} label`,
				);
			}
			const fit = fitFirmModel(collectiveModel, x, y, { rows: known, ...(signal !== undefined ? { signal } : {}) });
			return firmPredictProba(fit, x, candidates);
		}
		case 'rb-label': {
			if (k > known.length) {
				throw new StrategyError(method, `k = ${k} but the collective knows only ${known.length} majority rows`);
			}
			const nn = kNearest(x, candidates, x, known, k, signal !== undefined ? { signal } : {});
			const scores = new Float64Array(candidates.length);
			for (let i = 0; i < candidates.length; i++) {
				let s = 0;
				for (let t = 0; t < k; t++) {
					s += y[nn.indices[i * k + t]!]!;
				}
				scores[i] = s;
			}
			return scores;
		}
		case 'rb-dist': {
			const favourableKnown = known.filter((j) => y[j] === 1);
			if (favourableKnown.length === 0) {
				throw new StrategyError(
					method,
					`needs favourable majority rows to measure distances to; none of the ${known.length} known majority rows is favourable`,
				);
			}
			if (k > favourableKnown.length) {
				throw new StrategyError(method, `k = ${k} but the collective knows only ${favourableKnown.length} favourable majority rows`);
			}
			const nn = kNearest(x, candidates, x, favourableKnown, k, signal !== undefined ? { signal } : {});
			const scores = new Float64Array(candidates.length);
			for (let i = 0; i < candidates.length; i++) {
				let s = 0;
				for (let t = 0; t < k; t++) {
					s += nn.distances[i * k + t]!;
				}
				scores[i] = -s / k;
			}
			return scores;
		}
	}
}

/**
 * Candidates ordered best first: by score descending, ties by a seeded random permutation.
 * Returns positions into `scores`. When only a prefix of a longer candidate list was scored,
 * `tieBreakLength` is that list's length: the permutation is drawn for the whole list and its
 * prefix used, so the prefix ranks exactly as it would inside the whole list.
 */
export function rankByScore(scores: Float64Array, seed: number, method: Method, tieBreakLength = scores.length): Int32Array {
	if (tieBreakLength < scores.length) {
		throw new RangeError(`rankByScore: tieBreakLength ${tieBreakLength} is shorter than the ${scores.length} scores`);
	}
	const tieBreak = permutation(tieBreakLength, createRandom(deriveSeed(seed, 'ties', method)));
	const order = Int32Array.from({ length: scores.length }, (_, i) => i);
	order.sort((a, b) => scores[b]! - scores[a]! || tieBreak[a]! - tieBreak[b]!);
	return order;
}
