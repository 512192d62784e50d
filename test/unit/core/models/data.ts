/** Test data for the logistic-regression tests: the sklearn fixtures and generated matrices. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureMatrix } from '../../../../src/core/encoding/matrix';
import { createRandom } from '../../../../src/core/random';
import { fixtureMatrix, type MatrixFixture } from '../../../support/matrixFixture';

export interface LogisticFixture extends MatrixFixture {
	description: string;
	sklearnVersion: string;
	y: number[];
	sampleWeight: number[] | null;
	C: number;
	/** Solutions of LogisticRegression(C, tol=1e-12, max_iter=10000, solver=…). */
	sklearn: Record<'lbfgs' | 'newton-cholesky', SklearnSolution>;
}

export interface SklearnSolution {
	coef: number[];
	intercept: number;
	objective: number;
	iterations: number;
}

// Compiled to out/test/unit/core/models/; the fixtures stay in the source tree.
const fixtureDir = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'logistic');

export function loadFixture(name: 'unweighted' | 'weighted'): { fixture: LogisticFixture; x: FeatureMatrix } {
	const fixture = JSON.parse(readFileSync(join(fixtureDir, `${name}.json`), 'utf8')) as LogisticFixture;
	return { fixture, x: fixtureMatrix(fixture) };
}

/**
 * A random matrix with `denseWidth` standard-normal columns and one-hot blocks of the given
 * level counts (level drawn with a skew so that some levels are rare, ~3 % missing per block),
 * and labels from a logistic model with moderate signal.
 */
export function generateProblem(
	seed: number,
	rows: number,
	denseWidth: number,
	levels: readonly number[],
): { x: FeatureMatrix; y: Uint8Array } {
	const random = createRandom(seed);
	const width = denseWidth + levels.reduce((a, b) => a + b, 0);
	const blockCount = levels.length;
	const dense = new Float64Array(rows * denseWidth);
	const active = new Int32Array(rows * blockCount);
	const trueW = new Float64Array(width);
	for (let j = 0; j < width; j++) {
		trueW[j] = random.normal() * (j < denseWidth ? 0.8 : 0.5);
	}
	const y = new Uint8Array(rows);
	for (let i = 0; i < rows; i++) {
		let margin = -0.5;
		for (let j = 0; j < denseWidth; j++) {
			const v = random.normal();
			dense[i * denseWidth + j] = v;
			margin += v * trueW[j]!;
		}
		let offset = denseWidth;
		for (let b = 0; b < blockCount; b++) {
			const k = levels[b]!;
			let f = -1;
			if (random.next() >= 0.03) {
				// squaring a uniform skews towards low levels, like real category frequencies
				const u = random.next();
				f = offset + Math.min(k - 1, Math.floor(u * u * k));
				margin += trueW[f]!;
			}
			active[i * blockCount + b] = f;
			offset += k;
		}
		y[i] = random.next() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
	}
	return {
		x: { rows, width, denseWidth, dense, blockCount, active, names: Array.from({ length: width }, (_, j) => `f${j}`) },
		y,
	};
}

/** Adult's categorical level counts (workclass, education, marital, occupation, relationship, race, sex, country). */
export const adultLevels = [8, 16, 7, 14, 6, 5, 2, 41] as const;

/** The same matrix with every row written out densely (all columns dense), for oracle checks. */
export function densified(x: FeatureMatrix): FeatureMatrix {
	const dense = new Float64Array(x.rows * x.width);
	for (let i = 0; i < x.rows; i++) {
		for (let j = 0; j < x.denseWidth; j++) {
			dense[i * x.width + j] = x.dense[i * x.denseWidth + j]!;
		}
		for (let t = 0; t < x.blockCount; t++) {
			const f = x.active[i * x.blockCount + t]!;
			if (f >= 0) {
				dense[i * x.width + f] = 1;
			}
		}
	}
	return { rows: x.rows, width: x.width, denseWidth: x.width, dense, blockCount: 0, active: new Int32Array(0), names: x.names };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let m = 0;
	for (let j = 0; j < a.length; j++) {
		m = Math.max(m, Math.abs(a[j]! - b[j]!));
	}
	return m;
}
