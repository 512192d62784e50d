/**
 * Diagnostics of a CSV file, published to the client (textDocument/publishDiagnostics: pushed,
 * so they reach the Problems panel for files the editor does not sync as well). Every diagnostic
 * has a `code` and a link to its explanation in docs/diagnostics.md; `data` carries what the
 * quick fixes need. Reading problems point at the exact line and column the parser reports;
 * fairness findings point at the header cell of the column concerned.
 */
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeColumn, contingency, cramersV, mutualInformation } from '../core/association';
import { describeLeak, isLabelLeak, singleColumnAuc } from '../core/association/leak';
import type { CsvIssue } from '../core/csv/index';
import type { ServerSettings } from '../shared/settings';
import type { DocState } from './docState';

export const DIAGNOSTIC_SOURCE = 'collective-fairness';

/** What a quick fix needs, in Diagnostic.data. */
export type DiagnosticData = { readonly column: string } | { readonly token: string } | { readonly group: string } | undefined;

/** Values that people write for "unknown" but the default missing tokens do not cover. */
const PLACEHOLDER = /^(unknown|unk|n\.a\.|not available|missing|none given|-|--|—|\.|#n\/a|nil|undefined|not stated|\(blank\))$/i;

/** docs/diagnostics.md beside the bundle (dist/../docs), as a file URI the editor opens. */
export function docsLink(code: string): string {
	return `${pathToFileURL(path.resolve(__dirname, '..', 'docs', 'diagnostics.md')).href}#${code}`;
}

function make(range: Range, severity: DiagnosticSeverity, code: string, message: string, data?: DiagnosticData): Diagnostic {
	return {
		range,
		severity,
		code,
		codeDescription: { href: docsLink(code) },
		source: DIAGNOSTIC_SOURCE,
		message,
		...(data !== undefined ? { data } : {}),
	};
}

/** Header cell ranges (line 0 for a header-less file), computed from the header text. */
export function headerRanges(state: DocState): Range[] {
	const doc = TextDocument.create('header', 'csv', 0, state.headerText);
	const ranges = state.headerSpans.map((s) => ({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) }));
	return state.parse.table.columns.map((_, i) => ranges[i] ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
}

/** The parser's issues, at their exact place; `lineLength(line)` (0-based) gives the end of the range when known. */
export function issueDiagnostics(issues: readonly CsvIssue[], lineLength: (line: number) => number | undefined): Diagnostic[] {
	return issues.map((issue) => {
		const line = Math.max(0, issue.line - 1);
		const character = Math.max(0, issue.column - 1);
		const end = lineLength(line);
		const range = { start: { line, character }, end: { line, character: end !== undefined && end > character ? end : character + 1 } };
		const severity =
			issue.code === 'issues-truncated'
				? DiagnosticSeverity.Information
				: issue.severity === 'error'
					? DiagnosticSeverity.Error
					: DiagnosticSeverity.Warning;
		return make(range, severity, issue.code, issue.message);
	});
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Every diagnostic of the file. Async because the proxy measures walk every column: the loop
 * yields between columns so hovers are answered meanwhile; `stillWanted` stops it when the
 * analysis it belongs to has been replaced.
 */
export async function computeDiagnostics(
	state: DocState,
	settings: ServerSettings['diagnostics'],
	lineLength: (line: number) => number | undefined,
	stillWanted: () => boolean = () => true,
): Promise<Diagnostic[]> {
	const out = issueDiagnostics(state.parse.issues, lineLength);
	const cells = headerRanges(state);
	const firstLine: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: cells[cells.length - 1]?.end.character ?? 0 } };
	const table = state.parse.table;
	const cellOf = (name: string): Range => cells[state.columnIndex(name)] ?? firstLine;
	if (state.rolesError !== undefined) {
		out.push(
			make(
				firstLine,
				DiagnosticSeverity.Error,
				'roles-invalid',
				`The roles in ${path.basename(state.roles.sidecarPath ?? 'the sidecar')} do not apply: ${state.rolesError}`,
			),
		);
	}
	const r = state.resolved;
	const groups = state.groups();
	if (r !== undefined && groups !== undefined) {
		const labelCell = cellOf(r.label);
		const sensitiveCell = cellOf(r.sensitiveColumns[0]!);
		let favourable = 0;
		for (const row of r.rows) {
			favourable += r.favourable[row] === 1 ? 1 : 0;
		}
		const favourableValues = r.labelValues
			.filter((v) => v.favourable)
			.map((v) => `'${v.value}'`)
			.join(', ');
		if (r.rows.length > 0 && (favourable === 0 || favourable === r.rows.length)) {
			out.push(
				make(
					labelCell,
					DiagnosticSeverity.Error,
					'label-single-class',
					`The label '${r.label}' is not binary under the favourable values (${favourableValues}): all ${r.rows.length.toLocaleString('en-US')} rows used are ${favourable === 0 ? 'unfavourable' : 'favourable'}.`,
					{ column: r.label },
				),
			);
		} else if (r.labelValues.length > 2) {
			out.push(
				make(
					labelCell,
					DiagnosticSeverity.Information,
					'label-many-values',
					`The label '${r.label}' has ${r.labelValues.length} values; ${favourableValues} count as favourable and the other ${r.labelValues.length - r.labelValues.filter((v) => v.favourable).length} as unfavourable.`,
					{ column: r.label },
				),
			);
		}
		if (r.dropped.missingLabel > 0) {
			out.push(
				make(
					labelCell,
					DiagnosticSeverity.Warning,
					'missing-label',
					`${r.dropped.missingLabel.toLocaleString('en-US')} rows have no value for the label '${r.label}' and are left out.`,
					{ column: r.label },
				),
			);
		}
		if (r.dropped.missingSensitive > 0) {
			out.push(
				make(
					sensitiveCell,
					DiagnosticSeverity.Warning,
					'missing-sensitive',
					`${r.dropped.missingSensitive.toLocaleString('en-US')} rows (${pctOf(r.dropped.missingSensitive, table.rowCount)}) have no value for the sensitive attribute '${r.sensitive}' and are left out of every group.`,
					{ column: r.sensitive },
				),
			);
		}
		for (const g of groups.groups) {
			if (g.rows < settings.minGroupSize) {
				out.push(
					make(
						sensitiveCell,
						DiagnosticSeverity.Warning,
						'small-group',
						`Group '${g.group}' has ${g.rows} rows, fewer than ${settings.minGroupSize}: its rates are too noisy to compare.`,
						{ group: g.group },
					),
				);
			}
		}
		const rated = groups.groups.filter((g) => g.favourableRate.value !== null && g.rows >= settings.minGroupSize);
		if (rated.length >= 2) {
			const hi = rated.reduce((a, b) => (b.favourableRate.value! > a.favourableRate.value! ? b : a));
			const lo = rated.reduce((a, b) => (b.favourableRate.value! < a.favourableRate.value! ? b : a));
			const ratio = hi.favourableRate.value! > 0 ? lo.favourableRate.value! / hi.favourableRate.value! : 1;
			if (ratio < settings.disparateImpactThreshold) {
				out.push(
					make(
						sensitiveCell,
						DiagnosticSeverity.Warning,
						'four-fifths',
						`Favourable rate of '${lo.group}' is ${pctOf(lo.favourable, lo.labelled)} against ${pctOf(hi.favourable, hi.labelled)} for '${hi.group}': ratio ${ratio.toFixed(2)} < ${settings.disparateImpactThreshold} (four-fifths rule).`,
						{ group: lo.group },
					),
				);
			}
		}
		// The collective comes from the minority: if that is the advantaged side, its flips widen the gap.
		const [majorityGroup, minorityGroup] = groups.groups;
		if (
			majorityGroup !== undefined &&
			minorityGroup !== undefined &&
			minorityGroup.favourableRate.value !== null &&
			majorityGroup.favourableRate.value !== null &&
			minorityGroup.favourableRate.value > majorityGroup.favourableRate.value
		) {
			out.push(
				make(
					sensitiveCell,
					DiagnosticSeverity.Warning,
					'advantaged-minority',
					`The minority '${r.sensitive} = ${minorityGroup.group}' is the advantaged group: favourable ${pctOf(minorityGroup.favourable, minorityGroup.labelled)} against ${pctOf(majorityGroup.favourable, majorityGroup.labelled)} for '${majorityGroup.group}'. A collective from it can only widen the gap; the minority is usually the group with the lower favourable rate.`,
					{ group: minorityGroup.group },
				),
			);
		}
		const groupCoding = { codes: r.group, levels: r.groupNames.length };
		for (const name of r.featureColumns) {
			await turn();
			if (!stillWanted()) {
				return out;
			}
			const column = table.columns[state.columnIndex(name)]!;
			// The firm sees the sensitive attribute by default: it is a feature, but not a proxy of itself.
			const isSensitive = r.sensitiveColumns.includes(name);
			const t = isSensitive ? undefined : contingency(codeColumn(column, table.rowCount), groupCoding, table.rowCount);
			const value = t === undefined ? undefined : settings.proxyMeasure === 'cramersV' ? cramersV(t) : mutualInformation(t).uncertaintyOfY;
			if (value !== undefined && value >= settings.proxyThreshold) {
				const measure = settings.proxyMeasure === 'cramersV' ? "Cramér's V" : 'uncertainty coefficient U(group | column)';
				out.push(
					make(
						cellOf(name),
						DiagnosticSeverity.Warning,
						'proxy-column',
						`'${name}' is a proxy for '${r.sensitive}': ${measure} = ${value.toFixed(2)} ≥ ${settings.proxyThreshold}. The model can recover group membership from it even without the sensitive attribute.`,
						{ column: name },
					),
				);
			}
			const leak = singleColumnAuc(column, table.rowCount, r.favourable, r.rows);
			if (leak !== undefined && isLabelLeak(leak)) {
				out.push(
					make(
						cellOf(name),
						DiagnosticSeverity.Warning,
						'label-leak',
						`${describeLeak({ column: name, ...leak }, r.label)}. Exclude it from the features.`,
						{ column: name },
					),
				);
			}
		}
	}
	const known = new Set(state.roles.sidecar?.missingTokens ?? []);
	table.columns.forEach((column, i) => {
		if (column.kind !== 'categorical') {
			return;
		}
		const token = column.levels.find((v) => PLACEHOLDER.test(v.trim()) && !known.has(v));
		if (token !== undefined) {
			out.push(
				make(
					cells[i]!,
					DiagnosticSeverity.Information,
					'missing-token-candidate',
					`'${column.name}' holds the value '${token}', which looks like a missing-value marker; it is counted as a real value.`,
					{ token },
				),
			);
		}
	});
	return out;
}

function pctOf(part: number, whole: number): string {
	return whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : 'n/a';
}
