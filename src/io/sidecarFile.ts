/** Reading and writing the sidecar `NAME.fairness.json` next to a CSV file. */
import { promises as fs } from 'node:fs';
import { formatSidecar, parseSidecar, sidecarPathFor, type Sidecar } from '../core/roles/sidecar';
import { writeFileAtomic } from './atomicWrite';

/** The sidecar of `csvPath`, or undefined when there is none. Throws SidecarError when it is invalid. */
export async function readSidecar(csvPath: string): Promise<{ path: string; sidecar: Sidecar } | undefined> {
	const p = sidecarPathFor(csvPath);
	let text: string;
	try {
		text = await fs.readFile(p, 'utf8');
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}
		throw e;
	}
	return { path: p, sidecar: parseSidecar(text, p) };
}

/** Writes the sidecar of `csvPath` atomically (never the CSV itself). */
export async function writeSidecar(csvPath: string, sidecar: Sidecar): Promise<string> {
	const p = sidecarPathFor(csvPath);
	await writeFileAtomic(p, formatSidecar(sidecar), [csvPath]);
	return p;
}
