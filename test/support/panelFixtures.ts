/**
 * The panel's fixture results (test/webview/fixtures/*.json, the CLI's output on synthetic data)
 * and the host messages that carry them, in one place for the browser tests, the report tests and
 * the webview unit tests.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CompareResult } from '../../src/core/firm/compare';
import { comparisonFromCompare } from '../../src/shared/comparison';
import type { AuditResult, SimulationResult } from '../../src/shared/model';
import type { ComparisonResult } from '../../src/shared/webviewProtocol';
import { repoRoot } from './datasets';

export const FIXTURES = path.join(repoRoot, 'test', 'webview', 'fixtures');

/** One fixture file, parsed. */
export function fixture<T = unknown>(name: string): T {
	return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

/** The three simulations and the audit of the fixtures, as the panel receives them. */
export const fixtureResults = {
	minimum: fixture<SimulationResult>('minimum'),
	flips: fixture<SimulationResult>('flips'),
	knowledge: fixture<SimulationResult>('knowledge'),
	audit: fixture<AuditResult>('audit'),
};

/** The dataset a panel is about, as panel/didInit names it: a file:///data/ path and its label. */
export function panelDataset(file: string, synthetic: boolean): { id: string; label: string; synthetic: boolean } {
	return { id: `file:///data/${file}`, label: file, synthetic };
}

/** The host's first message: the dataset, the extension's version, the run defaults and any further fields. */
export function panelInit(
	dataset: ReturnType<typeof panelDataset>,
	defaults: Record<string, unknown>,
	more: Record<string, unknown> = {},
): { type: 'panel/didInit'; params: { dataset: ReturnType<typeof panelDataset>; version: string; defaults: Record<string, unknown> } } {
	return { type: 'panel/didInit', params: { dataset, version: '0.1.0', defaults, ...more } };
}

export const simulationChange = (result: unknown) => ({ type: 'simulation/didChange', params: { result } }) as const;
export const auditChange = (result: unknown) => ({ type: 'audit/didChange', params: { result } }) as const;
export const comparisonChange = (result: unknown) => ({ type: 'comparison/didChange', params: { result } }) as const;

/** The messages that fill every chart: the fixtures' three simulations and audit, then `comparison`. */
export function resultMessages(comparison: unknown): unknown[] {
	const { minimum, flips, knowledge, audit } = fixtureResults;
	return [
		simulationChange(minimum),
		simulationChange(flips),
		simulationChange(knowledge),
		auditChange(audit),
		comparisonChange(comparison),
	];
}

/** A result with every seed summary's interval replaced by mean ± spread (0: no interval to draw). */
export function withIntervals<T>(value: T, spread: number): T {
	return JSON.parse(JSON.stringify(value), (_key, v: unknown) => {
		const o = v as { mean?: unknown; lo?: unknown; hi?: unknown } | null;
		return typeof o === 'object' && o !== null && typeof o.mean === 'number' && typeof o.lo === 'number' && typeof o.hi === 'number'
			? { ...o, lo: o.mean - spread, hi: o.mean + spread }
			: v;
	}) as T;
}

/** The issue's 11-front comparison: calibrated-eqodds in four variants, FARE in two, and the rest. */
export function elevenFronts(): ComparisonResult {
	const base = comparisonFromCompare(fixture<CompareResult>('compare'));
	const names = [
		'calibrated-eqodds (fnr)',
		'calibrated-eqodds (fpr)',
		'calibrated-eqodds (weighted)',
		'calibrated-eqodds (fnr/randomized)',
		'eqodds-thresholds',
		'fare (cell)',
		'fare (centre)',
		'reweighing',
		'massaging',
		'exponentiated-gradient',
		'calibrated-eqodds (fpr/randomized)',
	];
	return { ...base, fronts: names.map((approach, i) => ({ ...base.fronts[i % base.fronts.length]!, approach })) };
}
