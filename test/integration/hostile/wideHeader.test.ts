/**
 * Review cases C23, C24, L20 (F4): a file that is one very long header line. Past the documented
 * limits (200,000 columns, a 16 MiB header) the read stops with an error naming the file, line 1,
 * column 1, in the CLI and in the language server, each run in a child process with a 1 GB heap
 * (the 45 MB file once aborted Node with a heap out-of-memory error, exit 134).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CsvError, parseCsv } from '../../../src/core/csv/index';
import { MAX_COLUMNS, MAX_HEADER_BYTES } from '../../../src/core/csv/options';
import { CLI, ensureBuilt, tempDir } from '../cli/run';
import { TestClient } from '../server/lspClient';

const HEAP = '--max-old-space-size=1024';
/** 45 MB: 5.8 million columns on one line, as in the review. */
const oneLine = (columns: number): string => Array.from({ length: columns }, (_, i) => String(i)).join(',');

describe('hostile: a very wide header', () => {
	let dir: string;
	let cleanup = (): void => undefined;
	let wide45: string;
	before(() => {
		ensureBuilt();
		({ dir, cleanup } = tempDir());
		wide45 = path.join(dir, 'w45.csv');
		writeFileSync(wide45, oneLine(5_800_000));
	});
	after(() => cleanup());

	it('the engine refuses more than MAX_COLUMNS columns, and accepts exactly that many', () => {
		assert.throws(
			() => parseCsv(`${oneLine(MAX_COLUMNS + 1)}\n`, { fileName: 'w.csv' }),
			(e: unknown) => {
				assert.ok(e instanceof CsvError);
				assert.equal(e.code, 'too-many-columns');
				assert.match(e.message, /^w\.csv:1:1: the first record has 200,001 fields; at most 200,000 columns are supported/);
				return true;
			},
		);
		const ok = parseCsv(`${oneLine(1000)}\n${oneLine(1000)}\n`);
		assert.equal(ok.table.columns.length, 1000);
		assert.equal(MAX_HEADER_BYTES, 16 * 1024 * 1024);
	});

	it('C24: the CLI gives a clear error on the 45 MB one-line file under a 1 GB heap (exit 2, not 134)', () => {
		const r = spawnSync(process.execPath, [HEAP, CLI, 'profile', wide45], { encoding: 'utf8', timeout: 120_000 });
		assert.equal(r.status, 2, r.stderr);
		assert.match(r.stderr, /w45\.csv:1:1: the first line \(the header\) is longer than 16,777,216 bytes/);
		assert.doesNotMatch(r.stderr, /internal error|heap/i);
	});

	it("C23: 1.5 million columns (10 MB) is the column limit's error, quickly", () => {
		const w10 = path.join(dir, 'w10.csv');
		writeFileSync(w10, oneLine(1_500_000));
		const r = spawnSync(process.execPath, [HEAP, CLI, 'profile', w10], { encoding: 'utf8', timeout: 120_000 });
		assert.equal(r.status, 2, r.stderr);
		assert.match(r.stderr, /w10\.csv:1:1: the first record has 1,500,000 fields; at most 200,000 columns/);
	});

	it('L20: the language server, under a 1 GB heap, reports the 45 MB file and keeps answering', { timeout: 180_000 }, async () => {
		const client = new TestClient([HEAP]);
		try {
			await client.initialize();
			const small = pathToFileURL(path.join(dir, 'small.csv')).href;
			const wide = pathToFileURL(wide45).href;
			// The server reports a file it cannot analyse in its analysis status (and its log).
			const status = new Promise<{ uri: string; state: string; message?: string }>((resolve) => {
				client.connection.onNotification('collectiveFairness/analysisStatus', (p: { uri: string; state: string; message?: string }) => {
					if (p.uri === wide && p.state === 'error') {
						resolve(p);
					}
				});
			});
			await client.open(wide, oneLine(5_800_000));
			const error = await status;
			// The notification names the document by its uri; the message gives line 1, column 1.
			assert.match(error.message ?? '', /:1:1: the first line \(the header\) is longer than 16,777,216 bytes/);
			await client.open(small, 'g,y\nA,1\nB,0\n');
			const hover = await client.hover(small, 1, 0);
			assert.ok(hover !== null, 'still answering');
		} finally {
			await client.stop();
		}
		assert.doesNotMatch(client.stderr, /heap out of memory/i);
	});
});
