/**
 * Parameters of the firm-side sweeps and the comparison, their defaults and validation. The
 * paper does not say how its firm-side fronts were swept; the grids here are
 * our choices, documented in docs/methods.md §5.
 */
import type { Method } from '../collective/params';
import { resolveBoostingParams } from '../models/boosting/options';
import { FIRM_MODEL_KINDS, type FirmModelSpec } from '../models/firmModel';
import { COST_CONSTRAINTS, type CostConstraint } from './calibratedEqOdds';
import type { FareRepresentation } from './fare';

export type FirmApproach = 'calibrated-eqodds' | 'eqodds-thresholds' | 'fare' | 'reweighing' | 'massaging';
export const FIRM_APPROACHES: readonly FirmApproach[] = ['calibrated-eqodds', 'eqodds-thresholds', 'fare', 'reweighing', 'massaging'];

export interface FirmParams {
	readonly approaches: readonly FirmApproach[];
	readonly seeds: number;
	readonly firstSeed: number;
	readonly testFraction: number;
	readonly C: number;
	/**
	 * The firm's learner for the base model and every refit of the sweeps (absent: logistic
	 * regression with {@link C}). FARE's classifier on top of its representation uses it too.
	 */
	readonly model?: FirmModelSpec;
	/** Share of the training rows the post-processors are fitted on (see context.ts). */
	readonly holdoutFraction: number;
	/** Calibrated EqOd: cost constraints and the mix-rate scales t. */
	readonly costConstraints: readonly CostConstraint[];
	readonly mixScales: readonly number[];
	/** Also report labels drawn ŷ ~ Bernoulli(score) (variant 'constraint/randomized'), besides score ≥ 0.5. */
	readonly ceoRandomizedLabels: boolean;
	/** Threshold LP: the slacks ε. */
	readonly epsilons: readonly number[];
	/** FARE: γ, k̄, n_i, the representation and the certificate's ε. */
	readonly fareGammas: readonly number[];
	readonly fareLeaves: readonly number[];
	readonly fareMinLeaf: number;
	readonly fareRepresentation: FareRepresentation;
	readonly certificateEpsilon: number;
	/** Reweighing strengths t (weights w^t) and massaging fractions t (round(t·M) pairs). */
	readonly reweighStrengths: readonly number[];
	readonly massageFractions: readonly number[];
}

const range = (n: number, step: number): number[] => Array.from({ length: n }, (_, i) => Math.round(i * step * 1e6) / 1e6);

export const FIRM_DEFAULTS: FirmParams = {
	approaches: FIRM_APPROACHES,
	seeds: 5,
	firstSeed: 0,
	testFraction: 0.2,
	C: 1,
	holdoutFraction: 0.3,
	costConstraints: COST_CONSTRAINTS,
	mixScales: range(11, 0.1),
	ceoRandomizedLabels: true,
	epsilons: [0, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 1],
	fareGammas: [0, 0.5, 0.8, 0.9, 0.95, 0.99],
	fareLeaves: [2, 4, 8, 16, 32, 64],
	fareMinLeaf: 50,
	fareRepresentation: 'cell',
	certificateEpsilon: 0.05,
	reweighStrengths: [0.5, 1, 2, 3, 4],
	massageFractions: [0.25, 0.5, 0.75, 1, 1.5, 2],
};

/** The collective's side of a comparison and the defending firm. */
export interface CollectiveCompareParams {
	/** Scoring methods whose (α, M) grid points form the collective's front. */
	readonly methods: readonly Method[];
	readonly alphas: readonly number[];
	/** M grid points per α. */
	readonly flips: number;
	readonly k: number;
	/** The defending firm: on/off, its θ and K, and the collective it faces. */
	readonly defense: boolean;
	readonly defenseThreshold: number;
	readonly defenseFolds: number;
	readonly defenseMethod: Method;
	readonly defenseAlpha: number;
	readonly defenseFlips: number;
}

export const COLLECTIVE_COMPARE_DEFAULTS: CollectiveCompareParams = {
	methods: ['rb-prob', 'rb-label', 'rb-dist'],
	alphas: [0.1, 0.2, 0.3, 0.4, 0.5],
	flips: 8,
	k: 5,
	defense: true,
	defenseThreshold: 0.8,
	defenseFolds: 5,
	defenseMethod: 'rb-prob',
	defenseAlpha: 0.3,
	defenseFlips: 5,
};

export function resolveFirmParams(input: Partial<FirmParams> = {}): FirmParams {
	const p: FirmParams = { ...FIRM_DEFAULTS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
	const fail = (name: string, detail: string): never => {
		throw new RangeError(`comparison parameter '${name}' ${detail}`);
	};
	if (!p.approaches.every((a) => FIRM_APPROACHES.includes(a))) {
		fail('approaches', `must be among ${FIRM_APPROACHES.join(', ')}, got ${p.approaches.join(', ')}`);
	}
	if (!Number.isInteger(p.seeds) || p.seeds < 1 || p.seeds > 1000) {
		fail('seeds', `must be an integer in [1, 1000], got ${p.seeds}`);
	}
	if (!Number.isInteger(p.firstSeed) || p.firstSeed < 0) {
		fail('firstSeed', `must be a non-negative integer, got ${p.firstSeed}`);
	}
	if (!(p.testFraction > 0 && p.testFraction < 1) || !(p.holdoutFraction > 0 && p.holdoutFraction < 1)) {
		fail('testFraction/holdoutFraction', `must be in (0, 1), got ${p.testFraction} and ${p.holdoutFraction}`);
	}
	if (!(p.C > 0) || !Number.isFinite(p.C)) {
		fail('C', `must be a positive number, got ${p.C}`);
	}
	if (p.model !== undefined) {
		if (!(FIRM_MODEL_KINDS as readonly string[]).includes(p.model.kind)) {
			fail('model', `must be ${FIRM_MODEL_KINDS.join(' or ')}, got '${String((p.model as { kind: unknown }).kind)}'`);
		}
		if (p.model.kind === 'boosting') {
			resolveBoostingParams(p.model.params); // throws naming the bad parameter
		}
	}
	const inUnit = (v: number): boolean => v >= 0 && v <= 1;
	if (p.mixScales.length === 0 || !p.mixScales.every(inUnit)) {
		fail('mixScales', `must be numbers in [0, 1], got ${p.mixScales.join(', ')}`);
	}
	if (p.costConstraints.length === 0 || !p.costConstraints.every((c) => COST_CONSTRAINTS.includes(c))) {
		fail('costConstraints', `must be among ${COST_CONSTRAINTS.join(', ')}`);
	}
	if (p.epsilons.length === 0 || !p.epsilons.every(inUnit)) {
		fail('epsilons', `must be numbers in [0, 1], got ${p.epsilons.join(', ')}`);
	}
	if (p.fareGammas.length === 0 || !p.fareGammas.every(inUnit)) {
		fail('fareGammas', `must be numbers in [0, 1], got ${p.fareGammas.join(', ')}`);
	}
	if (p.fareLeaves.length === 0 || !p.fareLeaves.every((k) => Number.isInteger(k) && k >= 1 && k <= 10_000)) {
		fail('fareLeaves', `must be integers in [1, 10000], got ${p.fareLeaves.join(', ')}`);
	}
	if (!Number.isInteger(p.fareMinLeaf) || p.fareMinLeaf < 1) {
		fail('fareMinLeaf', `must be a positive integer, got ${p.fareMinLeaf}`);
	}
	if (p.fareRepresentation !== 'cell' && p.fareRepresentation !== 'centre') {
		fail('fareRepresentation', `must be cell or centre, got ${String(p.fareRepresentation)}`);
	}
	if (!(p.certificateEpsilon > 0 && p.certificateEpsilon < 1)) {
		fail('certificateEpsilon', `must be in (0, 1), got ${p.certificateEpsilon}`);
	}
	if (p.reweighStrengths.length === 0 || !p.reweighStrengths.every((t) => t >= 0 && t <= 20)) {
		fail('reweighStrengths', `must be numbers in [0, 20], got ${p.reweighStrengths.join(', ')}`);
	}
	if (p.massageFractions.length === 0 || !p.massageFractions.every((t) => t >= 0 && t <= 20)) {
		fail('massageFractions', `must be numbers in [0, 20], got ${p.massageFractions.join(', ')}`);
	}
	return p;
}
