/** Reading and writing the sidecar `NAME.fairness.json` next to a CSV file. */
import { constants, promises as fs } from 'node:fs';
import { formatSidecar, parseSidecar, SidecarError, type Sidecar } from '../core/roles/sidecar';
import { sidecarPathFor } from '../shared/sidecarPath';
import { nodeKind, writeFileAtomic } from './atomicWrite';

/**
 * A sidecar holds a few roles and a description; anything larger is not one. The limit keeps a
 * link to /dev/zero or a huge file from being read into memory (it once read 0.5 GB and then
 * failed with an engine message).
 */
export const SIDECAR_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The sidecar of `csvPath`, or undefined when there is none (or a dangling link). Throws
 * SidecarError naming the file when it is invalid, not a regular file, or too large.
 *
 * Opened with O_NONBLOCK and checked on the open descriptor: a FIFO named NAME.fairness.json
 * would otherwise block the read forever (in the language server, one libuv thread per FIFO,
 * until no file could be read at all), and checking the descriptor rather than the path leaves
 * no gap for the file to be swapped between the check and the read.
 */
export async function readSidecar(csvPath: string): Promise<{ path: string; sidecar: Sidecar } | undefined> {
	const p = sidecarPathFor(csvPath);
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(p, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			return undefined;
		}
		throw new SidecarError(p, '', `cannot read the sidecar: ${code ?? (e as Error).message}`);
	}
	let text: string;
	try {
		const info = await handle.stat();
		if (!info.isFile()) {
			throw new SidecarError(p, '', `cannot read the sidecar: it is ${nodeKind(info)}, not a regular file`);
		}
		if (info.size > SIDECAR_MAX_BYTES) {
			throw new SidecarError(
				p,
				'',
				`the sidecar is ${info.size.toLocaleString('en-US')} bytes; a sidecar may hold at most ${SIDECAR_MAX_BYTES.toLocaleString('en-US')} bytes`,
			);
		}
		// Read one byte past the limit: a file growing after the stat is still caught.
		const buffer = Buffer.alloc(info.size + 1);
		let length = 0;
		for (;;) {
			const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
			length += bytesRead;
			if (bytesRead === 0 || length === buffer.length) {
				break;
			}
		}
		if (length > info.size) {
			throw new SidecarError(p, '', 'the sidecar changed while it was being read; try again');
		}
		text = buffer.subarray(0, length).toString('utf8');
	} catch (e) {
		if (e instanceof SidecarError) {
			throw e;
		}
		throw new SidecarError(p, '', `cannot read the sidecar: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
	} finally {
		await handle.close();
	}
	return { path: p, sidecar: parseSidecar(text, p) };
}

/**
 * Writes the sidecar of `csvPath` atomically (never the CSV itself), after checking it with the
 * same validator that reads it: a role edit with values like `[1, null, {a: 1}]` once wrote a
 * sidecar that every later read then rejected. Throws SidecarError naming the field; writes nothing.
 */
export async function writeSidecar(csvPath: string, sidecar: Sidecar): Promise<string> {
	const p = sidecarPathFor(csvPath);
	const text = formatSidecar(sidecar);
	parseSidecar(text, p);
	await writeFileAtomic(p, text, [csvPath]);
	return p;
}
