/**
 * Hostile sidecars (review cases S09–S17, F6, F14, F15): a FIFO, a link to /dev/zero, a folder,
 * an oversized file or a BOM. Each gives a clear error naming the sidecar (exit 2) without
 * blocking or reading without bound, or, for the BOM, is read as the JSON it is.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { SIDECAR_MAX_BYTES, writeSidecar } from '../../../src/io/sidecarFile';
import { SidecarError, type Sidecar } from '../../../src/core/roles/sidecar';
import { cliAll, ensureBuilt, generated, tempDir, type CliRun } from '../cli/run';

describe('hostile: sidecars', () => {
	let dir: string;
	let cleanup = (): void => undefined;
	const runs = new Map<string, CliRun>();
	let roles: string;
	before(async () => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		const data = generated(dir, 300);
		roles = readFileSync(path.join(dir, 'data.fairness.json'), 'utf8');
		const dataset = (name: string): string => {
			const f = path.join(dir, `${name}.csv`);
			copyFileSync(data, f);
			return f;
		};
		const side = (name: string): string => path.join(dir, `${name}.fairness.json`);
		dataset('fifo');
		assert.equal(spawnSync('mkfifo', [side('fifo')]).status, 0, 'mkfifo works here');
		dataset('zero');
		symlinkSync('/dev/zero', side('zero'));
		dataset('folder');
		mkdirSync(side('folder'));
		dataset('big');
		writeFileSync(side('big'), '');
		truncateSync(side('big'), SIDECAR_MAX_BYTES + 1);
		dataset('bom');
		writeFileSync(side('bom'), `\ufeff${roles}`);
		dataset('dangling');
		symlinkSync(path.join(dir, 'nowhere.json'), side('dangling'));
		const names = ['fifo', 'zero', 'folder', 'big', 'bom', 'dangling'];
		const results = await cliAll(names.map((n) => ['audit', path.join(dir, `${n}.csv`), '--resamples', '10']));
		names.forEach((n, i) => runs.set(n, results[i]!));
	});
	after(() => cleanup());
	const run = (name: string): CliRun => runs.get(name)!;

	it('S15: a FIFO sidecar is an error naming it, at once (no hang)', () => {
		assert.equal(run('fifo').status, 2);
		assert.match(run('fifo').stderr, /fifo\.fairness\.json: cannot read the sidecar: it is a FIFO \(named pipe\), not a regular file/);
	});

	it('S16: a sidecar linked to /dev/zero is refused without reading it', () => {
		assert.equal(run('zero').status, 2);
		assert.match(run('zero').stderr, /zero\.fairness\.json: cannot read the sidecar: it is a device, not a regular file/);
	});

	it('S14: a sidecar that is a folder names the file', () => {
		assert.equal(run('folder').status, 2);
		assert.match(run('folder').stderr, /folder\.fairness\.json: cannot read the sidecar: it is a folder, not a regular file/);
	});

	it('S11: a sidecar over the size limit is refused with the limit in bytes', () => {
		assert.equal(run('big').status, 2);
		assert.match(run('big').stderr, /big\.fairness\.json: the sidecar is 16,777,217 bytes; a sidecar may hold at most 16,777,216 bytes/);
	});

	it('S09: a sidecar saved with a UTF-8 BOM is read', () => {
		assert.equal(run('bom').status, 0, run('bom').stderr);
		assert.match(run('bom').stdout, /Roles: group — minority minority vs majority majority/);
	});

	it('S20 (F18): a sidecar the validator would reject is never written', async () => {
		const csv = path.join(dir, 'edited.csv');
		writeFileSync(csv, 'sex,y\nF,1\nM,0\n');
		const bad = {
			version: 1,
			sensitive: { column: 'sex', minority: [1, null, { a: 1 }] },
			label: { column: 'y', favourable: ['1'] },
		} as unknown as Sidecar;
		await assert.rejects(writeSidecar(csv, bad), (e: unknown) => {
			assert.ok(e instanceof SidecarError);
			assert.match(e.message, /edited\.fairness\.json: field 'sensitive\.minority\[1\]'/);
			return true;
		});
		assert.equal(existsSync(path.join(dir, 'edited.fairness.json')), false);
		const good = JSON.parse(roles) as Sidecar;
		assert.match(await writeSidecar(csv, good), /edited\.fairness\.json$/);
	});

	it('S17: a dangling sidecar link counts as no sidecar', () => {
		assert.equal(run('dangling').status, 2);
		assert.match(run('dangling').stderr, /no roles for .*dangling\.csv: give --sensitive, --minority, --label, --positive/);
	});
});
