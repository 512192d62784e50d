/**
 * What the engine's WebAssembly modules share (today one: models/wasm, the solvers' kernels):
 * turning a module's committed base64 into an instance, linear memory's growth, and one switch for
 * tests and benchmarks to run the TypeScript twins instead. The modules are compiled from
 * AssemblyScript by `npm run build:wasm` (scripts/buildWasm.mjs).
 */

/**
 * The part of the WebAssembly JavaScript API used here: Node and browsers have it, but its types
 * come with lib.dom, which the engine does not compile against.
 */
declare const WebAssembly: {
	readonly Module: new (bytes: Uint8Array) => object;
	readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
};

export interface LinearMemory {
	readonly buffer: ArrayBuffer;
	grow(pages: number): number;
}

/** What every module of ours exports besides its kernels. */
export interface ModuleExports {
	readonly memory: LinearMemory;
	/** The first byte above the module's own static data. */
	dataEnd(): number;
}

const PAGE = 65_536;

/**
 * Whether the kernels run in WebAssembly; their TypeScript twins are the reference they are tested
 * against. Only tests and benchmarks turn it off.
 */
let enabled = true;

/** Turns the WebAssembly kernels on or off in this thread (tests and benchmarks); returns the previous setting. */
export function useWasmKernels(on: boolean): boolean {
	const before = enabled;
	enabled = on;
	return before;
}

export function wasmKernelsEnabled(): boolean {
	return enabled;
}

/** A new instance of the module in `base64`, or null where WebAssembly (with SIMD) is not available. */
export function instantiate<E extends ModuleExports>(base64: string): E | null {
	try {
		const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
		const module = new WebAssembly.Module(bytes);
		return new WebAssembly.Instance(module, { env: { abort: abortFromWasm } }).exports as E;
	} catch {
		return null; // the TypeScript kernels then give the same results
	}
}

function abortFromWasm(): never {
	throw new Error('internal error: a WebAssembly kernel aborted');
}

/** Rounds a byte count up to a multiple of 8, so that every array starts 8-byte aligned. */
export function aligned(bytes: number): number {
	return Math.ceil(bytes / 8) * 8;
}

/** Grows `memory` to at least `bytes`; false (and nothing grown) when that is above `budget`. */
export function reserve(memory: LinearMemory, bytes: number, budget: number): boolean {
	if (bytes > budget) {
		return false;
	}
	if (bytes > memory.buffer.byteLength) {
		memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
	}
	return true;
}
