// ESLint flat config. The import fence keeps src/core pure: no editor, DOM or file-system access,
// so the engine runs the same in the CLI, the language server, worker threads and unit tests.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const impureModules = [
	{ name: 'vscode', message: 'src/core is pure: no vscode imports.' },
	{ name: 'fs', message: 'src/core is pure: read files in src/io and pass bytes in.' },
	{ name: 'node:fs', message: 'src/core is pure: read files in src/io and pass bytes in.' },
	{ name: 'fs/promises', message: 'src/core is pure: read files in src/io and pass bytes in.' },
	{ name: 'node:fs/promises', message: 'src/core is pure: read files in src/io and pass bytes in.' },
	{ name: 'worker_threads', message: 'src/core is pure: worker pools live outside the core.' },
	{ name: 'node:worker_threads', message: 'src/core is pure: worker pools live outside the core.' },
	{ name: 'child_process', message: 'src/core is pure.' },
	{ name: 'node:child_process', message: 'src/core is pure.' },
];

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', 'node_modules/**', 'bench/**', '*.mjs', 'webview-ui/dist/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			curly: 'error',
			eqeqeq: ['error', 'always'],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-namespace': 'off',
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
