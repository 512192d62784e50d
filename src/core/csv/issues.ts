/**
 * Collects located issues, keeping at most a fixed number per code so that a file with a million
 * NUL bytes (say, UTF-16 read without its BOM) yields a short report with a total, not a million
 * objects.
 */
import type { CsvIssue, CsvIssueCode } from './table';

export class IssueLog {
	private readonly kept: CsvIssue[] = [];
	private readonly counts = new Map<CsvIssueCode, number>();

	constructor(private readonly maxPerCode: number) {}

	add(code: CsvIssueCode, severity: CsvIssue['severity'], line: number, column: number, message: string): CsvIssue {
		const issue: CsvIssue = { code, severity, line, column, message };
		const count = (this.counts.get(code) ?? 0) + 1;
		this.counts.set(code, count);
		if (count <= this.maxPerCode) {
			this.kept.push(issue);
		}
		return issue;
	}

	/** Counts occurrences that were not located individually. */
	addUnlocated(code: CsvIssueCode, count: number): void {
		if (count > 0) {
			this.counts.set(code, (this.counts.get(code) ?? 0) + count);
		}
	}

	/** The kept issues in file order, plus one `issues-truncated` note per code that overflowed. */
	list(): CsvIssue[] {
		const out = this.kept.slice().sort((a, b) => a.line - b.line || a.column - b.column);
		for (const [code, count] of this.counts) {
			if (count > this.maxPerCode) {
				out.push({
					code: 'issues-truncated',
					severity: 'warning',
					line: 0,
					column: 0,
					message: `${count} '${code}' issues in total; only the first ${this.maxPerCode} are listed`,
				});
			}
		}
		return out;
	}
}
