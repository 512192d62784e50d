/**
 * The solvers' WebAssembly kernels (src/core/models/wasm) against their TypeScript reference
 * (kernels.ts): the committed bytes of every WebAssembly module are what its AssemblyScript source
 * compiles to, every kernel
 * gives the reference's numbers (margins and the Hessian bit for bit, since they involve no exp or
 * log; losses and gradients to rounding), the data kept in linear memory between calls follows the
 * training view and matrix it belongs to, and a whole fit lands on the same coefficients.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import type { FeatureMatrix } from '../../../../src/core/encoding/matrix';
import {
	accumulateHessian,
	accumulateHessianTs,
	lineValue,
	lineValueTs,
	objectiveAndGradient,
	objectiveAndGradientTs,
	penaltyLine,
} from '../../../../src/core/models/kernels';
import { fitLogistic } from '../../../../src/core/models/logistic';
import { computeMargins, computeMarginsTs, prepareTraining, type TrainingSet } from '../../../../src/core/models/training';
import { WASM_MEMORY_BUDGET, wasmKernelsFor, wasmMargins, wasmMemoryBytes } from '../../../../src/core/models/wasm/wasmKernels';
import { useWasmKernels } from '../../../../src/core/wasmModule';
import { createRandom } from '../../../../src/core/random';
import { repoRoot } from '../../../support/datasets';
import { adultLevels, generateProblem, maxAbsDiff } from './data';

/** Largest |a − b| relative to the largest |b|. */
function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let scale = 0;
	for (let j = 0; j < b.length; j++) {
		scale = Math.max(scale, Math.abs(b[j]!));
	}
	return maxAbsDiff(a, b) / Math.max(scale, Number.MIN_VALUE);
}

function randomTheta(seed: number, dim: number): Float64Array {
	const random = createRandom(seed);
	return Float64Array.from({ length: dim }, () => random.normal() * 0.7);
}

/** A training view over every other row, with zero weights on a few and labels from y. */
function trainingOf(x: FeatureMatrix, y: ArrayLike<number>, seed: number): TrainingSet {
	const random = createRandom(seed);
	const rows = Int32Array.from({ length: Math.floor(x.rows / 2) }, (_, r) => 2 * r);
	const sampleWeight = Float64Array.from({ length: x.rows }, () => (random.next() < 0.05 ? 0 : 0.5 + random.next()));
	return prepareTraining(x, y, { C: 1.3, rows, sampleWeight });
}

/** Both paths on one view: the kernels' outputs, wasm first. */
function bothPaths(t: TrainingSet, theta: Float64Array) {
	assert.ok(wasmKernelsFor(t) !== undefined, 'the WebAssembly kernels take this view');
	const n = t.index.length;
	const run = (objective: typeof objectiveAndGradientTs, hessian: typeof accumulateHessianTs) => {
		const z = new Float64Array(n);
		const grad = new Float64Array(t.dim);
		const curvature = new Float64Array(n);
		const value = objective(t, theta, z, grad, curvature);
		const h = new Float64Array(t.dim * t.dim);
		hessian(t, curvature, h);
		return { value, z, grad, curvature, h };
	};
	return { wasm: run(objectiveAndGradient, accumulateHessian), ts: run(objectiveAndGradientTs, accumulateHessianTs) };
}

function assertSameKernels(t: TrainingSet, theta: Float64Array, label: string): void {
	const { wasm, ts } = bothPaths(t, theta);
	assert.deepEqual(wasm.z, ts.z, `${label}: margins bit for bit`);
	assert.ok(Math.abs(wasm.value - ts.value) <= 1e-13 * ts.value, `${label}: objective ${wasm.value} vs ${ts.value}`);
	assert.ok(relativeDiff(wasm.grad, ts.grad) <= 1e-12, `${label}: gradient within rounding (${relativeDiff(wasm.grad, ts.grad)})`);
	assert.ok(relativeDiff(wasm.curvature, ts.curvature) <= 1e-14, `${label}: curvature weights`);
	// the Hessian from the same weights: same sums in the same order
	const h = new Float64Array(t.dim * t.dim);
	accumulateHessianTs(t, wasm.curvature, h);
	assert.deepEqual(wasm.h, h, `${label}: Hessian bit for bit`);
}

describe('WebAssembly kernels', () => {
	it('are what their AssemblyScript sources compile to (run npm run build:wasm after editing one)', async () => {
		const recipe = (await import(pathToFileURL(join(repoRoot, 'scripts', 'wasmKernels.mjs')).href)) as {
			WASM_MODULES: { source: string; target: string; constant: string }[];
			compileModule(root: string, module: { source: string }): Promise<Buffer>;
			moduleText(module: { source: string; constant: string }, bytes: Buffer): string;
		};
		assert.ok(
			recipe.WASM_MODULES.some((m) => m.target === 'src/core/models/wasm/kernelsWasm.ts'),
			'the solvers’ kernels are listed',
		);
		for (const module of recipe.WASM_MODULES) {
			const committed = readFileSync(join(repoRoot, module.target), 'utf8');
			assert.equal(committed, recipe.moduleText(module, await recipe.compileModule(repoRoot, module)), `${module.target} is stale`);
		}
	});

	it('give the TypeScript kernels’ margins, objective, gradient, curvature and Hessian', () => {
		for (const [seed, dense, levels] of [
			[1, 6, adultLevels],
			[2, 0, [3, 4]],
			[3, 4, []],
			[4, 1, [2]],
		] as const) {
			const { x, y } = generateProblem(seed, 1500, dense, levels);
			const t = trainingOf(x, y, seed);
			assertSameKernels(t, randomTheta(seed, t.dim), `seed ${seed} (${dense} dense, ${levels.length} blocks)`);
		}
	});

	it('give the line search the TypeScript value and slope', () => {
		const { x, y } = generateProblem(5, 2000, 6, adultLevels);
		const t = trainingOf(x, y, 5);
		const theta = randomTheta(5, t.dim);
		const direction = randomTheta(6, t.dim);
		const n = t.index.length;
		const z = new Float64Array(n);
		const zd = new Float64Array(n);
		objectiveAndGradientTs(t, theta, z, new Float64Array(t.dim));
		objectiveAndGradientTs(t, direction, zd, new Float64Array(t.dim)); // X·d plus d's intercept: any margins will do
		const pen = penaltyLine(theta, direction, x.width);
		for (const alpha of [0, 0.25, 1, 3]) {
			const wasm = new Float64Array(2);
			const ts = new Float64Array(2);
			lineValue(t, z, zd, pen, alpha, wasm);
			lineValueTs(t, z, zd, pen, alpha, ts);
			assert.ok(Math.abs(wasm[0]! - ts[0]!) <= 1e-13 * Math.abs(ts[0]!), `φ(${alpha}) ${wasm[0]} vs ${ts[0]}`);
			assert.ok(Math.abs(wasm[1]! - ts[1]!) <= 1e-12 * Math.max(1, Math.abs(ts[1]!)), `φ'(${alpha}) ${wasm[1]} vs ${ts[1]}`);
		}
	});

	it('follow the view and the matrix they are given, not the ones already in memory, with margins in between', () => {
		const a = generateProblem(7, 1200, 6, adultLevels);
		const b = generateProblem(8, 900, 3, [5, 2]);
		const flipped = Uint8Array.from(a.y, (v, i) => (i % 3 === 0 ? 1 - v : v));
		const views = [trainingOf(a.x, a.y, 1), trainingOf(a.x, flipped, 1), trainingOf(b.x, b.y, 2)];
		// alternate: same matrix with other labels, another matrix, then back to the first view; with
		// margins of other rows (as predictions on a test set) between them, of either matrix
		const testRows = Int32Array.from({ length: 300 }, (_, r) => 2 * r + 1);
		for (const k of [0, 1, 2, 0, 2, 1]) {
			const t = views[k]!;
			assertSameKernels(t, randomTheta(k, t.dim), `view ${k}`);
			for (const x of [a.x, b.x]) {
				const theta = randomTheta(k + 10, x.width + 1);
				const fast = new Float64Array(testRows.length);
				const reference = new Float64Array(testRows.length);
				computeMargins(x, testRows, theta, fast);
				computeMarginsTs(x, testRows, theta, reference);
				assert.deepEqual(fast, reference, `margins of test rows after view ${k}`);
				assertSameKernels(t, randomTheta(k, t.dim), `view ${k} after margins on another matrix or rows`);
			}
		}
	});

	it('leave data above their memory budget to the TypeScript kernels, before copying any of it', () => {
		// Shapes only: the budget is checked on them before anything is copied, so the matrix's
		// arrays are never read. Here the matrix alone would fit, but not with its training view.
		const rowBytes = 6 * 8 + 8 * 4;
		const rows = Math.floor((0.9 * WASM_MEMORY_BUDGET) / rowBytes);
		const x: FeatureMatrix = {
			rows,
			width: 104,
			denseWidth: 6,
			dense: new Float64Array(0),
			blockCount: 8,
			active: new Int32Array(0),
			names: [],
		};
		const n = Math.ceil((0.2 * WASM_MEMORY_BUDGET) / 44);
		const t: TrainingSet = { x, index: new Int32Array(n), sign: new Float64Array(n), weight: new Float64Array(n), dim: 105, lossMass: n };
		const before = wasmMemoryBytes();
		assert.equal(wasmKernelsFor(t), undefined);
		const huge: FeatureMatrix = { ...x, rows: Math.ceil(WASM_MEMORY_BUDGET / rowBytes) + 1 };
		assert.equal(wasmMargins(huge, new Int32Array(10), new Float64Array(105), new Float64Array(10)), false);
		assert.equal(wasmMemoryBytes(), before, 'linear memory did not grow for data it then refused');
		// a view that fits, afterwards, still runs in WebAssembly
		const { x: small, y } = generateProblem(11, 500, 6, adultLevels);
		const view = trainingOf(small, y, 11);
		assertSameKernels(view, randomTheta(11, view.dim), 'after the refusal');
	});

	it('leave a whole fit on the TypeScript kernels’ coefficients', () => {
		const { x, y } = generateProblem(9, 4000, 6, adultLevels);
		const before = useWasmKernels(false);
		let reference;
		try {
			reference = fitLogistic(x, y, { solver: 'newton' });
		} finally {
			useWasmKernels(before);
		}
		const fast = fitLogistic(x, y, { solver: 'newton' });
		assert.ok(
			relativeDiff(fast.model.coef, reference.model.coef) <= 1e-9,
			`coefficients ${relativeDiff(fast.model.coef, reference.model.coef)}`,
		);
		assert.ok(Math.abs(fast.model.intercept - reference.model.intercept) <= 1e-9);
	});
});
