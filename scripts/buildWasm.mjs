// Compiles the solvers' WebAssembly kernels (src/core/models/wasm/kernels.as.ts, AssemblyScript)
// and writes them, base64-encoded, into src/core/models/wasm/kernelsWasm.ts: the engine stays free
// of file reads (it runs in the CLI, the language server, worker threads and the tests alike), and
// the compiled bytes are committed so that a build needs no compiler. A unit test
// (test/unit/core/models/wasmKernels.test.ts) compiles the source again and fails when the committed
// bytes differ from it.
//
//   node scripts/buildWasm.mjs           writes kernelsWasm.ts
//   node scripts/buildWasm.mjs --check   exits 1 when kernelsWasm.ts is not what the source compiles to
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKernels, kernelsModuleText } from './wasmKernels.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src', 'core', 'models', 'wasm', 'kernelsWasm.ts');

const bytes = await compileKernels(root);
const text = kernelsModuleText(bytes);
if (process.argv.includes('--check')) {
	if (readFileSync(target, 'utf8') !== text) {
		console.error(`${target} is not what kernels.as.ts compiles to: run node scripts/buildWasm.mjs`);
		process.exit(1);
	}
	console.log(`${target}: up to date (${bytes.length} bytes of WebAssembly)`);
} else {
	writeFileSync(target, text);
	console.log(`wrote ${target} (${bytes.length} bytes of WebAssembly)`);
}
