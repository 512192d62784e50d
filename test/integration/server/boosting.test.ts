/**
 * The firm's learner in the language server, over stdio: the request's own `model` first, then the
 * sidecar's `model`, then the setting collectiveFairness.firm.model, then logistic regression; the
 * audit, simulate and compare requests all train the learner so chosen and name it in their results.
 * On test/fixtures/server/people.csv (102 rows), read from disk beside three different sidecars.
 */
import { describe, it, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Sidecar } from '../../../src/core/roles/sidecar';
import { writeSidecar } from '../../support/sidecar';
import { TestClient } from './lspClient';

// From out/test/integration/server/ (compiled or bundled alike) to the repository.
const fixture = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'server', 'people.csv');
const ROLES: Omit<Sidecar, 'version'> = {
	sensitive: { column: 'sex', minority: ['F'], majority: ['M'], others: 'exclude' },
	label: { column: 'hired', favourable: ['yes'] },
};

type Audit = { model: { kind: string; text: string; params?: { maxIterations: number } } };

void describe('language server: the firm’s learner from the request, the sidecar or the setting', () => {
	let client: TestClient;
	let dir: string;
	const uris: Record<'boosting' | 'logistic' | 'none', string> = { boosting: '', logistic: '', none: '' };

	before(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cf-server-model-'));
		const models: Record<keyof typeof uris, Sidecar['model']> = {
			boosting: { kind: 'boosting', maxIterations: 8, minSamplesLeaf: 5 },
			logistic: { kind: 'logistic' },
			none: undefined,
		};
		for (const [name, model] of Object.entries(models)) {
			const csv = join(dir, `${name}.csv`);
			copyFileSync(fixture, csv);
			writeSidecar(csv, { ...ROLES, ...(model !== undefined ? { model } : {}) });
			uris[name as keyof typeof uris] = pathToFileURL(csv).href;
		}
		client = new TestClient();
		await client.initialize();
	});
	after(async () => {
		await client.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	const audit = (uri: string, extra: Record<string, unknown> = {}): Promise<Audit> =>
		client.connection.sendRequest<Audit>('collectiveFairness/audit', { uri, resamples: 0, ...extra });

	void it("a sidecar with model boosting gives a boosting audit with the sidecar's parameters", async () => {
		const result = await audit(uris.boosting);
		assert.equal(result.model.kind, 'gradient-boosting');
		assert.equal(result.model.params?.maxIterations, 8);
		assert.match(result.model.text, /^gradient boosting \(8 trees, 31 leaves, learning rate 0\.1, L2 0, min 5 rows per leaf\)/);
	});

	void it("the request's own model wins over the sidecar", async () => {
		const result = await audit(uris.boosting, { model: { kind: 'logistic', C: 1 } });
		assert.equal(result.model.kind, 'logistic-regression');
	});

	void it('the setting decides when the sidecar says nothing, and the sidecar beats the setting', async () => {
		assert.equal((await audit(uris.none)).model.kind, 'logistic-regression', 'default: logistic regression');
		await client.connection.sendNotification('workspace/didChangeConfiguration', {
			settings: { collectiveFairness: { firm: { model: 'boosting' } } },
		});
		try {
			assert.equal((await audit(uris.none)).model.kind, 'gradient-boosting');
			assert.equal((await audit(uris.logistic)).model.kind, 'logistic-regression', 'the sidecar says logistic');
		} finally {
			await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { collectiveFairness: {} } });
		}
		assert.equal((await audit(uris.none)).model.kind, 'logistic-regression');
	});

	void it('simulate and compare train the sidecar’s learner and name it', async () => {
		const simulation = await client.connection.sendRequest<{ params: { model?: { kind: string; params?: { maxIterations?: number } } } }>(
			'collectiveFairness/simulate',
			{ uri: uris.boosting, params: { experiment: 'flips', seeds: 1, flips: 3, methods: ['random'] } },
		);
		assert.equal(simulation.params.model?.kind, 'boosting');
		assert.equal(simulation.params.model?.params?.maxIterations, 8);
		const comparison = await client.connection.sendRequest<{ model: { kind: string; text: string }; warnings: string[] }>(
			'collectiveFairness/compare',
			{ uri: uris.boosting, input: { firm: { approaches: ['reweighing'], seeds: 1 }, includeCollective: false } },
		);
		assert.equal(comparison.model.kind, 'boosting');
		assert.match(comparison.model.text, /^gradient boosting \(8 trees/);
		const plain = await client.connection.sendRequest<{ model: { kind: string } }>('collectiveFairness/compare', {
			uri: uris.none,
			input: { firm: { approaches: ['reweighing'], seeds: 1 }, includeCollective: false },
		});
		assert.equal(plain.model.kind, 'logistic');
	});
});
