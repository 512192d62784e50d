/**
 * The logistic solvers' hot loops in AssemblyScript, compiled to WebAssembly by
 * `npm run build:wasm` (scripts/buildWasm.mjs) into kernelsWasm.ts. Why: written in TypeScript the
 * objective pass ran at about 95 ns a row on Adult's rows and the Hessian at about 4.5 ms; the
 * same loops here run 2–3× faster (docs/architecture.md, "Kernels in WebAssembly"), and they set the
 * cost of a flips sweep. Each function mirrors its namesake in ../kernels.ts line for line, with
 * the same order of every sum, so the two differ only where this module's exp and log1p (the musl
 * ones AssemblyScript ships) round differently from the JavaScript engine's, by an ulp.
 *
 * Not TypeScript: `load<f64>(address)` reads the module's linear memory, `usize` is an address.
 * wasmKernels.ts lays out the arrays and passes their byte addresses. Arrays of f64 are 8-byte
 * aligned, arrays of i32 4-byte aligned. Every read is bounds-checked by WebAssembly itself. The
 * Hessian adds two entries at a time with 128-bit SIMD (f64x2, in every engine since 2021): each
 * lane is one IEEE add or multiply, so its sums are the scalar loop's, bit for bit, about 15 % sooner.
 */

// __heap_base: AssemblyScript's compiler-provided constant, where the module's static data ends
const heapBase: usize = __heap_base;

/** The first byte above the module's own static data (exp's and log's tables). */
export function dataEnd(): usize {
	return heapBase;
}

@inline
function f64At(base: usize, k: i32): f64 {
	return load<f64>(base + (<usize>k << 3));
}

@inline
function setF64(base: usize, k: i32, v: f64): void {
	store<f64>(base + (<usize>k << 3), v);
}

@inline
function addF64(base: usize, k: i32, v: f64): void {
	const a = base + (<usize>k << 3);
	store<f64>(a, load<f64>(a) + v);
}

@inline
function i32At(base: usize, k: i32): i32 {
	return load<i32>(base + (<usize>k << 2));
}

/** The margin m = w·x_i + b of matrix row i, summed in the order of ../training.ts computeMargins. */
@inline
function margin(dBase: usize, aBase: usize, p: i32, q: i32, theta: usize, intercept: f64): f64 {
	let m = intercept;
	for (let j = 0; j < p; j++) {
		m += f64At(dBase, j) * f64At(theta, j);
	}
	for (let k = 0; k < q; k++) {
		const f = i32At(aBase, k);
		if (f >= 0) {
			m += f64At(theta, f);
		}
	}
	return m;
}

/**
 * log1p(e) for e ∈ [0, 1], given o = 1 + e rounded and its reciprocal (the kernels need 1/o for σ
 * anyway): log(o) plus the first-order correction for o's rounding, log1p(e) = log(o) + (e − (o − 1))/o
 * + O(ε²) (Goldberg, "What every computer scientist should know about floating-point arithmetic",
 * 1991, Theorem 4, whose form x·log(o)/(o − 1) this is a variant of). Within 1 ulp of Math.log1p on
 * 2 million samples; about half the time of musl's log1p (10 ns) on values that vary from row to row.
 */
@inline
function log1pOf(e: f64, o: f64, inverse: f64): f64 {
	return o == 1 ? e : Math.log(o) + (e - (o - 1)) * inverse;
}

/** Neumaier's compensated sum of the loss terms (≥ 0), as ../kernels.ts LossSum. */
let lossSum: f64 = 0;
let lossCompensation: f64 = 0;

@inline
function lossAdd(term: f64): void {
	const sum = lossSum;
	const acc = sum + term;
	lossCompensation += Math.abs(sum) >= term ? sum - acc + term : term - acc + sum;
	lossSum = acc;
}

// The rows every kernel call runs over, set by setMatrix() and setRows() before it: the training view's rows (or,
// for computeMargins, the rows to predict), and their matrix. Each kernel reads them into locals
// first, so that its loops do not reload module globals.
let rowsN: i32 = 0;
let rowsP: i32 = 0;
let rowsQ: i32 = 0;
let rowsWidth: i32 = 0;
let rowsIndex: usize = 0;
let rowsDense: usize = 0;
let rowsActive: usize = 0;

/** The matrix the next kernel calls read: its shape and the addresses of its dense and one-hot parts. */
export function setMatrix(denseWidth: i32, blockCount: i32, features: i32, denseAt: usize, activeAt: usize): void {
	rowsP = denseWidth;
	rowsQ = blockCount;
	rowsWidth = features;
	rowsDense = denseAt;
	rowsActive = activeAt;
}

/** The rows of that matrix the next kernel calls run over: their count and the address of their index. */
export function setRows(rows: i32, indexAt: usize): void {
	rowsN = rows;
	rowsIndex = indexAt;
}

/**
 * ../kernels.ts objectiveAndGradient over the rows set by setRows: writes the margins into z, ∇f into
 * grad (dim = width + 1 numbers) and, when withCurvature ≠ 0, c_r σ_r(1−σ_r) into curvature; returns f.
 */
export function objectiveAndGradient(
	sign: usize,
	weight: usize,
	theta: usize,
	z: usize,
	grad: usize,
	curvature: usize,
	withCurvature: i32,
): f64 {
	const n = rowsN, p = rowsP, q = rowsQ, width = rowsWidth, index = rowsIndex, dense = rowsDense, active = rowsActive;
	memory.fill(grad, 0, (<usize>(width + 1)) << 3);
	const intercept = f64At(theta, width);
	lossSum = 0;
	lossCompensation = 0;
	let gb: f64 = 0;
	for (let r = 0; r < n; r++) {
		const i = i32At(index, r);
		const dBase = dense + (<usize>(i * p) << 3);
		const aBase = active + (<usize>(i * q) << 2);
		const m = margin(dBase, aBase, p, q, theta, intercept);
		setF64(z, r, m);
		const c = f64At(weight, r);
		if (c == 0) {
			if (withCurvature != 0) {
				setF64(curvature, r, 0);
			}
			continue;
		}
		const yr = f64At(sign, r);
		const tr = -yr * m;
		const e = Math.exp(-Math.abs(tr));
		const o = 1 + e;
		const inverse = 1 / o;
		lossAdd(c * ((tr > 0 ? tr : 0) + log1pOf(e, o, inverse)));
		const s = tr >= 0 ? inverse : e * inverse;
		const residual = -yr * c * s;
		if (withCurvature != 0) {
			setF64(curvature, r, c * e * inverse * inverse);
		}
		gb += residual;
		for (let j = 0; j < p; j++) {
			addF64(grad, j, residual * f64At(dBase, j));
		}
		for (let k = 0; k < q; k++) {
			const f = i32At(aBase, k);
			if (f >= 0) {
				addF64(grad, f, residual);
			}
		}
	}
	let penalty: f64 = 0;
	for (let j = 0; j < width; j++) {
		const w = f64At(theta, j);
		penalty += w * w;
		addF64(grad, j, w);
	}
	setF64(grad, width, gb);
	return lossSum + lossCompensation + 0.5 * penalty;
}

/** Slope φ'(α) of the last {@link lineValue} call. */
let lineSlope: f64 = 0;

export function lastLineSlope(): f64 {
	return lineSlope;
}

/**
 * ../kernels.ts lineValue without the penalty terms: the loss part of φ(α) = f(θ + αd) from the
 * margins z of θ and zd of d, returned; its slope is read by {@link lastLineSlope}.
 */
export function lineLoss(sign: usize, weight: usize, z: usize, zd: usize, alpha: f64): f64 {
	const n = rowsN;
	lossSum = 0;
	lossCompensation = 0;
	let slope: f64 = 0;
	for (let r = 0; r < n; r++) {
		const c = f64At(weight, r);
		if (c == 0) {
			continue;
		}
		const yr = f64At(sign, r);
		const tr = -yr * (f64At(z, r) + alpha * f64At(zd, r));
		const e = Math.exp(-Math.abs(tr));
		const o = 1 + e;
		const inverse = 1 / o;
		lossAdd(c * ((tr > 0 ? tr : 0) + log1pOf(e, o, inverse)));
		const s = tr >= 0 ? inverse : e * inverse;
		slope -= yr * c * s * f64At(zd, r);
	}
	lineSlope = slope;
	return lossSum + lossCompensation;
}

/**
 * ../kernels.ts accumulateHessian over the rows set by setRows: the lower triangle of
 * Σ_r h_r x̃_r x̃_rᵀ + diag(1,…,1,0) into h (dim × dim, row-major, zeroed first). `cx` is scratch for p
 * numbers, `levels` for q indices.
 */
export function accumulateHessian(curvature: usize, h: usize, cx: usize, levels: usize): void {
	const n = rowsN, p = rowsP, q = rowsQ, width = rowsWidth, index = rowsIndex, dense = rowsDense, active = rowsActive;
	const dim = width + 1;
	memory.fill(h, 0, (<usize>(dim * dim)) << 3);
	const rowB = width * dim;
	for (let r = 0; r < n; r++) {
		const c = f64At(curvature, r);
		if (c == 0) {
			continue;
		}
		const i = i32At(index, r);
		const dBase = dense + (<usize>(i * p) << 3);
		for (let j = 0; j < p; j++) {
			const cv = c * f64At(dBase, j);
			setF64(cx, j, cv);
			const row = j * dim;
			// two entries a step (lane-wise IEEE: the same sums as one at a time)
			const cvPair = f64x2.splat(cv);
			let k = 0;
			for (; k < j; k += 2) {
				const a = h + (<usize>(row + k) << 3);
				v128.store(a, f64x2.add(v128.load(a), f64x2.mul(cvPair, v128.load(dBase + (<usize>k << 3)))));
			}
			for (; k <= j; k++) {
				addF64(h, row + k, cv * f64At(dBase, k));
			}
			addF64(h, rowB + j, cv);
		}
		let m = 0;
		const aBase = active + (<usize>(i * q) << 2);
		for (let a = 0; a < q; a++) {
			const f = i32At(aBase, a);
			if (f >= 0) {
				store<i32>(levels + (<usize>m << 2), f);
				m++;
			}
		}
		for (let a = 0; a < m; a++) {
			const f = i32At(levels, a);
			const row = f * dim;
			let j = 0;
			for (; j + 1 < p; j += 2) {
				const a = h + (<usize>(row + j) << 3);
				v128.store(a, f64x2.add(v128.load(a), v128.load(cx + (<usize>j << 3))));
			}
			for (; j < p; j++) {
				addF64(h, row + j, f64At(cx, j));
			}
			for (let b = 0; b < a; b++) {
				const g = i32At(levels, b);
				if (g < f) {
					addF64(h, row + g, c);
				} else if (g > f) {
					addF64(h, g * dim + f, c);
				} else {
					addF64(h, row + f, 2 * c);
				}
			}
			addF64(h, row + f, c);
			addF64(h, rowB + f, c);
		}
		addF64(h, rowB + width, c);
	}
	for (let j = 0; j < width; j++) {
		addF64(h, j * dim + j, 1);
	}
}

/** ../training.ts computeMargins: out[r] = w·x_index[r] + b for the rows set by setRows. */
export function computeMargins(theta: usize, out: usize): void {
	const n = rowsN, p = rowsP, q = rowsQ, width = rowsWidth, index = rowsIndex, dense = rowsDense, active = rowsActive;
	const intercept = f64At(theta, width);
	for (let r = 0; r < n; r++) {
		const i = i32At(index, r);
		setF64(out, r, margin(dense + (<usize>(i * p) << 3), active + (<usize>(i * q) << 2), p, q, theta, intercept));
	}
}
