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

/** Lints `code` as if it were `file` and requires a message of the fence `rule`. */
async function assertRefused(file: string, code: string, rule: RegExp): Promise<void> {
	const ids = await ruleIds(file, code);
	assert.ok(
		ids.some((m) => rule.test(m)),
		`${code} → ${ids.join('; ')}`,
	);
}

/** Lints `code` as if it were `file` and requires no message at all. */
async function assertAllowed(file: string, code: string): Promise<void> {
	assert.deepEqual(await ruleIds(file, code), [], code);
}

const CORE_PROBE = 'src/core/collective/fenceProbe.ts';
const HOST_PROBE = 'src/commands/fenceProbe.ts';
const SHARED_PROBE = 'src/shared/fenceProbe.ts';
const CORE_FENCE = /src\/core imports only src\/core/;

describe('layer fences (eslint)', () => {
	it('src/core may not import the runner, the host config or src/shared', async () => {
		for (const bad of [
			"import { createPoolExecutor } from '../../runner/pool';",
			"import { Config } from '../../config';",
			"import { VERSION } from '../../shared/version';",
		]) {
			await assertRefused(CORE_PROBE, `${bad}\nexport const x = typeof createPoolExecutor;\n`, CORE_FENCE);
		}
		await assertAllowed(CORE_PROBE, "import { createRandom } from '../random';\nexport const r = createRandom(1);\n");
	});

	it('src/core may import the two dependency-free src/shared modules (run parameters, abort), and no other', async () => {
		await assertAllowed(CORE_PROBE, "import { METHODS } from '../../shared/runParameters';\nexport const m = METHODS;\n");
		await assertAllowed(CORE_PROBE, "import { abortError } from '../../shared/abort';\nexport const a = abortError;\n");
		await assertRefused(
			CORE_PROBE,
			"import { isWebviewMessage } from '../../shared/webviewValidate';\nexport const f = isWebviewMessage;\n",
			CORE_FENCE,
		);
	});

	it("the extension host may import the core's types but not its code", async () => {
		await assertRefused(
			HOST_PROBE,
			"import { runAudit } from '../core/audit';\nexport const f = runAudit;\n",
			/extension host may not import src\/core/,
		);
		await assertAllowed(HOST_PROBE, "import type { AuditResult } from '../core/audit';\nexport type A = AuditResult;\n");
	});

	it('src/shared imports the core only as types', async () => {
		await assertRefused(
			SHARED_PROBE,
			"import { resolveParams } from '../core/collective/params';\nexport const f = resolveParams;\n",
			/src\/shared imports the core only as types/,
		);
	});
});
