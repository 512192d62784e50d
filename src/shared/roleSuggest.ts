/**
 * Role defaults that never guess silently. A wrong default here reverses every conclusion (a
 * denial counted as the favourable outcome, the advantaged group taken for the minority), so:
 * - the favourable value is pre-selected only when a name says which outcome is good — a value
 *   named like one (`approved`, `good`, `>50K` of an income) or a yes/no, 1/0, true/false label
 *   whose column name says what a yes means (`deny`, `two_year_recid`, `default` name a bad
 *   outcome; `approved`, `pass_bar` a good one) — and the guess comes with its reason to check;
 *   otherwise nothing is pre-selected. Rarity is never a reason.
 * - the minority is the group with the lowest favourable rate once the label is known (the group
 *   whose 0 → 1 flips can narrow the gap); before that, nothing.
 * - sensitive-attribute candidates are ranked by name (sex, race, age …), never the label column
 *   nor the column already chosen for the other role.
 * Pure: profiles and counts in, suggestions out (the editor's picks and the server both use it).
 */
import type { Column, Table } from '../core/csv/table';

/** A favourable value chosen from names, with the sentence saying why (to show in the pick). */
export interface FavourableGuess {
	readonly values: readonly string[];
	readonly reason: string;
}

/** Words of a value that name a good / a bad outcome on their own. */
const GOOD_VALUE = new Set([
	'good',
	'approved',
	'approve',
	'accepted',
	'accept',
	'granted',
	'hired',
	'pass',
	'passed',
	'paid',
	'repaid',
	'success',
	'successful',
	'favourable',
	'favorable',
	'admitted',
	'eligible',
	'survived',
	'promoted',
]);
const BAD_VALUE = new Set([
	'bad',
	'denied',
	'deny',
	'rejected',
	'reject',
	'declined',
	'refused',
	'fail',
	'failed',
	'default',
	'defaulted',
	'fired',
	'unfavourable',
	'unfavorable',
	'died',
	'dead',
]);

/** Column-name stems (matched at the start of a word) saying a yes / 1 / true is a bad outcome. */
const BAD_NAME = [
	'deny',
	'denied',
	'denial',
	'reject',
	'declin',
	'refus',
	'default',
	'recid',
	'reoffend',
	'arrest',
	'crime',
	'criminal',
	'convict',
	'fraud',
	'churn',
	'death',
	'dead',
	'died',
	'mortal',
	'fail',
	'bad',
	'risk',
	'delinquen',
	'late',
	'violent',
	'readmit',
	'disease',
	'sick',
	'fired',
	'dropout',
	'evict',
	'loss',
	'unemploy',
];
/** Column-name stems saying a yes / 1 / true is a good outcome. */
const GOOD_NAME = [
	'approv',
	'accept',
	'admit',
	'admission',
	'hire',
	'hired',
	'grant',
	'pass',
	'success',
	'surviv',
	'repaid',
	'repay',
	'promot',
	'good',
	'eligib',
	'subscrib',
	'employed',
	'graduat',
	'award',
	'select',
];
/** Names of an income-like label, for which the `>` side of `>50K` / `<=50K` is the favourable one. */
const INCOME_NAME = ['income', 'salary', 'wage', 'earn', 'pay'];

const YES = new Set(['1', '1.0', 'true', 'yes', 'y', 't']);
const NO = new Set(['0', '0.0', 'false', 'no', 'n', 'f']);

/** Lower-case words of a column name: `two_year_recid` → two, year, recid; `isRecid` → is, recid. */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0);
}

function hasStem(words: readonly string[], stems: readonly string[]): string | undefined {
	for (const w of words) {
		const s = stems.find((st) => w.startsWith(st));
		if (s !== undefined) {
			return w;
		}
	}
	return undefined;
}

/**
 * The favourable value of a label, from names only, or undefined (pre-select nothing and ask).
 * `values` are the column's values (most frequent first); only the two most frequent are judged.
 */
export function guessFavourable(column: string, values: readonly string[]): FavourableGuess | undefined {
	const top = values.slice(0, 2);
	if (top.length < 2) {
		return undefined;
	}
	const norm = top.map((v) => v.trim().toLowerCase());
	// 1. A value that names the outcome by itself.
	const good = norm.findIndex((v) => GOOD_VALUE.has(v));
	const bad = norm.findIndex((v) => BAD_VALUE.has(v));
	if (good >= 0 && bad !== good) {
		return { values: [top[good]!], reason: `guessed from the name: '${top[good]}' names a good outcome — check` };
	}
	if (bad >= 0) {
		const other = 1 - bad;
		return {
			values: [top[other]!],
			reason: `guessed from the name: '${top[bad]}' names a bad outcome, so '${top[other]}' is favourable — check`,
		};
	}
	const words = nameWords(column);
	// 2. `>50K` against `<=50K` of an income.
	const above = norm.findIndex((v) => v.startsWith('>'));
	if (above >= 0 && norm[1 - above]!.startsWith('<') && hasStem(words, INCOME_NAME) !== undefined) {
		return { values: [top[above]!], reason: `guessed from the name: the higher ${column} ('${top[above]}') is favourable — check` };
	}
	// 3. A yes/no (1/0, true/false) whose column name says what a yes means.
	const yes = norm.findIndex((v) => YES.has(v));
	const no = norm.findIndex((v) => NO.has(v));
	if (yes < 0 || no < 0 || yes === no) {
		return undefined;
	}
	const badWord = hasStem(words, BAD_NAME);
	const goodWord = hasStem(words, GOOD_NAME);
	if (badWord !== undefined && goodWord === undefined) {
		return {
			values: [top[no]!],
			reason: `guessed from the name: '${column} = ${top[yes]}' reads as a bad outcome ('${badWord}'), so '${top[no]}' is favourable — check`,
		};
	}
	if (goodWord !== undefined && badWord === undefined) {
		return {
			values: [top[yes]!],
			reason: `guessed from the name: '${column} = ${top[yes]}' reads as a good outcome ('${goodWord}') — check`,
		};
	}
	return undefined;
}

/** Column-name stems of attributes people are protected on, with how strongly the name says so. */
const SENSITIVE_NAME: ReadonlyArray<{ readonly stems: readonly string[]; readonly score: number; readonly what: string }> = [
	{ stems: ['sex', 'gender', 'male', 'female', 'women', 'woman'], score: 100, what: 'sex' },
	{
		stems: ['race', 'racial', 'ethnic', 'afam', 'black', 'hispanic', 'latin', 'white', 'nonwhite', 'minority', 'caste'],
		score: 95,
		what: 'race or ethnicity',
	},
	{ stems: ['age'], score: 80, what: 'age' },
	{ stems: ['religio', 'faith'], score: 75, what: 'religion' },
	{ stems: ['national', 'citizen', 'foreign', 'immigra', 'native', 'country', 'birthplace', 'language'], score: 70, what: 'origin' },
	{ stems: ['disab', 'handicap'], score: 70, what: 'disability' },
	{ stems: ['marital', 'married', 'marriage', 'spouse', 'pregnan', 'personal'], score: 60, what: 'family status' },
	{ stems: ['veteran', 'orientation', 'lgbt'], score: 60, what: 'protected status' },
];

/** The least a column needs to be a sensitive attribute: a few groups. */
export interface CandidateColumn {
	readonly name: string;
	readonly distinct: number;
	readonly type: string;
}

export interface SensitiveSuggestion {
	readonly name: string;
	/** Higher first; 0 for a column with no telling name. */
	readonly score: number;
	/** e.g. "named like sex"; undefined for a column with no telling name. */
	readonly why?: string;
}

/** Most groups a suggested sensitive attribute may have (more: bin it first). */
export const MAX_SENSITIVE_GROUPS = 12;

function nameScore(name: string): { score: number; why?: string } {
	const words = nameWords(name);
	let best: { score: number; why?: string } = { score: 0 };
	for (const entry of SENSITIVE_NAME) {
		// `age` must be a whole word (or age_cat's first word): "average", "mortgage" are not ages.
		const hit = entry.what === 'age' ? words.find((w) => w === 'age' || w === 'ages') : hasStem(words, entry.stems);
		if (hit !== undefined && entry.score > best.score) {
			best = { score: entry.score, why: `named like ${entry.what}` };
		}
	}
	return best;
}

/**
 * Columns to suggest as the sensitive attribute, best first: those named like a protected
 * attribute (by strength of the name), then any other column with a few groups. The label column,
 * the column chosen for the other role and columns whose name reads like an outcome are never
 * suggested; columns with one value or more than {@link MAX_SENSITIVE_GROUPS} are left out.
 */
export function rankSensitiveColumns(columns: readonly CandidateColumn[], exclude: readonly string[] = []): SensitiveSuggestion[] {
	const out: Array<SensitiveSuggestion & { readonly index: number }> = [];
	columns.forEach((c, index) => {
		if (exclude.includes(c.name) || c.distinct < 2 || c.distinct > MAX_SENSITIVE_GROUPS || c.type === 'identifier' || c.type === 'text') {
			return;
		}
		const words = nameWords(c.name);
		const s = nameScore(c.name);
		if (
			s.score === 0 &&
			(hasStem(words, BAD_NAME) !== undefined ||
				hasStem(words, GOOD_NAME) !== undefined ||
				words.includes('label') ||
				words.includes('target') ||
				words.includes('outcome') ||
				words.includes('class'))
		) {
			return; // reads like an outcome
		}
		out.push({ name: c.name, score: s.score, ...(s.why !== undefined ? { why: s.why } : {}), index });
	});
	out.sort((a, b) => b.score - a.score || a.index - b.index);
	return out.map(({ name, score, why }) => ({ name, score, ...(why !== undefined ? { why } : {}) }));
}

/** One value of the sensitive attribute with its label counts. */
export interface GroupRate {
	readonly value: string;
	/** Rows of the group with a label. */
	readonly labelled: number;
	readonly favourable: number;
}

export interface MinoritySuggestion {
	readonly value: string;
	readonly rate: number;
	/** The suggested group is the most numerous one: the name "minority" does not mean the smaller group here. */
	readonly largest: boolean;
	/** A sentence for the pick. */
	readonly reason: string;
}

/** Fewest labelled rows for a group to be suggested on its rate (a group of 3 has a noisy rate). */
export const MIN_RATED_ROWS = 30;

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * The default minority: the group with the lowest favourable rate (among groups with at least
 * {@link MIN_RATED_ROWS} labelled rows, or all when none has), or undefined with fewer than two groups.
 */
export function suggestMinority(column: string, groups: readonly GroupRate[]): MinoritySuggestion | undefined {
	const rated = groups.filter((g) => g.labelled > 0);
	if (rated.length < 2) {
		return undefined;
	}
	const pool = rated.some((g) => g.labelled >= MIN_RATED_ROWS) ? rated.filter((g) => g.labelled >= MIN_RATED_ROWS) : rated;
	const rate = (g: GroupRate): number => g.favourable / g.labelled;
	const lowest = pool.reduce((a, b) => (rate(b) < rate(a) ? b : a));
	const highest = pool.reduce((a, b) => (rate(b) > rate(a) ? b : a));
	if (rate(lowest) === rate(highest)) {
		return undefined;
	}
	const largest = rated.every((g) => g === lowest || g.labelled <= lowest.labelled);
	const reason =
		`'${column} = ${lowest.value}' has the lowest favourable rate (${pct(rate(lowest))} against ${pct(rate(highest))} for '${column} = ${highest.value}')` +
		(largest ? `; it is also the largest group — "minority" here means the disadvantaged group, not the smaller one` : '');
	return { value: lowest.value, rate: rate(lowest), largest, reason };
}

/**
 * A warning when the chosen minority is the advantaged side (its favourable rate above the rest's):
 * a collective from it can only widen the gap. Undefined when the choice is the disadvantaged side.
 */
export function advantagedWarning(column: string, minority: readonly string[], groups: readonly GroupRate[]): string | undefined {
	let inF = 0;
	let inN = 0;
	let outF = 0;
	let outN = 0;
	for (const g of groups) {
		if (minority.includes(g.value)) {
			inF += g.favourable;
			inN += g.labelled;
		} else {
			outF += g.favourable;
			outN += g.labelled;
		}
	}
	if (inN === 0 || outN === 0 || inF / inN <= outF / outN) {
		return undefined;
	}
	return `'${column} = ${minority.join(' + ')}' is the advantaged group (favourable ${pct(inF / inN)} against ${pct(outF / outN)} for the rest): a collective from it can only widen the gap`;
}

/**
 * Favourable counts of each value of `column` under a label's favourable values (rows missing
 * either are left out), most labelled first: the input of {@link suggestMinority}.
 */
export function groupRates(
	table: Table,
	column: string,
	label: { readonly column: string; readonly favourable: readonly string[] },
): GroupRate[] {
	const sens = table.columns.find((c) => c.name === column);
	const lab = table.columns.find((c) => c.name === label.column);
	if (sens === undefined || lab === undefined) {
		return [];
	}
	const favourable = new Set(label.favourable);
	const numericFavourable = label.favourable.map(Number).filter((x) => Number.isFinite(x));
	const counts = new Map<string, { labelled: number; favourable: number }>();
	for (let r = 0; r < table.rowCount; r++) {
		const s = cellText(sens, r);
		const l = cellText(lab, r);
		if (s === undefined || l === undefined) {
			continue;
		}
		const c = counts.get(s) ?? { labelled: 0, favourable: 0 };
		c.labelled++;
		if (favourable.has(l) || (lab.kind === 'numeric' && numericFavourable.includes(Number(l)))) {
			c.favourable++;
		}
		counts.set(s, c);
	}
	return [...counts.entries()]
		.map(([value, c]) => ({ value, ...c }))
		.sort((a, b) => b.labelled - a.labelled || (a.value < b.value ? -1 : 1));
}

function cellText(col: Column, row: number): string | undefined {
	if (col.kind === 'numeric') {
		const v = col.values[row]!;
		return Number.isNaN(v) ? undefined : String(v);
	}
	const code = col.codes[row]!;
	return code < 0 ? undefined : col.levels[code];
}

/**
 * Columns to suggest as the label, best first: two-valued columns whose name reads like an outcome
 * (`deny`, `two_year_recid`, `class`, `y` …), then other two-valued columns; never a column in
 * `exclude` (the sensitive attribute already chosen) nor one named like a protected attribute
 * ahead of an outcome-like one.
 */
export function rankLabelColumns(columns: readonly CandidateColumn[], exclude: readonly string[] = []): SensitiveSuggestion[] {
	const out: Array<SensitiveSuggestion & { readonly index: number }> = [];
	columns.forEach((c, index) => {
		if (exclude.includes(c.name) || c.distinct !== 2) {
			return;
		}
		const words = nameWords(c.name);
		const outcome =
			hasStem(words, BAD_NAME) ??
			hasStem(words, GOOD_NAME) ??
			words.find((w) => ['label', 'target', 'outcome', 'class', 'y', 'income', 'result', 'decision', 'status'].includes(w));
		const score = outcome !== undefined ? 2 : nameScore(c.name).score > 0 ? 0 : 1;
		out.push({ name: c.name, score, ...(outcome !== undefined ? { why: 'named like an outcome' } : {}), index });
	});
	out.sort((a, b) => b.score - a.score || a.index - b.index);
	return out.map(({ name, score, why }) => ({ name, score, ...(why !== undefined ? { why } : {}) }));
}
