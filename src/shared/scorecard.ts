/**
 * The audit as a scorecard: the per-group table (rows, base rate, selection rate, TPR, FPR, error,
 * each with its interval), the headline disparities each with a one-line verdict in words, the
 * findings (four-fifths rule, bias already in the labels, a suspiciously low error), which firm
 * was audited, and what to run next. The panel opens on it and the report starts with it.
 * Pure and dependency-free.
 */
import { groupWords, positiveWords } from './conclusions';
import { fmt, fmtInterval } from './figureSpec';
import type { AuditResult } from './webviewProtocol';

type Estimate = AuditResult['summary']['spd'];

export interface Headline {
	/** Name as it appears, with the glossary's words ("EqOd (equalized odds)"). */
	readonly name: string;
	readonly value: string;
	readonly interval: string;
	readonly verdict: string;
}

export interface Scorecard {
	readonly title: string;
	readonly positive: string;
	readonly groupColumns: readonly string[];
	readonly groupRows: ReadonlyArray<readonly string[]>;
	readonly headline: readonly Headline[];
	readonly findings: readonly string[];
	readonly firm: string;
	readonly next: readonly string[];
}

const valueOf = (e: Estimate | undefined): number | null => (e === undefined ? null : e.value);
const cell = (e: Estimate | undefined): string =>
	e === undefined ? '—' : e.value === null ? `undefined: ${e.reason}` : `${fmt(e.value)} ${fmtInterval(e.interval?.lo, e.interval?.hi)}`;
/** Whether a signed difference's interval excludes 0 (a gap the test rows can tell from none). */
const clearGap = (e: Estimate | undefined): boolean => e?.interval !== undefined && (e.interval.lo > 0 || e.interval.hi < 0);

function gapWords(e: Estimate | undefined, what: string, min: string, maj: string, rows: number): string {
	const v = valueOf(e);
	if (v === null) {
		return `${what}: undefined${e !== undefined && e.value === null ? ` (${e.reason})` : ''}.`;
	}
	const dir = v < 0 ? 'lower' : 'higher';
	const sure = clearGap(e) ? '' : ` (not distinguishable from no gap on ${rows} test rows)`;
	return `${min}'s ${what} is ${fmt(Math.abs(v))} ${dir} than ${maj}'s${sure}`;
}

/**
 * The message validator guarantees roles, groups and a summary object only (an older host may
 * send less), so every other part of the audit is read as optional here.
 */
type LooseAudit = Pick<AuditResult, 'roles' | 'predictions'> & {
	readonly summary: Partial<AuditResult['summary']>;
	readonly labels?: Partial<AuditResult['labels']>;
	readonly split?: Partial<AuditResult['split']>;
	readonly model?: Partial<AuditResult['model']>;
	readonly dataset?: Partial<AuditResult['dataset']>;
	readonly firm?: AuditResult['firm'];
	readonly firms?: AuditResult['firms'];
};

/** Whether the firm saw the attribute (results saved before the choice existed say nothing). */
function awarenessWords(a: LooseAudit): string {
	if (a.firm === undefined) {
		return '';
	}
	return a.firm === 'aware'
		? ` It sees ${a.roles.sensitive} as an input (the aware firm, the paper's protocol).`
		: ` It does not see ${a.roles.sensitive} (the blind firm: the group reaches it only through proxies).`;
}

/** The aware and the blind firm side by side, as one finding. */
function firmsFinding(a: LooseAudit): string | undefined {
	const f = a.firms;
	if (f === undefined) {
		return undefined;
	}
	if ('unavailable' in f) {
		return `Both firms: ${f.unavailable}.`;
	}
	return `Both firms on the same split: EqOd ${fmt(f.aware.eqod)} when the firm sees ${a.roles.sensitive}, ${fmt(f.blind.eqod)} when it does not. ${f.sentence}`;
}

const intervalOf = (e: Estimate | undefined): string => fmtInterval(e?.interval?.lo, e?.interval?.hi);

export function buildScorecard(audit: AuditResult): Scorecard {
	const a = audit as unknown as LooseAudit;
	const min = groupWords(a.roles.sensitive, a.roles.minority);
	const maj = a.roles.majority;
	const pos = positiveWords(a.roles);
	const rows = a.split?.test ?? a.predictions.overall?.rows ?? 0;
	const cmp = (a.predictions.comparisons ?? []).find((c) => c.group === a.roles.minority);
	const s = a.summary;
	const groupRows = a.predictions.groups.map((g) => {
		const labelGroup = a.labels?.groups?.find((x) => x.name === g.name);
		return [
			groupWords(a.roles.sensitive, g.name) + (g.isReference ? ' (reference)' : ''),
			String(g.size),
			cell(labelGroup?.baseRate ?? g.baseRate),
			cell(g.selectionRate),
			cell(g.truePositiveRate),
			cell(g.falsePositiveRate),
			cell(g.errorRate),
		];
	});
	const di = valueOf(s.disparateImpact);
	const headline: Headline[] = [
		{
			name: 'EqOd (equalized odds, average)',
			value: fmt(valueOf(s.eqodAverage)),
			interval: intervalOf(s.eqodAverage),
			verdict: `${gapWords(cmp?.truePositiveRateDifference, 'TPR', min, maj, rows)}; ${gapWords(cmp?.falsePositiveRateDifference, 'FPR', min, maj, rows).replace(`${min}'s `, '')}.`,
		},
		{
			name: 'SPD (statistical parity difference)',
			value: fmt(valueOf(s.spd)),
			interval: intervalOf(s.spd),
			verdict: `${gapWords(cmp?.statisticalParitySigned, `rate of predicted ${pos}`, min, maj, rows)}.`,
		},
		{
			name: 'Equal opportunity (TPR gap)',
			value: fmt(valueOf(s.equalOpportunity)),
			interval: intervalOf(s.equalOpportunity),
			verdict: `Among rows that are ${pos} in the data, ${gapWords(cmp?.truePositiveRateDifference, 'chance of being predicted so', min, maj, rows)}.`,
		},
		{
			name: 'Disparate impact (selection-rate ratio)',
			value: fmt(di),
			interval: intervalOf(s.disparateImpact),
			verdict:
				di === null
					? 'Undefined: the reference group is never selected.'
					: `${min} is selected ${fmt(di)} times as often as ${maj}: ${di < 0.8 ? 'below 0.8, it fails the four-fifths rule' : 'at least 0.8, it passes the four-fifths rule'}.`,
		},
		{
			name: 'Error',
			value: fmt(valueOf(s.error)),
			interval: intervalOf(s.error),
			verdict:
				valueOf(s.error) === null
					? 'Undefined.'
					: `The firm's classifier is wrong on ${((valueOf(s.error) as number) * 100).toFixed(1)}% of ${rows} test rows.`,
		},
	];
	const findings: string[] = [];
	if (di !== null) {
		findings.push(
			di < 0.8
				? `Four-fifths rule: fails. Disparate impact ${fmt(di)} < 0.8, adverse impact against ${min}${s.disparateImpact?.interval !== undefined && s.disparateImpact.interval.hi >= 0.8 ? ` (though the interval reaches ${fmt(s.disparateImpact.interval.hi)}: not distinguishable from 0.8 on ${rows} test rows)` : ''}.`
				: `Four-fifths rule: passes (disparate impact ${fmt(di)} ≥ 0.8).`,
		);
	}
	const lab = a.labels?.comparisons?.find((c) => c.group === a.roles.minority);
	const labDi = valueOf(lab?.labelDisparateImpact);
	if (lab !== undefined && valueOf(lab.baseRateDifferenceSigned) !== null) {
		findings.push(
			`Bias already in the data: the base rate of ${pos} is ${fmt(Math.abs(valueOf(lab.baseRateDifferenceSigned)!))} ${valueOf(lab.baseRateDifferenceSigned)! < 0 ? 'lower' : 'higher'} for ${min} than for ${maj}${labDi !== null ? ` (label disparate impact ${fmt(labDi)})` : ''}.`,
		);
	}
	const err = valueOf(s.error);
	if (err !== null && err < 0.02) {
		findings.push(
			`Leak suspected: the error is only ${fmt(err)}. A feature may record the outcome itself (a column filled in after the label); check the features and exclude it.`,
		);
	}
	if (a.model?.converged === false) {
		findings.push(
			`The firm's logistic regression did not converge in ${a.model.iterations ?? '?'} iterations: its figures are approximate.`,
		);
	}
	const both = firmsFinding(a);
	if (both !== undefined) {
		findings.push(both);
	}
	const dropped = a.dataset?.dropped;
	if (dropped !== undefined && dropped.missingSensitive + dropped.missingLabel + dropped.otherGroups > 0) {
		findings.push(
			`${dropped.missingSensitive + dropped.missingLabel + dropped.otherGroups} rows left out (missing group ${dropped.missingSensitive}, missing label ${dropped.missingLabel}, other groups ${dropped.otherGroups}).`,
		);
	}
	return {
		title: `Audit of ${a.roles.sensitive}: ${min} against ${maj}`,
		positive: `positive = ${pos}`,
		groupColumns: ['group', 'test rows', 'base rate (labels)', 'selection rate', 'TPR', 'FPR', 'error'],
		groupRows,
		headline,
		findings,
		firm: `The firm's classifier: ${a.model?.kind === 'gradient-boosting' ? (a.model.text ?? 'gradient boosting') : `L2 logistic regression (C = ${a.model?.C ?? 1})`} on ${a.roles.features?.length ?? '?'} features, trained on ${a.split?.train ?? '?'} rows and judged on ${rows} test rows (one split, seed ${a.split?.seed ?? 0}); intervals are ${fmt(a.predictions.bootstrap.level * 100)}% bootstrap intervals.${awarenessWords(a)}`,
		next: [
			`Run the collective "size" experiment: how large must a collective of ${min} be to halve EqOd?`,
			'Compare with Firm-side Methods: what could the firm do itself, and at what error?',
		],
	};
}
