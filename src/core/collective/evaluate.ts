/**
 * Test-set figures of one trained model: error, statistical parity, equalized odds (the paper's
 * average and fairlearn's max), and, on synthetic data with counterfactuals, the true collective
 * success S = P[h(g(x)) = h(x)] over the minority's test rows (Hardt et al. 2023, signal erasure
 * with g(x) = x_{A←majority}; Ben-Dov et al. 2025 §2) and the counterfactual-fairness gap
 * |P(h(x) = 1) − P(h(g(x)) = 1)| over the same rows.
 */
import { pointMetrics } from '../fairness';
import type { FeatureMatrix } from '../encoding/matrix';
import { fitLogistic, predictLabels } from '../models/logistic';
import { filterSuspectedFlips } from '../firm/defense';
import { createRandom, deriveSeed } from '../random';
import type { LogisticModel } from '../models/logisticModel';
import { firmPredictLabels, type FittedFirmModel } from '../models/firmModel';
import { MINORITY } from '../roles/resolve';
import type { PreparedDataset } from '../dataset';

/** Figures of one run; undefined where a figure cannot be computed (see the aggregate's reasons). */
export interface RunMetrics {
	error: number | undefined;
	spd: number | undefined;
	eqod: number | undefined;
	eqodMax: number | undefined;
	/** Signed gaps TPR(minority) − TPR(majority) and FPR(minority) − FPR(majority). */
	tprGap: number | undefined;
	fprGap: number | undefined;
	success?: number | undefined;
	counterfactualGap?: number | undefined;
	/** With a defending firm: its figures on the same relabeled data, and what its filter removed. */
	defended?: DefendedMetrics;
}

export interface DefendedMetrics {
	error: number | undefined;
	spd: number | undefined;
	eqod: number | undefined;
	eqodMax: number | undefined;
	/** Relabeled (flipped) training rows the filter dropped. */
	removedFlips: number;
	/** Other training rows it dropped. */
	removedOther: number;
}

/** A defending firm's fit: the model, its fold models (to warm-start the next filter) and figures. */
export interface DefendedFit {
	readonly model: LogisticModel;
	readonly foldModels: readonly LogisticModel[];
	readonly metrics: DefendedMetrics;
	readonly fits: number;
}

interface EvaluationContext {
	readonly seed: number;
	readonly data: PreparedDataset;
	readonly testY: Uint8Array;
	readonly testGroup: Int32Array;
	readonly counterfactualTest: FeatureMatrix | undefined;
}

export function evaluate(ctx: EvaluationContext, model: LogisticModel | FittedFirmModel, testPredictions: Uint8Array): RunMetrics {
	const m = pointMetrics({
		y: ctx.testY,
		yhat: testPredictions,
		group: ctx.testGroup,
		groupNames: ctx.data.roles.groupNames,
		reference: 0,
	});
	const out: RunMetrics = { error: m.error, spd: m.spd, eqod: m.eqodAverage, eqodMax: m.eqodMax, tprGap: m.tprGap, fprGap: m.fprGap };
	if (ctx.counterfactualTest !== undefined) {
		const cf = 'kind' in model ? firmPredictLabels(model, ctx.counterfactualTest) : predictLabels(model, ctx.counterfactualTest);
		let same = 0;
		let positive = 0;
		let positiveCf = 0;
		let n = 0;
		for (let i = 0; i < cf.length; i++) {
			if (ctx.testGroup[i] !== MINORITY) {
				continue;
			}
			n++;
			same += testPredictions[i] === cf[i] ? 1 : 0;
			positive += testPredictions[i]!;
			positiveCf += cf[i]!;
		}
		out.success = n > 0 ? same / n : undefined;
		out.counterfactualGap = n > 0 ? Math.abs(positive - positiveCf) / n : undefined;
	}
	return out;
}

/**
 * The defending firm (a confident-learning style filter, Northcutt, Jiang & Chuang 2021): drop
 * training rows whose label disagrees with a K-fold out-of-fold prediction made with probability
 * ≥ threshold, then retrain on the rest. Folds are drawn once per seed, so successive calls along
 * M share them and can warm-start from the previous fold models.
 */
export function defendedFit(
	ctx: EvaluationContext,
	labels: Uint8Array,
	defense: { threshold: number; folds: number },
	C: number,
	warmStart: LogisticModel,
	previous: DefendedFit | undefined,
	signal?: { aborted: boolean },
): DefendedFit {
	const { x, y, train, test } = ctx.data;
	const filter = filterSuspectedFlips(x, labels, train, {
		threshold: defense.threshold,
		folds: defense.folds,
		C,
		random: createRandom(deriveSeed(ctx.seed, 'defense-folds')),
		...(previous !== undefined ? { warmStart: previous.foldModels } : {}),
		...(signal !== undefined ? { signal } : {}),
	});
	let removedFlips = 0;
	for (const i of filter.removed) {
		removedFlips += labels[i] !== y[i] ? 1 : 0;
	}
	const fit = fitLogistic(x, labels, {
		C,
		rows: filter.kept,
		warmStart: previous?.model ?? warmStart,
		...(signal !== undefined ? { signal } : {}),
	});
	const m = evaluate(ctx, fit.model, predictLabels(fit.model, x, test));
	return {
		model: fit.model,
		foldModels: filter.models,
		metrics: {
			error: m.error,
			spd: m.spd,
			eqod: m.eqod,
			eqodMax: m.eqodMax,
			removedFlips,
			removedOther: filter.removed.length - removedFlips,
		},
		fits: defense.folds + 1,
	};
}
