/**
 * Real and large data over stdio: Adult (from ../shared/datasets, skipped with the reason when
 * absent) and a generated 60 MB CSV. Prints the measured figures: the first hover on the 60 MB
 * file (from didOpen), the hover p95 once parsed, and hovers sent while a simulation runs; a
 * simulation cancelled mid-run must stop quickly. Targets (issue 5): < 3 s, < 20 ms, < 100 ms.
 * The machine is shared, so assertions use generous bounds and the figures are printed with the load.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { locateDataset } from '../../support/datasets';
import { ADULT_SEX } from '../../support/realDataRoles';
import { writeSidecar } from '../../support/sidecar';
import { percentile, TestClient } from './lspClient';
import { generateCsv } from './bigCsv';

const adult = locateDataset('adult.csv');
const load = (): string =>
	loadavg()
		.map((l) => l.toFixed(1))
		.join(' ');

void describe('large and real files over stdio', () => {
	let client: TestClient;
	let dir: string;

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cf-large-'));
		client = new TestClient();
		await client.initialize();
	});
	after(async () => {
		await client.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	void it('hovers and diagnoses Adult (sex as the sensitive attribute)', { skip: adult.skip }, async () => {
		const csv = join(dir, 'adult.csv');
		copyFileSync(adult.path!, csv);
		writeSidecar(csv, ADULT_SEX);
		const uri = pathToFileURL(csv).href;
		await client.open(uri, readFileSync(csv, 'utf8'));
		const d = await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'four-fifths'));
		const proxies = d.filter((x) => x.code === 'proxy-column').map((x) => (x.data as { column: string }).column);
		assert.ok(proxies.includes('relationship'), `proxies: ${proxies.join(', ')}`);
		assert.match(d.find((x) => x.code === 'four-fifths')!.message, /'Female' is 10\.9% against 30\.6% for 'Male'/);
		const race = await client.hover(uri, 0, 'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,r'.length);
		assert.match(race!.contents.value, /^\*\*race\*\* — categorical · column 9 of 15/);
		assert.match(race!.contents.value, /32,561 rows · 0 missing/);
		assert.match(race!.contents.value, /White +█+.* 85\.4%/);
		// race by sex (counted from adult.csv with Python's csv module): Black is 14.4% of women, 7.2% of men.
		assert.match(race!.contents.value, /\| Female \| 10,771 \| 0 \| White 80\.2% · Black 14\.4% · Asian-Pac-Islander 3\.2% \|/);
		assert.match(race!.contents.value, /\| Male \| 21,790 \| 0 \| White 88\.0% · Black 7\.2% · Asian-Pac-Islander 3\.2% \|/);
		const label = await client.hover(
			uri,
			0,
			'age,workclass,fnlwgt,education,education-num,marital-status,occupation,relationship,race,sex,capital-gain,capital-loss,hours-per-week,native-country,i'
				.length,
		);
		assert.match(label!.contents.value, /\| Female \| 10,771 \| 10\.9% \|/, "the label's hover keeps the groups' favourable rates");
		const times: number[] = [];
		for (let i = 0; i < 60; i++) {
			const t = performance.now();
			const h = await client.hover(uri, 1 + ((i * 523) % 32000), (i * 7) % 60);
			times.push(performance.now() - t);
			assert.ok(h !== null);
		}
		console.log(
			`# adult hover: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (target p95 < 20 ms; load ${load()})`,
		);
		assert.ok(percentile(times, 95) < 200);
	});

	void it('answers the first hover on a 60 MB file soon after opening it', async () => {
		const csv = join(dir, 'big.csv');
		const text = generateCsv(60 * 1024 * 1024);
		writeFileSync(csv, text);
		const uri = pathToFileURL(csv).href;
		const t0 = performance.now();
		await client.open(uri, text);
		// The compare request answers at once: its reply marks the server having read the 60 MB didOpen.
		await client.connection.sendRequest('collectiveFairness/compare', { uri }).catch(() => undefined);
		const received = performance.now();
		const h = await client.hover(uri, 100_000, 3);
		const first = performance.now() - t0;
		console.log(
			`# 60 MB (${(text.length / 1e6).toFixed(1)} MB): first hover ${(first / 1000).toFixed(2)} s after didOpen was sent, of which ${((received - t0) / 1000).toFixed(2)} s moving the text over stdio and ${((performance.now() - received) / 1000).toFixed(2)} s in the server (target < 3 s; load ${load()})`,
		);
		assert.match(h!.contents.value, /^\*\*age\*\* — numeric · column 2 of 7/);
		assert.match(h!.contents.value, /min 18 · .* max 77/);
		assert.ok(first < 30_000);
		const d = await client.waitForDiagnostics(uri, () => true, 60_000);
		assert.deepEqual(
			d.map((x) => x.code),
			[],
		);
		const full = await client.hover(uri, 100_000, 3);
		assert.doesNotMatch(full!.contents.value, /Preliminary/);
		const rows = Number(/([\d,]+) rows/.exec(full!.contents.value)![1]!.replace(/,/g, ''));
		assert.ok(rows > 500_000, `${rows} rows`);
		const times: number[] = [];
		for (let i = 0; i < 40; i++) {
			const t = performance.now();
			await client.hover(uri, 1 + i * 13_001, 1 + (i % 5) * 9);
			times.push(performance.now() - t);
		}
		console.log(
			`# 60 MB hover once parsed (${rows.toLocaleString('en-US')} rows): p95 ${percentile(times, 95).toFixed(1)} ms (target < 20 ms)`,
		);
		await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
	});

	void it('stays responsive during a simulation and stops it quickly when cancelled', async () => {
		const csv = join(dir, 'sim.csv');
		writeFileSync(csv, generateCsv(1_000_000, 11));
		writeSidecar(csv, { sensitive: { column: 'group', minority: ['b'] }, label: { column: 'label', favourable: ['yes'] } });
		const uri = pathToFileURL(csv).href;
		await client.open(uri, readFileSync(csv, 'utf8'));
		await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'four-fifths'));
		const audit = await client.connection.sendRequest<{ roles: { minority: string }; summary: { spd: { value: number | null } } }>(
			'collectiveFairness/audit',
			{ uri, resamples: 20 },
		);
		assert.equal(audit.roles.minority, 'b');
		assert.ok(audit.summary.spd.value !== null);
		const source = new CancellationTokenSource();
		const run = client.connection.sendRequest(
			'collectiveFairness/simulate',
			{ uri, params: { experiment: 'size', seeds: 20 }, workDoneToken: 'sim-1' },
			source.token,
		);
		await new Promise((r) => setTimeout(r, 800));
		const times: number[] = [];
		for (let i = 0; i < 20; i++) {
			const t = performance.now();
			await client.hover(uri, 1 + i * 97, 2);
			times.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 20));
		}
		console.log(
			`# hover during a simulation: p50 ${percentile(times, 50).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target < 100 ms; load ${load()})`,
		);
		const cancelledAt = performance.now();
		source.cancel();
		await assert.rejects(run, (e: { code: number }) => e.code === -32800);
		const stop = performance.now() - cancelledAt;
		console.log(`# simulation cancelled: rejected ${stop.toFixed(0)} ms after $/cancelRequest`);
		assert.ok(stop < 2000);
		assert.ok(percentile(times, 50) < 500);
	});
});
