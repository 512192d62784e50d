/**
 * The panel: header, the audit's scorecard, controls (settings collapsed), figures with their
 * conclusions, glossary; routes host messages (already validated in main.ts) to
 * state changes and re-renders. Holds no data the host did not send or the state did not restore;
 * the results live in memory only (the host's result store re-sends them after each handshake).
 */
import type { FigureId } from '../../src/shared/figureSpec';
import { buildFigures } from '../../src/shared/panelFigures';
import { NO_RESULTS, withSimulation } from '../../src/shared/panelResults';
import type { Experiment, FairnessMetric, HostMessage, PanelResults, SimulationResult } from '../../src/shared/webviewProtocol';
import { renderPng } from './charts/render';
import { onThemeChange, readTheme, REPORT_THEME } from './theme';
import { Controls } from './views/controls';
import { clear, el } from './views/dom';
import { FigureView } from './views/figures';
import { glossarySection } from './views/glossary';
import { ScorecardView } from './views/scorecard';
import { getState, log, post, setState } from './vscodeApi';
import { restoreState, type PanelState } from './state';

/** The order buildFigures returns: the audit's groups first, then the collective's figures. */
const DISPLAY_ORDER: readonly FigureId[] = ['groups', 'size', 'flips', 'pareto', 'knowledge', 'success'];

let runCounter = 0;
const newRunId = (): string => `run-${Date.now().toString(36)}-${++runCounter}`;

export class App {
	private state: PanelState;
	/** What the host sent: replaced by each results/didChange, merged with single results between two. */
	private results: PanelResults = NO_RESULTS;
	private activeRun: string | undefined;
	private readonly heading = el('h1');
	private readonly roles = el('p', { class: 'roles' });
	private readonly warnings = el('ul', { class: 'warnings', 'aria-label': 'warnings' });
	private readonly live = el('div', { class: 'sr-only', 'aria-live': 'polite' });
	private readonly offscreen = el('div', { class: 'offscreen', 'aria-hidden': 'true' });
	private readonly controls = new Controls();
	private readonly scorecard = new ScorecardView({ runAudit: () => this.runAudit(), runSize: () => this.startRun('size') });
	private readonly views: FigureView[];

	constructor(root: HTMLElement) {
		this.state = restoreState(getState());
		this.views = DISPLAY_ORDER.map(
			(id) =>
				new FigureView(id, {
					announce: (t) => {
						this.live.textContent = t;
					},
					isTableOpen: (fid) => this.state.openTables.includes(fid),
					setTableOpen: (fid, open) =>
						this.save({
							openTables: open ? [...new Set([...this.state.openTables, fid])] : this.state.openTables.filter((x) => x !== fid),
						}),
					setVariantShown: (key, shown) => {
						const hidden = new Set(this.state.hiddenVariants);
						if (shown) {
							hidden.delete(key);
						} else {
							hidden.add(key);
						}
						this.save({ hiddenVariants: [...hidden] });
						this.renderFigures();
						this.live.textContent = `${key} ${shown ? 'shown' : 'hidden'} on the Pareto plane.`;
					},
					run: (what) => (what === 'audit' ? this.runAudit() : what === 'comparison' ? this.runComparison() : this.startRun(what)),
				}),
		);
		// Display order: the figures as buildFigures orders them (groups, size, flips, Pareto, knowledge, S(α)).
		const main = el('main', {}, ...this.views.map((v) => v.section));
		root.append(
			el('header', {}, this.heading, this.roles, this.warnings),
			this.scorecard.section,
			this.controls.form,
			main,
			glossarySection(),
			this.live,
			this.offscreen,
		);
		this.controls.metric.value = this.state.metric;
		this.controls.fill(this.state.request ?? { experiment: 'size' });
		this.wire();
		this.renderHeader();
		this.renderFigures();
		onThemeChange(() => this.renderFigures());
	}

	handle(msg: HostMessage): void {
		switch (msg.type) {
			case 'panel/didInit':
				this.save({ dataset: msg.params.dataset });
				if (this.state.request === undefined) {
					this.controls.fill(msg.params.defaults);
				}
				if (msg.params.firm !== undefined) {
					this.controls.fillFirm(this.state.firm ?? msg.params.firm);
				}
				this.renderHeader();
				return;
			case 'results/didChange':
				this.setResults(msg.params.results);
				return;
			case 'audit/didChange':
				this.setResults({ ...this.results, audit: msg.params.result });
				return;
			case 'comparison/didChange':
				this.setResults({ ...this.results, comparison: msg.params.result });
				this.setStatus('The firm-side comparison is on the Pareto plane.');
				return;
			case 'simulation/didChange':
				this.addSimulation(msg.params.result);
				return;
			case 'simulation/didProgress':
				if (msg.params.runId === this.activeRun) {
					const { done, total, etaSeconds } = msg.params;
					this.controls.progress.max = Math.max(total, 1);
					this.controls.progress.value = done;
					this.setStatus(`Running: ${done} of ${total} refits${etaSeconds !== undefined ? `, about ${Math.ceil(etaSeconds)} s left` : ''}`);
				}
				return;
			case 'simulation/didFinish': {
				if (msg.params.runId !== this.activeRun) {
					return;
				}
				this.activeRun = undefined;
				this.controls.setRunning(false);
				const p = msg.params;
				if ('result' in p) {
					this.addSimulation(p.result);
					this.setStatus(`Finished the ${p.result.experiment} experiment in ${p.result.timings.seconds.toFixed(1)} s.`);
				} else {
					this.setStatus(p.cancelled ? 'Cancelled.' : `The simulation failed: ${p.error}`, !p.cancelled);
				}
				return;
			}
			case 'audit/didFail':
				this.setStatus(`The audit failed: ${msg.params.error}`, true);
				return;
			case 'comparison/didFail':
				this.setStatus(`The comparison did not run: ${msg.params.error}`, true);
				return;
			case 'report/didRequestExport':
				this.exportReport();
				return;
			case 'report/didExport':
				this.setStatus(
					'files' in msg.params ? `Report written: ${msg.params.files.join(', ')}` : `Export failed: ${msg.params.error}`,
					!('files' in msg.params),
				);
				return;
			case 'profile/didChange':
				// The profile table has a page of its own (main.ts); this page has no place for it.
				log('warn', 'a profile table was sent to the fairness page and ignored');
				return;
			default: {
				const unhandled: never = msg;
				log('warn', `unhandled message ${(unhandled as { type: string }).type}`);
			}
		}
	}

	private wire(): void {
		const c = this.controls;
		c.form.addEventListener('submit', (e) => {
			e.preventDefault();
			this.startRun();
		});
		c.cancel.addEventListener('click', () => {
			if (this.activeRun !== undefined) {
				post({ type: 'simulation/cancel', params: { runId: this.activeRun } });
				this.setStatus('Cancelling…');
			}
		});
		c.auditButton.addEventListener('click', () => this.runAudit());
		c.metric.addEventListener('change', () => {
			const m = c.metric.value;
			this.save({ metric: m === 'spd' || m === 'eqodMax' ? m : 'eqod' });
			this.renderFigures();
		});
		c.exportButton.addEventListener('click', () => this.exportReport());
	}

	/** Starts the experiment in the form, or `experiment` with the form's other settings. */
	private startRun(experiment?: Experiment): void {
		if (this.activeRun !== undefined) {
			this.setStatus('A simulation is already running: cancel it first.', true);
			return;
		}
		const request = this.controls.read(experiment);
		if (typeof request === 'string') {
			this.setStatus(request, true);
			return;
		}
		this.activeRun = newRunId();
		this.controls.setRunning(true);
		this.setStatus(`Starting the ${request.experiment} experiment…`);
		const firm = this.controls.readFirm();
		this.save({ request, firm });
		post({ type: 'simulation/run', params: { runId: this.activeRun, request, firm } });
	}

	/** The firm-side comparison with the firm in the run settings (its result arrives as comparison/didChange). */
	private runComparison(): void {
		const firm = this.controls.readFirm();
		this.save({ firm });
		post({ type: 'comparison/run', params: { runId: newRunId(), firm } });
		this.setStatus(`Running the firm-side comparison (${firm.seesSensitiveAttribute ? 'aware' : 'blind'} firm, ${firm.model})…`);
	}

	private runAudit(): void {
		post({ type: 'audit/run', params: { runId: newRunId() } });
		this.setStatus('Running the audit…');
	}

	private exportReport(): void {
		const specs = buildFigures(this.results, this.state.metric).filter((s) => s.empty === undefined);
		const images = specs.map((s) => ({ figure: s.id, png: renderPng(s, REPORT_THEME, this.offscreen) }));
		post({ type: 'report/export', params: { images, metric: this.state.metric } });
		this.setStatus(`Exporting the report (${images.length} charts)…`);
	}

	private addSimulation(result: SimulationResult): void {
		// The host's rule (src/shared/panelResults.ts): size and minimum replace each other.
		this.setResults(withSimulation(this.results, result));
	}

	private setResults(results: PanelResults): void {
		this.results = results;
		this.renderHeader();
		this.renderFigures();
	}

	private save(patch: Partial<PanelState>): void {
		this.state = { ...this.state, ...patch };
		setState(this.state);
	}

	private renderHeader(): void {
		this.scorecard.render(this.results.audit);
		const d = this.state.dataset;
		this.heading.textContent = d !== undefined ? `Collective Fairness: ${d.label}` : 'Collective Fairness';
		const r = this.results;
		const sim = Object.values(r.simulations)[0];
		const roles = r.audit?.roles ?? sim?.roles;
		this.roles.textContent =
			roles === undefined
				? 'No results yet: run the audit or a simulation.'
				: `Sensitive attribute ${roles.sensitive} (minority ${roles.minority}, majority ${roles.majority}); label ${roles.label}.`;
		clear(this.warnings);
		for (const s of Object.values(r.simulations)) {
			for (const w of s?.warnings ?? []) {
				this.warnings.append(el('li', {}, `${s?.experiment ?? ''}: ${w}`));
			}
		}
	}

	private renderFigures(): void {
		const theme = readTheme();
		const specs = buildFigures(this.results, this.state.metric as FairnessMetric, new Set(this.state.hiddenVariants));
		for (const spec of specs) {
			this.views.find((v) => v.id === spec.id)?.render(spec, theme);
		}
	}

	private setStatus(text: string, isError = false): void {
		this.controls.status.textContent = text;
		this.controls.status.classList.toggle('error', isError);
	}

	/** For tests and the host: which figures currently draw a chart. */
	drawn(): FigureId[] {
		return this.views.filter((v) => v.section.dataset.empty !== 'true').map((v) => v.id);
	}
}
