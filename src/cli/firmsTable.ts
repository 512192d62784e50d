/**
 * The audit's two firms side by side for the console: the aware firm (its model takes the
 * sensitive attribute as an input, the paper's protocol) and the blind one (proxies only), their
 * error, SPD, EqOd and signed gaps, and the paired difference with its interval.
 */
import type { AuditResult } from '../core/audit';
import type { FirmFigures, PairedInterval } from '../core/fairness/pairedFirms';
import { renderTable } from './format';

const num = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(3));
const signed = (v: number | null): string => (v === null ? 'n/a' : `${v >= 0 ? '+' : ''}${v.toFixed(3)}`);
const paired = (d: PairedInterval): string =>
	d.value === null ? 'n/a' : `${signed(d.value)}${d.lo !== undefined && d.hi !== undefined ? ` [${signed(d.lo)}, ${signed(d.hi)}]` : ''}`;

/** The header line naming the firm the audit's figures are for. */
export function firmLine(r: Pick<AuditResult, 'firm' | 'roles'>): string {
	return r.firm === 'aware'
		? `Firm: aware — its model takes ${r.roles.sensitive} as an input (the paper's protocol; --exclude-sensitive for the blind firm)`
		: `Firm: blind — ${r.roles.sensitive} is not an input, the model sees it only through proxies (--include-sensitive for the paper's aware firm)`;
}

export function renderFirms(r: AuditResult): string[] {
	const lines: string[] = [];
	const f = r.firms;
	if (f === undefined) {
		return lines;
	}
	if ('unavailable' in f) {
		return [...lines, `Both firms: ${f.unavailable}`];
	}
	const row = (name: string, x: FirmFigures): string[] => [name, num(x.error), num(x.spd), num(x.eqod), signed(x.tprGap), signed(x.fprGap)];
	return [
		...lines,
		`Both firms on the same split (the difference with a paired ${Math.round(f.level * 100)}% bootstrap interval, ${f.resamples} resamples):`,
		renderTable([
			['Firm', 'Error', 'SPD', 'EqOd', 'ΔTPR', 'ΔFPR'],
			row(`aware (sees ${r.roles.sensitive})`, f.aware),
			row('blind (proxies only)', f.blind),
			['aware − blind', paired(f.difference.error), paired(f.difference.spd), paired(f.difference.eqod), '', ''],
		]),
		f.sentence,
	];
}
