/**
 * What the completion messages of the audit and of a simulation may claim. A simulation's headline
 * is the panel's conclusion sentence (shared/conclusions, which says "not distinguishable … at N
 * seeds" whenever the chosen point's interval overlaps the base model's); when it does, the
 * message offers a re-run with twice the seeds. An audit warns when a group has fewer than
 * {@link MIN_TEST_ROWS} test rows of either label (its TPR or FPR rests on a handful of rows) and
 * when the minority is the advantaged group.
 */
import type { AuditResult, SimulationResult } from '../shared/model';
import { flipsConclusion, knowledgeConclusion, sizeConclusion } from '../shared/conclusions';

/** Fewest test rows of each label a group needs for its TPR and FPR to mean something. */
export const MIN_TEST_ROWS = 30;

export interface Headline {
	readonly text: string;
	/** The claim does not hold at this many seeds: offer more. */
	readonly needsMoreSeeds: boolean;
}

export function simulationHeadline(r: SimulationResult): Headline | undefined {
	let text: string;
	switch (r.experiment) {
		case 'size':
		case 'minimum':
			text = sizeConclusion(r, r.minimum ?? []);
			break;
		case 'flips':
			text = flipsConclusion(r, 'eqod', undefined);
			break;
		case 'knowledge':
			text = knowledgeConclusion(r, 'eqod');
			break;
		default:
			return undefined;
	}
	return { text, needsMoreSeeds: /not distinguishable/.test(text) };
}

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
