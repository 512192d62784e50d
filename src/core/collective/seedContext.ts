/**
 * Everything about one seed that does not depend on the method, α or M: the split and encoding,
 * the firm's base model and its test metrics, the minority's training rows in the seed's random
 * order (collectives are nested: the collective at α is the first round(α·n) of that order, so a
 * larger collective contains a smaller one and curves over α are not re-drawn noise), and, on
 * data with counterfactual columns, the test rows' counterfactual features. Built once per seed
 * and shared by every unit of work on that seed.
 */
import type { Table } from '../csv/table';
import { findColumn, type Column } from '../csv/table';
import { prepareDataset, type PreparedDataset } from '../dataset';
import { encodeRows } from '../encoding/encoder';
import type { FeatureMatrix } from '../encoding/matrix';
import { fitLogistic, predictLabels } from '../models/logistic';
import type { LogisticModel } from '../models/logisticModel';
import type { BinnedFeatures } from '../models/boosting';
import { firmModelBins, firmPredictLabels, fitFirmModel, type FittedFirmModel } from '../models/firmModel';
import { createRandom, deriveSeed, permutation } from '../random';
import { INTERSECTION_SEPARATOR, MAJORITY, MINORITY, resolveRoles, type ResolvedRoles } from '../roles/resolve';
import type { Sidecar } from '../roles/sidecar';
import { TwoKeyCache } from '../twoKeyCache';
import { defendedFit, evaluate, type DefendedFit, type RunMetrics } from './evaluate';
import { firmModelOf, type SimulationParams } from './params';

export interface SeedContext {
	readonly seed: number;
	readonly data: PreparedDataset;
	/** The logistic base model (the firm-side methods start from it whatever the firm's learner). */
	readonly baseModel: LogisticModel;
	/** The firm's base model with the run's learner (the logistic one above, or boosting). */
	readonly firm: FittedFirmModel;
	/** Boosting's bins of the training rows, built once per seed for every refit (undefined for logistic). */
	readonly bins: BinnedFeatures | undefined;
	readonly base: RunMetrics;
	/** Training rows of the minority, in this seed's random order (matrix row indices). */
	readonly minorityOrder: Int32Array;
	/** Training rows of the majority (matrix row indices, ascending). */
	readonly majorityTrain: Int32Array;
	/** Test rows as arrays aligned with `data.test`. */
	readonly testY: Uint8Array;
	readonly testGroup: Int32Array;
	/** Counterfactual features of the test rows (row i ↔ data.test[i]), when the data has them. */
	readonly counterfactualTest: FeatureMatrix | undefined;
	/** With a defending firm: its fit on the unmodified labels (the defended baseline). */
	readonly defendedBase?: DefendedFit;
}

/**
 * Roles already resolved, per table and sidecar. They do not depend on the seed, and resolving them
 * profiles every column to choose the features (on Adult about a quarter of a seed's preparation),
 * so a thread preparing several seeds of one table resolves them once. Keyed by the objects
 * themselves: a table or sidecar is never modified, and a new one (another run) is a new key.
 */
const resolvedRoles = new TwoKeyCache<Table, Sidecar, ResolvedRoles>(() => new WeakMap());

function rolesOf(table: Table, sidecar: Sidecar): ResolvedRoles {
	return resolvedRoles.get(table, sidecar, () => resolveRoles(table, sidecar));
}

export function buildSeedContext(table: Table, sidecar: Sidecar, params: SimulationParams, seed: number): SeedContext {
	const data = prepareDataset(table, sidecar, {
		roles: rolesOf(table, sidecar),
		seed,
		testFraction: params.testFraction,
		encoder: { rareLevelMinCount: params.rareLevelMinCount },
	});
	const minority: number[] = [];
	const majority: number[] = [];
	for (const i of data.train) {
		if (data.group[i] === MINORITY) {
			minority.push(i);
		} else if (data.group[i] === MAJORITY) {
			majority.push(i);
		}
	}
	const order = permutation(minority.length, createRandom(deriveSeed(seed, 'collective')));
	const minorityOrder = order.map((k) => minority[k]!);
	const testY = data.test.map((i) => data.y[i]!) as unknown as Uint8Array;
	const testGroup = Int32Array.from(data.test, (i) => data.group[i]!);
	const fit = fitLogistic(data.x, data.y, { C: params.C, rows: data.train });
	const counterfactualTest = counterfactualMatrix(table, data);
	const spec = firmModelOf(params);
	const bins = firmModelBins(spec, data.x, data.train);
	const firm: FittedFirmModel =
		spec.kind === 'logistic'
			? { kind: 'logistic', model: fit.model, fit, C: params.C, seconds: 0 }
			: fitFirmModel(spec, data.x, data.y, { rows: data.train, ...(bins !== undefined ? { bins } : {}) });
	const context = {
		seed,
		data,
		baseModel: fit.model,
		firm,
		bins,
		minorityOrder,
		majorityTrain: Int32Array.from(majority),
		testY: Uint8Array.from(testY),
		testGroup,
		counterfactualTest,
	};
	const base =
		spec.kind === 'logistic'
			? evaluate(context, fit.model, predictLabels(fit.model, data.x, data.test))
			: evaluate(context, firm, firmPredictLabels(firm, data.x, data.test));
	if (params.defense === undefined) {
		return { ...context, base };
	}
	// The defending firm filters even without a collective: that is its own baseline.
	const defended = defendedFit(context, data.y, params.defense, params.C, fit.model, undefined);
	return { ...context, base: { ...base, defended: defended.metrics }, defendedBase: defended };
}

/** Prefix of the columns holding a row's counterfactual value under A ← majority. */
export const COUNTERFACTUAL_PREFIX = 'cf_';

/**
 * The test rows under the signal g(x) = x_{A←majority}: every feature F replaced by its
 * counterfactual column `cf_F` where one exists (features without one are not caused by the
 * group), and — for the aware firm, whose inputs include the sensitive attribute — the attribute
 * itself set to the majority's value, so g changes every input the group causes, direct and
 * mediated. Undefined when no feature has a counterfactual column (real data: there the mediated
 * part of g is unknown, so S(α) cannot be measured).
 */
function counterfactualMatrix(table: Table, data: PreparedDataset): FeatureMatrix | undefined {
	const swapped = data.roles.featureColumns.filter(
		(f) => findColumn(table, COUNTERFACTUAL_PREFIX + f)?.kind === findColumn(table, f)?.kind,
	);
	if (swapped.length === 0) {
		return undefined;
	}
	const majorityCells = majorityValueCells(table, data);
	const columns = table.columns.map((c) => {
		const asMajority = majorityCells.get(c.name);
		if (asMajority !== undefined) {
			return asMajority;
		}
		if (!swapped.includes(c.name)) {
			return c;
		}
		const cf = findColumn(table, COUNTERFACTUAL_PREFIX + c.name)!;
		if (c.kind === 'categorical' && cf.kind === 'categorical') {
			// Re-code through the factual column's levels so the encoder's level mapping applies.
			const levelIndex = new Map(c.levels.map((l, k) => [l, k]));
			const levels = [...c.levels];
			const codes = Int32Array.from(cf.codes, (code) => {
				if (code < 0) {
					return -1;
				}
				const level = cf.levels[code]!;
				let k = levelIndex.get(level);
				if (k === undefined) {
					k = levels.length;
					levels.push(level);
					levelIndex.set(level, k);
				}
				return k;
			});
			return { ...c, codes, levels };
		}
		return { ...cf, name: c.name };
	});
	const testTableRows = data.test.map((i) => data.roles.rows[i]!);
	return encodeRows({ columns, rowCount: table.rowCount }, data.encoder, testTableRows);
}

/**
 * For each sensitive column the firm sees: a copy of the column in which every row holds the
 * majority's most frequent value (split per column for an intersection such as `race & sex`).
 * Empty for the blind firm, whose inputs do not include the attribute.
 */
function majorityValueCells(table: Table, data: PreparedDataset): Map<string, Column> {
	const out = new Map<string, Column>();
	const { roles } = data;
	const seen = roles.sensitiveColumns.filter((name) => roles.featureColumns.includes(name));
	const majority = roles.sensitiveValues.find((v) => v.group === roles.groupNames[MAJORITY]);
	if (seen.length === 0 || majority === undefined) {
		return out;
	}
	const parts = roles.sensitiveColumns.length === 1 ? [majority.value] : majority.value.split(INTERSECTION_SEPARATOR);
	roles.sensitiveColumns.forEach((name, k) => {
		const column = findColumn(table, name);
		const value = parts[k];
		if (column === undefined || value === undefined || !seen.includes(name)) {
			return;
		}
		if (column.kind === 'numeric') {
			out.set(name, { ...column, values: new Float64Array(table.rowCount).fill(Number(value)), missing: 0 });
			return;
		}
		const code = column.levels.indexOf(value);
		out.set(name, { ...column, codes: new Int32Array(table.rowCount).fill(code), missing: code < 0 ? table.rowCount : 0 });
	});
	return out;
}

/**
 * Table rows' worth of seed contexts one cache keeps: a context holds every kept row's features,
 * labels, group and split (about 100 bytes a row on the generated data), so a million-row table
 * keeps one seed, Adult twenty.
 */
export const SEED_CACHE_ROWS = 1_000_000;

/** How many seed contexts of a table with `rowCount` rows a cache keeps (at least one). */
export function seedCacheCapacity(rowCount: number): number {
	return Math.max(1, Math.floor(SEED_CACHE_ROWS / Math.max(1, rowCount)));
}

/** Adds a context to a cache of at most `capacity`, dropping the oldest first. */
export function rememberSeedContext(cache: Map<number, SeedContext>, context: SeedContext, capacity: number): void {
	cache.delete(context.seed);
	for (const seed of cache.keys()) {
		if (cache.size < capacity) {
			break;
		}
		cache.delete(seed);
	}
	cache.set(context.seed, context);
}
