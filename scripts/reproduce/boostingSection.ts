/**
 * The text of the boosting section of docs/reproduction.md, from the runs' JSON alone: the flips
 * experiment's base, best point and paired efficiency per firm (the `efficiency` entries and their
 * `conclusion`, as simulate --json gives them), the size experiment's lowest EqOd per α, and what
 * they say about "does the collective still work when the firm uses boosting?".
 */
import { efficiencyOf, m, wholeRows, type Simulation } from './analysis';
import { BOOSTING_SIZE_ALPHAS, BOOSTING_SIZE_FLIPS, type BoostingPlan } from './boostingConfig';
import type { RunLog } from './boosting';
import { bestPoints, gapText, methodName, rbVsRandomClaim, thirdOfPool } from './claims';
import { GRID } from './config';
import { f3 } from './reportSections';

export type BoostingRuns = ReadonlyArray<{
	readonly plan: BoostingPlan;
	readonly title: string;
	readonly logistic: { readonly flips: Simulation; readonly size: Simulation };
	readonly boosting: { readonly flips: Simulation; readonly size: Simulation };
}>;

const FIRMS = ['logistic', 'boosting'] as const;
const FIRM_TITLE = { logistic: 'logistic regression', boosting: 'gradient boosting' } as const;

const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${wholeRows(Math.abs(x))}`;

/** "median [lo, hi] (r of n seeds)" of a flips-to-target summary. */
function flipsToTargetText(f: { median: number | null; lo: number | null; hi: number | null; reached: number; seeds: number }): string {
	const v = (x: number | null): string => (x === null ? 'not reached' : wholeRows(x));
	return `${v(f.median)} [${v(f.lo)}, ${v(f.hi)}] (${f.reached} of ${f.seeds} seeds reach it)`;
}

/** The best point over methods and M of a flips run. */
function bestOf(s: Simulation): { text: string; eqod: number } {
	const best = bestPoints(s)
		.filter((x) => x.row !== undefined)
		.sort((a, b) => m(a.row!.eqod) - m(b.row!.eqod))[0];
	return best === undefined
		? { text: '—', eqod: Number.NaN }
		: {
				text: `${methodName(best.entry.method)}, M = ${wholeRows(best.row!.flips)}, ${f3(m(best.row!.eqod))}, ${f3(m(best.row!.error))}`,
				eqod: m(best.row!.eqod),
			};
}

const sumSeconds = (log: RunLog, model: 'logistic' | 'boosting'): number =>
	log.runs.filter((x) => x.key.split('/')[1] === model).reduce((s, x) => s + x.seconds, 0);

/** The answer in one paragraph: where every method reaches the target against boosting, and where RB's edge over Random holds. */
function answer(runs: BoostingRuns): string {
	const allReach = (s: Simulation): boolean => efficiencyOf(s).every((e) => e.flipsToTarget.reached === e.flipsToTarget.seeds);
	const reachAll = runs.filter((r) => allReach(r.boosting.flips)).map((r) => r.title);
	const holds = (s: Simulation): boolean => rbVsRandomClaim(s).verdict === 'holds';
	const kept = runs.filter((r) => holds(r.logistic.flips) && holds(r.boosting.flips)).map((r) => r.title);
	const lost = runs.filter((r) => holds(r.logistic.flips) && !holds(r.boosting.flips));
	return [
		`Does the collective still work against boosting? Reaching the target (half the firm's own base EqOd at α = 0.3): every method, Random included, reaches it on every seed against the boosting firm on ${reachAll.length} of ${runs.length} datasets${reachAll.length > 0 ? ` (${reachAll.join(', ')})` : ''}.`,
		`Whether the RB scores need fewer flips than Random (paired, same seeds): it holds against both firms on ${kept.length > 0 ? kept.join(', ') : 'no dataset'}${lost.length > 0 ? `; it holds against the logistic firm but not against the boosting firm on ${lost.map((r) => `${r.title} (${rbVsRandomClaim(r.boosting.flips).verdict})`).join(', ')}` : ''}.`,
		`These are ${runs.map((r) => `${r.plan.flipsSeeds} seeds on ${r.title}`).join(' and ')}: a change of verdict between the firms is a statement about these seeds and intervals, not a measured difference between the firms (the firms were not paired against each other).`,
	].join(' ');
}

export function boostingSection(runs: BoostingRuns, log: RunLog): string {
	const L: string[] = [];
	const p = (...lines: string[]): void => {
		L.push(...lines);
	};
	/** The rows of every table below: each dataset with the logistic firm, then with the boosting firm. */
	const tableRows = runs.flatMap((r) => FIRMS.map((firm) => ({ r, firm })));
	p("## The firm's learner: logistic regression and gradient boosting", '');
	p(
		`Does the collective still work when the firm trains gradient-boosted trees instead of a logistic regression? The flips and size experiments under the paper's protocol (the aware firm, the same roles, split, collectives and scoring as above), once with the logistic firm and once with \`--model boosting\` (histogram gradient boosting with scikit-learn's HistGradientBoostingClassifier defaults: 100 trees, 31 leaves, learning rate 0.1, no early stopping; [methods.md](methods.md#gradient-boosting---model-boosting-srccoremodelsboosting)), on the **same seeds, splits and grids** for both firms. The collective's scores (RB-prob's regressor, the k-NN of RB-label and RB-dist) are the same for both firms: only the learner that is retrained after the flips changes.`,
		'',
	);
	p(
		`Budget: the boosting runs took ${(sumSeconds(log, 'boosting') / sumSeconds(log, 'logistic')).toFixed(0)}× the logistic runs' wall time here (${wholeRows(sumSeconds(log, 'boosting'))} s against ${wholeRows(sumSeconds(log, 'logistic'))} s, on a machine shared with other work), so this section runs fewer seeds and a coarser size grid than the sections above. Flips: α = ${GRID.flipsAlpha}, ${GRID.flipsFlips} M points with the target refinement, methods ${GRID.methods.map(methodName).join(', ')}, k = ${GRID.k}. Size: α ∈ {${BOOSTING_SIZE_ALPHAS.join(', ')}}, ${BOOSTING_SIZE_FLIPS} M points per α. Seeds: ${runs.map((r) => `${r.title} ${r.plan.flipsSeeds} (flips) and ${r.plan.sizeSeeds} (size)`).join('; ')}. The target is half of each firm's own base EqOd. Paired differences are method − Random on the same seeds with a 95 % Student t interval; flips-to-target intervals are 2.5–97.5 % percentiles over seeds.`,
		'',
	);
	p('### Flips (α = 0.3): both firms side by side', '');
	p(
		'| dataset | firm | base (error, EqOd) | base gaps | best point (method, M, EqOd, error) | gaps at that point | EqOd at about a third of the pool | RB vs Random (paired flips-to-target) |',
		'|---|---|---|---|---|---|---|---|',
	);
	for (const { r, firm } of tableRows) {
		const s = r[firm].flips;
		const best = bestPoints(s)
			.filter((x) => x.row !== undefined)
			.sort((a, b) => m(a.row!.eqod) - m(b.row!.eqod))[0];
		p(
			`| ${r.title} | ${FIRM_TITLE[firm]} | (${f3(m(s.base.error))}, ${f3(m(s.base.eqod))}) | ${gapText(s.base)} | ${bestOf(s).text} | ${gapText(best?.row)} | ${thirdOfPool(s).text} | ${rbVsRandomClaim(s).verdict} |`,
		);
	}
	p('');
	p("Flips-to-target per method (the `efficiency` entries of `simulate --json`), and each one's `conclusion`:", '');
	p(
		'| dataset | firm | target | method | flips to target: median [2.5 %, 97.5 %] | − Random, paired (mean [95 % CI]) | conclusion |',
		'|---|---|---|---|---|---|---|',
	);
	for (const { r, firm } of tableRows) {
		const s = r[firm].flips;
		for (const e of efficiencyOf(s)) {
			const d = e.vsRandom?.flipsToTarget;
			const paired =
				e.method === 'random'
					? '(reference)'
					: d === undefined || d === null
						? '—'
						: `${signed(d.mean)} [${signed(d.lo)}, ${signed(d.hi)}]${d.censored > 0 ? ` (${d.censored} of ${2 * d.n} curves never reach it)` : ''}`;
			p(
				`| ${r.title} | ${FIRM_TITLE[firm]} | ${f3(e.target)} | ${methodName(e.method)} | ${flipsToTargetText(e.flipsToTarget)} | ${paired} | ${e.conclusion} |`,
			);
		}
	}
	p('');
	for (const r of runs) {
		p(`![${r.title}: EqOd against M, logistic firm left, boosting firm right](reproduction/boosting/${r.plan.dataset}-flips.svg)`, '');
	}
	p('### Size: the lowest EqOd over M at each α', '');
	p(
		'| dataset | firm | base EqOd | ' + BOOSTING_SIZE_ALPHAS.map((a) => `α = ${a}`).join(' | ') + ' |',
		`|---|---|---|${BOOSTING_SIZE_ALPHAS.map(() => '---').join('|')}|`,
	);
	for (const { r, firm } of tableRows) {
		const s = r[firm].size;
		const cells = BOOSTING_SIZE_ALPHAS.map((alpha) => {
			const rows = s.rows.filter((x) => x.alpha === alpha && Number.isFinite(m(x.eqod)));
			const best = rows.sort((a, b) => m(a.eqod) - m(b.eqod))[0];
			return best === undefined
				? '—'
				: `${f3(m(best.eqod))} (${methodName(best.method)}, M = ${wholeRows(best.flips)}, error ${f3(m(best.error))})`;
		});
		p(`| ${r.title} | ${FIRM_TITLE[firm]} | ${f3(m(s.base.eqod))} | ${cells.join(' | ')} |`);
	}
	p('');
	for (const r of runs) {
		p(
			`![${r.title}: lowest EqOd over M against α, logistic firm left, boosting firm right](reproduction/boosting/${r.plan.dataset}-size.svg)`,
			'',
		);
	}
	p('### What this says', '');
	for (const r of runs) {
		const [lr, gb] = [r.logistic.flips, r.boosting.flips];
		const reached = (s: Simulation): string => {
			const e = efficiencyOf(s).filter((x) => x.flipsToTarget.reached > 0);
			return e.length === 0
				? `no method reaches its target (EqOd ≤ ${f3(s.target)})`
				: `${e.map((x) => `${methodName(x.method)} reaches EqOd ≤ ${f3(s.target)} on ${x.flipsToTarget.reached} of ${x.flipsToTarget.seeds} seeds`).join(', ')}`;
		};
		p(
			`- **${r.title}**: the logistic firm's base EqOd is ${f3(m(lr.base.eqod))}, the boosting firm's ${f3(m(gb.base.eqod))}; the lowest EqOd the collective reaches at α = 0.3 is ${f3(bestOf(lr).eqod)} against the logistic firm and ${f3(bestOf(gb).eqod)} against the boosting firm (${wholeRows(100 * (1 - bestOf(gb).eqod / m(gb.base.eqod)))} % below the boosting firm's base). Against boosting, ${reached(gb)}. RB vs Random by paired flips-to-target: logistic firm **${rbVsRandomClaim(lr).verdict}**, boosting firm **${rbVsRandomClaim(gb).verdict}**.`,
		);
	}
	p('');
	p(answer(runs), '');
	p(
		`Wall time: ${wholeRows(log.wallSeconds)} s for ${log.runs.length} CLI runs, two at a time with one worker each, on ${log.cores} cores shared with other work (load average ${log.loadAtStart} at the start, ${log.loadAtEnd} at the end); per run: ${log.runs.map((x) => `${x.key} ${wholeRows(x.seconds)} s`).join(', ')}. Remade by \`node scripts/reproduce/boosting.mjs\` (after \`npm run build\`; \`--report-only\` redraws this section and its figures from the committed JSON in [reproduction/boosting/](reproduction/boosting/)).`,
		'',
	);
	p('<details><summary>Commands</summary>', '', '```sh', ...log.runs.map((x) => x.command), '```', '', '</details>');
	return L.join('\n');
}
