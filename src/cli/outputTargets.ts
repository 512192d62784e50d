/**
 * Where the CLI may write. An output goes to a new path, or over a regular file that is a report
 * this tool wrote, and then only with --force. Never over a dataset, a sidecar (NAME.fairness.json,
 * even one that does not exist yet: a report there would become the dataset's roles and break
 * every later command), a device, a FIFO, a socket or a symbolic link. Checked for every file of
 * a set before any is written, so a refusal leaves nothing half-written.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { existingNode, nodeKind, OutputRefusedError, ProtectedFileError, sameFile } from '../io/atomicWrite';

/** How a report of ours begins: JSON results, the HTML report, and its rows files. */
const OUR_JSON = /^\{\s*"tool":\s*"collective-fairness"/;
const OUR_HTML =
	/^<!DOCTYPE html>\s*<html lang="en"><head><meta charset="UTF-8">\s*<meta http-equiv="Content-Security-Policy"[^>]*>\s*<title>Collective Fairness report: /;
const OUR_ROWS_CSV = /^experiment,method,knowledge,alpha,grid_index,flips,pool_size,collective_size,seeds,/;

/** True when `file` starts the way a report, JSON result or rows file of this tool does. */
export async function isReportOfOurs(file: string): Promise<boolean> {
	let handle: fs.FileHandle | undefined;
	try {
		handle = await fs.open(file, 'r');
		const head = Buffer.alloc(1024);
		const { bytesRead } = await handle.read(head, 0, head.length, 0);
		const text = head.subarray(0, bytesRead).toString('utf8');
		return OUR_JSON.test(text) || OUR_HTML.test(text) || OUR_ROWS_CSV.test(text);
	} catch {
		return false;
	} finally {
		await handle?.close();
	}
}

/** True when the name is a sidecar's: it holds a dataset's roles and is never an output. */
export function isSidecarName(file: string): boolean {
	return /\.fairness\.json$/i.test(path.basename(file));
}

/**
 * Refuses each target that is not a new path or (with `force`) a report of ours. Throws
 * {@link OutputRefusedError} or {@link ProtectedFileError} naming the file and what to do.
 */
export async function checkReportTargets(
	targets: readonly string[],
	options: { readonly force: boolean; readonly protectedPaths: readonly string[] },
): Promise<void> {
	for (const target of targets) {
		if (isSidecarName(target)) {
			throw new OutputRefusedError(target, "a NAME.fairness.json file holds a dataset's roles, never a report; choose another name");
		}
		for (const p of options.protectedPaths) {
			if (await sameFile(path.resolve(target), path.resolve(p))) {
				throw new ProtectedFileError(target);
			}
		}
		const existing = await existingNode(target);
		if (existing === undefined) {
			continue;
		}
		if (existing.isSymbolicLink() || !existing.isFile()) {
			throw new OutputRefusedError(target, `it is ${nodeKind(existing)}; outputs go only to a new file or over a report of ours`);
		}
		if (!(await isReportOfOurs(target))) {
			throw new OutputRefusedError(
				target,
				'the file exists and is not a report written by collective-fairness; choose a new file (--force replaces only a report of ours)',
			);
		}
		if (!options.force) {
			throw new OutputRefusedError(target, 'the file exists (a report of ours); add --force to replace it');
		}
	}
}

/** For `generate`: every target must be a new path; an existing file of any kind is refused. */
export async function checkNewFiles(targets: readonly string[]): Promise<void> {
	for (const target of targets) {
		const existing = await existingNode(target);
		if (existing !== undefined) {
			throw new OutputRefusedError(
				target,
				`it already exists (${nodeKind(existing)}); generate writes only new files, so a dataset or its roles are never replaced: choose a new name or remove the file yourself`,
			);
		}
	}
}
