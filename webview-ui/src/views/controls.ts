/**
 * The run controls: experiment, α grid, α, flips, methods, k, knowledge, seeds, target, and the
 * display metric. Reading the form gives a SimulationRequest checked with the same validator the
 * host applies, so a bad value is reported here, next to the field, before anything is sent.
 * The fields sit in a collapsed "Run settings" section (the defaults are in their placeholders);
 * the Run, Cancel, audit and export buttons and the status line stay visible.
 */
import { isSimulationRequest } from '../../../src/shared/webviewValidate';
import type { Experiment, FairnessMetric, FirmChoice, Knowledge, Method, SimulationRequest } from '../../../src/shared/webviewProtocol';
import { METHOD_LABELS } from '../../../src/shared/figureSpec';
import { METHODS, RUN_DEFAULTS, RUN_PARAMETER_RANGES as RANGES } from '../../../src/shared/runParameters';
import { el } from './dom';
import { withTerms } from './terms';

/** Every experiment (the Record makes a new one a compile error here), in the order offered. */
const EXPERIMENT_LABELS: Record<Experiment, string> = {
	size: 'size: best fairness against α',
	minimum: 'minimum: smallest collective reaching a target',
	flips: 'flips: fairness against M at one α',
	knowledge: 'knowledge: n known majority rows vs all',
};
const EXPERIMENTS = Object.entries(EXPERIMENT_LABELS) as Array<[Experiment, string]>;
const METRICS: ReadonlyArray<[FairnessMetric, string]> = [
	['eqod', 'EqOd (average)'],
	['eqodMax', 'EqOd (max)'],
	['spd', 'SPD'],
];

function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
	return el(
		'label',
		{ class: 'field' },
		el('span', { class: 'field-label' }, ...withTerms(label)),
		control,
		...(hint !== undefined ? [el('span', { class: 'hint' }, ...withTerms(hint))] : []),
	);
}

/** A number input named after a run parameter, with its range's min and max (src/shared/runParameters.ts). */
function rangeAttributes(name: keyof typeof RANGES): Record<string, string> {
	const range = RANGES[name];
	return {
		name,
		type: 'number',
		min: String(range.min),
		...('max' in range ? { max: String(range.max) } : {}),
		step: range.integer ? '1' : 'any',
	};
}

function select<T extends string>(name: string, options: ReadonlyArray<[T, string]>): HTMLSelectElement {
	return el('select', { name }, ...options.map(([v, l]) => el('option', { value: v }, l)));
}

export class Controls {
	readonly form: HTMLFormElement;
	readonly run: HTMLButtonElement;
	readonly cancel: HTMLButtonElement;
	readonly exportButton: HTMLButtonElement;
	readonly auditButton: HTMLButtonElement;
	readonly metric: HTMLSelectElement;
	readonly progress: HTMLProgressElement;
	readonly status: HTMLElement;
	readonly settings: HTMLDetailsElement;
	private readonly experiment = select('experiment', EXPERIMENTS);
	private readonly alphas = el('input', {
		name: 'alphas',
		type: 'text',
		inputmode: 'decimal',
		placeholder: `default ${RUN_DEFAULTS.alphas[0]}, ${RUN_DEFAULTS.alphas[1]}, …, ${RUN_DEFAULTS.alphas.at(-1)}`,
	});
	// α's lower bound is exclusive (0 is no collective); the input's min is one step above it.
	private readonly alpha = el('input', {
		...rangeAttributes('alpha'),
		min: '0.01',
		step: '0.01',
		placeholder: `default ${RUN_DEFAULTS.alpha}`,
	});
	private readonly flips = el('input', { ...rangeAttributes('flips'), placeholder: `default ${RUN_DEFAULTS.flips}` });
	private readonly k = el('input', { ...rangeAttributes('k'), placeholder: `default ${RUN_DEFAULTS.k}` });
	private readonly knowledge = el('input', { name: 'knowledge', type: 'text', placeholder: `default ${RUN_DEFAULTS.knowledge}` });
	private readonly knowledgeRows = el('input', {
		...rangeAttributes('knowledgeRows'),
		placeholder: `default ${RUN_DEFAULTS.knowledgeRows}`,
	});
	private readonly seeds = el('input', { ...rangeAttributes('seeds'), placeholder: `default ${RUN_DEFAULTS.seeds}` });
	private readonly target = el('input', { ...rangeAttributes('targetEqod'), step: '0.005', placeholder: 'half the base EqOd' });
	/** The firm runs train: aware or blind of the sensitive attribute, and its learner (defaults from the host). */
	private readonly firmSees = select<'aware' | 'blind'>('firm', [
		['aware', 'aware: sees the sensitive attribute'],
		['blind', 'blind: does not see it'],
	]);
	private readonly firmModel = select<'logistic' | 'boosting'>('model', [
		['logistic', 'logistic regression'],
		['boosting', 'gradient boosting'],
	]);
	private readonly methods = new Map<Method, HTMLInputElement>(
		METHODS.map((m) => [m, el('input', { type: 'checkbox', name: 'method', value: m })]),
	);

	constructor() {
		this.metric = select('metric', METRICS);
		this.run = el('button', { type: 'submit' }, 'Run simulation');
		this.cancel = el('button', { type: 'button', class: 'secondary', disabled: '' }, 'Cancel');
		this.exportButton = el('button', { type: 'button', class: 'secondary' }, 'Export report…');
		this.auditButton = el('button', { type: 'button', class: 'secondary' }, 'Re-run audit');
		this.progress = el('progress', { max: '1', value: '0', 'aria-label': 'simulation progress', hidden: '' });
		this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
		const methodBox = el(
			'fieldset',
			{ class: 'methods' },
			el('legend', {}, 'Methods'),
			...METHODS.map((m) => el('label', { class: 'check' }, this.methods.get(m)!, ...withTerms(METHOD_LABELS[m] ?? m))),
		);
		this.settings = el(
			'details',
			{ class: 'settings' },
			el('summary', {}, ...withTerms('Run settings (defaults: size experiment, α 0.05–0.5, 5 seeds, all four methods)')),
			el(
				'div',
				{ class: 'grid' },
				field('α grid', this.alphas, 'comma-separated fractions, for size and minimum'),
				field('α', this.alpha, 'for flips and knowledge'),
				field('Flip grid points', this.flips),
				field('k (neighbours)', this.k),
				field('Knowledge', this.knowledge, '"all" or a number of majority rows'),
				field('Known rows (knowledge run)', this.knowledgeRows),
				field('Seeds', this.seeds),
				field('Target EqOd', this.target, 'for minimum; blank = default'),
				field('Metric shown', this.metric, 'changes the charts, not the run'),
			),
			methodBox,
			el(
				'fieldset',
				{ class: 'firm-choice' },
				el('legend', {}, 'The firm (simulations and the comparison)'),
				el('div', { class: 'grid' }, field('Firm', this.firmSees, 'aware or blind firm'), field("Firm's learner", this.firmModel)),
			),
		);
		this.form = el(
			'form',
			{ class: 'controls', 'aria-label': 'Simulation settings' },
			this.settings,
			el(
				'div',
				{ class: 'actions' },
				el('label', { class: 'inline' }, 'Experiment ', this.experiment),
				this.run,
				this.cancel,
				this.auditButton,
				this.exportButton,
				this.progress,
			),
			this.status,
		);
	}

	/** The request in the form, or a message naming the first bad field; `experiment` overrides the pick. */
	read(experiment?: Experiment): SimulationRequest | string {
		const num = (input: HTMLInputElement): number | undefined => (input.value.trim() === '' ? undefined : Number(input.value));
		const alphas = this.alphas.value
			.split(',')
			.map((t) => t.trim())
			.filter((t) => t !== '')
			.map(Number);
		const knowledgeText = this.knowledge.value.trim();
		const knowledge: Knowledge | undefined = knowledgeText === '' ? undefined : knowledgeText === 'all' ? 'all' : Number(knowledgeText);
		const methods = METHODS.filter((m) => this.methods.get(m)?.checked === true);
		if (methods.length === 0) {
			return 'choose at least one method';
		}
		const request: Record<string, unknown> = {
			experiment: experiment ?? this.experiment.value,
			alphas: alphas.length > 0 ? alphas : undefined,
			alpha: num(this.alpha),
			flips: num(this.flips),
			methods,
			k: num(this.k),
			knowledge,
			knowledgeRows: num(this.knowledgeRows),
			seeds: num(this.seeds),
			targetEqod: num(this.target),
		};
		for (const key of Object.keys(request)) {
			if (request[key] === undefined) {
				delete request[key];
			}
		}
		if (!isSimulationRequest(request)) {
			return `a setting is out of range: α values in (0, 1], flips ${RANGES.flips.min}–${RANGES.flips.max}, k ${RANGES.k.min}–${RANGES.k.max}, seeds ${RANGES.seeds.min}–${RANGES.seeds.max}, knowledge "all" or a whole number ≥ ${RANGES.knowledge.min}, target in [0, 1]`;
		}
		return request as SimulationRequest;
	}

	/** The firm chosen in the settings. */
	readFirm(): Required<FirmChoice> {
		return {
			seesSensitiveAttribute: this.firmSees.value !== 'blind',
			model: this.firmModel.value === 'boosting' ? 'boosting' : 'logistic',
		};
	}

	fillFirm(firm: Required<FirmChoice>): void {
		this.firmSees.value = firm.seesSensitiveAttribute ? 'aware' : 'blind';
		this.firmModel.value = firm.model;
	}

	fill(r: SimulationRequest): void {
		this.experiment.value = r.experiment;
		const set = (input: HTMLInputElement, v: number | string | undefined): void => {
			input.value = v === undefined ? '' : String(v);
		};
		set(this.alphas, r.alphas?.join(', '));
		set(this.alpha, r.alpha);
		set(this.flips, r.flips);
		set(this.k, r.k);
		set(this.knowledge, r.knowledge);
		set(this.knowledgeRows, r.knowledgeRows);
		set(this.seeds, r.seeds);
		set(this.target, r.targetEqod);
		for (const [m, box] of this.methods) {
			box.checked = r.methods === undefined || r.methods.includes(m);
		}
	}

	setRunning(running: boolean): void {
		this.run.disabled = running;
		this.cancel.disabled = !running;
		this.progress.hidden = !running;
		if (!running) {
			this.progress.value = 0;
		}
	}
}
