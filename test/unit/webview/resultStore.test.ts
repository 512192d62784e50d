/**
 * The host's one result store without vscode or a disk: runs go in through the same calls the
 * commands and the panel use, an in-memory archive stands for the JSON files, and the data's
 * provenance is set by the test (as editing the roles or the CSV would change it).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SimulationResult } from '../../../src/shared/model';
import { withSimulation, NO_RESULTS } from '../../../src/shared/panelResults';
import { isHostMessage } from '../../../src/shared/webviewValidate';
import { canonicalRoles, ResultStore, type Provenance, type RunArchive, type StoredRun } from '../../../src/webview/resultStore';
import { fixture, fixtureResults } from '../../support/panelFixtures';

const { minimum, flips, audit } = fixtureResults;
const size = fixture<SimulationResult>('size');

/** The JSON files, in memory: what `save` wrote is what a new store `load`s. */
class MemoryArchive implements RunArchive {
	readonly folder = '(memory)';
	readonly files = new Map<string, readonly StoredRun[]>();
	async load(): Promise<ReadonlyMap<string, readonly StoredRun[]>> {
		return new Map(this.files);
	}
	async save(uri: string, runs: readonly StoredRun[]): Promise<void> {
		if (runs.length === 0) {
			this.files.delete(uri);
		} else {
			this.files.set(uri, [...runs]);
		}
	}
}

const APPROVED = canonicalRoles({ sensitive: { column: 'gender' }, label: { column: 'outcome', positive: ['approved'] } } as never);
const DENIED = canonicalRoles({ sensitive: { column: 'gender' }, label: { column: 'outcome', positive: ['denied'] } } as never);

function setUp(keep?: number): { store: ResultStore<string>; archive: MemoryArchive; now: { provenance: Provenance } } {
	const archive = new MemoryArchive();
	const now = { provenance: { sha256: 'aa', roles: APPROVED } };
	const store = new ResultStore<string>({
		archive,
		provenanceOf: async () => now.provenance,
		...(keep !== undefined ? { keep: () => keep } : {}),
	});
	return { store, archive, now };
}

const DATA = 'file:///ws/applicants.csv';
const OTHER = 'file:///ws/credit.csv';

describe('result store', () => {
	it('tells its subscribers which dataset changed, until they unsubscribe', async () => {
		const { store } = setUp();
		const heard: string[] = [];
		const subscription = store.onDidChange((uri) => heard.push(uri));
		await store.addSimulation(DATA, flips);
		await store.setAudit(OTHER, audit);
		assert.deepEqual(heard, [DATA, OTHER]);
		subscription.dispose();
		await store.addSimulation(DATA, size);
		assert.deepEqual(heard, [DATA, OTHER]);
	});

	it('replaces a run by a new run with the same key (same data, roles and parameters)', async () => {
		const { store, archive } = setUp();
		await store.addSimulation(DATA, flips);
		const again = { ...flips, timings: { ...flips.timings, seconds: flips.timings.seconds + 42 } };
		await store.addSimulation(DATA, again);
		assert.equal(archive.files.get(DATA)?.length, 1, 'one run kept for one question');
		assert.equal((await store.current(DATA)).fresh?.simulations.flips?.timings.seconds, again.timings.seconds);
		// Other parameters answer another question: both kept.
		await store.addSimulation(DATA, { ...flips, params: { ...flips.params, seeds: flips.params.seeds + 1 } });
		assert.equal(archive.files.get(DATA)?.length, 2);
	});

	it('never shows a result computed under other roles or data as current', async () => {
		const { store, now } = setUp();
		await store.setAudit(DATA, audit);
		await store.addSimulation(DATA, flips);
		assert.ok((await store.current(DATA)).fresh?.audit !== undefined);

		now.provenance = { sha256: 'aa', roles: DENIED };
		const underNewRoles = await store.current(DATA);
		assert.equal(underNewRoles.fresh, undefined);
		assert.deepEqual(
			underNewRoles.stale.map((s) => [s.run.kind, s.why]),
			[
				['audit', 'the roles changed since'],
				['simulation', 'the roles changed since'],
			],
		);
		// A run under the new roles is current on its own, never beside the old ones.
		await store.addSimulation(DATA, size);
		const mixed = await store.current(DATA);
		assert.deepEqual(Object.keys(mixed.fresh?.simulations ?? {}), ['size']);
		assert.equal(mixed.fresh?.audit, undefined);

		now.provenance = { sha256: 'bb', roles: DENIED };
		assert.ok((await store.current(DATA)).stale.every((s) => s.why === 'the data changed since'));
		// Back to the data and roles they were computed under: current again.
		now.provenance = { sha256: 'aa', roles: APPROVED };
		assert.deepEqual(Object.keys((await store.current(DATA)).fresh?.simulations ?? {}), ['flips']);
	});

	it('stores a run under the data and roles it started from: roles changed mid-run make it stale, not current', async () => {
		const { store, now } = setUp();
		const startedWith = await store.provenance(DATA);
		// The roles are edited while the simulation runs; it finishes afterwards.
		now.provenance = { sha256: 'aa', roles: DENIED };
		await store.addSimulation(DATA, flips, startedWith);
		await store.setAudit(DATA, audit, startedWith);
		const after = await store.current(DATA);
		assert.equal(after.fresh, undefined);
		assert.deepEqual(
			after.stale.map((s) => [s.run.kind, s.why, s.run.provenance.roles]),
			[
				['simulation', 'the roles changed since', APPROVED],
				['audit', 'the roles changed since', APPROVED],
			],
		);
		// The data replaced mid-run: stale for the data, whatever the roles.
		now.provenance = { sha256: 'aa', roles: APPROVED };
		const dataBefore = await store.provenance(DATA);
		now.provenance = { sha256: 'cc', roles: APPROVED };
		await store.addSimulation(DATA, size, dataBefore);
		assert.deepEqual(
			(await store.current(DATA)).stale.filter((s) => s.run.kind === 'simulation').map((s) => s.why),
			['the data changed since', 'the data changed since'],
		);
	});

	it('keeps size or minimum, whichever ran last, beside the other experiments', async () => {
		const { store } = setUp();
		await store.addSimulation(DATA, flips);
		await store.addSimulation(DATA, size);
		await store.addSimulation(DATA, minimum);
		assert.deepEqual(Object.keys((await store.current(DATA)).fresh?.simulations ?? {}).sort(), ['flips', 'minimum']);
		await store.addSimulation(DATA, size);
		assert.deepEqual(Object.keys((await store.current(DATA)).fresh?.simulations ?? {}).sort(), ['flips', 'size']);
		// The webview merges a single result by the same function.
		assert.deepEqual(Object.keys(withSimulation(withSimulation(NO_RESULTS, size), minimum).simulations), ['minimum']);
	});

	it('keeps at most the bound per dataset, the newest', async () => {
		const { store, archive } = setUp(2);
		await store.addSimulation(DATA, flips);
		await store.addSimulation(DATA, size);
		await store.setAudit(DATA, audit);
		assert.deepEqual(
			archive.files.get(DATA)?.map((r) => r.kind),
			['simulation', 'audit'],
		);
		assert.deepEqual(Object.keys((await store.current(DATA)).fresh?.simulations ?? {}), ['size']);
	});

	it('is fed by what was kept: a new store finds the runs again, and a reload tells the subscribers', async () => {
		const { store, archive, now } = setUp();
		await store.addSimulation(DATA, flips);
		const restarted = new ResultStore<string>({ archive, provenanceOf: async () => now.provenance });
		await restarted.ready();
		assert.deepEqual(restarted.keys(), [DATA]);
		assert.deepEqual(Object.keys((await restarted.current(DATA)).fresh?.simulations ?? {}), ['flips']);
		const heard: string[] = [];
		restarted.onDidChange((uri) => heard.push(uri));
		await restarted.reload();
		assert.deepEqual(heard, [DATA]);
		await restarted.clear(DATA);
		assert.equal(archive.files.has(DATA), false);
		assert.equal((await restarted.current(DATA)).fresh, undefined);
	});
});

describe('results/didChange', () => {
	it("carries the store's results to the webview, checked like every message", () => {
		assert.ok(isHostMessage({ type: 'results/didChange', params: { results: { simulations: { flips }, audit } } }));
		assert.ok(isHostMessage({ type: 'results/didChange', params: { results: NO_RESULTS } }));
		assert.equal(
			isHostMessage({ type: 'results/didChange', params: { results: { simulations: { flips: { ...flips, rows: 'x' } } } } }),
			false,
		);
		assert.equal(isHostMessage({ type: 'results/didChange', params: { results: { simulations: { bogus: flips } } } }), false);
	});
});
