/**
 * Options of the synthetic-data generator, their defaults and their validation. Kept apart from
 * the generator so the CLI and the webview can validate a request before running it.
 */

/** What to generate. Every field but `rows` and `seed` has a default (see {@link SYNTHETIC_DEFAULTS}). */
export interface SyntheticOptions {
	/** Number of rows (individuals), an integer in [1, 10,000,000]. */
	readonly rows: number;
	/** Seed of every random draw; any integer (taken modulo 2^32). Same options + seed → same table. */
	readonly seed: number;
	/** Probability that a row belongs to the minority, in (0, 1). Default 0.3. */
	readonly minorityFraction?: number;
	/**
	 * How strongly minority membership A shifts the A-dependent features, in [0, 5]. 1 (the default)
	 * moves each shifted feature down by about 0.5–0.7 of its own standard deviation (e.g. test
	 * score −8 points, income −22 %), lowers the education latent and moves region probabilities;
	 * 0 makes the features independent of A given U, so every counterfactual feature equals the factual.
	 */
	readonly groupShift?: number;
	/**
	 * How much the RECORDED label is biased against the minority, in [0, 5], in standard deviations of
	 * the (standardised) merit score: a minority row is recorded favourable only when its merit
	 * exceeds the threshold by `labelBias`. 0 records the fair outcome for everyone. Default 0.6.
	 */
	readonly labelBias?: number;
	/**
	 * Probability that each feature cell is missing (completely at random), in [0, 0.9]. The group,
	 * the label and `cf_label` are never missing; a counterfactual cell is missing exactly when its
	 * factual cell is. Default 0.
	 */
	readonly missingRate?: number;
}

/** Options with every default filled in, as recorded in the generated dataset. */
export type ResolvedSyntheticOptions = Required<SyntheticOptions>;

export const SYNTHETIC_DEFAULTS = {
	minorityFraction: 0.3,
	groupShift: 1,
	labelBias: 0.6,
	missingRate: 0,
} as const;

/** Upper bound on `rows`: 10 M rows × 15 columns is about 1 GB of typed arrays. */
export const MAX_SYNTHETIC_ROWS = 10_000_000;

/**
 * Fills in defaults and checks every option, throwing a RangeError that names the option, the
 * allowed range and the value received.
 */
export function resolveSyntheticOptions(options: SyntheticOptions): ResolvedSyntheticOptions {
	const { rows, seed } = options;
	if (!Number.isInteger(rows) || rows < 1 || rows > MAX_SYNTHETIC_ROWS) {
		throw new RangeError(`synthetic option 'rows' must be an integer in [1, ${MAX_SYNTHETIC_ROWS}], got ${String(rows)}`);
	}
	if (!Number.isSafeInteger(seed)) {
		throw new RangeError(`synthetic option 'seed' must be a (safe) integer, got ${String(seed)}`);
	}
	const minorityFraction = options.minorityFraction ?? SYNTHETIC_DEFAULTS.minorityFraction;
	if (!(minorityFraction > 0 && minorityFraction < 1)) {
		throw new RangeError(`synthetic option 'minorityFraction' must be in (0, 1) (exclusive), got ${String(minorityFraction)}`);
	}
	const groupShift = options.groupShift ?? SYNTHETIC_DEFAULTS.groupShift;
	checkClosed('groupShift', groupShift, 0, 5);
	const labelBias = options.labelBias ?? SYNTHETIC_DEFAULTS.labelBias;
	checkClosed('labelBias', labelBias, 0, 5);
	const missingRate = options.missingRate ?? SYNTHETIC_DEFAULTS.missingRate;
	checkClosed('missingRate', missingRate, 0, 0.9);
	return { rows, seed, minorityFraction, groupShift, labelBias, missingRate };
}

function checkClosed(name: string, value: number, lo: number, hi: number): void {
	// `!(… && …)` rather than `<`/`>` so that NaN is rejected too.
	if (typeof value !== 'number' || !(value >= lo && value <= hi)) {
		throw new RangeError(`synthetic option '${name}' must be a number in [${lo}, ${hi}], got ${String(value)}`);
	}
}
