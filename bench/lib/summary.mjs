// The benchmark's summary: every figure a section measured, as a target (with PASS/FAIL) or as
// information, and the skips with their reasons; printed as one table at the end of the run.
import { fmtNum } from './figures.mjs';

/**
 * A recorder writing into REPORT.summary ({ figure, measured, unit, target, pass }; target and
 * pass null for information rows, pass 'skipped' for a target not measured) and REPORT.skipped.
 * SECTION_TARGETS lists each section's targets, shown as SKIP when the section cannot run.
 */
export function createSummary(report, sectionTargets) {
	const rows = report.summary;
	return {
		target(figure, measured, unit, targetText, pass) {
			rows.push({ figure, measured, unit, target: targetText, pass });
		},
		info(figure, measured, unit) {
			rows.push({ figure, measured, unit, target: null, pass: null });
		},
		skip(what, reason) {
			console.log(`  SKIP ${what}: ${reason}`);
			report.skipped.push({ what, reason });
		},
		/** Lists a section's targets in the summary as not measured (the skip line says why). */
		skipTargets(section) {
			for (const [figure, unit, targetText] of sectionTargets[section]) {
				rows.push({ figure, measured: 'not measured', unit, target: targetText, pass: 'skipped' });
			}
		},
		print(check) {
			printSummary(report, check);
		},
	};
}

function printSummary(report, check) {
	const summary = report.summary;
	console.log(`\n=== summary ${'='.repeat(64)}`);
	const rows = [['figure', 'measured (median)', 'target', 'result']];
	for (const r of summary) {
		rows.push([
			r.figure,
			typeof r.measured === 'number'
				? `${fmtNum(r.measured, r.unit === 's' ? 3 : r.measured >= 100 ? 0 : 2)} ${r.unit}`
				: String(r.measured),
			r.target === null ? '—' : `${r.target} ${r.unit}`,
			r.pass === null ? 'info' : r.pass === 'skipped' ? 'SKIP' : r.pass ? 'PASS' : 'FAIL',
		]);
	}
	const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
	for (const [i, row] of rows.entries()) {
		console.log(
			row
				.map((cell, c) => (c === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
				.join('  ')
				.trimEnd(),
		);
		if (i === 0) {
			console.log(widths.map((w) => '-'.repeat(w)).join('  '));
		}
	}
	const measured = summary.filter((r) => r.pass === true || r.pass === false);
	const skippedTargets = summary.filter((r) => r.pass === 'skipped').length;
	console.log(
		`${measured.filter((r) => r.pass === true).length} of ${measured.length} measured targets met${skippedTargets > 0 ? `, ${skippedTargets} not measured` : ''}${report.skipped.length > 0 ? `; skipped: ${report.skipped.map((s) => s.what).join('; ')}` : ''}${check ? '' : ' (informational: exit 0; --check exits 1 on a FAIL)'}`,
	);
}
