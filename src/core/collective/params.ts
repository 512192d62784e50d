/**
 * Parameters of a collective-action simulation, their defaults and their validation. The paper
 * leaves most of these open; the defaults and why are in docs/methods.md.
 */
import { resolveBoostingParams } from '../models/boosting/options';
import type { FirmModelSpec } from '../models/firmModel';
// The one src/shared module the core may import: dependency-free, declared once for every layer.
import {
	DEFAULT_ALPHAS,
	EXPERIMENTS,
	intervalOf,
	isExperiment,
	isKnowledge,
	isMethod,
	isValid,
	METHODS,
	RUN_DEFAULTS,
	RUN_PARAMETER_RANGES as RANGES,
	type Experiment,
	type Knowledge,
	type Method,
} from '../../shared/runParameters';

export { DEFAULT_ALPHAS, EXPERIMENTS, METHODS, type Experiment, type Knowledge, type Method };

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

export const SIMULATION_DEFAULTS: Omit<SimulationParams, 'experiment'> = {
	alphas: RUN_DEFAULTS.alphas,
	alpha: RUN_DEFAULTS.alpha,
	flips: RUN_DEFAULTS.flips,
	methods: RUN_DEFAULTS.methods,
	k: RUN_DEFAULTS.k,
	knowledge: RUN_DEFAULTS.knowledge,
	knowledgeRows: RUN_DEFAULTS.knowledgeRows,
	seeds: RUN_DEFAULTS.seeds,
	firstSeed: RUN_DEFAULTS.firstSeed,
	testFraction: RUN_DEFAULTS.testFraction,
	C: RUN_DEFAULTS.C,
	rareLevelMinCount: RUN_DEFAULTS.rareLevelMinCount,
	refineGrid: true,
};

/** Fills defaults and checks every parameter; throws a RangeError naming the parameter. */
export function resolveParams(input: Partial<SimulationParams> & { experiment: Experiment }): SimulationParams {
	const p: SimulationParams = { ...SIMULATION_DEFAULTS, ...stripUndefined(input), experiment: input.experiment };
	const fail = (name: string, detail: string): never => {
		throw new RangeError(`simulation parameter '${name}' ${detail}`);
	};
	if (!isExperiment(p.experiment)) {
		fail('experiment', `must be one of ${EXPERIMENTS.join(', ')}, got '${p.experiment}'`);
	}
	const isFraction = (a: number): boolean => isValid('alpha', a);
	if (p.alphas.length === 0 || !p.alphas.every(isFraction)) {
		fail('alphas', `must be fractions in ${intervalOf(RANGES.alpha)}, got ${p.alphas.join(', ')}`);
	}
	if (!isFraction(p.alpha)) {
		fail('alpha', `must be a fraction in ${intervalOf(RANGES.alpha)}, got ${p.alpha}`);
	}
	if (!isValid('flips', p.flips)) {
		fail('flips', `must be an integer in ${intervalOf(RANGES.flips)} (grid points from 0 to the whole pool), got ${p.flips}`);
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
	if (p.methods.length === 0 || !p.methods.every(isMethod)) {
		fail('methods', `must be among ${METHODS.join(', ')}, got ${p.methods.join(', ')}`);
	}
	if (!isValid('k', p.k)) {
		fail('k', `must be an integer in ${intervalOf(RANGES.k)}, got ${p.k}`);
	}
	if (!isKnowledge(p.knowledge)) {
		fail('knowledge', `must be 'all' or a positive integer, got ${p.knowledge}`);
	}
	if (!isValid('knowledgeRows', p.knowledgeRows)) {
		fail('knowledgeRows', `must be a positive integer, got ${p.knowledgeRows}`);
	}
	if (!isValid('seeds', p.seeds)) {
		fail('seeds', `must be an integer in ${intervalOf(RANGES.seeds)}, got ${p.seeds}`);
	}
	if (!isValid('firstSeed', p.firstSeed)) {
		fail('firstSeed', `must be an integer in ${intervalOf(RANGES.firstSeed)}, got ${p.firstSeed}`);
	}
	if (p.targetEqod !== undefined && !isValid('targetEqod', p.targetEqod)) {
		fail('targetEqod', `must be in ${intervalOf(RANGES.targetEqod)}, got ${p.targetEqod}`);
	}
	if (!isValid('testFraction', p.testFraction)) {
		fail('testFraction', `must be in ${intervalOf(RANGES.testFraction)}, got ${p.testFraction}`);
	}
	if (!isValid('C', p.C)) {
		fail('C', `must be a positive number, got ${p.C}`);
	}
	if (!isValid('rareLevelMinCount', p.rareLevelMinCount)) {
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

/**
 * What a seed's context and a unit's candidate ranking depend on: every parameter but the M grid.
 * Two passes of one run (the coarse grid, then the refinement's fractions) share it, so a context
 * or a ranking kept from the first pass is exactly what the second would rebuild.
 */
export function preparationKey(p: SimulationParams): string {
	const { flips: _flips, flipGrid: _flipGrid, gridFractions: _gridFractions, refineGrid: _refineGrid, ...rest } = p;
	// Sorted, so that two objects built in different key orders give one key.
	return JSON.stringify(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
