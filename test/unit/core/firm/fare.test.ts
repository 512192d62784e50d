import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignCells, fairGini, growFareTree } from '../../../../src/core/firm/fareTree';
import { cellCentres, cellMatrix, centreMatrix, fareCertificate } from '../../../../src/core/firm/fare';
import { fromDenseRows } from '../../../../src/core/encoding/matrix';
import { prepareDataset } from '../../../../src/core/dataset';
import { fitLogistic, predictLabels } from '../../../../src/core/models/logistic';
import { createRandom } from '../../../../src/core/random';
import { syntheticFixture } from '../../../integration/runner/fixture';

describe('FARE tree', () => {
	it('FairGini = (1 − γ)·Gini(y) + γ·(0.5 − Gini(a))', () => {
		// 10 rows, 4 positive, 5 minority: Gini(y) = 2·.4·.6 = .48, Gini(a) = .5.
		assert.ok(Math.abs(fairGini(10, 4, 5, 0.3) - (0.7 * 0.48 + 0.3 * 0)) < 1e-15);
		assert.ok(Math.abs(fairGini(10, 4, 0, 1) - 0.5) < 1e-15);
	});

	it('γ = 0 splits where the label changes; γ = 1 refuses a split that separates the groups', () => {
		// Feature 0 separates y (and, here, also a); feature 1 is noise.
		const random = createRandom(1);
		const rows = Array.from({ length: 200 }, (_, i) => [i < 100 ? -1 - random.next() : 1 + random.next(), random.next()]);
		const x = fromDenseRows(rows);
		const y = Uint8Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 1));
		const a = Uint8Array.from(y);
		const all = Int32Array.from({ length: 200 }, (_, i) => i);
		const plain = growFareTree(x, y, a, all, { gamma: 0, maxLeaves: 2, minLeaf: 10 });
		const root = plain.nodes[0]!;
		assert.equal(root.kind, 'numeric');
		assert.equal(root.kind === 'numeric' ? root.feature : -1, 0);
		assert.equal(plain.cells, 2);
		const cells = assignCells(plain, x);
		assert.ok(cells.every((c, i) => c === (i < 100 ? 0 : 1)));
		const fair = growFareTree(x, y, a, all, { gamma: 1, maxLeaves: 8, minLeaf: 10 });
		const fairCells = assignCells(fair, x);
		// Every cell stays mixed: no cell is all one group.
		for (let c = 0; c < fair.cells; c++) {
			const members = Array.from(fairCells.keys()).filter((i) => fairCells[i] === c);
			const minority = members.filter((i) => a[i] === 1).length;
			assert.ok(minority > 0 && minority < members.length, `cell ${c} mixes the groups`);
		}
	});

	it('respects k̄ and the minimum leaf size on real-shaped data, and is deterministic', () => {
		const f = syntheticFixture(3000, 2);
		const data = prepareDataset(f.table, f.sidecar, { seed: 1 });
		const a = Uint8Array.from(data.group, (g) => (g === 1 ? 1 : 0));
		for (const [gamma, maxLeaves] of [
			[0, 12],
			[0.5, 30],
			[0.9, 5],
		] as const) {
			const tree = growFareTree(data.x, data.y, a, data.train, { gamma, maxLeaves, minLeaf: 40 });
			assert.ok(tree.cells >= 1 && tree.cells <= maxLeaves);
			const cells = assignCells(tree, data.x, data.train);
			const sizes = new Int32Array(tree.cells);
			cells.forEach((c) => sizes[c]!++);
			assert.ok(
				sizes.every((s) => s >= 40),
				`leaf sizes ${Array.from(sizes).join(',')}`,
			);
			assert.deepEqual(growFareTree(data.x, data.y, a, data.train, { gamma, maxLeaves, minLeaf: 40 }), tree);
		}
	});

	it('cell and centre representations: one-hot of the cell, and per-cell medians/modes', () => {
		const x = fromDenseRows([[1], [2], [3], [10], [20]]);
		const cells = Int32Array.from([0, 0, 0, 1, 1]);
		const z = cellMatrix(cells, 2);
		assert.deepEqual(Array.from(z.active), [0, 0, 0, 1, 1]);
		const centres = cellCentres(x, Int32Array.from([0, 1, 2, 3, 4]), cells, 2);
		assert.deepEqual(Array.from(centres.dense), [2, 15]);
		assert.deepEqual(Array.from(centreMatrix(x, centres, cells).dense), [2, 2, 2, 15, 15]);
	});
});

describe('FARE certificate', () => {
	it('worked example: bound shrinks with data and is 1 at most', () => {
		const cells = Int32Array.from([0, 0, 1, 1]);
		const group = Int32Array.from([0, 1, 0, 1]);
		assert.ok(fareCertificate(cells, group, 2).spdBound > 0.99, 'two rows per group certify next to nothing');
		const many = 20000;
		const bigCells = Int32Array.from({ length: many }, (_, i) => i % 2);
		const bigGroup = Int32Array.from({ length: many }, (_, i) => Math.floor(i / 2) % 2);
		const c = fareCertificate(bigCells, bigGroup, 2, 0.05);
		assert.ok(c.spdBound > 0 && c.spdBound < 0.05, `identical cell distributions: bound ${c.spdBound}`);
		assert.equal(c.confidence, 0.95);
	});

	it('holds on held-out synthetic data for every classifier tried (logistic on the cells, and the optimal adversary)', () => {
		const f = syntheticFixture(30000, 5);
		const data = prepareDataset(f.table, f.sidecar, { seed: 3, testFraction: 0.6 });
		const a = Uint8Array.from(data.group, (g) => (g === 1 ? 1 : 0));
		// Test rows: the first third certifies, the rest (≈ 12,000 rows) evaluates.
		const certifyRows = data.test.slice(0, Math.floor(data.test.length / 3));
		const evalRows = data.test.slice(certifyRows.length);
		for (const [gamma, maxLeaves] of [
			[0, 20],
			[0.5, 10],
			[0.8, 50],
			[0.95, 8],
		] as const) {
			const tree = growFareTree(data.x, data.y, a, data.train, { gamma, maxLeaves, minLeaf: 50 });
			const cells = assignCells(tree, data.x);
			const bound = fareCertificate(
				Int32Array.from(certifyRows, (i) => cells[i]!),
				Int32Array.from(certifyRows, (i) => data.group[i]!),
				tree.cells,
			).spdBound;
			const spdOf = (yhat: ArrayLike<number>, rows: Int32Array): number => {
				const pos = [0, 0];
				const n = [0, 0];
				rows.forEach((i, r) => {
					const g = data.group[i]!;
					n[g]!++;
					pos[g]! += yhat[r]!;
				});
				return Math.abs(pos[0]! / n[0]! - pos[1]! / n[1]!);
			};
			const z = cellMatrix(cells, tree.cells);
			const model = fitLogistic(z, data.y, { rows: data.train }).model;
			const logisticSpd = spdOf(predictLabels(model, z, evalRows), evalRows);
			// The optimal adversary on the evaluation rows: 1 where a cell is commoner in the majority.
			const counts = [new Float64Array(tree.cells), new Float64Array(tree.cells)];
			const n = [0, 0];
			for (const i of evalRows) {
				counts[data.group[i]!]![cells[i]!]!++;
				n[data.group[i]!]!++;
			}
			const adversary = Uint8Array.from(evalRows, (i) => (counts[0]![cells[i]!]! / n[0]! > counts[1]![cells[i]!]! / n[1]! ? 1 : 0));
			const adversarySpd = spdOf(adversary, evalRows);
			assert.ok(
				logisticSpd <= bound && adversarySpd <= bound,
				`γ=${gamma} k̄=${maxLeaves}: SPD ${logisticSpd.toFixed(3)} / ${adversarySpd.toFixed(3)} vs bound ${bound.toFixed(3)}`,
			);
			assert.ok(logisticSpd <= adversarySpd + 1e-12, 'no classifier of the cells beats the optimal adversary on the same rows');
		}
	});
});
