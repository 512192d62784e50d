/** The docs stay true: every repository path docs/architecture.md (and methods.md, conventions.md) names exists. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/datasets';

const PATH = /`((?:src|test|scripts|bench|webview-ui|docs|media|schemas|samples|\.ci)\/[A-Za-z0-9_./-]+)`/g;

describe('paths named in the docs exist', () => {
	for (const doc of ['docs/architecture.md', 'docs/methods.md', 'docs/conventions.md']) {
		it(doc, () => {
			const text = readFileSync(path.join(repoRoot, doc), 'utf8');
			const named = [...new Set([...text.matchAll(PATH)].map((m) => m[1]!.replace(/\/$/, '')))];
			assert.ok(doc !== 'docs/architecture.md' || named.length >= 20, `${doc} names ${named.length} paths`);
			const missing = named.filter((p) => !existsSync(path.join(repoRoot, p)));
			assert.deepEqual(missing, [], `${doc} names paths that do not exist`);
		});
	}
	it("every file and folder of architecture.md's layout tree exists", () => {
		const text = readFileSync(path.join(repoRoot, 'docs', 'architecture.md'), 'utf8');
		const tree = layoutPaths(text);
		assert.ok(tree.length >= 50, `the layout names ${tree.length} paths`);
		for (const required of [
			'src/server',
			'src/client',
			'src/webview',
			'src/report',
			'src/core/firm',
			'src/core/association',
			'webview-ui',
			'scripts',
		]) {
			assert.ok(tree.includes(required), `the layout names ${required}`);
		}
		for (const tier of ['test/unit', 'test/integration', 'test/parity', 'test/perf']) {
			assert.ok(tree.includes(tier), `the layout names the test tier ${tier}`);
		}
		const missing = tree.filter((p) => !existsSync(path.join(repoRoot, p)));
		assert.deepEqual(missing, [], 'architecture.md lays out paths that do not exist');
	});

	it('no doc names an absolute path of a build machine or notes outside the repository', () => {
		for (const doc of [
			'README.md',
			'docs/architecture.md',
			'docs/methods.md',
			'docs/conventions.md',
			'docs/datasets.md',
			'docs/parity.md',
			'docs/reproduction.md',
		]) {
			const file = path.join(repoRoot, doc);
			if (!existsSync(file)) {
				continue;
			}
			const text = readFileSync(file, 'utf8');
			assert.doesNotMatch(text, /\/work\/|\/root\/|\/home\/\w+\//, `${doc} holds a machine path`);
			assert.doesNotMatch(text, /paper-notes|design rule|shared\/design\//, `${doc} cites notes outside the repository`);
		}
	});
});

/**
 * The paths of the fenced block under "## Layout": each line is a name (two spaces of indent per
 * level, a trailing / for a folder), then its description.
 */
function layoutPaths(text: string): string[] {
	const section = text.slice(text.indexOf('## Layout'));
	const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
	const parents: string[] = [];
	const paths: string[] = [];
	for (const line of block.split('\n')) {
		const m = /^( *)(\S+)/.exec(line);
		if (m === null) {
			continue;
		}
		const depth = m[1]!.length / 2;
		const name = m[2]!.replace(/\/$/, '');
		parents.length = depth;
		paths.push([...parents, name].join('/'));
		parents.push(name);
	}
	return paths;
}
