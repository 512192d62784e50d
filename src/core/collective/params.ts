/**
 * Parameters of a collective-action simulation, their defaults and their validation. The paper
 * leaves most of these open; the defaults and why are in docs/methods.md.
 */
import { resolveBoostingParams } from '../models/boosting/options';
import type { FirmModelSpec } from '../models/firmModel';

export type Method = 'rb-prob' | 'rb-label' | 'rb-dist' | 'random';
export const METHODS: readonly Method[] = ['rb-prob', 'rb-label', 'rb-dist', 'random'];

export type Experiment = 'size' | 'flips' | 'knowledge' | 'minimum';
export const EXPERIMENTS: readonly Experiment[] = ['size', 'flips', 'knowledge', 'minimum'];

/** Majority rows the collective knows: all of the training set's, or n of them drawn per seed. */
export type Knowledge = 'all' | number;

export interface SimulationParams {
	readonly experiment: Experiment;
	/** α grid (fractions of the minority's training rows) for `size` and `minimum`. */
	readonly alphas: readonly number[];
	/** α for `flips` and `knowledge`. */
	readonly alpha: number;
	/** Number of evenly spaced values of M from 0 to the whole pool (ignored when flipGrid is set). */
	readonly flips: number;
	/** Explicit values of M (clipped to the pool size); turns the refinement pass off. */
	readonly flipGrid?: readonly number[];
	/**
	 * After the coarse pass of `flips` points, add grid points around each method's best M and its
	 * target crossing (flips and knowledge experiments; see refine.ts). Default true.
	 */
	readonly refineGrid: boolean;
	/**
	 * Values of M as fractions of each seed's pool, M = round(f · pool): how the refinement pass
	 * asks for its extra points (set by simulate(), not by users).
	 */
	readonly gridFractions?: readonly number[];
	readonly methods: readonly Method[];
	/** Neighbours for RB-label and RB-dist. */
	readonly k: number;
	/** What the collective knows of the majority (for every experiment but `knowledge`). */
	readonly knowledge: Knowledge;
	/** Known majority rows in the restricted arm of the `knowledge` experiment. */
	readonly knowledgeRows: number;
	/** Number of seeds; seed s = firstSeed … firstSeed + seeds − 1 drives the split and every draw. */
	readonly seeds: number;
	readonly firstSeed: number;
	/** `minimum`: the EqOd to reach; default half the base model's mean EqOd. */
	readonly targetEqod?: number;
	readonly testFraction: number;
	/** The firm's L2 strength (scikit-learn's C). */
	readonly C: number;
	/** The firm's learner; default logistic regression with {@link C} (see {@link firmModelOf}). */
	readonly model?: FirmModelSpec;
	/** RB-prob's own scorer; default logistic regression with C = 1, whatever the firm uses. */
	readonly collectiveModel?: FirmModelSpec;
	/** One-hot levels seen in fewer training rows are pooled (encoder option; 1 = no pooling). */
	readonly rareLevelMinCount: number;
	/**
	 * A defending firm: before each retraining it drops training rows whose label disagrees with a
	 * cross-validated prediction made with confidence ≥ threshold (K folds). Each point then also
	 * reports the defended firm's figures and how much of the collective's effect survives.
	 */
	readonly defense?: DefenseParams;
}

export interface DefenseParams {
	/** Out-of-fold probability of the other label at or above which a row is dropped, in (0.5, 1). */
	readonly threshold: number;
	readonly folds: number;
}

export const DEFAULT_ALPHAS: readonly number[] = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

export const SIMULATION_DEFAULTS: Omit<SimulationParams, 'experiment'> = {
	alphas: DEFAULT_ALPHAS,
	alpha: 0.3,
	flips: 10,
	methods: METHODS,
	k: 5,
	knowledge: 'all',
	knowledgeRows: 10,
	seeds: 5,
	firstSeed: 0,
	testFraction: 0.2,
	C: 1,
	rareLevelMinCount: 10,
	refineGrid: true,
};

/** Fills defaults and checks every parameter; throws a RangeError naming the parameter. */
export function resolveParams(input: Partial<SimulationParams> & { experiment: Experiment }): SimulationParams {
	const p: SimulationParams = { ...SIMULATION_DEFAULTS, ...stripUndefined(input), experiment: input.experiment };
	const fail = (name: string, detail: string): never => {
		throw new RangeError(`simulation parameter '${name}' ${detail}`);
	};
	if (!EXPERIMENTS.includes(p.experiment)) {
		fail('experiment', `must be one of ${EXPERIMENTS.join(', ')}, got '${p.experiment}'`);
	}
	const isFraction = (a: number): boolean => Number.isFinite(a) && a > 0 && a <= 1;
	if (p.alphas.length === 0 || !p.alphas.every(isFraction)) {
		fail('alphas', `must be fractions in (0, 1], got ${p.alphas.join(', ')}`);
	}
	if (!isFraction(p.alpha)) {
		fail('alpha', `must be a fraction in (0, 1], got ${p.alpha}`);
	}
	if (!Number.isInteger(p.flips) || p.flips < 2 || p.flips > 1000) {
		fail('flips', `must be an integer in [2, 1000] (grid points from 0 to the whole pool), got ${p.flips}`);
	}
	if (p.flipGrid !== undefined && (p.flipGrid.length === 0 || !p.flipGrid.every((m) => Number.isInteger(m) && m >= 0))) {
		fail('flipGrid', `must be non-negative integers, got ${p.flipGrid.join(', ')}`);
	}
	if (
		p.gridFractions !== undefined &&
		(p.gridFractions.length === 0 || !p.gridFractions.every((f) => Number.isFinite(f) && f >= 0 && f <= 1))
	) {
		fail('gridFractions', `must be fractions in [0, 1], got ${p.gridFractions.join(', ')}`);
	}
	if (p.methods.length === 0 || !p.methods.every((m) => METHODS.includes(m))) {
		fail('methods', `must be among ${METHODS.join(', ')}, got ${p.methods.join(', ')}`);
	}
	if (!Number.isInteger(p.k) || p.k < 1) {
		fail('k', `must be a positive integer, got ${p.k}`);
	}
	if (p.knowledge !== 'all' && (!Number.isInteger(p.knowledge) || p.knowledge < 1)) {
		fail('knowledge', `must be 'all' or a positive integer, got ${p.knowledge}`);
	}
	if (!Number.isInteger(p.knowledgeRows) || p.knowledgeRows < 1) {
		fail('knowledgeRows', `must be a positive integer, got ${p.knowledgeRows}`);
	}
	if (!Number.isInteger(p.seeds) || p.seeds < 1 || p.seeds > 1000) {
		fail('seeds', `must be an integer in [1, 1000], got ${p.seeds}`);
	}
	if (!Number.isInteger(p.firstSeed) || p.firstSeed < 0) {
		fail('firstSeed', `must be a non-negative integer, got ${p.firstSeed}`);
	}
	if (p.targetEqod !== undefined && !(p.targetEqod >= 0 && p.targetEqod <= 1)) {
		fail('targetEqod', `must be in [0, 1], got ${p.targetEqod}`);
	}
	if (!(p.testFraction > 0 && p.testFraction < 1)) {
		fail('testFraction', `must be in (0, 1), got ${p.testFraction}`);
	}
	if (!(p.C > 0) || !Number.isFinite(p.C)) {
		fail('C', `must be a positive number, got ${p.C}`);
	}
	if (!Number.isInteger(p.rareLevelMinCount) || p.rareLevelMinCount < 1) {
		fail('rareLevelMinCount', `must be a positive integer, got ${p.rareLevelMinCount}`);
	}
	if (p.model !== undefined && p.model.kind !== 'logistic') {
		if (p.model.kind !== 'boosting') {
			fail('model', `must be logistic or boosting, got '${String((p.model as { kind: unknown }).kind)}'`);
		}
		resolveBoostingParams(p.model.params); // throws naming the bad parameter
		if (p.defense !== undefined) {
			// Its out-of-fold filter fits and warm-starts logistic fold models (firm/defense.ts).
			fail('defense', 'works with the logistic firm only; the boosting firm has no defending variant yet');
		}
	}
	if (p.collectiveModel !== undefined) {
		if (p.collectiveModel.kind !== 'logistic' && p.collectiveModel.kind !== 'boosting') {
			fail('collectiveModel', `must be logistic or boosting, got '${String((p.collectiveModel as { kind: unknown }).kind)}'`);
		}
		if (p.collectiveModel.kind === 'boosting') {
			resolveBoostingParams(p.collectiveModel.params);
		}
	}
	if (p.defense !== undefined) {
		if (!(p.defense.threshold > 0.5 && p.defense.threshold < 1)) {
			fail('defense.threshold', `must be in (0.5, 1), got ${p.defense.threshold}`);
		}
		if (!Number.isInteger(p.defense.folds) || p.defense.folds < 2 || p.defense.folds > 20) {
			fail('defense.folds', `must be an integer in [2, 20], got ${p.defense.folds}`);
		}
	}
	// Sorted and without repeats: a repeated α or M would be averaged with itself and count
	// its seeds twice.
	return { ...p, alphas: sortedUnique(p.alphas), ...(p.flipGrid !== undefined ? { flipGrid: sortedUnique(p.flipGrid) } : {}) };
}

function sortedUnique(values: readonly number[]): number[] {
	return [...new Set(values)].sort((a, b) => a - b);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The firm's learner of a run: `model`, or logistic regression with `C`. */
export function firmModelOf(p: SimulationParams): FirmModelSpec {
	return p.model ?? { kind: 'logistic', C: p.C };
}

/** The α values a run needs. */
export function alphasOf(p: SimulationParams): readonly number[] {
	return p.experiment === 'size' || p.experiment === 'minimum' ? p.alphas : [p.alpha];
}

/** Knowledge arms of a run: two for the `knowledge` experiment, one otherwise. */
export function knowledgeArmsOf(p: SimulationParams): readonly Knowledge[] {
	return p.experiment === 'knowledge' ? [p.knowledgeRows, 'all'] : [p.knowledge];
}

/**
 * Values of M for a pool of the given size: an explicit grid (ascending) clipped to the pool, or
 * `flips` evenly spaced values round(i · pool / (flips − 1)). Positions in the grid, not values,
 * are what seeds are averaged over, since pool sizes differ between seeds.
 */
export function flipGridFor(p: SimulationParams, poolSize: number): number[] {
	if (p.gridFractions !== undefined) {
		return p.gridFractions.map((f) => Math.round(f * poolSize));
	}
	if (p.flipGrid !== undefined) {
		return p.flipGrid.map((m) => Math.min(m, poolSize));
	}
	return Array.from({ length: p.flips }, (_, i) => Math.round((i * poolSize) / (p.flips - 1)));
}
