/**
 * The audit: the firm's classifier (L2 logistic regression by default, or gradient boosting; see
 * models/firmModel.ts) trained on the training split, its
 * test-set predictions judged group by group, and the labels themselves judged too, with
 * bootstrap intervals around every difference. The CLI's `audit`, the language server and the
 * panel all call this one function.
 */
import { runRolesOf, type RunRoles } from './collective/simulate';
import type { Table } from './csv/table';
import { encodeFeatures, prepareRows, type PrepareOptions, type PreparedRows } from './dataset';
import { auditLabels, auditPredictions, BOOTSTRAP_DEFAULTS, type Estimate, type FairnessReport } from './fairness';
import { describeFirmModel, firmPredictLabels, fitFirmModel, type FirmModelDescription, type FirmModelSpec } from './models/firmModel';
import { createRandom, deriveSeed } from './random';
import { firmAwareness, type ExcludedColumn, type FirmAwareness } from './roles/features';
import { RolesError } from './roles/errors';
import { resolveRoles } from './roles/resolve';
import { compareFirms, type FirmComparison } from './fairness/pairedFirms';
import type { Sidecar } from './roles/sidecar';

export interface AuditOptions extends PrepareOptions {
	/** Inverse L2 strength of the firm's logistic regression (scikit-learn's C). Default 1. */
	readonly C?: number;
	/** The firm's learner and its parameters; default logistic regression with {@link C}. */
	readonly model?: FirmModelSpec;
	/** Bootstrap resamples for the intervals (0 = none). Default 1000. */
	readonly resamples?: number;
	/** Interval coverage. Default 0.95. */
	readonly level?: number;
	/** Called between stages, for progress bars. */
	readonly onStage?: (stage: string, done: number, total: number) => void;
	/** Also train the other firm (aware ↔ blind) on the same split and compare them. Default true. */
	readonly compareFirms?: boolean;
}

/** The roles an audit used: those every run reports, with all the groups, the features and the matrix width. */
export interface AuditRoles extends RunRoles {
	readonly groups: readonly string[];
	readonly features: readonly string[];
	readonly excluded: readonly ExcludedColumn[];
	/** Width of the encoded design matrix (one-hot columns included). */
	readonly encodedWidth: number;
}

export interface AuditResult {
	readonly dataset: {
		readonly rows: number;
		readonly columns: number;
		/** Rows taking part (group known, label present). */
		readonly keptRows: number;
		readonly dropped: { readonly missingSensitive: number; readonly missingLabel: number; readonly otherGroups: number };
	};
	readonly roles: AuditRoles;
	readonly split: { readonly train: number; readonly test: number; readonly seed: number; readonly testFraction: number };
	/** The firm's model: its kind, its parameters, what the fit did, and one line of text naming it. */
	readonly model: FirmModelDescription;
	/** Minority against majority on the test set: the headline figures, with intervals. */
	readonly summary: {
		readonly error: Estimate;
		readonly spd: Estimate;
		readonly eqodAverage: Estimate;
		readonly eqodMax: Estimate;
		readonly equalOpportunity: Estimate;
		readonly disparateImpact: Estimate;
		readonly labelBaseRateGap: Estimate;
	};
	/** Whether the firm's model took the sensitive attribute as an input (docs/methods.md, "The firm"). */
	readonly firm: FirmAwareness;
	/**
	 * The aware and the blind firm side by side (same split, paired bootstrap of their difference),
	 * or why the other firm could not be trained (no feature left without the attribute).
	 */
	readonly firms?: FirmComparison | { readonly unavailable: string };
	/** The classifier's test-set predictions, group by group. */
	readonly predictions: FairnessReport;
	/** The labels of all kept rows: bias already in the data. */
	readonly labels: FairnessReport;
}

export function runAudit(table: Table, sidecar: Sidecar, options: AuditOptions = {}): AuditResult {
	const stage = options.onStage ?? (() => undefined);
	stage('preparing', 0, 4);
	const data = prepareRows(table, sidecar, options);
	stage('training', 1, 4);
	const spec = options.model ?? { kind: 'logistic', C: options.C ?? 1 };
	const { model, yhat, width } = trainFirm(table, data, data.roles.featureColumns, spec, options);
	stage('bootstrapping', 2, 4);
	const resamples = options.resamples ?? BOOTSTRAP_DEFAULTS.resamples;
	const seed = data.seed;
	const predictions = auditPredictions(
		{ y: pick(data.y, data.test), yhat, group: pick(data.group, data.test), groupNames: data.roles.groupNames, reference: 0 },
		{
			resamples,
			...(options.level !== undefined ? { level: options.level } : {}),
			random: createRandom(deriveSeed(seed, 'bootstrap', 'predictions')),
			seed,
		},
	);
	const labels = auditLabels(
		{ y: data.y, group: data.group, groupNames: data.roles.groupNames, reference: 0 },
		{
			resamples,
			...(options.level !== undefined ? { level: options.level } : {}),
			random: createRandom(deriveSeed(seed, 'bootstrap', 'labels')),
			seed,
		},
	);
	const firms = options.compareFirms === false ? undefined : sideBySide(table, sidecar, options, data, yhat, resamples, spec);
	stage('done', 4, 4);
	return {
		dataset: { rows: table.rowCount, columns: table.columns.length, keptRows: data.roles.rows.length, dropped: data.roles.dropped },
		roles: describeRoles(data, sidecar, width),
		split: { train: data.train.length, test: data.test.length, seed, testFraction: options.testFraction ?? 0.2 },
		model,
		summary: headline(predictions, labels),
		firm: firmAwareness(sidecar),
		...(firms !== undefined ? { firms } : {}),
		predictions,
		labels,
	};
}

/**
 * Encodes `columns`, trains one firm on the training rows and predicts the test rows. The feature
 * matrix lives only inside this call: the audit's two firms never hold a matrix each at the same
 * time (at ten million rows that is half a gigabyte saved; docs/architecture.md, "Memory at scale").
 */
function trainFirm(
	table: Table,
	data: PreparedRows,
	columns: readonly string[],
	spec: FirmModelSpec,
	options: AuditOptions,
): { readonly model: FirmModelDescription; readonly yhat: Uint8Array; readonly width: number } {
	const { x } = encodeFeatures(table, data, columns, options.encoder);
	const fitted = fitFirmModel(spec, x, data.y, { rows: data.train });
	// Only the description leaves: a fitted model may keep what it was fitted on (the matrix).
	return { model: describeFirmModel(fitted), yhat: firmPredictLabels(fitted, x, data.test), width: x.width };
}

/** Trains the other firm on the same split and compares the two (see fairness/pairedFirms.ts). */
function sideBySide(
	table: Table,
	sidecar: Sidecar,
	options: AuditOptions,
	data: PreparedRows,
	yhat: Uint8Array,
	resamples: number,
	spec: FirmModelSpec,
): FirmComparison | { unavailable: string } {
	const aware = firmAwareness(sidecar) === 'aware';
	const other: Sidecar = { ...sidecar, features: { ...sidecar.features, includeSensitive: !aware } };
	let otherColumns: readonly string[];
	try {
		// Only the feature columns differ: the rows kept, the labels and the groups depend on the
		// sensitive attribute and the label alone, so the other firm reuses this split as it is.
		otherColumns = resolveRoles(table, other).featureColumns;
	} catch (e) {
		if (e instanceof RolesError) {
			return { unavailable: `the ${aware ? 'blind' : 'aware'} firm cannot be trained: ${e.message}` };
		}
		throw e;
	}
	// The other firm uses the same learner: the comparison is about the attribute, not the model.
	const otherYhat = trainFirm(table, data, otherColumns, spec, options).yhat;
	const y = pick(data.y, data.test);
	const group = pick(data.group, data.test);
	return compareFirms(y, aware ? yhat : otherYhat, aware ? otherYhat : yhat, group, {
		resamples: Math.min(resamples, 2000),
		level: options.level ?? BOOTSTRAP_DEFAULTS.level,
		random: createRandom(deriveSeed(data.seed, 'bootstrap', 'firms')),
		sensitive: data.roles.sensitive,
	});
}

function describeRoles(data: PreparedRows, sidecar: Sidecar, encodedWidth: number): AuditRoles {
	// A run's roles as every run reports them; the JSON keeps its field order (groups after sensitive).
	const { sensitive, minority, majority, label, favourable } = runRolesOf(data.roles, sidecar);
	return {
		sensitive,
		groups: data.roles.groupNames,
		minority,
		majority,
		label,
		favourable,
		features: data.roles.featureColumns,
		excluded: data.roles.excludedColumns,
		encodedWidth,
	};
}

const NOT_COMPUTED: Estimate = { value: null, reason: 'not computed' };

/** The minority-vs-majority comparison (group 1 against group 0). */
function headline(predictions: FairnessReport, labels: FairnessReport): AuditResult['summary'] {
	const c = predictions.comparisons.find((x) => x.groupIndex === 1);
	const l = labels.comparisons.find((x) => x.groupIndex === 1);
	return {
		error: predictions.overall.error ?? NOT_COMPUTED,
		spd: c?.statisticalParityDifference ?? NOT_COMPUTED,
		eqodAverage: c?.eqodAverage ?? NOT_COMPUTED,
		eqodMax: c?.eqodMax ?? NOT_COMPUTED,
		equalOpportunity: c?.equalOpportunity ?? NOT_COMPUTED,
		disparateImpact: c?.disparateImpact ?? NOT_COMPUTED,
		labelBaseRateGap: l?.baseRateDifference ?? NOT_COMPUTED,
	};
}

function pick<T extends Uint8Array | Int32Array>(values: T, rows: Int32Array): T {
	const out = new (values.constructor as new (n: number) => T)(rows.length);
	for (let i = 0; i < rows.length; i++) {
		out[i] = values[rows[i]!]!;
	}
	return out;
}
