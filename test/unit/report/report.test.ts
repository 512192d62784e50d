/**
 * The report builder and writer without a browser: escaping of CSV-derived strings, the CSP that
 * allows no script, the metadata, rows as CSV, the figure specs behind the tables, and that an
 * export never replaces the dataset.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ProtectedFileError } from '../../../src/io/atomicWrite';
import type { AuditResult, SimulationResult } from '../../../src/shared/model';
import { buildFigures } from '../../../src/shared/panelFigures';
import { knowledgeFigure } from '../../../src/shared/knowledgeFigure';
import { sizeFigure, smallestCollectives } from '../../../src/shared/sizeFigure';
import { fmt, nonDominated } from '../../../src/shared/figureSpec';
import { sha256File } from '../../../src/report/hash';
import { buildReport, esc } from '../../../src/report/report';
import { reportPaths, writeReportFiles } from '../../../src/report/write';

const FIXTURES = path.resolve(__dirname, '../../../../test/webview/fixtures');
const load = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
const minimum = load<SimulationResult>('minimum');
const size = load<SimulationResult>('size');
const audit = load<AuditResult>('audit');
const EVIL = '<img src=x onerror=alert(1)>';

describe('report', () => {
	it('escapes CSV-derived names and carries no script, under a CSP that forbids one', () => {
		const hostile = JSON.parse(JSON.stringify(audit)) as { roles: { sensitive: string }; predictions: { groups: Array<{ name: string }> } };
		hostile.roles.sensitive = EVIL;
		hostile.predictions.groups[1]!.name = `</td><script>alert(1)</script>`;
		const { html } = buildReport({
			dataset: { label: `${EVIL}.csv`, sha256: 'f'.repeat(64) },
			version: '9.9.9',
			date: new Date('2026-01-02T03:04:05Z'),
			results: { simulations: {}, audit: hostile as unknown as AuditResult },
			metric: 'eqod',
		});
		assert.ok(!html.includes('<img src=x'));
		assert.ok(!/<script/i.test(html));
		assert.ok(html.includes(esc(EVIL)));
		assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'sha256-[A-Za-z0-9+/=]+'"/);
		assert.ok(html.includes('f'.repeat(64)) && html.includes('9.9.9') && html.includes('2026-01-02T03:04:05.000Z'));
	});

	it('writes rows as CSV (the whole grid, base first) and everything as JSON', () => {
		const files = buildReport({
			dataset: { label: 'd.csv', sha256: 'x' },
			version: '1',
			date: new Date(),
			results: { simulations: { size } },
			metric: 'eqod',
		});
		const lines = files.csv.trim().split('\n');
		assert.equal(lines.length, 1 + 1 + size.grid!.length);
		assert.match(lines[1]!, /^size,base,/);
		const back = JSON.parse(files.json) as { results: { simulations: { size: SimulationResult } } };
		assert.equal(back.results.simulations.size.rows.length, size.rows.length);
	});

	it('never writes over the dataset, and checks before writing anything', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'cf-report-unit-'));
		try {
			const dataset = path.join(dir, 'data.rows.csv');
			writeFileSync(dataset, 'a,b\n1,2\n');
			const files = buildReport({
				dataset: { label: 'data', sha256: 'x' },
				version: '1',
				date: new Date(),
				results: { simulations: {} },
				metric: 'eqod',
			});
			await assert.rejects(writeReportFiles(path.join(dir, 'data.html'), files, [dataset]), ProtectedFileError);
			assert.throws(() => readFileSync(path.join(dir, 'data.html')));
			assert.equal(readFileSync(dataset, 'utf8'), 'a,b\n1,2\n');
			assert.deepEqual(reportPaths('/x/r.html'), { html: '/x/r.html', json: '/x/r.rows.json', csv: '/x/r.rows.csv' });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('hashes the CSV bytes with sha256', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'cf-hash-'));
		try {
			const f = path.join(dir, 'abc.csv');
			writeFileSync(f, 'abc');
			assert.equal(await sha256File(f), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('figure specs', () => {
	it('size: one line per method plus the base, the smallest collective marked and stated', () => {
		const spec = sizeFigure(minimum, 'eqod');
		assert.equal(spec.series.filter((s) => s.kind === 'line').length, minimum.params.methods.length);
		assert.ok(spec.series.some((s) => s.kind === 'reference'));
		const reached = minimum.minimum!.filter((m) => m.reached);
		// One marker per distinct point, naming every method that reaches the target there.
		const points = new Set(reached.map((m) => `${m.row!.alpha}|${m.row!.eqod.mean}`));
		assert.equal(spec.markers.length, points.size);
		for (const m of reached) {
			assert.ok(
				spec.markers.some(
					(k) =>
						k.x === m.row!.alpha &&
						k.label.includes({ 'rb-prob': 'RB-prob', 'rb-label': 'RB-label', 'rb-dist': 'RB-dist', random: 'Random' }[m.method]),
				),
			);
		}
		assert.equal(spec.target?.y, minimum.minimum![0]!.target);
		assert.ok(spec.statements[0]!.includes(`α = ${reached[0]!.row!.alpha}`));
		// Each finding carries its interval, and says "not distinguishable" exactly when it reaches above the target.
		for (const m of reached) {
			const e = m.row!.eqod as { mean: number; lo: number; hi: number };
			const said = spec.statements.find((t) => t.includes(`is α = ${m.row!.alpha} (`) && t.includes(`mean EqOd ${fmt(e.mean)}`));
			assert.ok(said !== undefined, spec.statements.join(' | '));
			assert.ok(said.includes(`95% interval [${fmt(e.lo)}, ${fmt(e.hi)}]`), said);
			assert.equal(said.includes(`not distinguishable at ${minimum.params.seeds} seeds`), e.hi > m.target, said);
		}
		// Narrow intervals below the target: the same findings, said as reached without the caveat.
		const sure = {
			...minimum,
			minimum: minimum.minimum!.map((m) =>
				m.row === undefined ? m : { ...m, row: { ...m.row, eqod: { ...m.row.eqod, lo: m.target / 2, hi: m.target } } },
			),
		} as SimulationResult;
		const sureStatements = sizeFigure(sure, 'eqod').statements.filter((t) => t.includes('the smallest collective reaching'));
		assert.ok(sureStatements.length > 0);
		assert.ok(
			sureStatements.every((t) => t.includes('95% interval [') && !t.includes('not distinguishable')),
			sureStatements.join(' | '),
		);
		// SPD has no target line, but the markers stay at the same α.
		assert.equal(sizeFigure(minimum, 'spd').target, undefined);
	});

	it('a size run without a minimum gets the same smallest collective from its best rows', () => {
		const fromSize = smallestCollectives({ ...minimum, minimum: undefined } as SimulationResult);
		const fromCore = minimum.minimum!;
		for (const m of fromCore) {
			const mine = fromSize.find((x) => x.method === m.method)!;
			assert.equal(mine.row?.alpha, m.row?.alpha);
		}
	});

	it('knowledge: says which method failed on which seeds, so a missing curve is explained', () => {
		const knowledge = load<SimulationResult>('knowledge');
		const spec = knowledgeFigure(knowledge, 'eqod');
		assert.ok(
			spec.statements.some((t) => t.startsWith('RB-dist (knowing 10 majority rows) failed on 3 of 3 seeds: rb-dist: k = 5')),
			spec.statements.join(' | '),
		);
		assert.equal(spec.series.filter((x) => x.dashed === true).length, 3);
	});

	it('says why a figure is empty, and every non-empty figure has a table', () => {
		const figs = buildFigures({ simulations: {} }, 'eqod');
		assert.ok(figs.every((f) => f.empty !== undefined && f.empty.length > 0));
		const full = buildFigures({ simulations: { minimum }, audit }, 'eqod');
		for (const f of full.filter((x) => x.empty === undefined)) {
			assert.ok(f.table.rows.length > 0 && f.table.rows.every((r) => r.length === f.table.columns.length), f.id);
		}
	});

	it('non-dominated points minimise both coordinates; formatting never shows NaN or -0', () => {
		assert.deepEqual(
			nonDominated([
				{ x: 1, y: 1 },
				{ x: 2, y: 0.5 },
				{ x: 2, y: 2 },
				{ x: 1, y: 1 },
			]),
			[true, true, false, true],
		);
		assert.equal(fmt(Number.NaN), '—');
		assert.equal(fmt(-0.00001), '0');
		assert.equal(fmt(0.123456), '0.1235');
	});
});
