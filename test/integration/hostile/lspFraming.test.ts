/**
 * Review cases L01, L02, L03, L15 (F17), over the server's real stdio: broken LSP framing is
 * logged on stderr and ends the server (exit 3), so the client restarts it, where it used to stay
 * alive and never answer again. A closed stdin still ends it; a clean shutdown exits 0.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { ensureBuilt, ROOT } from '../cli/run';

const SERVER = path.join(ROOT, 'dist', 'server.js');
const frame = (message: object): string => {
	const body = JSON.stringify({ jsonrpc: '2.0', ...message });
	return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

interface Running {
	readonly child: ChildProcessWithoutNullStreams;
	readonly exit: Promise<number | null>;
	stdout: string;
	stderr: string;
}

/** Starts the server and completes the initialize handshake over raw bytes. */
async function started(): Promise<Running> {
	const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
	const run: Running = { child, exit: new Promise((resolve) => child.on('exit', (code) => resolve(code))), stdout: '', stderr: '' };
	child.stdout.on('data', (b: Buffer) => {
		run.stdout += b.toString();
	});
	child.stderr.on('data', (b: Buffer) => {
		run.stderr += b.toString();
	});
	child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
	await until(() => run.stdout.includes('"id":1'), 20_000, 'initialize answered');
	child.stdin.write(frame({ method: 'initialized', params: {} }));
	return run;
}

async function until(done: () => boolean, ms: number, what: string): Promise<void> {
	const end = Date.now() + ms;
	while (!done()) {
		if (Date.now() > end) {
			throw new Error(`timed out waiting for: ${what}`);
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}

/** The exit code, or a failure if the server is still running after `ms`. */
async function exitWithin(run: Running, ms: number): Promise<number | null> {
	const timer = new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), ms));
	const code = await Promise.race([run.exit, timer]);
	if (code === 'alive') {
		run.child.kill();
		assert.fail(`the server is still running ${ms} ms later (stderr: ${run.stderr})`);
	}
	return code;
}

describe('hostile: LSP framing over stdio', () => {
	before(() => ensureBuilt());

	it('L02: Content-Length: abc is logged and ends the server with exit 3', async () => {
		const run = await started();
		run.child.stdin.write('Content-Length: abc\r\n\r\n{}');
		assert.equal(await exitWithin(run, 5000), 3);
		assert.match(
			run.stderr,
			/broken message on stdin \(Content-Length value must be a number\. Got abc\); exiting so that the client restarts the server/,
		);
	});

	it('L01: a header block without Content-Length, then a bare body, ends the server with exit 3', async () => {
		const run = await started();
		run.child.stdin.write('X-Nothing: 1\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}');
		assert.equal(await exitWithin(run, 5000), 3);
		assert.match(run.stderr, /broken message on stdin \(Header must provide a Content-Length property\.\)/);
	});

	it('L15: closing stdin ends the server (exit 1: no shutdown was asked)', async () => {
		const run = await started();
		run.child.stdin.end();
		assert.equal(await exitWithin(run, 5000), 1);
	});

	it('a well-framed session answers requests and exits 0 after shutdown and exit', async () => {
		const run = await started();
		run.child.stdin.write(frame({ id: 2, method: 'shutdown' }));
		await until(() => run.stdout.includes('"id":2'), 10_000, 'shutdown answered');
		run.child.stdin.write(frame({ method: 'exit' }));
		assert.equal(await exitWithin(run, 5000), 0);
		assert.equal(run.stderr, '');
	});
});
