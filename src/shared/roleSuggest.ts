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
import {
	BAD_NAME,
	BAD_VALUE,
	GOOD_NAME,
	GOOD_VALUE,
	hasStem,
	INCOME_NAME,
	LABEL_LIKE_WORDS,
	LABEL_WORDS,
	nameScore,
	nameWords,
	NO,
	outcomeWord,
	YES,
} from './roleNames';

// Split into roleNames.ts (the vocabulary) and minoritySuggest.ts (rates); their users keep this path.
export { nameWords } from './roleNames';
export { advantagedWarning, MIN_RATED_ROWS, suggestMinority, type GroupRate, type MinoritySuggestion } from './minoritySuggest';

/** A favourable value chosen from names, with the sentence saying why (to show in the pick). */
export interface FavourableGuess {
	readonly values: readonly string[];
	readonly reason: string;
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
		const s = nameScore(c.name);
		if (s.score === 0 && outcomeWord(nameWords(c.name), LABEL_WORDS) !== undefined) {
			return; // reads like an outcome
		}
		out.push({ name: c.name, score: s.score, ...(s.why !== undefined ? { why: s.why } : {}), index });
	});
	return bestFirst(out);
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
		const outcome = outcomeWord(nameWords(c.name), LABEL_LIKE_WORDS);
		const score = outcome !== undefined ? 2 : nameScore(c.name).score > 0 ? 0 : 1;
		out.push({ name: c.name, score, ...(outcome !== undefined ? { why: 'named like an outcome' } : {}), index });
	});
	return bestFirst(out);
}

/** Highest score first, ties in column order; the column index is dropped. */
function bestFirst(ranked: Array<SensitiveSuggestion & { readonly index: number }>): SensitiveSuggestion[] {
	ranked.sort((a, b) => b.score - a.score || a.index - b.index);
	return ranked.map(({ name, score, why }) => ({ name, score, ...(why !== undefined ? { why } : {}) }));
}
