/**
 * Profile, audit, simulate and compare: each one request to the language server under a
 * cancellable progress notification (stage, done / total, ETA come from the server). Results go
 * to the one result store (src/webview/resultStore.ts), which an open fairness panel follows. The tests pass `{ uri, params,
 * cancellation }` to skip the parameter prompts and to cancel as the Cancel button does.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Config } from '../config';
import type { Ctx } from '../ctx';
import {
	AuditRequest,
	CompareRequest,
	ProfileRequest,
	SimulateRequest,
	type ProfileResult,
	type SimulateParams,
} from '../shared/lspProtocol';
import type { AuditResult, Estimate, Experiment, SimulationResult } from '../shared/model';
import { asArgs, targetUri } from '../util/dataset';
import { showError, withServerProgress } from '../util/progress';
import { comparisonFromCompare } from '../shared/comparison';
import { auditWarnings, simulationHeadline } from './evidence';
import { showProfile } from './panel';

export interface RunArgs {
	readonly params?: SimulateParams['params'];
	readonly cancellation?: vscode.CancellationToken;
	readonly resamples?: number;
}

function runArgs(arg: unknown): RunArgs {
	return asArgs(arg) as RunArgs;
}

function need(arg: unknown): vscode.Uri | undefined {
	const uri = targetUri(arg);
	if (uri === undefined) {
		void vscode.window.showInformationMessage('Collective Fairness: open a CSV or TSV file first.');
	}
	return uri;
}

/**
 * Runs `body` on the command's target file, given its URI and its base name (for messages); says
 * to open a CSV or TSV file first, and returns undefined, when there is none.
 */
async function onTargetFile<R>(arg: unknown, body: (uri: vscode.Uri, file: string) => Promise<R>): Promise<R | undefined> {
	const uri = need(arg);
	if (uri === undefined) {
		return undefined;
	}
	return body(uri, path.basename(uri.fsPath));
}

/** `0.155 [0.081, 0.390]`, or why there is no figure. */
export function formatEstimate(e: Estimate | undefined): string {
	if (e === undefined) {
		return 'n/a';
	}
	if (e.value === null) {
		return `n/a (${e.reason})`;
	}
	return `${e.value.toFixed(3)}${e.interval !== undefined ? ` [${e.interval.lo.toFixed(3)}, ${e.interval.hi.toFixed(3)}]` : ''}`;
}

/** Offers the panel after a run; an open panel already shows the run (it follows the result store). */
function offerPanel(uri: vscode.Uri, text: string, rerun?: { readonly label: string; readonly params: SimulateParams['params'] }): void {
	void vscode.window.showInformationMessage(text, 'Open Fairness Panel', ...(rerun !== undefined ? [rerun.label] : [])).then((a) => {
		if (a === 'Open Fairness Panel') {
			void vscode.commands.executeCommand('collectiveFairness.openPanel', { uri: uri.toString() });
		} else if (a !== undefined && rerun !== undefined) {
			void vscode.commands.executeCommand('collectiveFairness.runSimulation', { uri: uri.toString(), params: rerun.params });
		}
	});
}

/** The server's label-leak diagnostics of the file, as short warnings. */
function leakWarningsOf(uri: vscode.Uri): string[] {
	return vscode.languages
		.getDiagnostics(uri)
		.filter((d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code) === 'label-leak')
		.map((d) => `${/^'[^']+'/.exec(d.message)?.[0] ?? 'a feature'} leaks the label: the figures are not to be trusted`);
}

export function profileDataset(ctx: Ctx, arg: unknown): Promise<ProfileResult | undefined> {
	return onTargetFile(arg, async (uri, file) => {
		try {
			const run = await withServerProgress(
				ctx,
				`Profiling ${file}`,
				(r) => ctx.request(ProfileRequest.type, { uri: uri.toString(), workDoneToken: r.workDoneToken }, r.token),
				{ cancellation: runArgs(arg).cancellation },
			);
			if (run.cancelled) {
				return undefined;
			}
			const p = run.value;
			const d = p.dialect;
			ctx.log.info(
				`${file}: ${p.profile.rows} rows × ${p.profile.columns.length} columns, delimiter ${JSON.stringify(d.delimiter)}, ${d.encoding}, source ${p.source}`,
			);
			for (const c of p.profile.columns) {
				ctx.log.info(
					`  ${c.name}: ${c.type}, ${c.distinct} distinct, ${c.missing} missing; ${c.topValues
						.slice(0, 3)
						.map((t) => `${t.value} ${t.count}`)
						.join(', ')}`,
				);
			}
			// The table of columns (with each column by group and its flags) opens in the panel; the log keeps the text.
			showProfile(ctx, uri, p);
			const roles = p.roles !== null ? `roles set (${p.roles.sensitive.column.toString()} / ${p.roles.label.column})` : 'no roles yet';
			void vscode.window
				.showInformationMessage(
					`${file}: ${p.profile.rows.toLocaleString('en-US')} rows × ${p.profile.columns.length} columns, ${roles}${p.issues.length > 0 ? `, ${p.issues.length} issue(s) in Problems` : ''}.`,
					'Show Log',
				)
				.then((a) => {
					if (a !== undefined) {
						ctx.log.show(true);
					}
				});
			return p;
		} catch (e) {
			showError(ctx, `profiling ${file}`, e);
			return undefined;
		}
	});
}

export function auditDataset(ctx: Ctx, arg: unknown): Promise<AuditResult | undefined> {
	return onTargetFile(arg, async (uri, file) => {
		const resamples = runArgs(arg).resamples ?? Config.for(uri).auditResamples;
		try {
			const startedWith = await ctx.results.provenance(uri);
			const run = await withServerProgress(
				ctx,
				`Fairness audit of ${file}`,
				(r) => ctx.request(AuditRequest.type, { uri: uri.toString(), resamples, workDoneToken: r.workDoneToken }, r.token),
				{ cancellation: runArgs(arg).cancellation },
			);
			if (run.cancelled) {
				return undefined;
			}
			const a = run.value;
			await ctx.results.setAudit(uri, a, startedWith);
			const s = a.summary;
			ctx.log.info(`${file}: audit EqOd ${formatEstimate(s.eqodAverage)}, SPD ${formatEstimate(s.spd)}, error ${formatEstimate(s.error)}`);
			// Beside the figures: what they cannot carry (few test rows of a label, an advantaged minority, leaking features).
			const warnings = [...auditWarnings(a), ...leakWarningsOf(uri)];
			warnings.forEach((w) => ctx.log.warn(`${file}: ${w}`));
			offerPanel(
				uri,
				`${file}: equalized odds ${formatEstimate(s.eqodAverage)}, statistical parity ${formatEstimate(s.spd)}, error ${formatEstimate(s.error)}.${warnings.length > 0 ? ` ⚠ ${warnings.join('; ')}.` : ''}`,
			);
			return a;
		} catch (e) {
			showError(ctx, `auditing ${file}`, e);
			return undefined;
		}
	});
}

async function askSimulation(uri: vscode.Uri): Promise<SimulateParams['params'] | undefined> {
	const cfg = Config.for(uri);
	const d = cfg.simulation;
	const base = { alphas: d.alphas, alpha: d.alpha, methods: d.methods, seeds: d.seeds };
	if (!cfg.askSimulationParameters) {
		return { experiment: d.experiment, ...base };
	}
	const experiments: Array<vscode.QuickPickItem & { id: Experiment }> = [
		{ id: 'size', label: 'Collective size', description: 'size', detail: 'Best equalized odds over the flips, for each collective size α' },
		{
			id: 'flips',
			label: 'Relabelling efficiency',
			description: 'flips',
			detail: `Equalized odds, statistical parity and error against the number of flips, at α = ${d.alpha}`,
		},
		{
			id: 'knowledge',
			label: 'Knowledge of the majority',
			description: 'knowledge',
			detail: 'A collective knowing a few majority rows against one knowing them all',
		},
		{
			id: 'minimum',
			label: 'Minimum collective',
			description: 'minimum',
			detail: 'The smallest α whose mean equalized odds reaches the target',
		},
	];
	experiments.sort((a, b) => (a.id === d.experiment ? -1 : b.id === d.experiment ? 1 : 0));
	const exp = await vscode.window.showQuickPick(experiments, {
		title: 'Run Collective Simulation (1/2): experiment',
		ignoreFocusOut: true,
	});
	if (exp === undefined) {
		return undefined;
	}
	const seeds = await vscode.window.showInputBox({
		title: 'Run Collective Simulation (2/2): seeds',
		prompt: 'Number of seeds each point is averaged over (more: narrower intervals, longer run)',
		value: String(d.seeds),
		ignoreFocusOut: true,
		validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 1000 ? undefined : 'an integer from 1 to 1000'),
	});
	return seeds === undefined ? undefined : { experiment: exp.id, ...base, seeds: Number(seeds.trim()) };
}

export function describeSimulation(r: SimulationResult): string {
	return `${r.experiment}, ${r.params.seeds} seed(s), ${r.timings.fits.toLocaleString('en-US')} fits in ${r.timings.seconds.toFixed(1)} s`;
}

export function runSimulation(ctx: Ctx, arg: unknown): Promise<SimulationResult | undefined> {
	return onTargetFile(arg, async (uri, file) => {
		const params = runArgs(arg).params ?? (await askSimulation(uri));
		if (params === undefined) {
			return undefined;
		}
		try {
			const startedWith = await ctx.results.provenance(uri);
			const run = await withServerProgress(
				ctx,
				`Collective simulation (${params.experiment}) on ${file}`,
				(r) => ctx.request(SimulateRequest.type, { uri: uri.toString(), params, workDoneToken: r.workDoneToken }, r.token),
				{ cancellation: runArgs(arg).cancellation },
			);
			if (run.cancelled) {
				vscode.window.setStatusBarMessage(`Collective simulation on ${file} cancelled`, 5000);
				return undefined;
			}
			await ctx.results.addSimulation(uri, run.value, startedWith);
			for (const w of run.value.warnings ?? []) {
				ctx.log.warn(`${file}: ${w}`);
			}
			const headline = simulationHeadline(run.value);
			if (headline !== undefined) {
				ctx.log.info(`${file}: ${headline.text}`);
			}
			offerPanel(
				uri,
				`${file}: collective simulation done (${describeSimulation(run.value)}).${headline !== undefined ? ` ${headline.text}` : ''}`,
				headline?.needsMoreSeeds === true
					? { label: `Re-run with ${run.value.params.seeds * 2} seeds`, params: { ...params, seeds: run.value.params.seeds * 2 } }
					: undefined,
			);
			return run.value;
		} catch (e) {
			showError(ctx, `simulating on ${file}`, e);
			return undefined;
		}
	});
}

/** The server's firm-side comparison; until it is wired in the server says so and we show that. */
export function compareFirmSide(ctx: Ctx, arg: unknown): Promise<unknown> {
	return onTargetFile(arg, async (uri, file) => {
		try {
			const startedWith = await ctx.results.provenance(uri);
			const run = await withServerProgress(
				ctx,
				`Firm-side comparison on ${file}`,
				(r) => ctx.request(CompareRequest.type, { uri: uri.toString(), workDoneToken: r.workDoneToken }, r.token),
				{ cancellation: runArgs(arg).cancellation },
			);
			if (run.cancelled) {
				return undefined;
			}
			const value = run.value as Parameters<typeof comparisonFromCompare>[0];
			if (typeof value === 'object' && value !== null && Array.isArray(value.rows)) {
				await ctx.results.setComparison(uri, comparisonFromCompare(value), startedWith);
			}
			offerPanel(uri, `${file}: firm-side comparison done.`);
			return run.value;
		} catch (e) {
			showError(ctx, `comparing on ${file}`, e);
			return { error: e instanceof Error ? e.message : String(e) };
		}
	});
}
