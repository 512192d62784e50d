/**
 * The extension host's only reader of the `collectiveFairness` settings (docs/conventions.md, rule 4): typed
 * getters over one private `get`. The server reads its own part (hover, lenses, diagnostics,
 * debounce) through workspace/configuration and normalises it with src/shared/settings.ts; the
 * client synchronises the section, so those settings need no restart. The settings here steer what
 * the host asks for (simulation and audit parameters, the status bar). No setting needs a server
 * restart: the client also follows `collectiveFairness.trace.server` by itself.
 */
import * as vscode from 'vscode';
import { isExperiment, isMethod, isValid, RUN_DEFAULTS, type Experiment, type Method } from './shared/runParameters';
import { ServerSettings } from './shared/settings';

export const SECTION = 'collectiveFairness';

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
		const isFraction = (a: unknown): boolean => isValid('alpha', a);
		return {
			experiment: this.get<Experiment>('simulation.experiment', RUN_DEFAULTS.experiment, isExperiment),
			alphas: this.get<readonly number[]>(
				'simulation.alphas',
				RUN_DEFAULTS.alphas,
				(v) => Array.isArray(v) && v.length > 0 && v.every(isFraction),
			),
			alpha: this.get<number>('simulation.alpha', RUN_DEFAULTS.alpha, isFraction),
			methods: this.get<readonly Method[]>(
				'simulation.methods',
				RUN_DEFAULTS.methods,
				(v) => Array.isArray(v) && v.length > 0 && v.every(isMethod),
			),
			seeds: this.get<number>('simulation.seeds', RUN_DEFAULTS.seeds, (v) => isValid('seeds', v)),
		};
	}

	get askSimulationParameters(): boolean {
		return this.get<boolean>('simulation.askParameters', true, (v) => typeof v === 'boolean');
	}

	get auditResamples(): number {
		return this.get<number>('audit.resamples', RUN_DEFAULTS.resamples, (v) => isValid('resamples', v));
	}

	get statusBarEnabled(): boolean {
		return this.get<boolean>('statusBar.enabled', true, (v) => typeof v === 'boolean');
	}

	/** Runs kept on disk per dataset (the oldest go first). */
	get resultsKeepPerDataset(): number {
		return this.get<number>('results.keepPerDataset', 20, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 1000);
	}
}
