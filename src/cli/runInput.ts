/**
 * The start every command that runs on one dataset shares (audit, simulate, compare): its
 * arguments parsed with the role flags, then --out checked before any work (a refusal must not
 * cost a run), the dataset read with a progress line, and its roles resolved (flags over the
 * sidecar).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Sidecar } from '../core/roles/sidecar';
import { loadDataset, type LoadedDataset } from '../io/loadDataset';
import { checkOutputBeforeRun } from './output';
import { createProgress, type ProgressSink } from './progress';
import { ROLE_OPTIONS, sidecarFromFlags, type RoleFlagValues } from './roleFlags';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** parseArgs over the role flags and the command's own `options`, the dataset file as a positional. */
export function parseDatasetArgs<O extends OptionsConfig>(args: readonly string[], options: O) {
	return parseArgs({ args: [...args], options: { ...ROLE_OPTIONS, ...options }, allowPositionals: true });
}

/** What a run starts from: its progress line (still open), the dataset as read and the roles to use. */
export interface RunInput {
	readonly progress: ProgressSink;
	readonly loaded: LoadedDataset;
	readonly sidecar: Sidecar;
}

export async function openRunInput(
	values: RoleFlagValues & { readonly out?: string; readonly force?: boolean },
	file: string,
	onBadRow: 'skip' | 'fail',
): Promise<RunInput> {
	await checkOutputBeforeRun(values.out, values.force === true, file);
	const progress = createProgress();
	const loaded = await loadDataset(file, { onBadRow, onProgress: (done, total) => progress.update('reading', done, total) });
	const sidecar = sidecarFromFlags(values, loaded.sidecar, file);
	return { progress, loaded, sidecar };
}
