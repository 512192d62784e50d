/**
 * The extension host's only reader of the `collectiveFairness` settings (docs/conventions.md, rule 4): typed
 * getters over one private `get`. The server reads its own part (hover, lenses, diagnostics,
 * debounce) through workspace/configuration and normalises it with src/shared/settings.ts; the
 * client synchronises the section, so those settings need no restart. The settings here steer what
 * the host asks for (simulation and audit parameters, the status bar). No setting needs a server
 * restart: the client also follows `collectiveFairness.trace.server` by itself.
 */
import * as vscode from 'vscode';
import type { Experiment, Method } from './shared/model';
import { ServerSettings } from './shared/settings';

export const SECTION = 'collectiveFairness';

const EXPERIMENTS: readonly Experiment[] = ['size', 'flips', 'knowledge', 'minimum'];
const METHODS: readonly Method[] = ['rb-prob', 'rb-label', 'rb-dist', 'random'];

export interface SimulationDefaults {
	readonly experiment: Experiment;
	readonly alphas: readonly number[];
	readonly alpha: number;
	readonly methods: readonly Method[];
	readonly seeds: number;
}

export class Config {
	/** Settings of one file (most are resource-scoped, so a folder can have its own thresholds). */
	constructor(private readonly scope?: vscode.Uri) {}

	static for(scope?: vscode.Uri): Config {
		return new Config(scope);
	}

	private get<T>(key: string, fallback: T, valid: (v: unknown) => boolean): T {
		const v = vscode.workspace.getConfiguration(SECTION, this.scope).get<unknown>(key);
		return valid(v) ? (v as T) : fallback;
	}

	/** The server's view of the same section, normalised the way the server does it. */
	get server(): ServerSettings {
		return ServerSettings.from(vscode.workspace.getConfiguration(SECTION, this.scope));
	}

	get simulation(): SimulationDefaults {
		const isFraction = (a: unknown): boolean => typeof a === 'number' && a > 0 && a <= 1;
		return {
			experiment: this.get<Experiment>('simulation.experiment', 'size', (v) => EXPERIMENTS.includes(v as Experiment)),
			alphas: this.get<number[]>(
				'simulation.alphas',
				[0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5],
				(v) => Array.isArray(v) && v.length > 0 && v.every(isFraction),
			),
			alpha: this.get<number>('simulation.alpha', 0.3, isFraction),
			methods: this.get<Method[]>(
				'simulation.methods',
				[...METHODS],
				(v) => Array.isArray(v) && v.length > 0 && v.every((m) => METHODS.includes(m as Method)),
			),
			seeds: this.get<number>('simulation.seeds', 5, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000),
		};
	}

	get askSimulationParameters(): boolean {
		return this.get<boolean>('simulation.askParameters', true, (v) => typeof v === 'boolean');
	}

	get auditResamples(): number {
		return this.get<number>('audit.resamples', 1000, (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100_000);
	}

	get statusBarEnabled(): boolean {
		return this.get<boolean>('statusBar.enabled', true, (v) => typeof v === 'boolean');
	}

	/** Runs kept on disk per dataset (the oldest go first). */
	get resultsKeepPerDataset(): number {
		return this.get<number>('results.keepPerDataset', 20, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000);
	}
}
