/**
 * The name vocabulary role defaults read: words of a value or of a column name that say which
 * outcome is good or bad, which columns are income-like, and which attributes people are protected
 * on. Only names count here, never rarity (see roleSuggest.ts for why).
 */

/** Words of a value that name a good / a bad outcome on their own. */
export const GOOD_VALUE = new Set([
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
export const BAD_VALUE = new Set([
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
export const BAD_NAME = [
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
export const GOOD_NAME = [
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
export const INCOME_NAME = ['income', 'salary', 'wage', 'earn', 'pay'];

export const YES = new Set(['1', '1.0', 'true', 'yes', 'y', 't']);
export const NO = new Set(['0', '0.0', 'false', 'no', 'n', 'f']);

/** Lower-case words of a column name: `two_year_recid` → two, year, recid; `isRecid` → is, recid. */
export function nameWords(name: string): string[] {
	return name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w.length > 0);
}

/** The first word starting with one of the stems, or undefined. */
export function hasStem(words: readonly string[], stems: readonly string[]): string | undefined {
	for (const w of words) {
		const s = stems.find((st) => w.startsWith(st));
		if (s !== undefined) {
			return w;
		}
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

/** How strongly a column name says a protected attribute (0: not at all), and which. */
export function nameScore(name: string): { score: number; why?: string } {
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

/** Words that name a label column without saying which outcome is good. */
export const LABEL_WORDS = ['label', 'target', 'outcome', 'class'];
/**
 * With more words a label column is often called by; these also name ordinary columns (`marital
 * status`, `income` as a feature), so they rank a label column up but do not rule a column out as
 * a sensitive attribute.
 */
export const LABEL_LIKE_WORDS = [...LABEL_WORDS, 'y', 'income', 'result', 'decision', 'status'];

/** The word of a column name that reads like an outcome (a good or bad stem, or one of `labelWords`), or undefined. */
export function outcomeWord(words: readonly string[], labelWords: readonly string[]): string | undefined {
	return hasStem(words, BAD_NAME) ?? hasStem(words, GOOD_NAME) ?? words.find((w) => labelWords.includes(w));
}
