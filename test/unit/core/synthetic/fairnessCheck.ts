/**
 * Test-only yardstick for the generator's calibration: an L2 logistic regression fitted by
 * Newton's method (IRLS) on the features WITHOUT the group, its test error and its equalized odds
 * (mean of |ΔTPR| and |ΔFPR|, design notes §3). Deliberately independent of the engine's learners,
 * so that the generator is checked against a yardstick that is not under test elsewhere.
 */
import type { Table } from '../../../../src/core/csv/table';

export interface FairnessCheck {
	readonly error: number;
	readonly equalizedOdds: number;
	readonly tprGap: number;
	readonly fprGap: number;
}

/**
 * Splits rows [0, trainFraction·n) / rest (the generator's rows are i.i.d., so a prefix split is a
 * random split), encodes numeric columns standardised and categorical ones one-hot (first level
 * dropped), fits, and evaluates on the held-out rows against the recorded label.
 */
export function logisticFairnessCheck(table: Table, featureNames: readonly string[], trainFraction = 0.7): FairnessCheck {
	const n = table.rowCount;
	const byName = new Map(table.columns.map((c) => [c.name, c]));
	const encoded: Float64Array[] = [];
	for (const name of featureNames) {
		const column = byName.get(name)!;
		if (column.kind === 'numeric') {
			let sum = 0;
			let sumSq = 0;
			let count = 0;
			for (const v of column.values) {
				if (!Number.isNaN(v)) {
					sum += v;
					sumSq += v * v;
					count++;
				}
			}
			const mean = sum / count;
			const sd = Math.sqrt(Math.max(1e-12, sumSq / count - mean * mean));
			encoded.push(Float64Array.from(column.values, (v) => (Number.isNaN(v) ? 0 : (v - mean) / sd)));
		} else {
			for (let level = 1; level < column.levels.length; level++) {
				encoded.push(Float64Array.from(column.codes, (code) => (code === level ? 1 : 0)));
			}
		}
	}
	const groupColumn = byName.get('group')!;
	const labelColumn = byName.get('label')!;
	if (groupColumn.kind !== 'categorical' || labelColumn.kind !== 'categorical') {
		throw new Error('group and label must be categorical');
	}
	const minorityCode = groupColumn.levels.indexOf('minority');
	const favourableCode = labelColumn.levels.indexOf('favourable');
	const y = Float64Array.from(labelColumn.codes, (code) => (code === favourableCode ? 1 : 0));
	const d = encoded.length + 1;
	const feature = (i: number, j: number): number => (j === 0 ? 1 : encoded[j - 1]![i]!);
	const nTrain = Math.floor(n * trainFraction);
	const w = new Float64Array(d);
	const lambda = 1e-3 * nTrain;
	for (let iteration = 0; iteration < 25; iteration++) {
		const gradient = new Float64Array(d);
		const hessian = new Float64Array(d * d);
		for (let i = 0; i < nTrain; i++) {
			let z = 0;
			for (let j = 0; j < d; j++) {
				z += w[j]! * feature(i, j);
			}
			const p = 1 / (1 + Math.exp(-z));
			const r = p - y[i]!;
			const s = p * (1 - p);
			for (let j = 0; j < d; j++) {
				const xj = feature(i, j);
				gradient[j]! += r * xj;
				for (let k = 0; k <= j; k++) {
					hessian[j * d + k]! += s * xj * feature(i, k);
				}
			}
		}
		for (let j = 1; j < d; j++) {
			gradient[j]! += lambda * w[j]!;
			hessian[j * d + j]! += lambda;
		}
		for (let j = 0; j < d; j++) {
			for (let k = j + 1; k < d; k++) {
				hessian[j * d + k] = hessian[k * d + j]!;
			}
		}
		const step = solve(hessian, gradient, d);
		let change = 0;
		for (let j = 0; j < d; j++) {
			w[j]! -= step[j]!;
			change = Math.max(change, Math.abs(step[j]!));
		}
		if (change < 1e-8) {
			break;
		}
	}
	// confusion[group][truth][prediction]
	const confusion = [
		[
			[0, 0],
			[0, 0],
		],
		[
			[0, 0],
			[0, 0],
		],
	];
	let errors = 0;
	for (let i = nTrain; i < n; i++) {
		let z = 0;
		for (let j = 0; j < d; j++) {
			z += w[j]! * feature(i, j);
		}
		const prediction = z > 0 ? 1 : 0;
		const truth = y[i]!;
		if (prediction !== truth) {
			errors++;
		}
		confusion[groupColumn.codes[i] === minorityCode ? 1 : 0]![truth]![prediction]!++;
	}
	const rate = (g: number, truth: number): number => confusion[g]![truth]![1]! / (confusion[g]![truth]![0]! + confusion[g]![truth]![1]!);
	const tprGap = Math.abs(rate(0, 1) - rate(1, 1));
	const fprGap = Math.abs(rate(0, 0) - rate(1, 0));
	return { error: errors / (n - nTrain), equalizedOdds: (tprGap + fprGap) / 2, tprGap, fprGap };
}

/** Gaussian elimination with partial pivoting on a copy; A is d×d row-major. */
function solve(matrix: Float64Array, rhs: Float64Array, d: number): Float64Array {
	const a = Float64Array.from(matrix);
	const b = Float64Array.from(rhs);
	for (let col = 0; col < d; col++) {
		let pivot = col;
		for (let r = col + 1; r < d; r++) {
			if (Math.abs(a[r * d + col]!) > Math.abs(a[pivot * d + col]!)) {
				pivot = r;
			}
		}
		for (let k = 0; k < d; k++) {
			const t = a[col * d + k]!;
			a[col * d + k] = a[pivot * d + k]!;
			a[pivot * d + k] = t;
		}
		const tb = b[col]!;
		b[col] = b[pivot]!;
		b[pivot] = tb;
		for (let r = col + 1; r < d; r++) {
			const factor = a[r * d + col]! / a[col * d + col]!;
			for (let k = col; k < d; k++) {
				a[r * d + k]! -= factor * a[col * d + k]!;
			}
			b[r]! -= factor * b[col]!;
		}
	}
	const x = new Float64Array(d);
	for (let r = d - 1; r >= 0; r--) {
		let s = b[r]!;
		for (let k = r + 1; k < d; k++) {
			s -= a[r * d + k]! * x[k]!;
		}
		x[r] = s / a[r * d + r]!;
	}
	return x;
}
