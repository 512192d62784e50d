import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chooseUnit, type ScheduleView } from '../../../src/runner/poolSchedule';
import type { UnitKey } from '../../../src/core/collective/unit';

/** Units of `seeds` seeds × the four methods, seed-major as planUnits orders them. */
function plan(seeds: number): UnitKey[] {
	const methods = ['rb-prob', 'rb-label', 'rb-dist', 'random'] as const;
	return Array.from({ length: seeds }, (_, seed) => methods.map((method) => ({ seed, method, knowledge: 'all' as const }))).flat();
}

function view(units: UnitKey[], waiting: number[], shared: number[] = [], preparing: number[] = []): ScheduleView {
	return { units, waiting, shared: new Set(shared), preparing: new Set(preparing) };
}

describe('pool schedule: which unit a free thread runs', () => {
	const units = plan(3);

	it('a fresh thread prepares the first seed, and shares it when other units of that seed wait', () => {
		assert.deepEqual(chooseUnit(view(units, [0, 1, 2, 3, 4]), new Set()), { index: 0, how: 'prepare', share: true });
		// The last unit of a seed: nobody else will need its context.
		assert.deepEqual(chooseUnit(view(units, [3, 8]), new Set()), { index: 3, how: 'prepare', share: false });
	});

	it('a thread waits for a seed another thread is preparing rather than build it twice', () => {
		const onlySeedZero = view(plan(1), [1, 2, 3], [], [0]);
		assert.equal(chooseUnit(onlySeedZero, new Set()), undefined);
	});

	it('while seed 0 is being prepared, a second thread prepares seed 1 if units of it wait', () => {
		assert.deepEqual(chooseUnit(view(units, [1, 2, 3, 4, 5], [], [0]), new Set()), { index: 4, how: 'prepare', share: true });
	});

	it('a shared context is taken before preparing anything', () => {
		assert.deepEqual(chooseUnit(view(units, [1, 2, 3, 4, 5], [0], []), new Set()), { index: 1, how: 'shared' });
	});

	it('a seed the thread holds comes first, even after other seeds in plan order', () => {
		// The refinement pass: the thread kept seed 2 from the first pass.
		assert.deepEqual(chooseUnit(view(units, [0, 4, 8, 9], [0]), new Set([2])), { index: 8, how: 'held' });
	});

	it('nothing waiting: nothing to run', () => {
		assert.equal(chooseUnit(view(units, []), new Set([0])), undefined);
	});
});
