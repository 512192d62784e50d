/**
 * What the completion messages of the audit and of a simulation may claim. A simulation's headline
 * is the panel's conclusion sentence (shared/conclusions, which says "not distinguishable … at N
 * seeds" whenever the chosen point's interval overlaps the base model's); when it does, the
 * message offers a re-run with twice the seeds. An audit warns when a group has fewer than
 * {@link MIN_TEST_ROWS} test rows of either label (its TPR or FPR rests on a handful of rows) and
 * when the minority is the advantaged group.
 */
import type { SimulationResult } from '../shared/model';
import { flipsConclusion, knowledgeConclusion, sizeConclusion } from '../shared/conclusions';
import { smallestCollectives } from '../shared/sizeFigure';

export { auditWarnings, MIN_TEST_ROWS } from '../shared/auditWarnings';

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
			// The panel's own minima (a size run has no `minimum`: its smallest collectives come from its rows).
			text = sizeConclusion(r, smallestCollectives(r));
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
