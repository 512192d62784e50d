/**
 * Hostile output targets (review cases O01–O22, S18): the CLI writes only to a new path or, with
 * --force, over a report of its own; never over a dataset, a sidecar, a device, a FIFO, a socket
 * or a link, and never leaves a temporary file behind. Each case asserts the exit code, the
 * message and the files left.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, linkSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { cli, ensureBuilt, generated, tempDir } from '../cli/run';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
const temps = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const FAST = ['--resamples', '10'];

describe('hostile: output targets', () => {
	let dir: string;
	let data: string;
	let sidecar: string;
	let cleanup = (): void => undefined;
	let before0: { data: string; sidecar: string };
	before(() => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		data = generated(dir, 400);
		sidecar = path.join(dir, 'data.fairness.json');
		before0 = { data: sha(data), sidecar: sha(sidecar) };
	});
	after(() => cleanup());
	const unchanged = (): void => {
		assert.equal(sha(data), before0.data, 'the dataset is unchanged');
		assert.equal(sha(sidecar), before0.sidecar, 'its sidecar is unchanged');
		assert.deepEqual(temps(dir), [], 'no temporary file left');
	};

	it('O20: generate --out an existing dataset exits 2 naming it, and leaves it and its sidecar unchanged', () => {
		const r = cli(['generate', '--out', data, '--rows', '100']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /refusing to write .*data\.csv: it already exists \(a regular file\); generate writes only new files/);
		assert.equal(r.stdout, '');
		unchanged();
	});

	it("O21: generate --out another dataset's sidecar is refused (no CSV text over the roles)", () => {
		const r = cli(['generate', '--out', sidecar, '--rows', '50']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /--out .*data\.fairness\.json: a NAME\.fairness\.json file holds a dataset's roles/);
		unchanged();
	});

	it('generate refuses a new CSV name whose sidecar already exists, writing nothing', () => {
		const roles = path.join(dir, 'fresh.fairness.json');
		writeFileSync(roles, '{"version":1}');
		const r = cli(['generate', '--out', path.join(dir, 'fresh.csv'), '--rows', '50']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /refusing to write .*fresh\.fairness\.json: it already exists/);
		assert.equal(existsSync(path.join(dir, 'fresh.csv')), false);
		assert.equal(readFileSync(roles, 'utf8'), '{"version":1}');
	});

	it('O01–O04: --out the dataset, its sidecar, a symlink or a hard link to the dataset is refused, even with --force', () => {
		const soft = path.join(dir, 'soft.json');
		const hard = path.join(dir, 'hard.json');
		symlinkSync(data, soft);
		linkSync(data, hard);
		for (const target of [data, soft, hard]) {
			const r = cli(['audit', data, ...FAST, '--out', target, '--force']);
			assert.equal(r.status, 2, target);
			assert.match(r.stderr, /refusing to write .*: it is an input dataset/, target);
		}
		const s = cli(['audit', data, ...FAST, '--out', sidecar, '--force']);
		assert.equal(s.status, 2);
		assert.match(s.stderr, /refusing to write .*data\.fairness\.json/);
		assert.ok(lstatSync(soft).isSymbolicLink(), 'the link is still a link');
		unchanged();
	});

	it('O10–O11: a FIFO, a symlink to /proc/self/fd/1 and a socket are refused and left as they are', async () => {
		const fifo = path.join(dir, 'fifo');
		const stdout = path.join(dir, 'stdout');
		const sock = path.join(dir, 'sock');
		assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo works here');
		symlinkSync('/proc/self/fd/1', stdout);
		const server = net.createServer();
		await new Promise<void>((resolve) => server.listen(sock, resolve));
		try {
			const cases: Array<[string, RegExp]> = [
				[fifo, /it is a FIFO \(named pipe\)/],
				[stdout, /it is a symbolic link/],
				[sock, /it is a socket/],
			];
			for (const [target, why] of cases) {
				const r = cli(['audit', data, ...FAST, '--out', target, '--force']);
				assert.equal(r.status, 2, `${target}: ${r.stderr}`);
				assert.match(r.stderr, why);
				assert.match(r.stderr, /outputs go only to a new file or over a report of ours/);
			}
			assert.ok(lstatSync(fifo).isFIFO());
			assert.ok(lstatSync(stdout).isSymbolicLink());
			assert.ok(lstatSync(sock).isSocket());
		} finally {
			server.close();
		}
		unchanged();
	});

	it('O08–O09: a character device is refused and stays a device (needs root to create one)', (t) => {
		const dev = path.join(dir, 'fulldev');
		if (spawnSync('mknod', [dev, 'c', '1', '7']).status !== 0) {
			t.skip('mknod needs root here; the FIFO, link and socket cases cover the same check');
			return;
		}
		const r = cli(['audit', data, ...FAST, '--out', dev, '--force']);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /refusing to write .*fulldev: it is a device/);
		assert.ok(lstatSync(dev).isCharacterDevice(), 'still a device');
		unchanged();
	});

	it('an existing file that is not ours is refused with or without --force; a report of ours needs --force', () => {
		const notes = path.join(dir, 'notes.json');
		writeFileSync(notes, '{"mine": true}\n');
		for (const extra of [[], ['--force']]) {
			const r = cli(['audit', data, ...FAST, '--out', notes, ...extra]);
			assert.equal(r.status, 2);
			assert.match(r.stderr, /notes\.json: the file exists and is not a report written by collective-fairness/);
		}
		assert.equal(readFileSync(notes, 'utf8'), '{"mine": true}\n');
		const report = path.join(dir, 'report.json');
		assert.equal(cli(['audit', data, ...FAST, '--out', report]).status, 0);
		const first = readFileSync(report, 'utf8');
		const again = cli(['audit', data, ...FAST, '--out', report, '--seed', '1']);
		assert.equal(again.status, 2);
		assert.match(again.stderr, /report\.json: the file exists \(a report of ours\); add --force to replace it/);
		assert.equal(readFileSync(report, 'utf8'), first);
		const forced = cli(['audit', data, ...FAST, '--out', report, '--seed', '1', '--force']);
		assert.equal(forced.status, 0, forced.stderr);
		assert.notEqual(readFileSync(report, 'utf8'), first);
		unchanged();
	});

	it('simulate --out: a report of ours is replaced only with --force', () => {
		const report = path.join(dir, 'sim.json');
		const args = ['simulate', data, '--experiment', 'flips', '--seeds', '1', '--flips', '2', '--workers', '1', '--out', report];
		assert.equal(cli(args).status, 0);
		const first = readFileSync(report, 'utf8');
		const again = cli(args);
		assert.equal(again.status, 2);
		assert.match(again.stderr, /sim\.json: the file exists \(a report of ours\); add --force to replace it/);
		assert.equal(readFileSync(report, 'utf8'), first);
		const forced = cli([...args, '--force']);
		assert.equal(forced.status, 0, forced.stderr);
		assert.match(forced.stdout, /Written: .*sim\.json/);
		unchanged();
	});

	it('S18: --out NAME.fairness.json is refused when no sidecar exists, and the dataset keeps working', () => {
		const bare = path.join(dir, 'bare.csv');
		writeFileSync(bare, readFileSync(data));
		const roles = ['--sensitive', 'group', '--minority', 'minority', '--label', 'label', '--positive', 'favourable'];
		const header = readFileSync(bare, 'utf8').split('\n', 1)[0]!;
		assert.match(header, /group/, 'the generated header has a group column');
		const r = cli(['audit', bare, ...FAST, ...roles, '--out', path.join(dir, 'bare.fairness.json')]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /bare\.fairness\.json: a NAME\.fairness\.json file holds a dataset's roles, never a report/);
		assert.equal(existsSync(path.join(dir, 'bare.fairness.json')), false);
		const later = cli(['audit', bare, ...FAST, ...roles]);
		assert.equal(later.status, 0, later.stderr);
	});

	it('O05: --out rep.html when rep.rows.csv is a FIFO is refused before anything of the set is written', () => {
		const sub = path.join(dir, 'set');
		mkdirSync(sub);
		assert.equal(spawnSync('mkfifo', [path.join(sub, 'rep.rows.csv')]).status, 0);
		const r = cli(['audit', data, ...FAST, '--out', path.join(sub, 'rep.html')]);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /rep\.rows\.csv: it is a FIFO/);
		assert.deepEqual(readdirSync(sub), ['rep.rows.csv'], 'neither rep.html nor rep.rows.json written');
	});

	it('O22: --out ds.html next to ds.csv writes the three files and leaves the inputs as they were', () => {
		const r = cli(['audit', data, ...FAST, '--out', path.join(dir, 'data.html')]);
		assert.equal(r.status, 0, r.stderr);
		for (const f of ['data.html', 'data.rows.json', 'data.rows.csv']) {
			assert.ok(existsSync(path.join(dir, f)), f);
		}
		unchanged();
	});

	it('O19: Ctrl-C during the final write exits 130 and leaves no temporary file', async () => {
		const sub = path.join(dir, 'interrupt');
		mkdirSync(sub);
		const target = path.join(sub, 'out.json');
		const child = spawn(process.execPath, [path.join(__dirname, 'slowWriteChild.js'), target], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (b: Buffer) => {
			stderr += b.toString();
		});
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('the child never reached the flush')), 20_000);
			child.stdout.on('data', (b: Buffer) => {
				if (b.toString().includes('syncing')) {
					clearTimeout(timer);
					resolve();
				}
			});
		});
		assert.equal(temps(sub).length, 1, 'the temporary file exists while the write is under way');
		child.kill('SIGINT');
		const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
		assert.equal(code, 130, stderr);
		assert.match(stderr, /cancelled during the write; nothing was written/);
		assert.deepEqual(readdirSync(sub), [], 'neither the target nor a temporary file');
	});
});
