import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../../src/shared/version';

it("the version the CLI and reports print is package.json's", () => {
	const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
	assert.equal(VERSION, pkg.version);
});
