/**
 * The one simulation-rows writer behind `simulate --csv` and the report's `.rows.csv`. The two
 * outputs were written by two copies of this code until they merged; the hashes below are of what
 * those copies wrote for the panel fixtures, so both outputs stay byte for byte what they were.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { buildReport } from '../../../src/report/report';
import type { SimulationResult } from '../../../src/shared/model';
import { CLI_BASE_ROW, REPORT_BASE_ROW, simulationRowsCsv } from '../../../src/shared/simulationCsv';
import { fixture } from '../../support/panelFixtures';

const EXPERIMENTS = ['minimum', 'size', 'flips', 'knowledge'] as const;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What `simulate --csv` wrote for each fixture before the merge. */
const CLI_SHA256: Record<(typeof EXPERIMENTS)[number], string> = {
	minimum: '2943de91e34447a3fbec3ffb0c62dd8021691282db661ef00931f30d3595bca5',
	size: '62967ef8eef0ad2de217a0f1bda22955f190593b55957dbd916a5c7b14d3317b',
	flips: 'cf1f38b864d6552953cee5e94965d9610b24d4a5163e3d4e4ade8076b2d40b8d',
	knowledge: 'e10129e23ca6a4ddfb614d564d1854a3fb6484d5ec6b9185b63be06b30f8ad7a',
};
/** What the report's rows file held for the four fixtures together before the merge. */
const REPORT_SHA256 = '5b36f7149d5a319053192477144432ffbed32f2c57990e0047357a65c4a2fbce';

describe('simulationRowsCsv', () => {
	it('writes simulate --csv as before: base row with α and index 0 and M empty', () => {
		for (const name of EXPERIMENTS) {
			const r = fixture<SimulationResult>(name);
			const csv = simulationRowsCsv([r], CLI_BASE_ROW);
			assert.equal(sha256(csv), CLI_SHA256[name], name);
			const lines = csv.split('\n');
			assert.equal(lines.length, 1 + 1 + (r.grid ?? r.rows).length + 1, 'header, base, rows, and a final newline');
			assert.equal(lines.at(-1), '');
			assert.ok(lines[1]!.startsWith(`${name},base,,0,0,0,,,${r.base.seeds},`), lines[1]);
		}
	});

	it('writes the report rows as before: every experiment under one header, base row with α and index empty and M 0', () => {
		const simulations = Object.fromEntries(EXPERIMENTS.map((name) => [name, fixture<SimulationResult>(name)]));
		const { csv } = buildReport({
			dataset: { label: 'd.csv', sha256: 'x' },
			version: '1',
			date: new Date(0),
			results: { simulations },
			metric: 'eqod',
		});
		assert.equal(sha256(csv), REPORT_SHA256);
		assert.equal(csv, simulationRowsCsv(Object.values(simulations), REPORT_BASE_ROW));
		const bases = csv.split('\n').filter((line) => line.split(',')[1] === 'base');
		assert.deepEqual(
			bases.map((line) => line.split(',').slice(0, 8).join(',')),
			EXPERIMENTS.map((name) => `${name},base,,,,0,,0`),
		);
	});

	it('writes the same rows for both outputs apart from the base row', () => {
		const r = fixture<SimulationResult>('flips');
		const cli = simulationRowsCsv([r], CLI_BASE_ROW).split('\n');
		const report = simulationRowsCsv([r], REPORT_BASE_ROW).split('\n');
		assert.equal(cli.length, report.length);
		assert.notEqual(cli[1], report[1]);
		assert.deepEqual([cli[0], ...cli.slice(2)], [report[0], ...report.slice(2)]);
	});

	it('writes only the header when there is no experiment', () => {
		const csv = simulationRowsCsv([], REPORT_BASE_ROW);
		assert.equal(csv.split('\n').length, 2);
		assert.match(csv, /^experiment,method,knowledge,alpha,grid_index,flips,pool_size,collective_size,seeds,error_mean,/);
	});
});
