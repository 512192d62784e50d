/**
 * How a new result joins the results a panel shows: the one rule the host's result store and the
 * webview both apply (src/webview/resultStore.ts keeps the results, the webview only merges what a
 * message brings until the store's next full set arrives). Dependency-free: every bundle imports it.
 */
import type { PanelResults, SimulationResult } from './webviewProtocol';

export const NO_RESULTS: PanelResults = { simulations: {} };

/**
 * `results` with `result` as its simulation of that experiment. Size and minimum feed the same
 * figures (best equalized odds against α), so the newer of the two replaces the other: the charts
 * show the last run, never a mix of two sweeps over different α grids.
 */
export function withSimulation<T extends PanelResults>(results: T, result: SimulationResult): T {
	const simulations = { ...results.simulations };
	if (result.experiment === 'size') {
		delete simulations.minimum;
	} else if (result.experiment === 'minimum') {
		delete simulations.size;
	}
	simulations[result.experiment] = result;
	return { ...results, simulations };
}
