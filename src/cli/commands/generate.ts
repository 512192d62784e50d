/** `collective-fairness generate`: a synthetic dataset with known counterfactuals, and its sidecar. */
import { parseArgs } from 'node:util';
import { generateSynthetic, generateToy, TOY_TEST_FRACTION, toySidecar } from '../../core/synthetic';
import { tableToCsv } from '../../shared/csvWriter';
import { formatSidecar, type Sidecar } from '../../core/roles/sidecar';
import type { Table } from '../../core/csv/table';
import { sidecarPathFor } from '../../shared/sidecarPath';
import { writeFilesAtomic } from '../../io/atomicWrite';
import { checkNewFiles, isSidecarName } from '../outputTargets';
import type { Command } from '../command';
import { EXIT_OK, UsageError } from '../errors';
import { printJson, printOut } from '../terminal';

const HELP = `Usage: collective-fairness generate --out FILE [--rows N] [--seed S] [options]

Writes a synthetic CSV from the paper's causal picture (group A and latent factors U cause the
features and the label; the recorded label is biased against the minority) where every row also
carries its counterfactual features and label under A ← majority (columns cf_*), and writes its
roles to the sidecar FILE's NAME.fairness.json (the cf_* columns excluded from the features).

Options:
  --out FILE                  where to write the CSV (required; a new file: an existing file, or an
                              existing FILE's NAME.fairness.json, is never replaced)
  --rows N                    number of rows (default 5000)
  --seed S                    random seed (default 0)
  --minority-fraction F       share of minority rows, in (0, 1) (default 0.3)
  --group-shift G             how much the group shifts the features, in [0, 5] (default 1)
  --label-bias B              bias of the recorded label against the minority, in [0, 5] (default 0.6)
  --missing-rate R            share of missing feature cells, in [0, 0.9] (default 0)
  --toy                       the motivating toy instead: two features x1, x2 (and cf_x1, cf_x2,
                              cf_label), 3,000 rows, 20 % minority displaced in feature space,
                              label bias 1.4; --rows, --seed, --minority-fraction, --group-shift and
                              --label-bias apply. Simulate it with --test-fraction ${TOY_TEST_FRACTION}
  --json                      print a JSON summary`;

export const generateCommand: Command = {
	name: 'generate',
	summary: 'write a synthetic dataset with known counterfactuals (and its sidecar)',
	help: HELP,
	async run(args) {
		const { values } = parseArgs({
			args: [...args],
			options: {
				out: { type: 'string' },
				rows: { type: 'string' },
				seed: { type: 'string', default: '0' },
				'minority-fraction': { type: 'string' },
				'group-shift': { type: 'string' },
				'label-bias': { type: 'string' },
				'missing-rate': { type: 'string' },
				json: { type: 'boolean', default: false },
				toy: { type: 'boolean', default: false },
			},
			allowPositionals: false,
		});
		if (values.out === undefined) {
			throw new UsageError('--out FILE is required');
		}
		if (isSidecarName(values.out)) {
			throw new UsageError(
				`--out ${values.out}: a NAME.fairness.json file holds a dataset's roles; give the CSV's name (its sidecar is written beside it)`,
			);
		}
		// Checked before generating, so a refused name costs nothing; checked again when writing.
		await checkNewFiles([values.out, sidecarPathFor(values.out)]);
		const num = (flag: string, text: string | undefined): number | undefined => {
			if (text === undefined) {
				return undefined;
			}
			const v = Number(text);
			if (text.trim() === '' || !Number.isFinite(v)) {
				throw new UsageError(`--${flag} must be a number, got '${text}'`);
			}
			return v;
		};
		if (values.toy) {
			if (values['missing-rate'] !== undefined) {
				throw new UsageError('--missing-rate does not apply to --toy (the toy has no missing cells)');
			}
			const toy = generateToy({
				...optional('rows', num('rows', values.rows)),
				seed: num('seed', values.seed)!,
				...optional('minorityFraction', num('minority-fraction', values['minority-fraction'])),
				...optional('shift', num('group-shift', values['group-shift'])),
				...optional('labelBias', num('label-bias', values['label-bias'])),
			});
			return writeGenerated(values.out, values.json, toy.table, toySidecar(toy), toy.options, (size, sidecarPath) => [
				`Wrote the toy (${size}) to ${values.out}`,
				`Roles in ${sidecarPath}`,
				`Simulate it with --test-fraction ${TOY_TEST_FRACTION}`,
			]);
		}
		const options = {
			rows: num('rows', values.rows ?? '5000')!,
			seed: num('seed', values.seed)!,
			...optional('minorityFraction', num('minority-fraction', values['minority-fraction'])),
			...optional('groupShift', num('group-shift', values['group-shift'])),
			...optional('labelBias', num('label-bias', values['label-bias'])),
			...optional('missingRate', num('missing-rate', values['missing-rate'])),
		};
		const dataset = generateSynthetic(options);
		const sidecar: Sidecar = {
			version: 1,
			sensitive: { column: dataset.roles.sensitive, minority: dataset.roles.minority, majority: dataset.roles.majority },
			label: { column: dataset.roles.label, favourable: dataset.roles.favourable },
			features: { exclude: dataset.roles.counterfactualColumns },
			description: `Synthetic data from collective-fairness generate (${JSON.stringify(dataset.options)}). Columns cf_* hold each row's counterfactual under group ← majority; they are ground truth for evaluation, never features.`,
		};
		return writeGenerated(values.out, values.json, dataset.table, sidecar, dataset.options, (size, sidecarPath) => [
			`Wrote ${size} to ${values.out}`,
			`Roles in ${sidecarPath}`,
		]);
	},
};

/**
 * Writes the CSV and its sidecar together (neither replaces an existing file), then a JSON summary
 * or the lines `say` words from the size ("5,000 rows × 9 columns") and the sidecar's path.
 */
async function writeGenerated(
	out: string,
	json: boolean,
	table: Table,
	sidecar: Sidecar,
	options: object,
	say: (size: string, sidecarPath: string) => string[],
): Promise<number> {
	const sidecarPath = sidecarPathFor(out);
	await checkNewFiles([out, sidecarPath]);
	await writeFilesAtomic([
		{ target: out, content: tableToCsv(table) },
		{ target: sidecarPath, content: formatSidecar(sidecar) },
	]);
	const summary = { file: out, sidecar: sidecarPath, rows: table.rowCount, columns: table.columns.length, options };
	if (json) {
		printJson(`${JSON.stringify(summary, null, 2)}\n`);
	} else {
		printOut(`${say(`${summary.rows.toLocaleString('en-US')} rows × ${summary.columns} columns`, sidecarPath).join('\n')}\n`);
	}
	return EXIT_OK;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
	return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
