/**
 * The layer fences are lint errors, so CI fails on them: a core module importing the runner, the
 * extension host importing the engine, src/shared importing the engine's code. Each case lints a
 * deliberately bad import through ESLint's API with the project's own config.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { repoRoot } from '../../support/datasets';

// The probes are not files on disk, so no tsconfig holds them: lint them without the type-aware
// rules (the fences are syntactic).
const eslint = new ESLint({ cwd: repoRoot, overrideConfig: tseslint.configs.disableTypeChecked });

async function ruleIds(file: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
	return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('layer fences (eslint)', () => {
	it('src/core may not import the runner, the host config or src/shared', async () => {
		for (const bad of [
			"import { createPoolExecutor } from '../../runner/pool';",
			"import { Config } from '../../config';",
			"import { VERSION } from '../../shared/version';",
		]) {
			const ids = await ruleIds('src/core/collective/fenceProbe.ts', `${bad}\nexport const x = typeof createPoolExecutor;\n`);
			assert.ok(
				ids.some((m) => /src\/core imports only src\/core/.test(m)),
				`${bad} → ${ids.join('; ')}`,
			);
		}
		const ok = await ruleIds(
			'src/core/collective/fenceProbe.ts',
			"import { createRandom } from '../random';\nexport const r = createRandom(1);\n",
		);
		assert.deepEqual(ok, []);
	});

	it('src/core may import the dependency-free run-parameter vocabulary, and no other src/shared module', async () => {
		const vocabulary = await ruleIds(
			'src/core/collective/fenceProbe.ts',
			"import { METHODS } from '../../shared/runParameters';\nexport const m = METHODS;\n",
		);
		assert.deepEqual(vocabulary, []);
		const other = await ruleIds(
			'src/core/collective/fenceProbe.ts',
			"import { isWebviewMessage } from '../../shared/webviewValidate';\nexport const f = isWebviewMessage;\n",
		);
		assert.ok(
			other.some((m) => /src\/core imports only src\/core/.test(m)),
			other.join('; '),
		);
	});

	it("the extension host may import the core's types but not its code", async () => {
		const code = await ruleIds('src/commands/fenceProbe.ts', "import { runAudit } from '../core/audit';\nexport const f = runAudit;\n");
		assert.ok(
			code.some((m) => /extension host may not import src\/core/.test(m)),
			code.join('; '),
		);
		const types = await ruleIds(
			'src/commands/fenceProbe.ts',
			"import type { AuditResult } from '../core/audit';\nexport type A = AuditResult;\n",
		);
		assert.deepEqual(types, []);
	});

	it('src/shared imports the core only as types', async () => {
		const code = await ruleIds(
			'src/shared/fenceProbe.ts',
			"import { resolveParams } from '../core/collective/params';\nexport const f = resolveParams;\n",
		);
		assert.ok(
			code.some((m) => /src\/shared imports the core only as types/.test(m)),
			code.join('; '),
		);
	});
});
