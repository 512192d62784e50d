// Compiles the engine's WebAssembly modules (AssemblyScript sources; today one, the solvers' kernels
// in src/core/models/wasm) and writes each one, base64-encoded, into a TypeScript file beside its
// source: the engine stays free of file reads (it runs in the CLI, the language server, worker
// threads and the tests alike), and the compiled bytes are committed so that a build needs no
// compiler. A unit test
// (test/unit/core/models/wasmKernels.test.ts) compiles the sources again and fails when the
// committed bytes differ from them.
//
//   node scripts/buildWasm.mjs           writes the generated files
//   node scripts/buildWasm.mjs --check   exits 1 when one is not what its source compiles to
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModule, moduleText, WASM_MODULES } from './wasmKernels.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const module of WASM_MODULES) {
	const bytes = await compileModule(root, module);
	const text = moduleText(module, bytes);
	const target = join(root, module.target);
	if (!check) {
		writeFileSync(target, text);
		console.log(`wrote ${module.target} (${bytes.length} bytes of WebAssembly)`);
	} else if (readFileSync(target, 'utf8') !== text) {
		console.error(`${module.target} is not what ${module.source} compiles to: run node scripts/buildWasm.mjs`);
		stale++;
	} else {
		console.log(`${module.target}: up to date (${bytes.length} bytes of WebAssembly)`);
	}
}
process.exit(stale > 0 ? 1 : 0);
