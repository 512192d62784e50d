// ESLint flat config. The import fence keeps src/core pure: no editor, DOM or file-system access,
// so the engine runs the same in the CLI, the language server, worker threads and unit tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each message once, over the modules it refuses (a Node module under its bare and its node: name).
const impureModules = [
	{ names: ['vscode'], message: 'src/core is pure: no vscode imports.' },
	{ names: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'], message: 'src/core is pure: read files in src/io and pass bytes in.' },
	{ names: ['worker_threads', 'node:worker_threads'], message: 'src/core is pure: worker pools live outside the core.' },
	{ names: ['child_process', 'node:child_process'], message: 'src/core is pure.' },
].flatMap(({ names, message }) => names.map((name) => ({ name, message })));

// Globals of the Node scripts written as plain ES modules (bench/*.mjs, scripts/*.mjs, the configs).
const nodeGlobals = Object.fromEntries(
	[
		'process',
		'console',
		'Buffer',
		'URL',
		'setTimeout',
		'clearTimeout',
		'setInterval',
		'clearInterval',
		'setImmediate',
		'performance',
		'structuredClone',
		'AbortController',
		'TextDecoder',
		'TextEncoder',
		'fetch',
	].map((name) => [name, 'readonly']),
);

export default tseslint.config(
	{ ignores: ['src/**/*.as.ts', 'dist/**', 'out/**', 'node_modules/**', 'bench/.cache/**', 'webview-ui/dist/**', '.vscode-test/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.mjs'],
		languageOptions: { globals: nodeGlobals },
	},
	{
		rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
	},
	{
		files: ['**/*.ts'],
		// Type-aware rules: each file is checked with the types of its nearest tsconfig.json (src,
		// test, webview-ui, scripts/reproduce, bench).
		languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
		rules: {
			curly: 'error',
			eqeqeq: ['error', 'always'],
			'@typescript-eslint/no-namespace': 'off',
			// A promise is awaited, returned, handled, or marked `void` where fire-and-forget is meant.
			'@typescript-eslint/no-floating-promises': [
				'error',
				{
					// node:test's describe/it return promises the runner itself awaits.
					allowForKnownSafeCalls: [
						{
							from: 'package',
							package: 'node:test',
							name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
						},
					],
				},
			],
			// Type-only imports say so, so a bundle never keeps a module for its types alone.
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
		},
	},
	{
		files: ['src/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: impureModules,
					patterns: [
						{
							group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
							message: 'src/core is pure: no LSP imports.',
						},
						{
							group: [
								'**/io/*',
								'**/cli/*',
								'**/server/*',
								'**/client/*',
								'**/webview/*',
								'**/runner/*',
								'**/runner',
								'**/shared/*',
								// The one exception: the dependency-free run-parameter vocabulary
								// (docs/conventions.md, "Layers").
								'!**/shared/runParameters',
								// and the abort helper every layer shares (src/shared/abort.ts).
								'!**/shared/abort',
								'**/commands/*',
								'**/views/*',
								'**/util/*',
								'**/report/*',
								'**/config',
								'**/ctx',
								'**/extension',
							],
							message: 'src/core imports only src/core: the engine may not depend on outer layers.',
						},
					],
				},
			],
			'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
		},
	},
	{
		// The webview runs in a browser sandbox: it may use only the shared message and figure code.
		files: ['webview-ui/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [{ name: 'vscode', message: 'webview-ui runs in the browser: talk to the host by postMessage.' }],
					patterns: [
						{
							group: [
								'**/src/core/*',
								'**/src/io/*',
								'**/src/cli/*',
								'**/src/server/*',
								'**/src/client/*',
								'**/src/webview/*',
								'**/src/runner/*',
								'node:*',
							],
							message: 'webview-ui may import only src/shared.',
						},
					],
				},
			],
		},
	},
	{
		files: ['src/shared/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: [{ name: 'vscode', message: 'src/shared is imported by every bundle: no vscode imports.' }] },
			],
			// The shapes the engine produces are declared beside it and re-exported here as types only.
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/core/*', '**/core/**'],
							allowTypeImports: true,
							message: 'src/shared imports the core only as types (import type).',
						},
					],
				},
			],
		},
	},
	{
		// The extension host talks to the engine through the language server: it may use the core's
		// types, never its code (which would ship the engine inside dist/extension.js).
		files: [
			'src/extension.ts',
			'src/ctx.ts',
			'src/config.ts',
			'src/commands/**/*.ts',
			'src/views/**/*.ts',
			'src/preview/**/*.ts',
			'src/util/**/*.ts',
			'src/webview/**/*.ts',
			'src/client/**/*.ts',
			'src/report/**/*.ts',
		],
		rules: {
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/core/*', '**/core/**'],
							allowTypeImports: true,
							message: 'The extension host may not import src/core (only its types); move a shared rule to src/shared.',
						},
					],
				},
			],
		},
	},
);
