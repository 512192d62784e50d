/**
 * The WebAssembly build of the solvers' kernels (kernels.as.ts) behind the same calls as
 * ../kernels.ts: each call copies what changed into the module's linear memory, runs the loop there
 * and copies the results back into the caller's arrays.
 *
 * What stays in the module's memory between calls, and why that is safe: the last feature matrix
 * (a FeatureMatrix is never written after it is built) and the last training view (TrainingSet's
 * arrays are never written after prepareTraining), keyed by the objects themselves. A refit along M
 * makes a new TrainingSet, so its labels are copied once per refit (20 bytes a row), the matrix once
 * per matrix. Everything else — θ, the margins, the curvature weights — is copied in on every call.
 *
 * One instance per thread (each worker has its own module instance of this file), created at the
 * first call. Fits whose arrays would take more than {@link WASM_MEMORY_BUDGET} bytes stay on the
 * TypeScript kernels: linear memory never shrinks, and a worker that once fit ten million rows
 * would otherwise keep a gigabyte for the rest of its life.
 */
import type { FeatureMatrix } from '../../encoding/matrix';
import type { TrainingSet } from '../training';
import { KERNELS_WASM_BASE64 } from './kernelsWasm';

/** Bytes of linear memory a fit may use (matrix, training view and scratch); above, the TypeScript kernels. */
export const WASM_MEMORY_BUDGET = 512 * 1024 * 1024;

const PAGE = 65_536;

/**
 * The part of the WebAssembly JavaScript API used here: Node and browsers have it, but its types
 * come with lib.dom, which the engine does not compile against.
 */
declare const WebAssembly: {
	readonly Module: new (bytes: Uint8Array) => object;
	readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
};

interface LinearMemory {
	readonly buffer: ArrayBuffer;
	grow(pages: number): number;
}

interface KernelExports {
	readonly memory: LinearMemory;
	dataEnd(): number;
	objectiveAndGradient(
		n: number,
		p: number,
		q: number,
		width: number,
		index: number,
		dense: number,
		active: number,
		sign: number,
		weight: number,
		theta: number,
		z: number,
		grad: number,
		curvature: number,
		withCurvature: number,
	): number;
	lineLoss(n: number, sign: number, weight: number, z: number, zd: number, alpha: number): number;
	lastLineSlope(): number;
	accumulateHessian(
		n: number,
		p: number,
		q: number,
		width: number,
		index: number,
		dense: number,
		active: number,
		curvature: number,
		h: number,
		cx: number,
		levels: number,
	): void;
}

/** Byte offsets of every array in linear memory, for one matrix and one training view. */
interface Layout {
	readonly matrix: FeatureMatrix;
	readonly training: TrainingSet;
	readonly dense: number;
	readonly active: number;
	readonly index: number;
	readonly sign: number;
	readonly weight: number;
	readonly theta: number;
	readonly grad: number;
	readonly z: number;
	readonly zd: number;
	readonly curvature: number;
	readonly hessian: number;
	readonly cx: number;
	readonly levels: number;
}

let kernels: KernelExports | null | undefined;
let layout: Layout | undefined;

function instance(): KernelExports | null {
	if (kernels === undefined) {
		try {
			const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (ch) => ch.charCodeAt(0));
			const module = new WebAssembly.Module(bytes);
			kernels = new WebAssembly.Instance(module, { env: { abort: abortFromWasm } }).exports as unknown as KernelExports;
		} catch {
			kernels = null; // no WebAssembly here: the TypeScript kernels give the same fits
		}
	}
	return kernels;
}

function abortFromWasm(): never {
	throw new Error('internal error: a WebAssembly kernel aborted');
}

/** Rounds a byte count up to a multiple of 8, so that every array starts 8-byte aligned. */
function aligned(bytes: number): number {
	return Math.ceil(bytes / 8) * 8;
}

/**
 * Lays out t's matrix (unless it is the one already in memory), t's rows and the scratch arrays,
 * copying the matrix and the rows in; undefined when they would not fit the budget.
 */
function place(k: KernelExports, t: TrainingSet): Layout | undefined {
	if (layout !== undefined && layout.training === t) {
		return layout;
	}
	const x = t.x;
	const n = t.index.length;
	const dim = t.dim;
	const sameMatrix = layout !== undefined && layout.matrix === x;
	let at = aligned(k.dataEnd());
	const dense = sameMatrix ? layout!.dense : at;
	at = sameMatrix ? layout!.index : at + aligned(x.rows * x.denseWidth * 8);
	const active = sameMatrix ? layout!.active : at;
	if (!sameMatrix) {
		at += aligned(x.rows * x.blockCount * 4);
	}
	const index = at;
	const sign = (at += aligned(n * 4));
	const weight = (at += n * 8);
	const theta = (at += n * 8);
	const grad = (at += dim * 8);
	const z = (at += dim * 8);
	const zd = (at += n * 8);
	const curvature = (at += n * 8);
	const hessian = (at += n * 8);
	const cx = (at += dim * dim * 8);
	const levels = (at += aligned(x.denseWidth * 8));
	at += aligned(x.blockCount * 4);
	if (at > WASM_MEMORY_BUDGET) {
		return undefined;
	}
	const memory = k.memory;
	if (at > memory.buffer.byteLength) {
		memory.grow(Math.ceil((at - memory.buffer.byteLength) / PAGE));
	}
	const buffer = memory.buffer;
	if (!sameMatrix) {
		new Float64Array(buffer, dense, x.rows * x.denseWidth).set(x.dense.subarray(0, x.rows * x.denseWidth));
		new Int32Array(buffer, active, x.rows * x.blockCount).set(x.active.subarray(0, x.rows * x.blockCount));
	}
	new Int32Array(buffer, index, n).set(t.index);
	new Float64Array(buffer, sign, n).set(t.sign);
	new Float64Array(buffer, weight, n).set(t.weight);
	layout = { matrix: x, training: t, dense, active, index, sign, weight, theta, grad, z, zd, curvature, hessian, cx, levels };
	return layout;
}

/** The kernels in WebAssembly for this training view, or undefined when they cannot take it. */
export function wasmKernelsFor(t: TrainingSet): WasmKernels | undefined {
	const k = instance();
	if (k === null) {
		return undefined;
	}
	const at = place(k, t);
	return at === undefined ? undefined : new WasmKernels(k, at, t);
}

/** Forgets what is in linear memory (tests: a matrix or view rebuilt in place must be copied again). */
export function forgetWasmLayout(): void {
	layout = undefined;
}

export class WasmKernels {
	constructor(
		private readonly k: KernelExports,
		private readonly at: Layout,
		private readonly t: TrainingSet,
	) {}

	private f64(offset: number, length: number): Float64Array {
		return new Float64Array(this.k.memory.buffer, offset, length);
	}

	/** ../kernels.ts objectiveAndGradient. */
	objectiveAndGradient(theta: Float64Array, z: Float64Array, grad: Float64Array, curvature?: Float64Array): number {
		const { k, at, t } = this;
		const n = t.index.length;
		const dim = t.dim;
		const x = t.x;
		this.f64(at.theta, dim).set(theta.subarray(0, dim));
		const value = k.objectiveAndGradient(
			n,
			x.denseWidth,
			x.blockCount,
			x.width,
			at.index,
			at.dense,
			at.active,
			at.sign,
			at.weight,
			at.theta,
			at.z,
			at.grad,
			at.curvature,
			curvature === undefined ? 0 : 1,
		);
		z.set(this.f64(at.z, n));
		grad.set(this.f64(at.grad, dim));
		if (curvature !== undefined) {
			curvature.set(this.f64(at.curvature, n));
		}
		return value;
	}

	/** The loss part of ../kernels.ts lineValue: writes the loss into out[0] and its slope into out[1]. */
	lineLoss(z: Float64Array, zd: Float64Array, alpha: number, out: Float64Array): void {
		const { k, at, t } = this;
		const n = t.index.length;
		this.f64(at.z, n).set(z.subarray(0, n));
		this.f64(at.zd, n).set(zd.subarray(0, n));
		out[0] = k.lineLoss(n, at.sign, at.weight, at.z, at.zd, alpha);
		out[1] = k.lastLineSlope();
	}

	/** ../kernels.ts accumulateHessian. */
	accumulateHessian(curvature: Float64Array, h: Float64Array): void {
		const { k, at, t } = this;
		const n = t.index.length;
		const dim = t.dim;
		const x = t.x;
		this.f64(at.curvature, n).set(curvature.subarray(0, n));
		k.accumulateHessian(n, x.denseWidth, x.blockCount, x.width, at.index, at.dense, at.active, at.curvature, at.hessian, at.cx, at.levels);
		h.set(this.f64(at.hessian, dim * dim));
	}
}
