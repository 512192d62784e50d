/**
 * A run's progress crosses the LSP boundary as numbers (collectiveFairness/runProgress, keyed by the
 * request's work-done token), so the panel's progress bar never parses the notification's words.
 * The words on the work-done report must say the same numbers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RunProgressNotification, type RunProgress } from '../../../src/shared/lspProtocol';
import { repoRoot } from '../../support/datasets';
import { TestClient } from './lspClient';

describe('run progress (stdio server)', () => {
	it('a simulation reports done/total/eta as a typed notification under its work-done token', async () => {
		const client = new TestClient();
		try {
			const ticks: RunProgress[] = [];
			const words: string[] = [];
			client.connection.onNotification(RunProgressNotification.type, (p) => ticks.push(p));
			client.connection.onNotification('$/progress', (p: { token: string; value: { kind: string; message?: string } }) => {
				if (p.token === 'run-7' && p.value.kind === 'report' && p.value.message !== undefined) {
					words.push(p.value.message);
				}
			});
			await client.initialize();
			const uri = pathToFileURL(join(repoRoot, 'samples', 'toy.csv')).href;
			const result = await client.connection.sendRequest<{ timings: { fits: number } }>('collectiveFairness/simulate', {
				uri,
				params: { experiment: 'flips', seeds: 1, flips: 3, methods: ['random'], refineGrid: false },
				workDoneToken: 'run-7',
			});
			assert.ok(ticks.length > 0, 'at least one runProgress notification');
			for (const t of ticks) {
				assert.equal(t.workDoneToken, 'run-7');
				assert.ok(Number.isInteger(t.done) && Number.isInteger(t.total) && t.done >= 0 && t.done <= t.total, JSON.stringify(t));
				assert.ok(t.etaSeconds === undefined || (Number.isFinite(t.etaSeconds) && t.etaSeconds >= 0), JSON.stringify(t));
			}
			const last = ticks.at(-1)!;
			assert.equal(last.done, last.total, 'the last tick is the end of the run');
			assert.equal(last.total, result.timings.fits, 'the planned fits are the fits the result reports');
			assert.ok(
				words.some((w) => w.startsWith(`${last.done}/${last.total} fits`)),
				`the work-done words say the same numbers: ${words.join(' | ')}`,
			);
		} finally {
			await client.stop();
		}
	});
});
