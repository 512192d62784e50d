/**
 * What the panel remembers across reloads (vscodeApi.setState) and what the host's serializer
 * receives to revive it: the dataset, the controls and the view choices, never the results. The
 * host's result store holds those and sends them after every ready handshake (results/didChange),
 * so a copy here could only go stale (e.g. show results from roles edited since). Checked on the
 * way in, like any message, since an older version of the panel may have written it.
 */
import type { FigureId } from '../../src/shared/figureSpec';
import { FIGURE_IDS } from '../../src/shared/figureSpec';
import type { FairnessMetric, FirmChoice, PanelDataset, SimulationRequest } from '../../src/shared/webviewProtocol';
import { isSimulationRequest } from '../../src/shared/webviewValidate';

export interface PanelState {
	readonly v: 1;
	readonly metric: FairnessMetric;
	readonly request?: SimulationRequest;
	readonly openTables: readonly FigureId[];
	readonly dataset?: PanelDataset;
	/** The firm last chosen in the run settings (kept over the host's defaults after a reload). */
	readonly firm?: Required<FirmChoice>;
	/** Firm-side variants switched off on the Pareto plane (e.g. 'calibrated-eqodds (fnr)'). */
	readonly hiddenVariants: readonly string[];
}

export const EMPTY_STATE: PanelState = { v: 1, metric: 'eqod', openTables: [], hiddenVariants: [] };

export function restoreState(saved: unknown): PanelState {
	if (typeof saved !== 'object' || saved === null) {
		return EMPTY_STATE;
	}
	const s = saved as Partial<PanelState>;
	// A state saved by an older panel may still carry results: ignored, the host re-sends its own.
	if (s.v !== 1) {
		return EMPTY_STATE;
	}
	return {
		v: 1,
		metric: s.metric === 'eqodMax' || s.metric === 'spd' ? s.metric : 'eqod',
		...(isSimulationRequest(s.request) ? { request: s.request as SimulationRequest } : {}),
		openTables: Array.isArray(s.openTables) ? s.openTables.filter((id): id is FigureId => FIGURE_IDS.includes(id)) : [],
		hiddenVariants: Array.isArray(s.hiddenVariants) ? s.hiddenVariants.filter((k): k is string => typeof k === 'string').slice(0, 100) : [],
		...(s.dataset !== undefined && typeof s.dataset === 'object' && typeof s.dataset.label === 'string' ? { dataset: s.dataset } : {}),
		...(typeof s.firm?.seesSensitiveAttribute === 'boolean' && (s.firm.model === 'logistic' || s.firm.model === 'boosting')
			? { firm: { seesSensitiveAttribute: s.firm.seesSensitiveAttribute, model: s.firm.model } }
			: {}),
	};
}
