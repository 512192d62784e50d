/** `collective-fairness audit`: the base classifier's fairness, group by group, with intervals. */
import { runAudit, type AuditResult } from '../../core/audit';
import type { Estimate } from '../../core/fairness';
import type { ParseResult } from '../../core/csv/options';
import { writeOutput } from '../output';
import { EXIT_GATE_FAILED, EXIT_OK } from '../errors';
import { formatFigure, plural, renderTable } from '../format';
import { firmLine, renderFirms } from '../firmsTable';
import { openRunInput, datasetCommand } from '../runInput';
import { labelLeaksOf, leakWarningLines } from '../leakWarning';
import { auditWarnings } from '../../shared/auditWarnings';
import { ROLE_HELP } from '../roleFlags';
import { firmModelForRun, firmModelFromFlags, MODEL_HELP, MODEL_OPTIONS } from '../modelFlags';
import { describeParse, parseNumberFlag, readCommonOptions, COMMON_HELP, COMMON_OPTIONS, requireOneFile } from '../common';
import { printJson, printOut } from '../terminal';
import { RUN_DEFAULTS } from '../../shared/runParameters';

const HELP = `Usage: collective-fairness audit FILE [roles] [options]

Trains the firm's classifier (L2 logistic regression, C = 1, or --model boosting) on a seeded stratified 80/20 split
and reports, on the test set, each group's base rate, selection rate, TPR, FPR and error, and the
minority-vs-majority statistical parity difference, equalized odds (average — the paper's — and
max — fairlearn's), equal opportunity and disparate impact, each with a bootstrap interval.

${ROLE_HELP}

Options:
${COMMON_HELP}
${MODEL_HELP}
  --resamples N           bootstrap resamples for the intervals, 0 to 100,000 (default 1000; 0 = none)
  --max-eqod X            exit 1 when the average equalized odds exceeds X, in [0, 1] (a CI gate)
  --max-spd X             exit 1 when the statistical parity difference exceeds X, in [0, 1]
  --out FILE              also write the result to FILE (a new file, atomically): FILE.html gets the
                          HTML report (with FILE.rows.json and .csv), any other name the full JSON
  --force                 let --out replace an existing report of ours (never any other file)`;

export const auditCommand = datasetCommand({
	name: 'audit',
	summary: 'train the base classifier and report group fairness with intervals',
	help: HELP,
	options: {
		...COMMON_OPTIONS,
		...MODEL_OPTIONS,
		resamples: { type: 'string' },
		'max-eqod': { type: 'string' },
		'max-spd': { type: 'string' },
		out: { type: 'string' },
		force: { type: 'boolean', default: false },
	},
	async run({ values, positionals }) {
		const file = requireOneFile(positionals, 'audit');
		const common = readCommonOptions(values);
		firmModelFromFlags(values, common.seed); // bad model flags fail before the file is read
		const resamples = parseNumberFlag('resamples', values.resamples) ?? RUN_DEFAULTS.resamples;
		const maxEqod = parseNumberFlag('max-eqod', values['max-eqod'], { min: 0 });
		const maxSpd = parseNumberFlag('max-spd', values['max-spd'], { min: 0 });
		const { progress, loaded, sidecar } = await openRunInput(values, file, common.onBadRow);
		const result = runAudit(loaded.parse.table, sidecar, {
			seed: common.seed,
			testFraction: common.testFraction,
			resamples,
			model: firmModelForRun(values, common.seed, loaded.sidecar?.model),
			onStage: (s, d, t) => progress.update(s, d, t),
		});
		progress.finish();
		// Features that predict the label on their own make every figure below meaningless: say so beside them.
		const labelLeaks = labelLeaksOf(loaded.parse.table, sidecar);
		const report = {
			tool: 'collective-fairness',
			command: 'audit',
			file,
			sidecar: loaded.sidecarPath ?? null,
			input: describeParse(loaded.parse),
			sidecarRoles: sidecar,
			...result,
			labelLeaks,
			// What the figures cannot carry (thin groups, an advantaged minority): the editor says the same.
			warnings: auditWarnings(result),
		};
		let written: string[] = [];
		if (values.out !== undefined) {
			// --out report.html: the HTML report; any other name: the JSON. Never over the CSV or its sidecar.
			written = await writeOutput(
				values.out,
				report,
				{ simulations: {}, audit: result },
				{ file, sidecarPath: loaded.sidecarPath, rows: loaded.parse.table.rowCount, force: values.force },
			);
		}
		const gates = checkGates(result, maxEqod, maxSpd);
		if (common.json) {
			printJson(`${JSON.stringify({ ...report, gates }, null, 2)}\n`);
		} else {
			printOut(`${renderAudit(file, loaded.parse, result)}\n`);
			for (const warning of report.warnings) {
				printOut(`WARNING: ${warning}.\n`);
			}
			for (const line of leakWarningLines(labelLeaks, result.roles.label)) {
				printOut(`${line}\n`);
			}
			for (const g of gates) {
				printOut(`${g.passed ? 'PASS' : 'FAIL'}: ${g.message}\n`);
			}
			if (written.length > 0) {
				printOut(`Report written to ${written.join(', ')}\n`);
			}
		}
		return gates.some((g) => !g.passed) ? EXIT_GATE_FAILED : EXIT_OK;
	},
});

interface GateResult {
	readonly metric: 'eqodAverage' | 'spd';
	readonly threshold: number;
	readonly value: number | null;
	readonly passed: boolean;
	readonly message: string;
}

/** A gate on an undefined figure fails: a CI gate must not pass because nothing could be measured. */
function checkGates(result: AuditResult, maxEqod: number | undefined, maxSpd: number | undefined): GateResult[] {
	const gates: GateResult[] = [];
	const check = (metric: GateResult['metric'], label: string, figure: Estimate, threshold: number): void => {
		const value = figure.value;
		const passed = value !== null && value <= threshold;
		const shown = value === null ? `undefined (${figure.reason})` : value.toFixed(4);
		gates.push({
			metric,
			threshold,
			value,
			passed,
			message: `${label} ${shown} ${passed ? '≤' : value === null ? 'cannot be checked against' : '>'} ${threshold}`,
		});
	};
	if (maxEqod !== undefined) {
		check('eqodAverage', 'equalized odds (average)', result.summary.eqodAverage, maxEqod);
	}
	if (maxSpd !== undefined) {
		check('spd', 'statistical parity difference', result.summary.spd, maxSpd);
	}
	return gates;
}

function renderAudit(file: string, parse: ParseResult, r: AuditResult): string {
	const lines: string[] = [];
	lines.push(`${file}: ${plural(r.dataset.rows, 'row')} × ${r.dataset.columns} columns (${describeParse(parse).summary})`);
	const d = r.dataset.dropped;
	const droppedNote = [
		d.missingSensitive > 0 ? `${d.missingSensitive} missing ${r.roles.sensitive}` : '',
		d.missingLabel > 0 ? `${d.missingLabel} missing ${r.roles.label}` : '',
		d.otherGroups > 0 ? `${d.otherGroups} in other groups` : '',
	]
		.filter((s) => s !== '')
		.join(', ');
	lines.push(
		`Roles: ${r.roles.sensitive} — minority ${r.roles.minority} vs majority ${r.roles.majority}; label ${r.roles.label}, favourable ${r.roles.favourable.join(', ')}; ${plural(r.dataset.keptRows, 'row')} used${droppedNote !== '' ? ` (left out: ${droppedNote})` : ''}`,
	);
	lines.push(`Features: ${r.roles.features.length} columns → ${r.roles.encodedWidth} encoded${describeExclusions(r.roles.excluded)}`);
	lines.push(
		`Classifier: ${r.model.text} on ${plural(r.split.train, 'training row')}, ${(r.model.seconds * 1000).toFixed(0)} ms; evaluated on ${plural(r.split.test, 'test row')} (seed ${r.split.seed})`,
	);
	lines.push(firmLine(r));
	lines.push('');
	const rows: string[][] = [['Group', 'Test rows', 'Base rate', 'Selection rate', 'TPR', 'FPR', 'Error']];
	for (const g of r.predictions.groups) {
		rows.push([
			g.name + (g.isReference ? ' (reference)' : ''),
			g.size.toLocaleString('en-US'),
			formatFigure(g.baseRate),
			formatFigure(g.selectionRate),
			formatFigure(g.truePositiveRate),
			formatFigure(g.falsePositiveRate),
			formatFigure(g.errorRate),
		]);
	}
	lines.push(renderTable(rows));
	lines.push('');
	const s = r.summary;
	const level = Math.round(r.predictions.bootstrap.level * 100);
	lines.push(`Minority vs majority on the test set (${level}% bootstrap intervals, ${r.predictions.bootstrap.resamples} resamples):`);
	const figure = (e: Estimate): string => (e.value === null ? `n/a — ${e.reason}` : formatFigure(e, e.interval));
	lines.push(
		renderTable([
			['Metric', 'Value'],
			['Error (all test rows)', figure(s.error)],
			['Statistical parity difference', figure(s.spd)],
			["Equalized odds, average (paper's EqOd)", figure(s.eqodAverage)],
			["Equalized odds, max (fairlearn's)", figure(s.eqodMax)],
			['Equal opportunity |ΔTPR|', figure(s.equalOpportunity)],
			['Disparate impact (minority / majority)', figure(s.disparateImpact)],
			['Label base-rate gap (all rows)', figure(s.labelBaseRateGap)],
		]),
	);
	lines.push('', ...renderFirms(r));
	return lines.join('\n');
}

/** Exclusions for the console: each with its reason, columns merely outside --features counted. */
function describeExclusions(excluded: AuditResult['roles']['excluded']): string {
	const outside = excluded.filter((e) => e.reason === 'not in features.include').length;
	const explained = excluded.filter((e) => e.reason !== 'not in features.include').map((e) => `${e.name} (${e.reason})`);
	const parts = [...explained, ...(outside > 0 ? [`${outside} columns outside --features`] : [])];
	return parts.length > 0 ? `; not used: ${parts.join(', ')}` : '';
}
