/**
 * The sidecar's `model` field: the firm's learner for this dataset, so that the editor, the language
 * server and the CLI train the same firm without repeating flags. Same names as the boosting
 * options (scikit-learn's HistGradientBoostingClassifier, camel-cased), same bounds as the CLI's
 * flags and schemas/fairness.schema.json. The seed is not stored: a run's seed seeds the learner.
 *
 * Precedence where a run has several sources: a CLI flag or an explicit request field first, then
 * the sidecar, then the editor setting `collectiveFairness.firm.model`, then logistic regression.
 */
import { FIRM_MODEL_KINDS, type FirmModelKind, type FirmModelSpec } from '../models/firmModel';

/** Boosting parameters a sidecar may fix (everything else keeps its default). */
export const SIDECAR_BOOSTING_FIELDS = [
	'learningRate',
	'maxIterations',
	'maxLeaves',
	'minSamplesLeaf',
	'l2Regularization',
	'earlyStopping',
] as const;

export interface SidecarModel {
	readonly kind: FirmModelKind;
	readonly learningRate?: number;
	readonly maxIterations?: number;
	readonly maxLeaves?: number;
	readonly minSamplesLeaf?: number;
	readonly l2Regularization?: number;
	readonly earlyStopping?: boolean;
}

type Fail = (field: string, detail: string) => never;

/** Validates `model`; `fail` throws naming the field (e.g. `model.maxLeaves`). */
export function parseSidecarModel(raw: unknown, fail: Fail): SidecarModel {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
		return fail('model', `must be an object such as { "kind": "boosting" }`);
	}
	const obj = raw as Record<string, unknown>;
	const kind = obj['kind'];
	if (!(FIRM_MODEL_KINDS as readonly unknown[]).includes(kind)) {
		fail('model.kind', `must be one of ${FIRM_MODEL_KINDS.join(', ')}, got ${JSON.stringify(kind ?? null)}`);
	}
	const allowed: readonly string[] = kind === 'boosting' ? ['kind', ...SIDECAR_BOOSTING_FIELDS] : ['kind'];
	for (const key of Object.keys(obj)) {
		if (!allowed.includes(key)) {
			fail(
				`model.${key}`,
				(SIDECAR_BOOSTING_FIELDS as readonly string[]).includes(key)
					? `applies to "kind": "boosting" only (the learner is ${String(kind)})`
					: `unknown field (allowed: ${allowed.join(', ')})`,
			);
		}
	}
	const number = (key: string, ok: (v: number) => boolean, need: string): number | undefined => {
		const v = obj[key];
		if (v === undefined) {
			return undefined;
		}
		if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
			fail(`model.${key}`, `must be ${need}, got ${JSON.stringify(v)}`);
		}
		return v as number;
	};
	const integerIn = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;
	const learningRate = number('learningRate', (v) => v > 0 && v <= 1000, 'a number > 0 and ≤ 1000');
	const maxIterations = number('maxIterations', integerIn(1, 10_000), 'an integer from 1 to 10000');
	const maxLeaves = number('maxLeaves', integerIn(2, 4096), 'an integer from 2 to 4096');
	const minSamplesLeaf = number('minSamplesLeaf', integerIn(1, 1_000_000), 'an integer from 1 to 1000000');
	const l2Regularization = number('l2Regularization', (v) => v >= 0 && v <= 1e12, 'a number ≥ 0 and ≤ 1e12');
	const earlyStopping = obj['earlyStopping'];
	if (earlyStopping !== undefined && typeof earlyStopping !== 'boolean') {
		fail('model.earlyStopping', 'must be true or false');
	}
	return {
		kind: kind as FirmModelKind,
		...(learningRate !== undefined ? { learningRate } : {}),
		...(maxIterations !== undefined ? { maxIterations } : {}),
		...(maxLeaves !== undefined ? { maxLeaves } : {}),
		...(minSamplesLeaf !== undefined ? { minSamplesLeaf } : {}),
		...(l2Regularization !== undefined ? { l2Regularization } : {}),
		...(typeof earlyStopping === 'boolean' ? { earlyStopping } : {}),
	};
}

/** The learner a sidecar model names; `seed` seeds boosting (its early-stopping split). */
export function firmModelFromSidecar(model: SidecarModel, seed: number): FirmModelSpec {
	if (model.kind === 'logistic') {
		return { kind: 'logistic', C: 1 };
	}
	const { kind: _kind, ...params } = model;
	return { kind: 'boosting', params: { ...params, seed } };
}
