/**
 * What an audit's figures cannot carry, said beside them by the CLI and the editor alike: a group
 * with fewer than {@link MIN_TEST_ROWS} test rows of either label (its TPR or FPR rests on a
 * handful of rows), and a minority that is the advantaged group (a collective from it can only
 * widen the gap; docs/methods.md, section 4).
 */
import type { AuditResult } from './model';

/** Fewest test rows of each label a group needs for its TPR and FPR to mean something. */
export const MIN_TEST_ROWS = 30;

/** Warnings to print beside an audit's figures (none when the evidence is sound). */
export function auditWarnings(a: AuditResult): string[] {
	const out: string[] = [];
	for (const g of a.predictions.groups) {
		const positives = g.counts.favourableLabels;
		const negatives = g.counts.unfavourableLabels;
		if (Math.min(positives, negatives) < MIN_TEST_ROWS) {
			out.push(
				`group ${a.roles.sensitive} = ${g.name} has only ${positives} favourable and ${negatives} unfavourable test rows: its TPR and FPR are too noisy to compare (fewer than ${MIN_TEST_ROWS})`,
			);
		}
	}
	const minority = a.predictions.groups.find((g) => g.name === a.roles.minority)?.baseRate.value;
	const majority = a.predictions.groups.find((g) => g.name === a.roles.majority)?.baseRate.value;
	if (minority !== undefined && majority !== undefined && minority !== null && majority !== null && minority > majority) {
		out.push(
			`the minority ${a.roles.sensitive} = ${a.roles.minority} is the advantaged group (favourable ${(100 * minority).toFixed(1)}% against ${(100 * majority).toFixed(1)}%): a collective from it can only widen the gap`,
		);
	}
	return out;
}
