/**
 * Everything we write goes to a new file, atomically: the bytes go to a temporary file in the
 * same directory (same file system, so rename is atomic on POSIX and replaces in one step on
 * Windows), are flushed, and only then renamed over the target. A crash leaves either the old
 * file or the new one, never half of one. Writing over a dataset the user gave us is refused, and
 * so is replacing anything that is not a plain regular file: a rename over a device node, a FIFO,
 * a socket or a symbolic link would destroy that node (as root, `--out /dev/full` once turned the
 * device into a JSON file), so those targets are refused before any byte is written.
 */
import { promises as fs, rmSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class ProtectedFileError extends Error {
	constructor(readonly target: string) {
		super(`refusing to write ${target}: it is an input dataset, and the user's data is never modified; choose another output file`);
		this.name = 'ProtectedFileError';
	}
}

/** The target exists and is not something we may replace (a device, FIFO, socket, link, folder…). */
export class OutputRefusedError extends Error {
	constructor(
		readonly target: string,
		reason: string,
	) {
		super(`refusing to write ${target}: ${reason}`);
		this.name = 'OutputRefusedError';
	}
}

/** Writing failed for a reason of the system (disk full, read-only, permissions): names the file. */
export class OutputWriteError extends Error {
	readonly code: string | undefined;
	constructor(
		readonly target: string,
		cause: unknown,
	) {
		const code = (cause as NodeJS.ErrnoException | undefined)?.code;
		super(`cannot write ${target}: ${describeWriteFailure(cause)}; nothing was changed`);
		this.name = 'OutputWriteError';
		this.code = code;
	}
}

/** Temporary files being written now: removed synchronously if the process is interrupted. */
const pendingTemps = new Set<string>();

/**
 * Removes every temporary file still being written. For a signal handler (Ctrl-C during the final
 * write): synchronous, because the process exits right after it.
 */
export function removePendingTempFilesSync(): void {
	for (const temp of pendingTemps) {
		rmSync(temp, { force: true });
	}
	pendingTemps.clear();
}

/** What kind of file system node `stats` describes, in words for a message. */
export function nodeKind(stats: Stats): string {
	if (stats.isSymbolicLink()) {
		return 'a symbolic link (the tool never writes through or over a link)';
	}
	if (stats.isDirectory()) {
		return 'a folder';
	}
	if (stats.isFIFO()) {
		return 'a FIFO (named pipe)';
	}
	if (stats.isSocket()) {
		return 'a socket';
	}
	if (stats.isCharacterDevice() || stats.isBlockDevice()) {
		return 'a device';
	}
	return stats.isFile() ? 'a regular file' : 'not a regular file';
}

/** The existing node at `target` (not following links), or undefined when there is none. */
export async function existingNode(target: string): Promise<Stats | undefined> {
	try {
		return await fs.lstat(target);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}
		throw new OutputWriteError(target, e);
	}
}

export interface AtomicFile {
	readonly target: string;
	readonly content: string | Uint8Array;
}

/**
 * Writes `content` to `target` atomically.
 * @param protectedPaths input files that must never be overwritten (compared after resolving).
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, protectedPaths: readonly string[] = []): Promise<void> {
	await writeFilesAtomic([{ target, content }], protectedPaths);
}

/**
 * Writes several files as one set: every target is checked, then every temporary file is written
 * and flushed, and only then are they renamed into place. A full disk or a refusal therefore
 * leaves none of the set (an HTML report never ends up without its rows files).
 */
export async function writeFilesAtomic(files: readonly AtomicFile[], protectedPaths: readonly string[] = []): Promise<void> {
	const modes: Array<number | undefined> = [];
	for (const f of files) {
		modes.push(await checkTarget(f.target, protectedPaths));
	}
	const temps: string[] = [];
	try {
		for (const [i, f] of files.entries()) {
			const resolved = path.resolve(f.target);
			const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
			temps.push(temp);
			pendingTemps.add(temp);
			await writeTemp(temp, f, modes[i]);
		}
		for (const [i, f] of files.entries()) {
			try {
				await fs.rename(temps[i]!, path.resolve(f.target));
			} catch (e) {
				throw new OutputWriteError(f.target, e);
			}
			pendingTemps.delete(temps[i]!);
		}
	} finally {
		for (const temp of temps) {
			if (pendingTemps.delete(temp)) {
				await fs.rm(temp, { force: true });
			}
		}
	}
}

/** Refuses protected and non-regular targets; returns the permission bits of a file being replaced. */
async function checkTarget(target: string, protectedPaths: readonly string[]): Promise<number | undefined> {
	const resolved = path.resolve(target);
	for (const p of protectedPaths) {
		if (await sameFile(resolved, path.resolve(p))) {
			throw new ProtectedFileError(target);
		}
	}
	const dir = path.dirname(resolved);
	const folder = await fs.stat(dir).catch(() => undefined);
	if (folder === undefined || !folder.isDirectory()) {
		const e = new Error(`cannot write ${target}: the folder ${dir} does not exist`) as NodeJS.ErrnoException;
		e.code = 'ENOENT';
		throw e;
	}
	const existing = await existingNode(resolved);
	if (existing !== undefined && (existing.isSymbolicLink() || !existing.isFile())) {
		throw new OutputRefusedError(target, `it is ${nodeKind(existing)}; outputs go only to a new file or over a regular file`);
	}
	return existing === undefined ? undefined : existing.mode & 0o777;
}

async function writeTemp(temp: string, f: AtomicFile, mode: number | undefined): Promise<void> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(temp, 'wx');
	} catch (e) {
		throw new OutputWriteError(f.target, e);
	}
	try {
		await handle.writeFile(f.content);
		await handle.sync();
		if (mode !== undefined) {
			// Replacing a file keeps its permissions (a private 0600 report stays private).
			await handle.chmod(mode);
		}
	} catch (e) {
		throw new OutputWriteError(f.target, e);
	} finally {
		await handle.close();
	}
}

function describeWriteFailure(cause: unknown): string {
	const code = (cause as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ENOSPC':
			return 'no space left on the device (ENOSPC)';
		case 'EDQUOT':
			return 'the disk quota is exceeded (EDQUOT)';
		case 'EROFS':
			return 'the file system is read-only (EROFS)';
		case 'EACCES':
		case 'EPERM':
			return `permission denied (${code})`;
		case 'EIO':
			return 'an input/output error (EIO)';
		default:
			return cause instanceof Error ? cause.message : String(cause);
	}
}

/** True when both paths name the same file (same path, or same device and inode: hard and symbolic links). */
export async function sameFile(a: string, b: string): Promise<boolean> {
	if (a === b) {
		return true;
	}
	try {
		const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
		return sa.ino === sb.ino && sa.dev === sb.dev;
	} catch {
		return false;
	}
}
