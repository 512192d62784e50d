/**
 * Write faults (review cases O14, O15, F10): a full disk while writing a report set gives an
 * error naming the file (never "internal error"), keeps the old files, and leaves none of the
 * set and no temporary file. The fault is injected by making the flush fail with ENOSPC.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, promises as fs, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OutputWriteError, writeFilesAtomic } from '../../../src/io/atomicWrite';

describe('hostile: write faults', () => {
	it('ENOSPC on the second file of a set: none written, old file kept, no temporary file, the file named', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'cf-enospc-'));
		const probe = await fs.open(__filename, 'r');
		const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
		await probe.close();
		const sync = proto.sync;
		let calls = 0;
		proto.sync = function failingSync(this: unknown): Promise<void> {
			calls++;
			if (calls === 2) {
				const e = new Error('ENOSPC: no space left on device, fsync') as NodeJS.ErrnoException;
				e.code = 'ENOSPC';
				return Promise.reject(e);
			}
			return sync.call(this);
		};
		try {
			const html = path.join(dir, 'rep.html');
			writeFileSync(html, 'old report');
			const files = [
				{ target: html, content: 'new report' },
				{ target: path.join(dir, 'rep.rows.json'), content: '{}' },
				{ target: path.join(dir, 'rep.rows.csv'), content: 'a\n' },
			];
			await assert.rejects(writeFilesAtomic(files), (e: unknown) => {
				assert.ok(e instanceof OutputWriteError);
				assert.equal(e.code, 'ENOSPC');
				assert.match(e.message, /^cannot write .*rep\.rows\.json: no space left on the device \(ENOSPC\); nothing was changed$/);
				return true;
			});
			assert.deepEqual(readdirSync(dir), ['rep.html']);
			assert.equal(readFileSync(html, 'utf8'), 'old report');
		} finally {
			proto.sync = sync;
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('replacing a file keeps its permission bits (a private report stays private)', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'cf-mode-'));
		try {
			const f = path.join(dir, 'r.json');
			writeFileSync(f, 'old', { mode: 0o600 });
			await writeFilesAtomic([{ target: f, content: 'new' }]);
			assert.equal((await fs.stat(f)).mode & 0o777, 0o600);
			assert.equal(readFileSync(f, 'utf8'), 'new');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
