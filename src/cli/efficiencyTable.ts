/**
 * The CLI's efficiency table (issue: relabelling efficiency, measured with pairs): per method and
 * α, the median flips to reach the EqOd target over seeds, the best M, and the paired difference
 * against Random with its interval, then each entry's conclusion sentence from the engine.
 */
import type { EfficiencyEntry } from '../core/collective/efficiency';
import { renderTable } from './format';

const whole = (v: number | null): string => (v === null ? 'not reached' : `≈ ${Math.round(v).toLocaleString('en-US')}`);

export function renderEfficiency(entries: readonly EfficiencyEntry[], target: number): string[] {
	if (entries.length === 0) {
		return [];
	}
	const knowledgeShown = new Set(entries.map((e) => String(e.knowledge))).size > 1;
	const header = [
		'Method',
		...(knowledgeShown ? ['Known'] : []),
		'α',
		'Flips to target (median)',
		'95% of seeds',
		'Reached',
		'Best M',
		'Best EqOd',
		'vs Random (paired)',
	];
	const rows = entries.map((e) => {
		const f = e.flipsToTarget;
		const d = e.vsRandom?.flipsToTarget;
		return [
			e.method,
			...(knowledgeShown ? [String(e.knowledge)] : []),
			e.alpha.toFixed(2),
			whole(f.median),
			f.reached === 0 ? '—' : `${whole(f.lo)} – ${whole(f.hi)}`,
			`${f.reached}/${f.seeds}`,
			e.best === null ? 'n/a' : `≈ ${e.best.flips.toLocaleString('en-US')}`,
			e.best === null ? 'n/a' : e.best.eqod.toFixed(3),
			d === undefined
				? ''
				: d === null
					? 'n/a (one seed)'
					: `${d.mean >= 0 ? '+' : ''}${Math.round(d.mean)} [${Math.round(d.lo)}, ${Math.round(d.hi)}]`,
		];
	});
	return [
		`Relabelling efficiency: flips to reach EqOd ≤ ${target.toFixed(3)} (per seed, interpolated between grid points; paired with Random on the same seeds):`,
		renderTable([header, ...rows]),
		...entries.filter((e) => e.method !== 'random' || e.flipsToTarget.reached === 0).map((e) => `  ${e.conclusion}`),
	];
}
