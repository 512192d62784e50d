/**
 * Settings of the language server, read per resource from the `collectiveFairness` section
 * (workspace/configuration). The type, the defaults and the normaliser live here, beside the
 * protocol, so the client (which contributes them in package.json) and the server agree; any
 * value that is missing or malformed falls back to its default instead of failing.
 */

export type ProxyMeasure = 'cramersV' | 'mutualInformation';

export interface ServerSettings {
	readonly hover: {
		/** Show column summaries on hover. */
		readonly enabled: boolean;
	};
	readonly codeLens: {
		/** Role lenses on the header row. */
		readonly enabled: boolean;
	};
	readonly diagnostics: {
		readonly enabled: boolean;
		/** Groups with fewer rows than this are flagged (`small-group`). */
		readonly minGroupSize: number;
		/** Four-fifths rule: flag when lowest / highest favourable rate is below this ratio. */
		readonly disparateImpactThreshold: number;
		readonly proxyMeasure: ProxyMeasure;
		/** Flag a column whose association with the group reaches this value (in [0, 1]). */
		readonly proxyThreshold: number;
	};
	/** Wait this long after the last edit before re-analysing an open document. */
	readonly debounceMs: number;
	readonly firm: {
		/**
		 * Whether the firm's model takes the sensitive attribute as an input when the roles do not
		 * say (features.includeSensitive absent): true is the paper's protocol (docs/methods.md, "The firm").
		 */
		readonly seesSensitiveAttribute: boolean;
		/**
		 * The firm's learner when neither the request nor the sidecar's `model` names one: logistic
		 * regression (the paper's) or histogram gradient boosting with its default parameters.
		 */
		readonly model: 'logistic' | 'boosting';
	};
	readonly simulation: {
		/**
		 * A Redis URL (redis:// or rediss://) whose BullMQ queue runs the simulate request's units on
		 * `collective-fairness worker` processes; '' runs them on the server's own worker pool.
		 */
		readonly queue: string;
	};
}

/** Thresholds per measure: Cramér's V ≥ 0.5 is a strong association (Cohen 1988, df = 1); an
 * uncertainty coefficient ≥ 0.3 means the column removes 30 % of the uncertainty about the group. */
export const DEFAULT_PROXY_THRESHOLD: Readonly<Record<ProxyMeasure, number>> = { cramersV: 0.5, mutualInformation: 0.3 };

export const DEFAULT_SETTINGS: ServerSettings = {
	hover: { enabled: true },
	codeLens: { enabled: true },
	diagnostics: {
		enabled: true,
		minGroupSize: 30,
		disparateImpactThreshold: 0.8,
		proxyMeasure: 'cramersV',
		proxyThreshold: DEFAULT_PROXY_THRESHOLD.cramersV,
	},
	debounceMs: 300,
	firm: { seesSensitiveAttribute: true, model: 'logistic' },
	simulation: { queue: '' },
};

export namespace ServerSettings {
	/** Normalises whatever the client sent (possibly null, partial or mistyped) into full settings. */
	export function from(raw: unknown): ServerSettings {
		const root = asRecord(raw);
		const hover = asRecord(root['hover']);
		const codeLens = asRecord(root['codeLens']);
		const diagnostics = asRecord(root['diagnostics']);
		const firm = asRecord(root['firm']);
		const simulation = asRecord(root['simulation']);
		const d = DEFAULT_SETTINGS.diagnostics;
		const measure: ProxyMeasure = diagnostics['proxyMeasure'] === 'mutualInformation' ? 'mutualInformation' : 'cramersV';
		return {
			hover: { enabled: bool(hover['enabled'], DEFAULT_SETTINGS.hover.enabled) },
			codeLens: { enabled: bool(codeLens['enabled'], DEFAULT_SETTINGS.codeLens.enabled) },
			diagnostics: {
				enabled: bool(diagnostics['enabled'], d.enabled),
				minGroupSize: num(diagnostics['minGroupSize'], d.minGroupSize, 0, 1e9, true),
				disparateImpactThreshold: num(diagnostics['disparateImpactThreshold'], d.disparateImpactThreshold, 0, 1),
				proxyMeasure: measure,
				// A threshold left unset follows the chosen measure: the two scales differ.
				proxyThreshold: num(diagnostics['proxyThreshold'], DEFAULT_PROXY_THRESHOLD[measure], 0, 1),
			},
			debounceMs: num(root['debounceMs'], DEFAULT_SETTINGS.debounceMs, 0, 10_000, true),
			firm: {
				seesSensitiveAttribute: bool(firm['seesSensitiveAttribute'], DEFAULT_SETTINGS.firm.seesSensitiveAttribute),
				model: firm['model'] === 'boosting' ? 'boosting' : DEFAULT_SETTINGS.firm.model,
			},
			// Kept as typed (trimmed): a malformed URL is refused by the simulate request, naming the setting.
			simulation: { queue: typeof simulation['queue'] === 'string' ? simulation['queue'].trim() : DEFAULT_SETTINGS.simulation.queue },
		};
	}
}

function asRecord(v: unknown): Record<string, unknown> {
	return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function bool(v: unknown, fallback: boolean): boolean {
	return typeof v === 'boolean' ? v : fallback;
}

function num(v: unknown, fallback: number, lo: number, hi: number, integer = false): number {
	if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi || (integer && !Number.isInteger(v))) {
		return fallback;
	}
	return v;
}
