/**
 * A fitted logistic-regression model and its plain-JSON form (for reports, caches and messages
 * between the language server, workers and the webview, none of which carry typed arrays).
 */

/** Coefficients per feature of the matrix it was fitted on, plus the intercept. */
export interface LogisticModel {
	readonly coef: Float64Array;
	readonly intercept: number;
}

/** JSON-safe form of a {@link LogisticModel}. */
export interface LogisticModelJSON {
	readonly coef: number[];
	readonly intercept: number;
}

/** Plain JSON copy of a model (numbers round-trip exactly through JSON.stringify / parse). */
export function logisticModelToJSON(model: LogisticModel): LogisticModelJSON {
	return { coef: Array.from(model.coef), intercept: model.intercept };
}

/**
 * Model from its JSON form (an already-parsed value); throws when the shape is wrong or a number
 * is not finite, so a corrupt cache cannot slip NaN into predictions.
 */
export function logisticModelFromJSON(json: unknown): LogisticModel {
	if (typeof json !== 'object' || json === null) {
		throw new Error('logistic model JSON must be an object with coef and intercept');
	}
	const { coef, intercept } = json as { coef?: unknown; intercept?: unknown };
	if (!Array.isArray(coef) || !coef.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) {
		throw new Error('logistic model JSON: coef must be an array of finite numbers');
	}
	if (typeof intercept !== 'number' || !Number.isFinite(intercept)) {
		throw new Error('logistic model JSON: intercept must be a finite number');
	}
	return { coef: Float64Array.from(coef), intercept };
}

/** Static-style access: `LogisticModel.toJSON(m)`, `LogisticModel.fromJSON(json)`. */
export const LogisticModel = {
	toJSON: logisticModelToJSON,
	fromJSON: logisticModelFromJSON,
} as const;
