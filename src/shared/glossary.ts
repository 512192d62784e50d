/**
 * The panel's and the report's vocabulary, explained once: every term a chart, a table, a form
 * field or a sentence uses, with its formula and the section of docs/methods.md that derives it.
 * The panel puts the definition in a tooltip wherever a term appears and lists them all in a
 * glossary section; the report prints the same list. Dependency-free.
 */

export interface GlossaryEntry {
	/** The word as it appears on screen (the first is the entry's name). */
	readonly terms: readonly string[];
	readonly definition: string;
	readonly formula?: string;
	/** Section of docs/methods.md. */
	readonly methods: string;
}

const METRICS = '§3 Fairness metrics';
const COLLECTIVE = '§4 Minority collective action';
const FIRM = '§5 Firm-side methods';

export const GLOSSARY: readonly GlossaryEntry[] = [
	{
		terms: ['EqOd', 'equalized odds', 'EqOd (average)'],
		definition: 'Equalized odds, the average gap between the groups in true-positive and false-positive rates (0 = equal).',
		formula: '½ (|TPR_a − TPR_r| + |FPR_a − FPR_r|)',
		methods: METRICS,
	},
	{
		terms: ['EqOd max', 'EqOd (max)'],
		definition: "Equalized odds, the larger of the two gaps (fairlearn's equalized_odds_difference).",
		formula: 'max(|TPR_a − TPR_r|, |FPR_a − FPR_r|)',
		methods: METRICS,
	},
	{
		terms: ['SPD', 'statistical parity', 'statistical parity difference'],
		definition: 'Statistical parity difference: the gap in how often each group is predicted positive.',
		formula: '|P(ŷ=1 | a) − P(ŷ=1 | r)|',
		methods: METRICS,
	},
	{
		terms: ['equal opportunity'],
		definition: 'The gap in true-positive rates: how much less often the qualified members of one group are recognised.',
		formula: '|TPR_a − TPR_r|',
		methods: METRICS,
	},
	{
		terms: ['disparate impact', 'DI'],
		definition: "The ratio of the groups' selection rates; 1 = parity.",
		formula: 'P(ŷ=1 | a) / P(ŷ=1 | r)',
		methods: METRICS,
	},
	{
		terms: ['four-fifths rule', 'four-fifths'],
		definition: 'A disparate impact below 0.8 is the usual threshold for adverse impact (US EEOC guidelines).',
		formula: 'disparate impact < 0.8',
		methods: METRICS,
	},
	{
		terms: ['TPR', 'true-positive rate'],
		definition: 'Among rows positive in the data, the share the classifier predicts positive.',
		formula: 'TP / (TP + FN)',
		methods: METRICS,
	},
	{
		terms: ['FPR', 'false-positive rate'],
		definition: 'Among rows negative in the data, the share the classifier predicts positive anyway.',
		formula: 'FP / (FP + TN)',
		methods: METRICS,
	},
	{
		terms: ['selection rate'],
		definition: 'The share of a group the classifier predicts positive.',
		formula: '(TP + FP) / n_a',
		methods: METRICS,
	},
	{
		terms: ['base rate'],
		definition: 'The share of a group that is positive in the data itself (bias already in the labels).',
		formula: '(TP + FN) / n_a',
		methods: METRICS,
	},
	{ terms: ['error'], definition: 'The share of test rows the classifier gets wrong.', formula: '(FP + FN) / n', methods: METRICS },
	{
		terms: ['positive'],
		definition:
			'The favourable value of the label (named on every chart, e.g. "positive = income-per-year = >50K"); negative is every other value.',
		methods: '§1 From a CSV file to a learning problem',
	},
	{
		terms: ['interval', 'bootstrap interval', '95% interval'],
		definition:
			'On the audit, a 95% percentile bootstrap interval over test rows; on simulations, the 2.5–97.5% percentiles over seeds. Overlapping intervals mean the difference is not distinguishable.',
		methods: METRICS,
	},
	{
		terms: ['seeds', 'not distinguishable'],
		definition:
			'Each seed re-draws the split, the collective and the ties; figures are means over seeds with their spread. "Not distinguishable at N seeds" means the intervals overlap.',
		methods: '§4 Experiments',
	},
	{
		terms: ['base model', 'firm', "firm's classifier"],
		definition:
			"The firm's L2 logistic regression trained on the unchanged data. The audit shows one split (seed 0); the simulations' base line is the mean over their seeds, so the two differ slightly.",
		methods: "§2 The firm's classifier",
	},
	{
		terms: ['collective', 'minority collective'],
		definition: 'Members of the minority group who coordinate to relabel some of their own training rows before the firm retrains.',
		methods: COLLECTIVE,
	},
	{
		terms: ['α', 'alpha', 'α grid'],
		definition: "The collective's size as a fraction of the minority's training rows.",
		formula: 'collective = round(α · n_minority_train)',
		methods: COLLECTIVE,
	},
	{
		terms: ['M', 'flips', 'flip grid points', 'relabelling'],
		definition: "The number of the collective's unfavourable labels it flips to favourable.",
		methods: COLLECTIVE,
	},
	{
		terms: ['aware firm', 'sees', 'the aware firm'],
		definition:
			"A firm whose model takes the sensitive attribute as an input (the paper's protocol and the default): the collective's signal changes one of its inputs.",
		methods: '§1 The firm',
	},
	{
		terms: ['blind firm', 'the blind firm', 'proxies'],
		definition:
			'A firm whose model never sees the sensitive attribute; group membership reaches it only through features associated with it (proxies).',
		methods: '§1 The firm',
	},
	{
		terms: ['flips-to-target', 'flips to target'],
		definition:
			'Per seed, the number of flips M at which EqOd first reaches the target, interpolated between grid points; seeds that never reach it are counted as not reached.',
		methods: '§4 Relabelling efficiency',
	},
	{
		terms: ['paired', 'paired with Random', 'paired 95 % interval'],
		definition:
			'Compared seed by seed on the same split and collective, so seed-to-seed noise cancels; the interval is a 95% Student t interval of the mean difference.',
		formula: 'mean ± t₀.₉₇₅,ₙ₋₁ · s / √n',
		methods: '§4 Relabelling efficiency',
	},
	{
		terms: ['ΔTPR', 'ΔFPR', 'signed gap', 'no measurable gap'],
		definition:
			'The signed differences TPR(minority) − TPR(majority) and FPR likewise. When both intervals cover zero, no gap is left that these seeds can measure, even if EqOd (an average of absolute values of noisy gaps) stays above zero.',
		methods: '§4 The EqOd floor',
	},
	{
		terms: ['target EqOd', 'target'],
		definition: "The EqOd the collective aims for; by default half the base model's mean EqOd.",
		methods: '§4 Experiments',
	},
	{
		terms: ['over-correction'],
		definition: 'Flipping past the best M: the retrained classifier starts to favour the minority, and EqOd rises again.',
		methods: COLLECTIVE,
	},
	{ terms: ['k', 'k (neighbours)'], definition: 'How many nearest majority rows RB-label and RB-dist look at.', methods: COLLECTIVE },
	{
		terms: ['knowledge', 'known rows', 'knows'],
		definition: 'How many majority training rows the collective can see: all of them, or n drawn per seed.',
		methods: COLLECTIVE,
	},
	{
		terms: ['RB-prob'],
		definition:
			"Rank the collective's rows by a logistic regression fitted on the known majority rows; flip the most likely positives first.",
		formula: 's_i = P̂(y = 1 | x_i)',
		methods: COLLECTIVE,
	},
	{
		terms: ['RB-label'],
		definition: 'Rank by how many of the k nearest known majority rows are positive.',
		formula: 's_i = Σ_{j∈K_i} 1{y_j = 1}',
		methods: COLLECTIVE,
	},
	{
		terms: ['RB-dist'],
		definition: 'Rank by closeness to the k nearest positive known majority rows.',
		formula: 's_i = −(1/k) Σ_{j∈K_i} ‖x_i − x_j‖',
		methods: COLLECTIVE,
	},
	{
		terms: ['Random'],
		definition: "Flip a random choice of the collective's rows: the baseline every ranking must beat.",
		methods: COLLECTIVE,
	},
	{
		terms: ['S(α)', 'collective success'],
		definition:
			'True collective success on synthetic data: how often the classifier treats a minority row as it would its counterfactual majority twin.',
		formula: 'S = P[h(g(x)) = h(x)]',
		methods: COLLECTIVE,
	},
	{
		terms: ['Pareto plane', 'Pareto', 'front', 'non-dominated', 'dominated'],
		definition:
			'Error against unfairness, both lower is better. A point is dominated when another has lower error and lower unfairness; the front joins the non-dominated ones.',
		methods: FIRM,
	},
	{
		terms: ['calibrated-eqodds', 'calibrated EqOd', 'fnr', 'fpr', 'weighted', 'randomized'],
		definition:
			'Calibrated equalized odds (Pleiss et al. 2017): one group\'s scores are mixed with its base rate to balance the false-negative (fnr), false-positive (fpr) or weighted cost; "randomized" draws the label from the score.',
		methods: FIRM,
	},
	{
		terms: ['eqodds-thresholds'],
		definition:
			'Equalized-odds thresholds (Hardt, Price & Srebro 2016): per-group random mixtures of thresholds chosen by a linear programme, the gaps bounded by ε.',
		formula: '|TPR₀ − TPR₁| ≤ ε, |FPR₀ − FPR₁| ≤ ε',
		methods: FIRM,
	},
	{
		terms: ['FARE', 'fare', 'cell', 'centre', 'FARE certified bound'],
		definition:
			'Fair representations with certificates (Jovanović et al. 2023): rows are grouped into tree cells; "cell" trains on the cell id, "centre" on each cell\'s median. The certificate bounds the SPD of any classifier on the cells.',
		formula: 'SPD(g) ≤ ½ Σ_j |p₀ⱼ − p₁ⱼ|',
		methods: FIRM,
	},
	{
		terms: ['reweighing'],
		definition: 'Kamiran & Calders reweighing: training rows are weighted so that group and label look independent.',
		methods: FIRM,
	},
	{
		terms: ['massaging'],
		definition: 'Kamiran & Calders massaging: the firm itself flips the labels of the rows nearest its decision boundary.',
		methods: FIRM,
	},
	{
		terms: ['exponentiated-gradient'],
		definition: 'Agarwal et al. 2018 reductions: a randomized classifier trained under a fairness constraint.',
		methods: FIRM,
	},
];

/** The entry whose terms include `word` (case-sensitive first, then case-insensitive). */
export function lookup(word: string): GlossaryEntry | undefined {
	return GLOSSARY.find((e) => e.terms.includes(word)) ?? GLOSSARY.find((e) => e.terms.some((t) => t.toLowerCase() === word.toLowerCase()));
}

/** The tooltip text of an entry: definition, formula, where it is derived. */
export function tooltipOf(e: GlossaryEntry): string {
	return `${e.definition}${e.formula !== undefined ? ` Formula: ${e.formula}.` : ''} See docs/methods.md ${e.methods}.`;
}

let compiled: Array<{ re: RegExp; entry: GlossaryEntry }> | undefined;

/** One whole-word pattern per term, compiled once (tables run every cell through findTerms). */
function patterns(): Array<{ re: RegExp; entry: GlossaryEntry }> {
	compiled ??= GLOSSARY.flatMap((entry) =>
		entry.terms.map((term) => {
			const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			return { re: new RegExp(`(?<![\\p{L}\\p{N}_-])${escaped}(?![\\p{L}\\p{N}_-])`, term.length <= 2 ? 'gu' : 'giu'), entry };
		}),
	);
	return compiled;
}

/**
 * Glossary terms found in a text, longest first, as [start, end, entry] spans that do not
 * overlap. A term matches only as a whole word (so "M" is not found inside "Male"); words of
 * one or two letters ("M", "k", "DI") match only in their exact case.
 */
export function findTerms(text: string): Array<{ start: number; end: number; entry: GlossaryEntry }> {
	const candidates: Array<{ start: number; end: number; entry: GlossaryEntry }> = [];
	for (const { re, entry } of patterns()) {
		re.lastIndex = 0;
		for (const m of text.matchAll(re)) {
			candidates.push({ start: m.index, end: m.index + m[0].length, entry });
		}
	}
	candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
	const out: typeof candidates = [];
	for (const c of candidates) {
		if (out.length === 0 || c.start >= out[out.length - 1]!.end) {
			out.push(c);
		}
	}
	return out;
}
