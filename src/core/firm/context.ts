/**
 * What every firm-side method needs for one seed, built once: the simulator's seed context (the
 * same split, encoding, base model and test rows as the collective's runs, so all approaches are
 * compared on identical data), and, for the post-processors, a held-out part of the training set.
 *
 * Post-processing is fitted on scores the model was not trained on **[choice]**: the training rows
 * are split again (seeded, stratified by group × label; `holdoutFraction`, default 0.3), the firm's
 * learner (logistic regression or boosting) is trained on the rest, and calibrated equalized odds and the threshold LP
 * are fitted on the held-out part's scores. In-sample scores would be over-confident and make both
 * methods under-correct. The post-processors' starting point is therefore a model trained on 70 %
 * of the training rows, not the base model (which is why their first point can differ from Base,
 * as on the paper's ACS-Income and HSLS panels).
 */
import { buildSeedContext, type SeedContext } from '../collective/seedContext';
import { resolveParams } from '../collective/params';
import type { Table } from '../csv/table';
import { stratifiedSplit } from '../encoding/split';
import { pointMetrics } from '../fairness';
import { fitFirmModel, firmPredictProba, type FirmModelSpec, type FittedFirmModel } from '../models/firmModel';
import { createRandom, deriveSeed } from '../random';
import type { Sidecar } from '../roles/sidecar';
import type { RunMetrics } from '../collective/evaluate';

export interface HoldoutPart {
	/** Training rows the post-processors' model is fitted on. */
	readonly fitRows: Int32Array;
	/** Training rows the post-processors are fitted on. */
	readonly holdoutRows: Int32Array;
	readonly model: FittedFirmModel;
	/** P̂(y = 1 | x) on holdoutRows and on the test rows (aligned with data.test). */
	readonly holdoutScores: Float64Array;
	readonly testScores: Float64Array;
}

export interface FirmContext {
	readonly seed: SeedContext;
	/** Built on first use. */
	holdout(): HoldoutPart;
}

export interface FirmContextOptions {
	readonly testFraction: number;
	readonly C: number;
	/** The firm's learner (absent: logistic regression with C). */
	readonly model?: FirmModelSpec;
	readonly holdoutFraction: number;
	readonly signal?: { aborted: boolean };
}

export function buildFirmContext(table: Table, sidecar: Sidecar, seed: number, options: FirmContextOptions): FirmContext {
	const params = resolveParams({
		experiment: 'flips',
		testFraction: options.testFraction,
		C: options.C,
		...(options.model?.kind === 'boosting' ? { model: options.model } : {}),
	});
	const ctx = buildSeedContext(table, sidecar, params, seed);
	let part: HoldoutPart | undefined;
	return {
		seed: ctx,
		holdout(): HoldoutPart {
			if (part === undefined) {
				const { data } = ctx;
				const strata = Int32Array.from(data.train, (i) => data.group[i]! * 2 + data.y[i]!);
				const split = stratifiedSplit(strata, options.holdoutFraction, createRandom(deriveSeed(seed, 'firm-holdout')));
				const fitRows = split.train.map((p) => data.train[p]!);
				const holdoutRows = split.test.map((p) => data.train[p]!);
				// Boosting bins its own (fewer) rows here: the seed's bins were built on all training rows.
				const model = fitFirmModel(options.model ?? { kind: 'logistic', C: options.C }, data.x, data.y, {
					rows: fitRows,
					warmStart: ctx.firm,
					...(options.signal !== undefined ? { signal: options.signal } : {}),
				});
				part = {
					fitRows,
					holdoutRows,
					model,
					holdoutScores: firmPredictProba(model, data.x, holdoutRows),
					testScores: firmPredictProba(model, data.x, data.test),
				};
			}
			return part;
		},
	};
}

/** Test-set error, SPD and EqOd of hard predictions aligned with data.test. */
export function testMetrics(ctx: SeedContext, predictions: Uint8Array): RunMetrics {
	const m = pointMetrics({ y: ctx.testY, yhat: predictions, group: ctx.testGroup, groupNames: ctx.data.roles.groupNames, reference: 0 });
	return { error: m.error, spd: m.spd, eqod: m.eqodAverage, eqodMax: m.eqodMax, tprGap: m.tprGap, fprGap: m.fprGap };
}

/** Scores and labels of the rows of groups 0 and 1 among `rows`, split by group. */
export function byGroup(
	rows: ArrayLike<number>,
	scores: ArrayLike<number>,
	y: ArrayLike<number>,
	group: ArrayLike<number>,
): [{ scores: Float64Array; y: Uint8Array }, { scores: Float64Array; y: Uint8Array }] {
	const parts: Array<{ s: number[]; y: number[] }> = [
		{ s: [], y: [] },
		{ s: [], y: [] },
	];
	for (let r = 0; r < rows.length; r++) {
		const i = rows[r]!;
		const g = group[i]!;
		if (g === 0 || g === 1) {
			parts[g]!.s.push(scores[r]!);
			parts[g]!.y.push(y[i]!);
		}
	}
	return [
		{ scores: Float64Array.from(parts[0]!.s), y: Uint8Array.from(parts[0]!.y) },
		{ scores: Float64Array.from(parts[1]!.s), y: Uint8Array.from(parts[1]!.y) },
	];
}
