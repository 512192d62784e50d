/**
 * The sidecar `NAME.fairness.json` that stores a dataset's roles next to `NAME.csv`: which column is
 * the sensitive attribute (and which of its values form the minority and the majority), which is
 * the label (and which values are favourable), and which columns are left out of the features.
 * It is diffable and meant to be committed with the data; the editor validates it as it is typed
 * against schemas/fairness.schema.json, and {@link parseSidecar} applies the same rules at run time
 * with an error that names the offending field.
 */
import { parseSidecarModel, type SidecarModel } from './sidecarModel';

/** How values of the sensitive attribute that are neither minority nor majority are treated. */
export type OtherGroups = 'majority' | 'exclude' | 'separate';

export interface SensitiveRole {
	/** One column, or two columns whose values are intersected (e.g. race × sex). */
	readonly column: string | readonly [string, string];
	/** Values forming the minority (for an intersection: values joined with ' & ', e.g. 'Black & Female'). */
	readonly minority: readonly string[];
	/** Values forming the majority; default: the most frequent other value. */
	readonly majority?: readonly string[];
	/**
	 * The remaining values: pooled with the majority ('majority'), left out ('exclude'), or audited
	 * as groups of their own ('separate'). Default: 'majority' when `majority` is not given (every
	 * non-minority row is the majority, as in the reference protocol), 'exclude' when it is.
	 */
	readonly others?: OtherGroups;
}

export interface LabelRole {
	readonly column: string;
	/** Values meaning the favourable outcome; every other non-missing value is unfavourable. */
	readonly favourable: readonly string[];
}

export interface FeatureRoles {
	/** Use only these columns as features (default: every other column, with the exclusions below). */
	readonly include?: readonly string[];
	/** Columns never used as features. */
	readonly exclude?: readonly string[];
	/** Feed the sensitive attribute to the classifier too (default false). */
	readonly includeSensitive?: boolean;
}

export interface Sidecar {
	readonly version: 1;
	readonly sensitive: SensitiveRole;
	readonly label: LabelRole;
	readonly features?: FeatureRoles;
	/** The firm's learner for this dataset (sidecarModel.ts); absent: the editor setting, then logistic regression. */
	readonly model?: SidecarModel;
	/** Extra cell values read as missing, on top of the defaults. */
	readonly missingTokens?: readonly string[];
	/** Free-form note kept with the data (e.g. where the roles come from). */
	readonly description?: string;
}

/** A sidecar that breaks a rule; `field` is a JSON path such as `label.favourable[0]`. */
export class SidecarError extends Error {
	constructor(
		readonly fileName: string,
		readonly field: string,
		detail: string,
	) {
		super(`${fileName}: ${field === '' ? '' : `field '${field}': `}${detail}`);
		this.name = 'SidecarError';
	}
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Parses and validates sidecar text. Throws {@link SidecarError} naming the field at fault. */
export function parseSidecar(text: string, fileName: string): Sidecar {
	let raw: Json;
	try {
		// Editors on Windows often save JSON with a UTF-8 byte-order mark; JSON.parse rejects it.
		raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Json;
	} catch (e) {
		throw new SidecarError(fileName, '', `not valid JSON (${(e as Error).message})`);
	}
	return validateSidecar(raw, fileName);
}

/** Validates an already-parsed value (same rules as schemas/fairness.schema.json). */
export function validateSidecar(raw: unknown, fileName: string): Sidecar {
	const fail = (field: string, detail: string): never => {
		throw new SidecarError(fileName, field, detail);
	};
	const root = asObject(raw, '', fail);
	allowOnly(root, ['$schema', 'version', 'sensitive', 'label', 'features', 'model', 'missingTokens', 'description'], '', fail);
	if (root['version'] !== 1) {
		fail('version', `must be 1, got ${JSON.stringify(root['version'] ?? null)}`);
	}
	const sensitiveRaw = asObject(root['sensitive'], 'sensitive', fail);
	allowOnly(sensitiveRaw, ['column', 'minority', 'majority', 'others'], 'sensitive', fail);
	const column = sensitiveRaw['column'];
	let sensitiveColumn: string | readonly [string, string];
	if (Array.isArray(column)) {
		if (column.length !== 2 || !column.every((c) => typeof c === 'string' && c !== '')) {
			fail('sensitive.column', 'an intersection must name exactly two columns');
		}
		sensitiveColumn = [column[0] as string, column[1] as string];
	} else {
		sensitiveColumn = asName(column, 'sensitive.column', fail);
	}
	const minority = asValues(sensitiveRaw['minority'], 'sensitive.minority', fail);
	const majority = sensitiveRaw['majority'] === undefined ? undefined : asValues(sensitiveRaw['majority'], 'sensitive.majority', fail);
	const overlap = majority?.find((v) => minority.includes(v));
	if (overlap !== undefined) {
		fail('sensitive.majority', `value '${overlap}' is also listed as minority`);
	}
	const others = sensitiveRaw['others'];
	if (others !== undefined && others !== 'majority' && others !== 'exclude' && others !== 'separate') {
		fail('sensitive.others', `must be 'majority', 'exclude' or 'separate', got ${JSON.stringify(others)}`);
	}
	const labelRaw = asObject(root['label'], 'label', fail);
	allowOnly(labelRaw, ['column', 'favourable'], 'label', fail);
	const label: LabelRole = {
		column: asName(labelRaw['column'], 'label.column', fail),
		favourable: asValues(labelRaw['favourable'], 'label.favourable', fail),
	};
	if (typeof sensitiveColumn === 'string' ? sensitiveColumn === label.column : sensitiveColumn.includes(label.column)) {
		fail('label.column', `'${label.column}' is also the sensitive attribute`);
	}
	let features: FeatureRoles | undefined;
	if (root['features'] !== undefined) {
		const f = asObject(root['features'], 'features', fail);
		allowOnly(f, ['include', 'exclude', 'includeSensitive'], 'features', fail);
		const includeSensitive = f['includeSensitive'];
		if (includeSensitive !== undefined && typeof includeSensitive !== 'boolean') {
			fail('features.includeSensitive', 'must be true or false');
		}
		features = {
			...(f['include'] !== undefined ? { include: asNames(f['include'], 'features.include', fail) } : {}),
			...(f['exclude'] !== undefined ? { exclude: asNames(f['exclude'], 'features.exclude', fail, true) } : {}),
			...(includeSensitive !== undefined ? { includeSensitive: includeSensitive as boolean } : {}),
		};
	}
	const model = root['model'] === undefined ? undefined : parseSidecarModel(root['model'], fail);
	const missingTokens = root['missingTokens'] === undefined ? undefined : asNames(root['missingTokens'], 'missingTokens', fail, true);
	const description = root['description'];
	if (description !== undefined && typeof description !== 'string') {
		fail('description', 'must be a string');
	}
	return {
		version: 1,
		sensitive: {
			column: sensitiveColumn,
			minority,
			...(majority !== undefined ? { majority } : {}),
			...(others !== undefined ? { others: others as OtherGroups } : {}),
		},
		label,
		...(features !== undefined ? { features } : {}),
		...(model !== undefined ? { model } : {}),
		...(missingTokens !== undefined ? { missingTokens } : {}),
		...(typeof description === 'string' ? { description } : {}),
	};
}

/** Sidecar text as written by the tools: stable key order, two-space indent, final newline. */
export function formatSidecar(sidecar: Sidecar): string {
	return `${JSON.stringify({ version: sidecar.version, sensitive: sidecar.sensitive, label: sidecar.label, features: sidecar.features, model: sidecar.model, missingTokens: sidecar.missingTokens, description: sidecar.description }, null, 2)}\n`;
}

type Fail = (field: string, detail: string) => never;

function asObject(value: unknown, field: string, fail: Fail): Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return fail(field, value === undefined ? 'is required' : 'must be an object');
	}
	return value as Record<string, unknown>;
}

function allowOnly(obj: Record<string, unknown>, keys: readonly string[], field: string, fail: Fail): void {
	for (const key of Object.keys(obj)) {
		if (!keys.includes(key)) {
			fail(field === '' ? key : `${field}.${key}`, `unknown field (allowed: ${keys.join(', ')})`);
		}
	}
}

function asName(value: unknown, field: string, fail: Fail): string {
	if (typeof value !== 'string' || value === '') {
		return fail(field, value === undefined ? 'is required' : 'must be a non-empty string');
	}
	return value;
}

/** A non-empty array of distinct strings; numbers are accepted and kept as written (label codes like 0/1). */
function asValues(value: unknown, field: string, fail: Fail): readonly string[] {
	if (!Array.isArray(value) || value.length === 0) {
		return fail(field, value === undefined ? 'is required' : 'must be a non-empty array of values');
	}
	const out: string[] = [];
	value.forEach((v, i) => {
		if (typeof v === 'number' && Number.isFinite(v)) {
			out.push(String(v));
		} else if (typeof v === 'string') {
			out.push(v);
		} else {
			fail(`${field}[${i}]`, 'must be a string or a number');
		}
		if (out.indexOf(out[out.length - 1]!) !== out.length - 1) {
			fail(`${field}[${i}]`, `duplicate value '${out[out.length - 1]}'`);
		}
	});
	return out;
}

function asNames(value: unknown, field: string, fail: Fail, allowEmpty = false): readonly string[] {
	if (!Array.isArray(value) || (!allowEmpty && value.length === 0)) {
		return fail(field, 'must be an array of strings');
	}
	value.forEach((v, i) => {
		if (typeof v !== 'string') {
			fail(`${field}[${i}]`, 'must be a string');
		}
	});
	return value as string[];
}
