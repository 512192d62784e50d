// What the benchmark finds beside the checkout: the real datasets, Python with scikit-learn, and
// the scikit-learn reference implementation (each can be pointed elsewhere by an environment
// variable; a section without what it needs prints a skip line).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { root } from './child.mjs';

/** The real datasets (../shared/datasets), or $COLLECTIVE_FAIRNESS_DATASETS. */
export const DATASETS_DIR = process.env.COLLECTIVE_FAIRNESS_DATASETS
	? resolve(process.env.COLLECTIVE_FAIRNESS_DATASETS)
	: resolve(root, '..', 'shared', 'datasets');
/** The scikit-learn reference beside the checkout (../shared/reference), or $BENCH_REFERENCE. */
export const REFERENCE = process.env.BENCH_REFERENCE || join(root, '..', 'shared', 'reference', 'aca_ref.py');
export const PYTHON = process.env.BENCH_PYTHON || '/usr/bin/python3';

/** Python's version and whether scikit-learn, numpy and pandas import; `reason` says what is missing. */
export function probePython() {
	const probe = spawnSync(
		PYTHON,
		[
			'-c',
			[
				'import sys, json',
				'out = {"version": sys.version.split()[0]}',
				'try:\n import sklearn, numpy\n out["sklearn"] = sklearn.__version__\nexcept Exception as e:\n out["error"] = repr(e)',
				'try:\n import pandas\n out["pandas"] = True\nexcept Exception as e:\n out["pandasError"] = repr(e)',
				'print(json.dumps(out))',
			].join('\n'),
		],
		{ encoding: 'utf8' },
	);
	if (probe.error !== undefined || probe.status !== 0) {
		return { reason: `${PYTHON} is not runnable (${probe.error?.message ?? probe.stderr.trim()}); set BENCH_PYTHON` };
	}
	const info = JSON.parse(probe.stdout.trim());
	const reason =
		info.sklearn === undefined
			? `${PYTHON} (Python ${info.version}) cannot import scikit-learn/numpy: ${info.error} (apt-get install python3-sklearn python3-pandas)`
			: info.pandas !== true
				? `${PYTHON} cannot import pandas, which aca_ref.py needs: ${info.pandasError}`
				: undefined;
	return { version: info.version, sklearn: info.sklearn, pandas: info.pandas === true, reason };
}
