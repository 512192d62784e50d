/**
 * The start every command that runs on one dataset shares (audit, simulate, compare; profile
 * declares and parses its options the same way): its arguments parsed with the role flags, then
 * --out checked before any work (a refusal must not cost a run), the dataset read with a progress
 * line, and its roles resolved (flags over the sidecar).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Sidecar } from '../core/roles/sidecar';
import { loadDataset, type LoadedDataset } from '../io/loadDataset';
import { checkOutputBeforeRun } from './output';
import { createProgress, type ProgressSink } from './progress';
import { ROLE_OPTIONS, sidecarFromFlags, type RoleFlagValues } from './roleFlags';
import type { Command } from './command';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** parseArgs over the role flags and the command's own `options`, the dataset file as a positional. */
export function parseDatasetArgs<O extends OptionsConfig>(args: readonly string[], options: O) {
	return parseArgs({ args: [...args], options: { ...ROLE_OPTIONS, ...options }, allowPositionals: true });
}

/** A command that works on one dataset (profile, audit, simulate, compare): its own options as data, beside the role flags. */
export interface DatasetCommandSpec<O extends OptionsConfig> extends Omit<Command, 'run'> {
	readonly options: O;
	/** Runs with the arguments parsed by {@link parseDatasetArgs}; resolves to the exit code. */
	run(parsed: ReturnType<typeof parseDatasetArgs<O>>): Promise<number>;
}

export function datasetCommand<O extends OptionsConfig>(spec: DatasetCommandSpec<O>): Command {
	return {
		name: spec.name,
		summary: spec.summary,
		help: spec.help,
		flags: Object.keys({ ...ROLE_OPTIONS, ...spec.options }),
		run: (args) => spec.run(parseDatasetArgs(args, spec.options)),
	};
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
