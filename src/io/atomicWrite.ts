/**
 * Everything we write goes to a new file, atomically: the bytes go to a temporary file in the
 * same directory (same file system, so rename is atomic on POSIX and replaces in one step on
 * Windows), are flushed, and only then renamed over the target. A crash leaves either the old
 * file or the new one, never half of one. Writing over a dataset the user gave us is refused.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class ProtectedFileError extends Error {
	constructor(readonly target: string) {
		super(`refusing to write ${target}: it is an input dataset, and the user's data is never modified; choose another output file`);
		this.name = 'ProtectedFileError';
	}
}

/**
 * Writes `content` to `target` atomically.
 * @param protectedPaths input files that must never be overwritten (compared after resolving).
 */
export async function writeFileAtomic(target: string, content: string | Uint8Array, protectedPaths: readonly string[] = []): Promise<void> {
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
	const temp = path.join(dir, `.${path.basename(resolved)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
	const handle = await fs.open(temp, 'wx');
	try {
		await handle.writeFile(content);
		await handle.sync();
	} catch (e) {
		await handle.close();
		await fs.rm(temp, { force: true });
		throw e;
	}
	await handle.close();
	try {
		await fs.rename(temp, resolved);
	} catch (e) {
		await fs.rm(temp, { force: true });
		throw e;
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
