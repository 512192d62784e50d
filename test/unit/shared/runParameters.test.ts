/**
 * The run-parameter vocabulary is the one source of methods, experiments, defaults and ranges:
 * package.json's settings must say the same (an editor validates a setting against its schema, the
 * host against the vocabulary), and every layer must accept and refuse the same values.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/datasets';
import {
	DEFAULT_ALPHAS,
	describeRange,
	EXPERIMENTS,
	intervalOf,
	isKnowledge,
	isValid,
	METHODS,
	RUN_DEFAULTS,
	RUN_PARAMETER_RANGES as RANGES,
	type NumberRange,
} from '../../../src/shared/runParameters';
import { resolveParams } from '../../../src/core/collective/params';
import { isSimulationRequest } from '../../../src/shared/webviewValidate';
import { parseNumberFlag } from '../../../src/cli/common';

interface JsonSchemaNumber {
	readonly type: string;
	readonly default?: unknown;
	readonly minimum?: number;
	readonly exclusiveMinimum?: number;
	readonly maximum?: number;
	readonly exclusiveMaximum?: number;
	readonly enum?: readonly string[];
	readonly items?: JsonSchemaNumber;
}

const settings = (
	JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
		contributes: { configuration: { properties: Record<string, JsonSchemaNumber> } };
	}
).contributes.configuration.properties;

function setting(key: string): JsonSchemaNumber {
	const s = settings[`collectiveFairness.${key}`];
	assert.ok(s !== undefined, `package.json declares collectiveFairness.${key}`);
	return s;
}

/** The schema's bounds of a number, in the vocabulary's terms. */
function rangeOfSchema(s: JsonSchemaNumber): NumberRange {
	return {
		integer: s.type === 'integer',
		min: s.exclusiveMinimum ?? s.minimum ?? -Infinity,
		...(s.exclusiveMinimum !== undefined ? { exclusiveMin: true } : {}),
		...(s.exclusiveMaximum !== undefined || s.maximum !== undefined ? { max: s.exclusiveMaximum ?? s.maximum } : {}),
		...(s.exclusiveMaximum !== undefined ? { exclusiveMax: true } : {}),
	};
}

function normalised(r: NumberRange): NumberRange {
	return {
		integer: r.integer,
		min: r.min,
		...(r.exclusiveMin === true ? { exclusiveMin: true } : {}),
		...(r.max !== undefined ? { max: r.max } : {}),
		...(r.exclusiveMax === true ? { exclusiveMax: true } : {}),
	};
}

describe('run-parameter vocabulary', () => {
	it("package.json's simulation and audit settings hold the vocabulary's enums, defaults and ranges", () => {
		const experiment = setting('simulation.experiment');
		assert.deepEqual([...(experiment.enum ?? [])].sort(), [...EXPERIMENTS].sort());
		assert.equal(experiment.default, RUN_DEFAULTS.experiment);

		const methods = setting('simulation.methods');
		assert.deepEqual(methods.items?.enum, [...METHODS]);
		assert.deepEqual(methods.default, [...RUN_DEFAULTS.methods]);

		const alphas = setting('simulation.alphas');
		assert.deepEqual(alphas.default, [...DEFAULT_ALPHAS]);
		assert.ok(alphas.items !== undefined);
		assert.deepEqual(normalised(rangeOfSchema({ ...alphas.items, type: 'number' })), normalised(RANGES.alpha));

		const alpha = setting('simulation.alpha');
		assert.equal(alpha.default, RUN_DEFAULTS.alpha);
		assert.deepEqual(normalised(rangeOfSchema(alpha)), normalised(RANGES.alpha));

		const seeds = setting('simulation.seeds');
		assert.equal(seeds.default, RUN_DEFAULTS.seeds);
		assert.deepEqual(normalised(rangeOfSchema(seeds)), normalised(RANGES.seeds));

		const resamples = setting('audit.resamples');
		assert.equal(resamples.default, RUN_DEFAULTS.resamples);
		assert.deepEqual(normalised(rangeOfSchema(resamples)), normalised(RANGES.resamples));
	});

	it('every default lies in its own range', () => {
		for (const name of Object.keys(RANGES) as Array<keyof typeof RANGES>) {
			const value = (RUN_DEFAULTS as Record<string, unknown>)[name];
			if (name === 'knowledge') {
				assert.ok(isKnowledge(value), `default knowledge ${String(value)}`);
			} else if (name === 'targetEqod') {
				assert.equal(value, undefined, 'the target defaults to half the base EqOd, computed per run');
			} else {
				assert.ok(isValid(name, value), `default ${name} = ${String(value)} in ${intervalOf(RANGES[name])}`);
			}
		}
		assert.ok(DEFAULT_ALPHAS.every((a) => isValid('alpha', a)));
	});

	it('the core, the webview validator and the CLI accept and refuse the same α, k and knowledge', () => {
		const cases: Array<{ name: 'alpha' | 'k' | 'knowledge'; flag: string; value: number; ok: boolean }> = [
			{ name: 'alpha', flag: 'alpha', value: 0, ok: false },
			{ name: 'alpha', flag: 'alpha', value: 0.01, ok: true },
			{ name: 'alpha', flag: 'alpha', value: 1, ok: true },
			{ name: 'alpha', flag: 'alpha', value: 1.01, ok: false },
			{ name: 'k', flag: 'k', value: 0, ok: false },
			{ name: 'k', flag: 'k', value: 1000, ok: true },
			{ name: 'k', flag: 'k', value: 1001, ok: false },
			{ name: 'knowledge', flag: 'knowledge', value: 0, ok: false },
			{ name: 'knowledge', flag: 'knowledge', value: 1, ok: true },
			{ name: 'knowledge', flag: 'knowledge', value: 2.5, ok: false },
		];
		for (const c of cases) {
			const label = `${c.name} = ${c.value}`;
			const core = (): unknown => resolveParams({ experiment: 'flips', [c.name]: c.value });
			if (c.ok) {
				assert.doesNotThrow(core, label);
			} else {
				assert.throws(core, new RegExp(`simulation parameter '${c.name}'`), label);
			}
			assert.equal(isSimulationRequest({ experiment: 'flips', [c.name]: c.value }), c.ok, `webview: ${label}`);
			const cli = (): unknown => parseNumberFlag(c.flag, String(c.value));
			if (c.ok) {
				assert.equal(cli(), c.value, `CLI: ${label}`);
			} else {
				assert.throws(cli, new RegExp(`--${c.flag} must be ${describeRange(RANGES[c.name])}`), `CLI: ${label}`);
			}
		}
	});

	it('imports nothing, so the core and the browser bundle may both read it', () => {
		const source = fs.readFileSync(path.join(repoRoot, 'src', 'shared', 'runParameters.ts'), 'utf8');
		assert.deepEqual(source.match(/^\s*(import|export .* from)\b.*$/gm) ?? [], []);
	});

	it('describes a range in words and as an interval', () => {
		assert.equal(describeRange(RANGES.alpha), 'a number > 0 and ≤ 1');
		assert.equal(describeRange(RANGES.k), 'an integer from 1 to 1000');
		assert.equal(intervalOf(RANGES.alpha), '(0, 1]');
		assert.equal(intervalOf(RANGES.knowledge), '[1, ∞)');
	});
});
