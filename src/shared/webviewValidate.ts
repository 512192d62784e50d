/**
 * Runtime checks for the panel protocol (webviewProtocol.ts). Both receivers call these before a
 * `switch (msg.type)`: the host because a webview is untrusted input, the webview because a
 * malformed result must be ignored (and logged), not half-drawn. Dependency-free, so it can sit in
 * the browser bundle and the extension bundle alike. The checks go as deep as the renderers read:
 * a value that passes here cannot throw in a chart or table builder.
 */
import type { HostMessage, WebviewMessage } from './webviewProtocol';
import { isExperiment, isKnowledge, isMethod, isValid, METHODS, type NumericRunParameter } from './runParameters';

type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isRunId = (v: unknown): v is string => isString(v) && v.length > 0 && v.length <= 100;
const arrayOf =
	(check: Check, max = 100_000): Check =>
	(v) =>
		Array.isArray(v) && v.length <= max && v.every(check);
const optional =
	(check: Check): Check =>
	(v) =>
		v === undefined || check(v);
/** Every listed field passes its check (extra fields are allowed and ignored). */
const shape =
	(fields: Record<string, Check>): Check =>
	(v) =>
		isObject(v) && Object.entries(fields).every(([k, check]) => check(v[k]));

const METRICS = ['eqod', 'eqodMax', 'spd'];
const isMetric = (v: unknown): boolean => isString(v) && METRICS.includes(v);
/** A value in the named parameter's range (src/shared/runParameters.ts). */
const valid =
	(name: NumericRunParameter): Check =>
	(v) =>
		isValid(name, v);

export const isSeedSummary: Check = (v) =>
	isObject(v) &&
	(v.mean === null
		? isString(v.reason)
		: isFiniteNumber(v.mean) && isFiniteNumber(v.sd) && isFiniteNumber(v.lo) && isFiniteNumber(v.hi) && isFiniteNumber(v.n));

const metricFields = {
	error: isSeedSummary,
	spd: isSeedSummary,
	eqod: isSeedSummary,
	eqodMax: isSeedSummary,
	success: optional(isSeedSummary),
	counterfactualGap: optional(isSeedSummary),
};

export const isSimulationRow: Check = shape({
	method: (v) => v === 'base' || isMethod(v),
	knowledge: isKnowledge,
	alpha: isFiniteNumber,
	gridIndex: isFiniteNumber,
	flips: isFiniteNumber,
	poolSize: isFiniteNumber,
	collectiveSize: isFiniteNumber,
	seeds: isFiniteNumber,
	...metricFields,
});

/** Requests from the webview: bounded sizes, so a hostile page cannot ask for a run of any size. */
export const isSimulationRequest: Check = shape({
	experiment: isExperiment,
	alphas: optional(arrayOf(valid('alpha'), 100)),
	alpha: optional(valid('alpha')),
	flips: optional(valid('flips')),
	flipGrid: optional(arrayOf((m) => Number.isInteger(m) && (m as number) >= 0, 1000)),
	methods: optional(arrayOf(isMethod, METHODS.length)),
	k: optional(valid('k')),
	knowledge: optional(isKnowledge),
	knowledgeRows: optional(valid('knowledgeRows')),
	seeds: optional(valid('seeds')),
	firstSeed: optional(valid('firstSeed')),
	targetEqod: optional(valid('targetEqod')),
	testFraction: optional(valid('testFraction')),
	C: optional(valid('C')),
});

const isMinimum: Check = shape({
	method: isMethod,
	target: isFiniteNumber,
	reached: isBoolean,
	row: optional(isSimulationRow),
	best: optional(isSimulationRow),
});

export const isSimulationResult: Check = shape({
	experiment: isExperiment,
	params: shape({
		experiment: isExperiment,
		alphas: arrayOf(isFiniteNumber),
		alpha: isFiniteNumber,
		methods: arrayOf(isMethod),
		seeds: isFiniteNumber,
		targetEqod: optional(isFiniteNumber),
	}),
	roles: shape({ sensitive: isString, minority: isString, majority: isString, label: isString, favourable: arrayOf(isString) }),
	base: shape({ seeds: isFiniteNumber, ...metricFields }),
	rows: arrayOf(isSimulationRow),
	grid: optional(arrayOf(isSimulationRow)),
	minimum: optional(arrayOf(isMinimum)),
	warnings: arrayOf(isString),
	failures: arrayOf(isObject),
});

const isEstimate: Check = (v) =>
	isObject(v) &&
	(v.value === null ? isString(v.reason) : isFiniteNumber(v.value)) &&
	optional(shape({ lo: isFiniteNumber, hi: isFiniteNumber, level: isFiniteNumber }))(v.interval);

const isGroupRates: Check = shape({
	name: isString,
	size: isFiniteNumber,
	isReference: isBoolean,
	baseRate: isEstimate,
	selectionRate: optional(isEstimate),
	truePositiveRate: optional(isEstimate),
	falsePositiveRate: optional(isEstimate),
});

export const isAuditResult: Check = shape({
	roles: shape({ sensitive: isString, label: isString, minority: isString, majority: isString }),
	predictions: shape({
		kind: isString,
		reference: isString,
		groups: arrayOf(isGroupRates, 10_000),
		bootstrap: shape({ level: isFiniteNumber }),
	}),
	summary: isObject,
});

const isFrontPoint: Check = shape({
	sweep: isFiniteNumber,
	error: isSeedSummary,
	eqod: isSeedSummary,
	spd: isSeedSummary,
	eqodMax: optional(isSeedSummary),
	setting: optional(isString),
	nonDominated: isBoolean,
});

export const isComparisonResult: Check = shape({
	seeds: isFiniteNumber,
	fronts: arrayOf(
		shape({
			approach: isString,
			sweepParameter: isString,
			points: arrayOf(isFrontPoint),
			certificate: optional(
				shape({
					metric: isMetric,
					level: isFiniteNumber,
					bounds: arrayOf(shape({ sweep: isFiniteNumber, error: isFiniteNumber, bound: isFiniteNumber })),
				}),
			),
		}),
		50,
	),
	warnings: optional(arrayOf(isString)),
});

const isNumberOrNull = (v: unknown): boolean => v === null || isFiniteNumber(v);
const FLAG_KINDS = ['sensitive', 'label', 'proxy', 'leak'];
export const isProfileTableView: Check = shape({
	id: isString,
	file: isString,
	rows: isFiniteNumber,
	groupedBy: optional(isString),
	notes: arrayOf(isString, 20),
	columns: arrayOf(
		shape({
			name: isString,
			type: isString,
			missing: isFiniteNumber,
			missingRate: isNumberOrNull,
			distinct: isFiniteNumber,
			summary: isString,
			summaryKey: isNumberOrNull,
			flags: arrayOf(shape({ kind: (v) => isString(v) && FLAG_KINDS.includes(v), text: isString }), 20),
			byGroup: arrayOf(shape({ group: isString, text: isString }), 1000),
			groupGap: isNumberOrNull,
		}),
		10_000,
	),
});

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;
/** 8 MB of base64 per chart is far above any chart we draw and far below trouble. */
const isPngDataUrl = (v: unknown): boolean => isString(v) && v.length < 8_000_000 && PNG_DATA_URL.test(v);

const isFirmChoice: Check = shape({
	seesSensitiveAttribute: optional(isBoolean),
	model: optional((v) => v === 'logistic' || v === 'boosting'),
});

const webviewChecks: { [K in WebviewMessage['type']]: Check } = {
	'webview/ready': shape({ protocol: (v) => v === 1 }),
	'simulation/run': shape({ runId: isRunId, request: isSimulationRequest, firm: optional(isFirmChoice) }),
	'comparison/run': shape({ runId: isRunId, firm: optional(isFirmChoice) }),
	'simulation/cancel': shape({ runId: isRunId }),
	'audit/run': shape({ runId: isRunId }),
	'report/export': shape({
		images: arrayOf(shape({ figure: (v) => isString(v) && v.length <= 50, png: isPngDataUrl }), 20),
		metric: isMetric,
	}),
	'log/write': shape({ level: (v) => v === 'info' || v === 'warn' || v === 'error', message: (v) => isString(v) && v.length <= 10_000 }),
};

const hostChecks: { [K in HostMessage['type']]: Check } = {
	'panel/didInit': shape({
		dataset: shape({ id: isString, label: isString, sha256: optional(isString), synthetic: isBoolean }),
		version: isString,
		defaults: isSimulationRequest,
		firm: optional(shape({ seesSensitiveAttribute: isBoolean, model: (v) => v === 'logistic' || v === 'boosting' })),
	}),
	// isPanelResults is declared below: called, not read, when the module loads.
	'results/didChange': shape({ results: (v) => isPanelResults(v) }),
	'audit/didChange': shape({ result: isAuditResult }),
	'comparison/didChange': shape({ result: isComparisonResult }),
	'simulation/didChange': shape({ result: isSimulationResult }),
	'simulation/didProgress': shape({ runId: isRunId, done: isFiniteNumber, total: isFiniteNumber, etaSeconds: optional(isFiniteNumber) }),
	'simulation/didFinish': (v) =>
		isObject(v) &&
		isRunId(v.runId) &&
		(v.result !== undefined ? isSimulationResult(v.result) : isString(v.error) && isBoolean(v.cancelled)),
	'audit/didFail': shape({ runId: isRunId, error: isString }),
	'comparison/didFail': shape({ runId: isRunId, error: isString }),
	'report/didRequestExport': isObject,
	'report/didExport': (v) => isObject(v) && (arrayOf(isString)(v.files) || isString(v.error)),
	'profile/didChange': shape({ table: isProfileTableView }),
};

function check<M extends { type: string }>(checks: Record<string, Check>, v: unknown): v is M {
	if (!isObject(v) || !isString(v.type) || !Object.hasOwn(checks, v.type)) {
		return false;
	}
	return checks[v.type]!(v.params);
}

/** Host side: a message from the webview that may be acted on. */
export function isWebviewMessage(v: unknown): v is WebviewMessage {
	return check<WebviewMessage>(webviewChecks, v);
}

/** Webview side: a message from the host that may be rendered. */
export function isHostMessage(v: unknown): v is HostMessage {
	return check<HostMessage>(hostChecks, v);
}

/** A short description of why a value is not a message, for the log (never echoes the value). */
export function describeInvalid(v: unknown): string {
	if (!isObject(v)) {
		return `not an object (${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v})`;
	}
	if (!isString(v.type)) {
		return 'no string "type"';
	}
	return `type "${v.type.slice(0, 60)}" is unknown or its params do not match the protocol`;
}

/** The results a panel shows (results/didChange): checked before the webview adopts them. */
export const isPanelResults: Check = shape({
	simulations: (v) => isObject(v) && Object.entries(v).every(([k, r]) => isExperiment(k) && isSimulationResult(r)),
	audit: optional(isAuditResult),
	comparison: optional(isComparisonResult),
});
