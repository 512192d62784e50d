/**
 * The roles of a test's dataset, written where every reader looks for them: NAME.fairness.json
 * beside NAME.csv (the rule of src/shared/sidecarPath.ts), as format version 1.
 */
import { writeFileSync } from 'node:fs';
import type { Sidecar } from '../../src/core/roles/sidecar';
import { sidecarPathFor } from '../../src/shared/sidecarPath';

/** Writes `roles` to the sidecar of `dataPath` and returns the sidecar's path. */
export function writeSidecar(dataPath: string, roles: Omit<Sidecar, 'version'>): string {
	const file = sidecarPathFor(dataPath);
	writeFileSync(file, JSON.stringify({ version: 1, ...roles }));
	return file;
}
