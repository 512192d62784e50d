/**
 * The firm-side sweeps, one generator per (seed, approach): each yields after every model fit so
 * the in-process driver can honour cancellation between fits, and returns that seed's points.
 * These run in-process: a sweep point costs at most one warm-started fit (FARE: one tree and
 * one fit on ≤ k̄ features), so a whole approach is a few seconds even on Adult.
 *
 * Every fit uses the firm's learner ({@link firmSpec}): the post-processors work from its scores,
 * reweighing and massaging refit it (boosting takes the weights as sample weights and reuses the
 * seed's bins, since the training rows are the same), and FARE's classifier on top of the
 * representation is it too — FARE's certificate bounds any classifier of the representation.
 */
import type { RunMetrics } from '../collective/evaluate';
import type { FeatureMatrix } from '../encoding/matrix';
import { firmPredictLabels, firmPredictProba, fitFirmModel, type FirmModelSpec, type FittedFirmModel } from '../models/firmModel';
import { createRandom, deriveSeed } from '../random';
import { SubjectError } from '../subjectError';
import { calibratedLabels, fitCalibratedEqOdds, withholdingDraws } from './calibratedEqOdds';
import { byGroup, testMetrics, type FirmContext, type HoldoutPart } from './context';
import { applyThresholdMixtures, solveEqualizedOdds } from './eqOddsThresholds';
import { cellCentres, cellMatrix, centreMatrix, fareCertificate } from './fare';
import { assignCells, growFareTree } from './fareTree';
import { massageLabels, massagingPlan, reweighingWeights } from './kamiranCalders';
import type { FirmApproach, FirmParams } from './params';

/** One sweep point of one seed. */
export interface FirmPoint {
	readonly approach: FirmApproach;
	/** Sub-series: the cost constraint, the representation, … ('' when none). */
	readonly variant: string;
	/** The sweep parameter(s) of this point. */
	readonly parameter: Readonly<Record<string, number>>;
	readonly metrics: RunMetrics;
	/** FARE only: the certified SPD bound of any classifier of this representation. */
	readonly spdBound?: number;
	/** Anything worth knowing about the point (e.g. the fitted mix rates). */
	readonly detail?: Readonly<Record<string, number>>;
}

/** An approach that cannot run on this seed's data (shown instead of numbers). */
export class FirmMethodError extends SubjectError {
	constructor(approach: FirmApproach, detail: string) {
		super(approach, detail, 'FirmMethodError');
	}
}

export interface SweepOptions {
	readonly signal?: { aborted: boolean };
}

export function* sweepApproach(
	approach: FirmApproach,
	ctx: FirmContext,
	params: FirmParams,
	options: SweepOptions = {},
): Generator<void, FirmPoint[], void> {
	try {
		switch (approach) {
			case 'calibrated-eqodds':
				return yield* calibratedSweep(ctx, params);
			case 'eqodds-thresholds':
				return yield* thresholdSweep(ctx, params);
			case 'fare':
				return yield* fareSweep(ctx, params, options);
			case 'reweighing':
				return yield* reweighingSweep(ctx, params, options);
			case 'massaging':
				return yield* massagingSweep(ctx, params, options);
		}
	} catch (e) {
		if (e instanceof RangeError) {
			throw new FirmMethodError(approach, e.message);
		}
		throw e;
	}
}

/**
 * Where both post-processors start: the held-out part (its model is fitted on first use, so a
 * yield follows) and the held-out scores and labels split by group.
 */
function* heldOutByGroup(ctx: FirmContext): Generator<void, { part: HoldoutPart; groups: ReturnType<typeof byGroup> }, void> {
	const part = ctx.holdout();
	yield;
	const { data } = ctx.seed;
	return { part, groups: byGroup(part.holdoutRows, part.holdoutScores, data.y, data.group) };
}

function* calibratedSweep(ctx: FirmContext, params: FirmParams): Generator<void, FirmPoint[], void> {
	const { part, groups } = yield* heldOutByGroup(ctx);
	const { data, testGroup } = ctx.seed;
	const draws = withholdingDraws(data.test.length, createRandom(deriveSeed(ctx.seed.seed, 'calibrated-eqodds')));
	const labelDraws = withholdingDraws(data.test.length, createRandom(deriveSeed(ctx.seed.seed, 'calibrated-eqodds', 'labels')));
	const points: FirmPoint[] = [];
	for (const constraint of params.costConstraints) {
		const fit = fitCalibratedEqOdds(groups, constraint);
		for (const randomized of params.ceoRandomizedLabels ? [false, true] : [false]) {
			for (const t of params.mixScales) {
				const labels = calibratedLabels(fit, part.testScores, testGroup, draws, t, randomized ? labelDraws : undefined);
				points.push({
					approach: 'calibrated-eqodds',
					variant: randomized ? `${constraint}/randomized` : constraint,
					parameter: { mixScale: t },
					metrics: testMetrics(ctx.seed, labels),
					detail: { mixRateMajority: fit.mixRates[0], mixRateMinority: fit.mixRates[1] },
				});
			}
		}
	}
	return points;
}

function* thresholdSweep(ctx: FirmContext, params: FirmParams): Generator<void, FirmPoint[], void> {
	const { part, groups } = yield* heldOutByGroup(ctx);
	const { testGroup } = ctx.seed;
	const points: FirmPoint[] = [];
	for (const epsilon of params.epsilons) {
		const solution = solveEqualizedOdds(groups, epsilon);
		const labels = applyThresholdMixtures(
			solution,
			part.testScores,
			testGroup,
			createRandom(deriveSeed(ctx.seed.seed, 'eqodds-thresholds', epsilon)),
		);
		points.push({
			approach: 'eqodds-thresholds',
			variant: '',
			parameter: { epsilon },
			metrics: testMetrics(ctx.seed, labels),
			detail: { holdoutError: solution.expectedError },
		});
	}
	return points;
}

function* fareSweep(ctx: FirmContext, params: FirmParams, options: SweepOptions): Generator<void, FirmPoint[], void> {
	const { data, testGroup } = ctx.seed;
	const a = Uint8Array.from(data.group, (g) => (g === 1 ? 1 : 0));
	const points: FirmPoint[] = [];
	for (const gamma of params.fareGammas) {
		for (const maxLeaves of params.fareLeaves) {
			const tree = growFareTree(data.x, data.y, a, data.train, { gamma, maxLeaves, minLeaf: params.fareMinLeaf });
			const cells = assignCells(tree, data.x);
			const trainCells = Int32Array.from(data.train, (i) => cells[i]!);
			const z =
				params.fareRepresentation === 'cell'
					? cellMatrix(cells, tree.cells)
					: centreMatrix(data.x, cellCentres(data.x, data.train, trainCells, tree.cells), cells);
			const labels = fitAndPredict(z, data.y, data.train, data.test, params, options);
			yield;
			// Certified on the test rows: held out from the tree and the classifier alike.
			const certificate = fareCertificate(
				Int32Array.from(data.test, (i) => cells[i]!),
				testGroup,
				tree.cells,
				params.certificateEpsilon,
			);
			points.push({
				approach: 'fare',
				variant: params.fareRepresentation,
				parameter: { gamma, maxLeaves },
				metrics: testMetrics(ctx.seed, labels),
				spdBound: certificate.spdBound,
				detail: { cells: tree.cells },
			});
		}
	}
	return points;
}

function* reweighingSweep(ctx: FirmContext, params: FirmParams, options: SweepOptions): Generator<void, FirmPoint[], void> {
	const { data } = ctx.seed;
	const points: FirmPoint[] = [];
	let warm: FittedFirmModel = ctx.seed.firm;
	for (const strength of params.reweighStrengths) {
		const weights = reweighingWeights(data.y, data.group, data.train, strength);
		const { fit, metrics } = refitOnTraining(ctx, params, options, warm, data.y, weights);
		warm = fit;
		yield;
		points.push({ approach: 'reweighing', variant: '', parameter: { strength }, metrics });
	}
	return points;
}

function* massagingSweep(ctx: FirmContext, params: FirmParams, options: SweepOptions): Generator<void, FirmPoint[], void> {
	const { data } = ctx.seed;
	// The ranker is the firm's own model on the unmodified training set: the base model.
	const scores = firmPredictProba(ctx.seed.firm, data.x, data.train);
	const plan = massagingPlan(data.y, data.group, data.train);
	const points: FirmPoint[] = [];
	let warm: FittedFirmModel = ctx.seed.firm;
	for (const fraction of params.massageFractions) {
		const { labels, promoted } = massageLabels(data.y, data.group, data.train, scores, plan, Math.round(fraction * plan.pairs));
		const { fit, metrics } = refitOnTraining(ctx, params, options, warm, labels);
		warm = fit;
		yield;
		points.push({
			approach: 'massaging',
			variant: '',
			parameter: { fraction },
			metrics,
			detail: { pairs: promoted, formulaPairs: plan.pairs },
		});
	}
	return points;
}

function fitAndPredict(
	z: FeatureMatrix,
	y: Uint8Array,
	train: Int32Array,
	test: Int32Array,
	params: FirmParams,
	options: SweepOptions,
): Uint8Array {
	let positives = 0;
	for (const i of train) {
		positives += y[i]!;
	}
	if (positives === 0 || positives === train.length) {
		throw new RangeError('the training rows have a single label');
	}
	const fit = fitFirmModel(firmSpec(params), z, y, { rows: train, ...signalOf(options) });
	return firmPredictLabels(fit, z, test);
}

/** The firm's learner of a comparison: `model`, or logistic regression with C. */
export function firmSpec(params: FirmParams): FirmModelSpec {
	return params.model ?? { kind: 'logistic', C: params.C };
}

/**
 * The preprocessing approaches' refit: the firm's model on the training rows with these labels (and
 * sample weights), warm-started from the previous point's fit, and its test-set figures.
 */
function refitOnTraining(
	ctx: FirmContext,
	params: FirmParams,
	options: SweepOptions,
	warm: FittedFirmModel,
	labels: Uint8Array,
	sampleWeight?: Float64Array,
): { fit: FittedFirmModel; metrics: RunMetrics } {
	const { data } = ctx.seed;
	const fit = fitFirmModel(firmSpec(params), data.x, labels, {
		rows: data.train,
		...(sampleWeight !== undefined ? { sampleWeight } : {}),
		warmStart: warm,
		...binsOf(ctx),
		...signalOf(options),
	});
	return { fit, metrics: testMetrics(ctx.seed, firmPredictLabels(fit, data.x, data.test)) };
}

/** The seed's boosting bins (built on the same training rows) for a refit, or nothing. */
function binsOf(ctx: FirmContext): { bins?: NonNullable<FirmContext['seed']['bins']> } {
	return ctx.seed.bins !== undefined ? { bins: ctx.seed.bins } : {};
}

function signalOf(options: SweepOptions): { signal?: { aborted: boolean } } {
	return options.signal !== undefined ? { signal: options.signal } : {};
}
