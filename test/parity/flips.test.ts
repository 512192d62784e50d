/**
 * End-to-end parity with the scikit-learn reference (aca_ref.py, see test/reference/run_aca_ref.sh):
 * the flips experiment (α = 0.3, 10 grid points, k = 5, all four methods) on the real Adult (sex,
 * 5 seeds) and COMPAS (race, 10 seeds) files, for both firms — the aware firm, whose model takes the
 * sensitive attribute as an input (the paper's protocol; the reference's --include-sensitive), and
 * the blind firm (the reference without it) — against the reference's figures committed in
 * test/fixtures/reference/{adult-sex,compas-race}-flips-{aware,blind}.json. Our engine is called
 * with an explicit `features.includeSensitive`, so the comparison does not depend on the default.
 *
 * The two sides draw from different random streams (ours: seeded split stratified by group × label
 * and collective order; the reference: numpy's plain permutation and choice), so per-seed numbers
 * differ and only distributions can be compared. Per (method, grid position) and per figure:
 *
 *   |mean_ours − mean_ref| ≤ Z · sqrt(sd_ours²/n_ours + sd_ref²/n_ref) + FLOOR,   FLOOR = 0.002
 *
 * (Z standard errors of the difference of two independent means over seeds, plus a floor for
 * rounding): Z = 2 on Adult's 5 seeds, Z = 2.5 on COMPAS's 10 seeds, the tolerance issue 11 names
 * for that run (36 correlated comparisons per figure). On top of levels, the change from the base
 * model within a seed (point − base, same split) is compared with the same rule applied to the
 * per-seed changes' sd on our side (the reference publishes only means; same protocol ⇒ same
 * spread assumed). It is asserted for the error, whose change is tight and mostly deterministic in
 * M; for EqOd and SPD it is only reported (see docs/parity.md, "Open point").
 * Exact checks: the M grid follows round(i · pool / 9) on both sides, the full pool sizes agree
 * within 2 % (their expected value is the same: round(0.3 · minority training rows) × the share of
 * unfavourable rows; the splits differ), and the base error agrees within 0.01.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Table } from '../../src/core/csv/table';
import type { RunMetrics } from '../../src/core/collective/evaluate';
import { METHODS } from '../../src/core/collective/params';
import { runUnitsInProcess, simulate, type SimulationResult, type UnitExecutor } from '../../src/core/collective/simulate';
import type { SimulationRow } from '../../src/core/collective/aggregate';
import type { UnitResult } from '../../src/core/collective/unit';
import type { Sidecar } from '../../src/core/roles/sidecar';
import { locateDataset } from '../support/datasets';
import { ADULT_SEX, COMPAS_RACE } from '../support/realDataRoles';
import { loadTable, readReferenceFixture } from './realData';

interface RefStat {
	readonly mean: number;
	readonly sd: number;
}

interface RefRow {
	readonly method: string;
	readonly alpha: number;
	readonly pool_fraction: number;
	readonly flips: number;
	readonly error: RefStat;
	readonly spd: RefStat;
	readonly eqod: RefStat;
	readonly n: number;
}

interface RefFixture {
	readonly command: string;
	readonly firm: 'aware' | 'blind';
	readonly rows: readonly RefRow[];
	readonly fits: number;
	readonly seconds: number;
	readonly n: number;
	readonly d: number;
}

type Figure = 'eqod' | 'error' | 'spd';
const FIGURES: readonly Figure[] = ['eqod', 'error', 'spd'];

const FLOOR = 0.002;
const ALPHA = 0.3;
const FLIPS = 10;
/** Grid position of a third of the pool (3/9), where the poster compares RB with Random. */
const THIRD = 3;

/** z standard errors of the difference of two means of n_a and n_b values with sds sd_a, sd_b, plus FLOOR. */
function meanTolerance(z: number, sdA: number, nA: number, sdB: number, nB: number): number {
	return z * Math.sqrt((sdA * sdA) / nA + (sdB * sdB) / nB) + FLOOR;
}

function sampleSd(values: readonly number[]): number {
	const mean = values.reduce((s, v) => s + v, 0) / values.length;
	return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

function must(value: number | null | undefined, what: string): number {
	assert.ok(typeof value === 'number' && Number.isFinite(value), `${what} is not a number`);
	return value;
}

type Firm = 'aware' | 'blind';
interface ParityCase {
	readonly name: string;
	readonly file: string;
	readonly fixture: string;
	readonly sidecar: Sidecar;
	readonly firm: Firm;
	readonly seeds: number;
	/** Standard errors allowed between the two means (see the header). */
	readonly z: number;
	/** Whether the poster's claim "the best RB method is below Random at a third of the pool" is asserted (COMPAS, aware firm). */
	readonly rbBelowRandomAtThird: boolean;
}

/** The sidecar with the firm's awareness stated explicitly (never the default). */
function withFirm(sidecar: Sidecar, firm: Firm): Sidecar {
	return { ...sidecar, features: { ...sidecar.features, includeSensitive: firm === 'aware' } };
}

const cases: readonly ParityCase[] = (['aware', 'blind'] as const).flatMap((firm) => [
	{
		name: `Adult by sex (Female minority), ${firm} firm`,
		file: 'adult.csv',
		fixture: `adult-sex-flips-${firm}.json`,
		sidecar: withFirm(ADULT_SEX, firm),
		firm,
		seeds: 5,
		z: 2,
		rbBelowRandomAtThird: false,
	},
	{
		name: `COMPAS by race (African-American vs Caucasian), ${firm} firm`,
		file: 'compas.csv',
		fixture: `compas-race-flips-${firm}.json`,
		sidecar: withFirm(COMPAS_RACE, firm),
		firm,
		seeds: 10,
		z: 2.5,
		rbBelowRandomAtThird: firm === 'aware',
	},
]);

for (const c of cases) {
	const located = locateDataset(c.file);
	describe(`flips experiment vs the scikit-learn reference: ${c.name}`, { skip: located.skip }, () => {
		const ref = readReferenceFixture<RefFixture>(c.fixture);
		const refBase = ref.rows.find((r) => r.method === 'base')!;
		let table: Table;
		let ours: SimulationResult;
		const units: UnitResult[] = [];
		const refRow = (method: string, gridIndex: number): RefRow => {
			const row = ref.rows.find((r) => r.method === method && Math.abs(r.pool_fraction - gridIndex / (FLIPS - 1)) < 1e-3);
			assert.ok(row !== undefined, `reference has no row for ${method} at grid position ${gridIndex}`);
			return row;
		};
		const ourRow = (method: string, gridIndex: number): SimulationRow => {
			const row = ours.rows.find((r) => r.method === method && r.gridIndex === gridIndex);
			assert.ok(row !== undefined, `no row for ${method} at grid position ${gridIndex}`);
			return row;
		};

		before(async () => {
			table = await loadTable(located.path!);
			// Keep every unit's per-seed points for the within-seed comparison.
			const capture: UnitExecutor = async (keys, context) => {
				const results = await runUnitsInProcess(keys, context);
				units.push(...results);
				return results;
			};
			ours = await simulate(
				table,
				c.sidecar,
				{ experiment: 'flips', alpha: ALPHA, flips: FLIPS, refineGrid: false, seeds: c.seeds, k: 5, methods: METHODS },
				{ executor: capture },
			);
		});

		it(`the fixture was run for the ${c.firm} firm, ${c.seeds} seeds`, () => {
			assert.equal(ref.firm, c.firm);
			assert.equal(ref.command.split(' ').includes('--include-sensitive'), c.firm === 'aware', ref.command);
			assert.ok(ref.command.includes(`--seeds ${c.seeds}`), ref.command);
			assert.equal(refBase.n, c.seeds);
		});

		it(`covers the same grid: base plus 4 methods × 9 nonzero M, ${c.seeds} seeds each, no failures`, () => {
			assert.deepEqual(ours.failures, []);
			assert.equal(ours.fits, METHODS.length * (FLIPS - 1) * c.seeds);
			assert.equal(ref.fits, ours.fits + c.seeds, 'the reference also counts one base fit per seed');
			for (const method of METHODS) {
				for (let i = 1; i < FLIPS; i++) {
					assert.equal(refRow(method, i).n, c.seeds);
					assert.equal(ourRow(method, i).seeds, c.seeds);
				}
			}
		});

		it('base model: error within 0.01, EqOd and SPD within the seed spread', () => {
			for (const f of FIGURES) {
				const o = ours.base[f];
				const mean = must(o.mean, `base ${f}`);
				const sd = o.mean === null ? 0 : o.sd;
				const diff = Math.abs(mean - refBase[f].mean);
				assert.ok(
					diff <= meanTolerance(c.z, sd, c.seeds, refBase[f].sd, c.seeds),
					`base ${f}: ours ${mean.toFixed(4)} ± ${sd.toFixed(4)}, reference ${refBase[f].mean.toFixed(4)} ± ${refBase[f].sd.toFixed(4)}`,
				);
				if (f === 'error') {
					assert.ok(diff <= 0.01, `base error: ours ${mean.toFixed(4)}, reference ${refBase.error.mean.toFixed(4)}`);
				}
			}
		});

		it('M grid: round(i · pool / 9) on both sides; full pools within 2 %', () => {
			for (const method of METHODS) {
				const poolRef = refRow(method, FLIPS - 1).flips;
				const poolOurs = ourRow(method, FLIPS - 1).flips;
				assert.ok(Math.abs(poolOurs - poolRef) <= 0.02 * poolRef, `${method}: full pool ours ${poolOurs}, reference ${poolRef}`);
				for (let i = 1; i < FLIPS; i++) {
					// A mean of rounded values is within 0.5 of the rounded mean's rule.
					assert.ok(Math.abs(refRow(method, i).flips - (i * poolRef) / (FLIPS - 1)) <= 0.5, `reference grid at ${i}`);
					assert.ok(Math.abs(ourRow(method, i).flips - (i * poolOurs) / (FLIPS - 1)) <= 0.5, `our grid at ${i}`);
				}
			}
		});

		it('EqOd at a third of the pool: the best RB method against Random, both tools', (t) => {
			const rb = METHODS.filter((m) => m !== 'random');
			const oursAt = (m: string): number => must(ourRow(m, THIRD).eqod.mean, `${m} EqOd at ${THIRD}`);
			const bestOurs = Math.min(...rb.map(oursAt));
			const bestRef = Math.min(...rb.map((m) => refRow(m, THIRD).eqod.mean));
			const line = (label: string, at: (m: string) => number): string =>
				`${label}: ${METHODS.map((m) => `${m} ${at(m).toFixed(3)}`).join(', ')}`;
			t.diagnostic(
				`M ≈ ${ourRow('random', THIRD).flips.toFixed(0)} (ours) / ${refRow('random', THIRD).flips.toFixed(0)} (reference); ${line('ours', oursAt)}; ${line('reference', (m) => refRow(m, THIRD).eqod.mean)}`,
			);
			if (c.rbBelowRandomAtThird) {
				assert.ok(bestOurs < oursAt('random'), `ours: best RB ${bestOurs.toFixed(4)} vs Random ${oursAt('random').toFixed(4)}`);
				assert.ok(
					bestRef < refRow('random', THIRD).eqod.mean,
					`reference: best RB ${bestRef.toFixed(4)} vs Random ${refRow('random', THIRD).eqod.mean.toFixed(4)}`,
				);
			}
		});

		for (const f of FIGURES) {
			it(`mean ${f} per method and M within the seed spread`, (t) => {
				const failures: string[] = [];
				let worst = 0;
				let worstLine = '';
				const lines: string[] = [];
				for (const method of METHODS) {
					for (let i = 1; i < FLIPS; i++) {
						const r = refRow(method, i);
						const o = ourRow(method, i)[f];
						const mean = must(o.mean, `${method} ${f} at ${i}`);
						const sd = o.mean === null ? 0 : o.sd;
						const tol = meanTolerance(c.z, sd, c.seeds, r[f].sd, c.seeds);
						const diff = mean - r[f].mean;
						lines.push(
							`${method} i=${i} M≈${r.flips.toFixed(0)}: ours ${mean.toFixed(4)}±${sd.toFixed(4)} ref ${r[f].mean.toFixed(4)}±${r[f].sd.toFixed(4)} Δ ${diff >= 0 ? '+' : ''}${diff.toFixed(4)} tol ${tol.toFixed(4)}`,
						);
						if (Math.abs(diff) / tol > worst) {
							worst = Math.abs(diff) / tol;
							worstLine = lines[lines.length - 1]!;
						}
						if (Math.abs(diff) > tol) {
							failures.push(lines[lines.length - 1]!);
						}
					}
				}
				t.diagnostic(`${f}: largest |Δ|/tolerance ${worst.toFixed(2)} (${worstLine})`);
				assert.deepEqual(failures, [], `${f} outside the seed spread:\n${failures.join('\n')}`);
			});

			it(`change of ${f} from the base model, within a seed, ${f === 'error' ? 'agrees' : '(reported)'}`, (t) => {
				const baseBySeed = new Map<number, RunMetrics>(units.map((u) => [u.key.seed, u.base]));
				const failures: string[] = [];
				let worst = 0;
				for (const method of METHODS) {
					for (let i = 1; i < FLIPS; i++) {
						const changes = units
							.filter((u) => u.key.method === method)
							.map((u) => {
								const p = u.points.find((q) => q.gridIndex === i)!;
								return must(p.metrics[f], f) - must(baseBySeed.get(u.key.seed)![f], `base ${f}`);
							});
						const ourChange = changes.reduce((s, v) => s + v, 0) / changes.length;
						const refChange = refRow(method, i)[f].mean - refBase[f].mean;
						const sd = sampleSd(changes);
						const tol = meanTolerance(c.z, sd, changes.length, sd, c.seeds);
						worst = Math.max(worst, Math.abs(ourChange - refChange) / tol);
						if (Math.abs(ourChange - refChange) > tol) {
							failures.push(
								`${method} i=${i}: ours ${ourChange.toFixed(4)} (sd ${sd.toFixed(4)}), reference ${refChange.toFixed(4)}, tol ${tol.toFixed(4)}`,
							);
						}
					}
				}
				t.diagnostic(
					`${f} change: largest |Δ|/tolerance ${worst.toFixed(2)}${failures.length > 0 ? `; beyond it: ${failures.join('; ')}` : ''}`,
				);
				if (f === 'error') {
					assert.deepEqual(failures, [], `${f} change from base differs:\n${failures.join('\n')}`);
				}
			});
		}
	});
}
