/**
 * The poster's motivating toy: a two-feature problem small enough to picture, where a handful of
 * coordinated label flips by a minority collective removes most of a logistic-regression firm's
 * unfairness at almost no cost in error.
 *
 * Structural model (the causal picture of generate.ts, cut down to two features):
 *
 *   A ~ Bernoulli(minorityFraction)                  1 = minority, 0 = majority
 *   u = (u₁, u₂) ~ N(0, I₂)                          the latent qualities, never written out
 *   x = u + A · shift · (−cos 30°, sin 30°)          the minority is displaced in feature space
 *   merit = (u₁ + ½ u₂)/‖(1, ½)‖ + noise · ε,  ε ~ N(0, 1)
 *   recorded label Y = 1{merit − labelBias · A > θ}  biased against the minority
 *   fair outcome     = 1{merit > θ}                  the counterfactual label (cf_label)
 *
 * The counterfactual of a row under A ← majority keeps u and ε: cf_x1, cf_x2 = u, cf_label = the
 * fair outcome (for majority rows they equal the factual values). Features are rounded to 3
 * decimals before the CSV; the counterfactual goes through the same rounding.
 */
import type { Column, Table } from '../csv/table';
import { createRandom, deriveSeed } from '../random';
import type { Sidecar } from '../roles/sidecar';
import { categoricalFromCodes } from './generate';

export interface ToyOptions {
	/** Number of rows, an integer in [20, 1,000,000]. Default 600. */
	readonly rows?: number;
	/** Seed of every draw. Default 0. */
	readonly seed?: number;
	/** Probability that a row belongs to the minority, in (0, 0.5]. Default 0.2. */
	readonly minorityFraction?: number;
	/** Distance the minority is displaced in feature space, in [0, 5]. Default 1. */
	readonly shift?: number;
	/** Bias of the recorded label against the minority, in merit sds, in [0, 5]. Default 0.6. */
	readonly labelBias?: number;
	/** Label noise (sd of ε relative to the unit-variance merit), in [0, 5]. Default 0.5. */
	readonly noise?: number;
}

export type ResolvedToyOptions = Required<ToyOptions>;

export const TOY_DEFAULTS: ResolvedToyOptions = { rows: 3000, seed: 0, minorityFraction: 0.2, shift: 1, labelBias: 1.4, noise: 0.45 };

/**
 * The held-out share the toy is meant to be simulated with: the firm trains on 20 % of the rows
 * (600 of the default 3,000, about 120 of them minority), so that a handful of flips moves its
 * minority intercept, and the other 80 % measure error and EqOd with little sampling noise. With
 * the usual 0.2 the same picture needs about four times as many flips.
 */
export const TOY_TEST_FRACTION = 0.8;

/** Feature columns, then the counterfactual columns, in table order. */
export const TOY_FEATURES = ['x1', 'x2'] as const;
export const TOY_COUNTERFACTUAL_COLUMNS = ['cf_x1', 'cf_x2', 'cf_label'] as const;

/** Direction of the minority's displacement: down the merit axis and across it. */
const SHIFT_DIRECTION = [-Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)] as const;
const MERIT_WEIGHTS = [1, 0.5] as const;
const MERIT_NORM = Math.hypot(...MERIT_WEIGHTS);
/** θ: about 30 % of majority rows are favourable with the default noise. */
const MERIT_THRESHOLD = 0.6;

export interface ToyDataset {
	readonly table: Table;
	readonly options: ResolvedToyOptions;
}

export function resolveToyOptions(options: ToyOptions): ResolvedToyOptions {
	const o = { ...TOY_DEFAULTS, ...dropUndefined(options) };
	if (!Number.isInteger(o.rows) || o.rows < 20 || o.rows > 1_000_000) {
		throw new RangeError(`toy option 'rows' must be an integer in [20, 1000000], got ${String(o.rows)}`);
	}
	if (!Number.isSafeInteger(o.seed)) {
		throw new RangeError(`toy option 'seed' must be a (safe) integer, got ${String(o.seed)}`);
	}
	if (!(o.minorityFraction > 0 && o.minorityFraction <= 0.5)) {
		throw new RangeError(`toy option 'minorityFraction' must be in (0, 0.5], got ${String(o.minorityFraction)}`);
	}
	for (const [name, value] of [
		['shift', o.shift],
		['labelBias', o.labelBias],
		['noise', o.noise],
	] as const) {
		if (!(value >= 0 && value <= 5)) {
			throw new RangeError(`toy option '${name}' must be a number in [0, 5], got ${String(value)}`);
		}
	}
	return o;
}

function dropUndefined(options: ToyOptions): Partial<ResolvedToyOptions> {
	return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<ResolvedToyOptions>;
}

/** Deterministic: the same options give the identical table. */
export function generateToy(options: ToyOptions = {}): ToyDataset {
	const o = resolveToyOptions(options);
	const groupRandom = createRandom(deriveSeed(o.seed, 'toy', 'group'));
	const latentRandom = createRandom(deriveSeed(o.seed, 'toy', 'latent'));
	const noiseRandom = createRandom(deriveSeed(o.seed, 'toy', 'noise'));
	const n = o.rows;
	const group = new Int32Array(n);
	const label = new Int32Array(n);
	const cfLabel = new Int32Array(n);
	const x = [new Float64Array(n), new Float64Array(n)];
	const cf = [new Float64Array(n), new Float64Array(n)];
	for (let i = 0; i < n; i++) {
		const minority = groupRandom.next() < o.minorityFraction ? 1 : 0;
		const u = [latentRandom.normal(), latentRandom.normal()];
		const merit = (MERIT_WEIGHTS[0] * u[0]! + MERIT_WEIGHTS[1] * u[1]!) / MERIT_NORM + o.noise * noiseRandom.normal();
		group[i] = minority;
		// Codes: 0 = favourable, 1 = unfavourable.
		label[i] = merit - o.labelBias * minority > MERIT_THRESHOLD ? 0 : 1;
		cfLabel[i] = merit > MERIT_THRESHOLD ? 0 : 1;
		for (let j = 0; j < 2; j++) {
			x[j]![i] = round3(u[j]! + minority * o.shift * SHIFT_DIRECTION[j]!);
			cf[j]![i] = round3(u[j]!);
		}
	}
	const numeric = (name: string, values: Float64Array): Column => ({ kind: 'numeric', name, values, missing: 0 });
	const columns: Column[] = [
		categoricalFromCodes('group', group, ['majority', 'minority']),
		numeric('x1', x[0]!),
		numeric('x2', x[1]!),
		categoricalFromCodes('label', label, ['favourable', 'unfavourable']),
		numeric('cf_x1', cf[0]!),
		numeric('cf_x2', cf[1]!),
		categoricalFromCodes('cf_label', cfLabel, ['favourable', 'unfavourable']),
	];
	return { table: { columns, rowCount: n }, options: o };
}

/** Rounds to 3 decimals; `+ 0` turns −0 into 0. */
function round3(v: number): number {
	return Math.round(v * 1000) / 1000 + 0;
}

/**
 * The toy's roles: `group` (minority `minority`), label `label` (favourable `favourable`), the cf_*
 * columns never features. The firm is the default, aware one.
 */
export function toySidecar(dataset: ToyDataset): Sidecar {
	return {
		version: 1,
		sensitive: { column: 'group', minority: ['minority'], majority: ['majority'] },
		label: { column: 'label', favourable: ['favourable'] },
		features: { exclude: [...TOY_COUNTERFACTUAL_COLUMNS] },
		description: `The motivating toy from collective-fairness generate --toy (${JSON.stringify(dataset.options)}): two features x1, x2, a minority displaced in feature space and a recorded label biased against it. Simulate it with --test-fraction ${TOY_TEST_FRACTION}: the firm learns from a small sample, so a handful of flips matters, and the held-out rows measure its unfairness precisely. Columns cf_* hold each row's counterfactual under group ← majority; they are ground truth for evaluation, never features.`,
	};
}
