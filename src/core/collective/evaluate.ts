/**
 * Test-set figures of one trained model: error, statistical parity, equalized odds (the paper's
 * average and fairlearn's max), and, on synthetic data with counterfactuals, the true collective
 * success S = P[h(g(x)) = h(x)] over the minority's test rows (Hardt et al. 2023, signal erasure
 * with g(x) = x_{A←majority}; Ben-Dov et al. 2025 §2) and the counterfactual-fairness gap
 * |P(h(x) = 1) − P(h(g(x)) = 1)| over the same rows.
 */
import { pointMetrics } from '../fairness';
import type { FeatureMatrix } from '../encoding/matrix';
import { predictLabels } from '../models/logistic';
import type { LogisticModel } from '../models/logisticModel';
import { MINORITY } from '../roles/resolve';
import type { PreparedDataset } from '../dataset';

/** Figures of one run; undefined where a figure cannot be computed (see the aggregate's reasons). */
export interface RunMetrics {
	error: number | undefined;
	spd: number | undefined;
	eqod: number | undefined;
	eqodMax: number | undefined;
	success?: number | undefined;
	counterfactualGap?: number | undefined;
}

interface EvaluationContext {
	readonly data: PreparedDataset;
	readonly testY: Uint8Array;
	readonly testGroup: Int32Array;
	readonly counterfactualTest: FeatureMatrix | undefined;
}

export function evaluate(ctx: EvaluationContext, model: LogisticModel, testPredictions: Uint8Array): RunMetrics {
	const m = pointMetrics({ y: ctx.testY, yhat: testPredictions, group: ctx.testGroup, groupNames: ctx.data.roles.groupNames, reference: 0 });
	const out: RunMetrics = { error: m.error, spd: m.spd, eqod: m.eqodAverage, eqodMax: m.eqodMax };
	if (ctx.counterfactualTest !== undefined) {
		const cf = predictLabels(model, ctx.counterfactualTest);
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
