/**
 * The WebAssembly build of the solvers' kernels (kernels.as.ts) behind the same calls as
 * ../kernels.ts: each call copies what changed into the module's linear memory, runs the loop there
 * and copies the results back into the caller's arrays.
 *
 * What stays in the module's memory between calls, and why that is safe: up to four feature
 * matrices (a FeatureMatrix is never written after it is built) and the last training view
 * (TrainingSet's arrays are never written after prepareTraining), keyed by the objects themselves.
 * A refit along M makes a new TrainingSet on the same rows, so only its labels are copied (8 bytes a
 * row), a matrix once. Everything else — θ, the margins, the curvature weights — is copied in on
 * every call.
 *
 * One instance per thread (each worker has its own module instance of this file), created at the
 * first call. Fits whose arrays would take more than {@link WASM_MEMORY_BUDGET} bytes stay on the
 * TypeScript kernels: linear memory never shrinks, and a worker that once fit ten million rows
 * would otherwise keep a gigabyte for the rest of its life.
 */
import type { FeatureMatrix } from '../../encoding/matrix';
import type { TrainingSet } from '../training';
import { aligned, instantiate, reserve as reserveMemory, wasmKernelsEnabled, type ModuleExports } from '../../wasmModule';
import { KERNELS_WASM_BASE64 } from './kernelsWasm';

/**
 * Bytes of linear memory a fit may use (matrix, training view and scratch); above, the TypeScript
 * kernels. The module holds a copy of the data, so this is what the kernels may add to a process's
 * memory: with 512 MB, the ten-million-row audit's peak RSS went from 1.9 to 2.7 GB (its predictions
 * on the 8 million training rows fitted). 256 MB takes a million rows with room to spare.
 */
export const WASM_MEMORY_BUDGET = 256 * 1024 * 1024;

interface KernelExports extends ModuleExports {
	setMatrix(p: number, q: number, width: number, dense: number, active: number): void;
	setRows(n: number, index: number): void;
	objectiveAndGradient(
		sign: number,
		weight: number,
		theta: number,
		z: number,
		grad: number,
		curvature: number,
		withCurvature: number,
	): number;
	lineLoss(sign: number, weight: number, z: number, zd: number, alpha: number): number;
	lastLineSlope(): number;
	accumulateHessian(curvature: number, h: number, cx: number, levels: number): void;
	computeMargins(theta: number, out: number): void;
}

/** Points the module's kernels at n rows of a matrix in its memory (the rows' index at `index`). */
function setRows(k: KernelExports, x: FeatureMatrix, matrix: MatrixPlace, n: number, index: number): void {
	k.setMatrix(x.denseWidth, x.blockCount, x.width, matrix.dense, matrix.active);
	k.setRows(n, index);
}

/** Where the matrix in linear memory lies. */
interface MatrixPlace {
	readonly matrix: FeatureMatrix;
	readonly dense: number;
	readonly active: number;
	/** First free byte after it. */
	readonly end: number;
}

/** Byte offsets of a training view's arrays and of the solvers' scratch, after its matrix. */
interface TrainingPlace {
	readonly training: TrainingSet;
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
	/** First free byte after it. */
	readonly end: number;
}

/**
 * One module instance and what its memory holds, laid out upwards from the module's static data:
 * up to {@link MAX_MATRICES} matrices and one training view with its scratch. A sweep predicts on a
 * second matrix after every fit (the counterfactual test rows of the aware firm), so one matrix slot
 * would copy the training matrix again after each of them.
 */
interface Kernels {
	readonly exports: KernelExports;
	matrices: MatrixPlace[];
	training?: TrainingPlace | undefined;
	/** First free byte. */
	top: number;
}

/** Matrices kept in one instance's memory; a further one starts the layout afresh. */
const MAX_MATRICES = 4;

/**
 * Above this much linear memory the instance is held only weakly between calls: a fit of a million
 * rows may use a few hundred megabytes, which the garbage collector may then take back with the
 * instance once nothing runs in it (the next call makes a new one, about a millisecond). Below,
 * the instance stays: a sweep on Adult's rows needs 4 MB.
 */
const KEEP_BYTES = 64 * 1024 * 1024;

let kept: Kernels | null | undefined;
let weaklyKept: WeakRef<Kernels> | undefined;

function instance(): Kernels | null {
	if (!wasmKernelsEnabled() || kept === null) {
		return null;
	}
	let k = kept ?? weaklyKept?.deref();
	if (k === undefined) {
		const exports = instantiate<KernelExports>(KERNELS_WASM_BASE64);
		if (exports === null) {
			kept = null;
			return null;
		}
		k = { exports, matrices: [], top: aligned(exports.dataEnd()) };
	}
	if (k.exports.memory.buffer.byteLength > KEEP_BYTES) {
		kept = undefined;
		weaklyKept = new WeakRef(k);
	} else {
		kept = k;
	}
	return k;
}

/** Grows k's memory to `bytes`; false when that is above the budget. */
function reserve(k: Kernels, bytes: number): boolean {
	return reserveMemory(k.exports.memory, bytes, WASM_MEMORY_BUDGET);
}

/** Whether x's matrix and `extra` bytes fit the budget together, from an empty memory. */
function withinBudget(x: FeatureMatrix, extra: number): boolean {
	return aligned(x.rows * x.denseWidth * 8) + aligned(x.rows * x.blockCount * 4) + extra <= WASM_MEMORY_BUDGET;
}

/** Copies x into k's memory unless it is there already; undefined when it would not fit the budget. */
function placeMatrix(k: Kernels, x: FeatureMatrix): MatrixPlace | undefined {
	const found = k.matrices.find((m) => m.matrix === x);
	if (found !== undefined) {
		return found;
	}
	if (k.matrices.length >= MAX_MATRICES) {
		k.matrices = [];
		k.training = undefined;
		k.top = aligned(k.exports.dataEnd());
	}
	const denseLength = x.rows * x.denseWidth;
	const activeLength = x.rows * x.blockCount;
	const dense = k.top;
	const active = dense + aligned(denseLength * 8);
	const end = active + aligned(activeLength * 4);
	if (!reserve(k, end)) {
		return undefined;
	}
	const buffer = k.exports.memory.buffer;
	new Float64Array(buffer, dense, denseLength).set(x.dense.subarray(0, denseLength));
	new Int32Array(buffer, active, activeLength).set(x.active.subarray(0, activeLength));
	const place = { matrix: x, dense, active, end };
	k.matrices.push(place);
	k.top = end;
	return place;
}

/** Offsets of a training view's arrays and the solvers' scratch laid out from `start` (the one layout rule). */
function trainingLayout(start: number, t: TrainingSet): Omit<TrainingPlace, 'training'> {
	const n = t.index.length;
	const dim = t.dim;
	let at = start;
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
	const levels = (at += aligned(t.x.denseWidth * 8));
	at += aligned(t.x.blockCount * 4);
	return { index, sign, weight, theta, grad, z, zd, curvature, hessian, cx, levels, end: at };
}

/** Lays out t's rows and the scratch arrays after t's matrix, copying the rows in. */
function placeTraining(k: Kernels, t: TrainingSet): { matrix: MatrixPlace; training: TrainingPlace } | undefined {
	if (!withinBudget(t.x, trainingLayout(0, t).end)) {
		return undefined; // before copying anything: a matrix that fits while its view does not would hold memory for nothing
	}
	const matrix = placeMatrix(k, t.x);
	if (matrix === undefined) {
		return undefined;
	}
	const n = t.index.length;
	const previous = k.training;
	if (previous?.training === t) {
		return { matrix, training: previous };
	}
	if (
		previous !== undefined &&
		previous.training.x === t.x &&
		previous.training.index === t.index &&
		previous.training.weight === t.weight
	) {
		// a refit of the same rows (prepareTraining shares their arrays): only the labels are new
		new Float64Array(k.exports.memory.buffer, previous.sign, n).set(t.sign);
		k.training = { ...previous, training: t };
		return { matrix, training: k.training };
	}
	// the view it replaces is dropped; its space is reused when nothing was laid out after it
	if (previous !== undefined && previous.end === k.top) {
		k.top = previous.index; // the view's first array
	}
	k.training = undefined;
	const layout = trainingLayout(k.top, t);
	if (!reserve(k, layout.end)) {
		return undefined;
	}
	const buffer = k.exports.memory.buffer;
	new Int32Array(buffer, layout.index, n).set(t.index);
	new Float64Array(buffer, layout.sign, n).set(t.sign);
	new Float64Array(buffer, layout.weight, n).set(t.weight);
	k.training = { ...layout, training: t };
	k.top = layout.end;
	return { matrix, training: k.training };
}

/** Bytes of linear memory this thread's instance holds now (0 without one): for tests of the budget. */
export function wasmMemoryBytes(): number {
	const k = kept ?? weaklyKept?.deref();
	return k === undefined ? 0 : k.exports.memory.buffer.byteLength;
}

/** The kernels in WebAssembly for this training view, or undefined when they cannot take it. */
export function wasmKernelsFor(t: TrainingSet): WasmKernels | undefined {
	const k = instance();
	const at = k === null ? undefined : placeTraining(k, t);
	return k === null || at === undefined ? undefined : new WasmKernels(k.exports, at.matrix, at.training, t);
}

/**
 * ../training.ts computeMargins in WebAssembly, in scratch above what the memory keeps (which stays);
 * false when the module cannot take the matrix, and `out` is then untouched.
 */
export function wasmMargins(x: FeatureMatrix, index: Int32Array, theta: Float64Array, out: Float64Array): boolean {
	const n = index.length;
	const dim = x.width + 1;
	const k = withinBudget(x, aligned(n * 4) + dim * 8 + n * 8) ? instance() : null;
	const matrix = k === null ? undefined : placeMatrix(k, x);
	if (k === null || matrix === undefined) {
		return false;
	}
	const rows = k.top; // scratch above everything kept
	const thetaAt = rows + aligned(n * 4);
	const outAt = thetaAt + dim * 8;
	if (!reserve(k, outAt + n * 8)) {
		return false;
	}
	const buffer = k.exports.memory.buffer;
	new Int32Array(buffer, rows, n).set(index);
	new Float64Array(buffer, thetaAt, dim).set(theta.subarray(0, dim));
	setRows(k.exports, x, matrix, n, rows);
	k.exports.computeMargins(thetaAt, outAt);
	out.set(new Float64Array(k.exports.memory.buffer, outAt, n));
	return true;
}

export class WasmKernels {
	constructor(
		private readonly k: KernelExports,
		private readonly matrix: MatrixPlace,
		private readonly at: TrainingPlace,
		private readonly t: TrainingSet,
	) {}

	/** Points the kernels at this view's rows (another view or margins call may have moved them). */
	private useRows(): void {
		setRows(this.k, this.t.x, this.matrix, this.t.index.length, this.at.index);
	}

	private f64(offset: number, length: number): Float64Array {
		return new Float64Array(this.k.memory.buffer, offset, length);
	}

	/** ../kernels.ts objectiveAndGradient. */
	objectiveAndGradient(theta: Float64Array, z: Float64Array, grad: Float64Array, curvature?: Float64Array): number {
		const { k, at, t } = this;
		const n = t.index.length;
		const dim = t.dim;
		this.f64(at.theta, dim).set(theta.subarray(0, dim));
		this.useRows();
		const value = k.objectiveAndGradient(at.sign, at.weight, at.theta, at.z, at.grad, at.curvature, curvature === undefined ? 0 : 1);
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
		this.useRows();
		out[0] = k.lineLoss(at.sign, at.weight, at.z, at.zd, alpha);
		out[1] = k.lastLineSlope();
	}

	/** ../kernels.ts accumulateHessian. */
	accumulateHessian(curvature: Float64Array, h: Float64Array): void {
		const { k, at, t } = this;
		const n = t.index.length;
		const dim = t.dim;
		this.f64(at.curvature, n).set(curvature.subarray(0, n));
		this.useRows();
		k.accumulateHessian(at.curvature, at.hessian, at.cx, at.levels);
		h.set(this.f64(at.hessian, dim * dim));
	}
}
