import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { massageLabels, massagingPlan, reweighingWeights } from '../../../../src/core/firm/kamiranCalders';
import { filterSuspectedFlips, foldAssignment } from '../../../../src/core/firm/defense';
import { fromDenseRows } from '../../../../src/core/encoding/matrix';
import { createRandom } from '../../../../src/core/random';

/** 3 majority rows (2 favourable), 5 minority rows (1 favourable) and one row outside `rows`. */
const y = Uint8Array.from([1, 1, 0, 1, 0, 0, 0, 0, 1]);
const group = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 0]);
const rows = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]);

/**
 * n random rows: group 1 with probability `minorityShare`, a favourable label at the group's rate
 * (`rates[group]`), all rows in training. `random` goes on drawing after them.
 */
function randomGroups(seed: number, n: number, minorityShare: number, rates: readonly [number, number]) {
	const random = createRandom(seed);
	const g = Int32Array.from({ length: n }, () => (random.next() < minorityShare ? 1 : 0));
	const labels = Uint8Array.from(g, (a) => (random.next() < rates[a as 0 | 1] ? 1 : 0));
	const all = Int32Array.from({ length: n }, (_, i) => i);
	return { random, g, labels, all };
}

describe('Kamiran–Calders reweighing', () => {
	it('worked example: w(a, y) = P(a)P(y)/P(a, y)', () => {
		const w = reweighingWeights(y, group, rows);
		// n = 8; P(a=0) = 3/8, P(y=1) = 3/8, P(0,1) = 2/8 → w = (3/8)(3/8)/(2/8) = 9/16.
		assert.ok(Math.abs(w[0]! - 9 / 16) < 1e-15);
		assert.ok(Math.abs(w[2]! - ((3 / 8) * (5 / 8)) / (1 / 8)) < 1e-15);
		assert.ok(Math.abs(w[3]! - ((5 / 8) * (3 / 8)) / (1 / 8)) < 1e-15);
		assert.ok(Math.abs(w[4]! - ((5 / 8) * (5 / 8)) / (4 / 8)) < 1e-15);
		assert.equal(w[8], 0, 'rows outside the training set get no weight');
	});

	it('makes label and group independent under the weights, on random data', () => {
		const n = 5000;
		const { g, labels, all } = randomGroups(3, n, 0.3, [0.5, 0.2]);
		const w = reweighingWeights(labels, g, all);
		const total = w.reduce((s, v) => s + v, 0);
		assert.ok(Math.abs(total - n) < 1e-8, 'weights sum to n');
		for (const a of [0, 1]) {
			for (const label of [0, 1]) {
				let joint = 0;
				let pa = 0;
				let py = 0;
				for (let i = 0; i < n; i++) {
					joint += g[i] === a && labels[i] === label ? w[i]! : 0;
					pa += g[i] === a ? w[i]! : 0;
					py += labels[i] === label ? w[i]! : 0;
				}
				assert.ok(Math.abs(joint / total - (pa / total) * (py / total)) < 1e-12, `cell (${a}, ${label})`);
			}
		}
		// Strength 0 is unweighted.
		assert.ok(reweighingWeights(labels, g, all, 0).every((v) => v === 1));
	});
});

describe('Kamiran–Calders massaging', () => {
	it('worked example: M = ⌈(|D_dep|·|D_fav,+| − |D_fav|·|D_dep,+|)/|D|⌉, promotions by highest score, demotions by lowest', () => {
		const plan = massagingPlan(y, group, rows);
		// dep = minority (1/5 < 2/3): (5·2 − 3·1)/8 = 7/8 → M = 1.
		assert.deepEqual(plan, { deprived: 1, favoured: 0, pairs: 1 });
		const scores = Float64Array.from([0.9, 0.6, 0.2, 0.8, 0.4, 0.7, 0.1, 0.3]);
		const { labels, promoted } = massageLabels(y, group, rows, scores, plan, plan.pairs);
		assert.equal(promoted, 1);
		assert.equal(labels[5], 1, 'the minority negative with the highest score (0.7) is promoted');
		assert.equal(labels[1], 0, 'the majority positive with the lowest score (0.6) is demoted');
		assert.equal(
			labels.reduce((s, v) => s + v, 0),
			y.reduce((s, v) => s + v, 0),
			'the class balance is kept',
		);
	});

	it('M pairs equalise the favourable rates to within one pair', () => {
		const n = 3000;
		const { random, g, labels, all } = randomGroups(9, n, 0.4, [0.55, 0.25]);
		const plan = massagingPlan(labels, g, all);
		const after = massageLabels(
			labels,
			g,
			all,
			Float64Array.from({ length: n }, () => random.next()),
			plan,
			plan.pairs,
		).labels;
		const rate = (a: number): number => {
			let p = 0;
			let c = 0;
			g.forEach((v, i) => {
				if (v === a) {
					c++;
					p += after[i]!;
				}
			});
			return p / c;
		};
		const n1 = g.reduce((s, v) => s + v, 0);
		assert.ok(Math.abs(rate(0) - rate(1)) <= 1 / n1 + 1 / (n - n1) + 1e-12, `${rate(0)} vs ${rate(1)}`);
	});
});

describe('defending firm: filterSuspectedFlips', () => {
	/** Two well-separated classes on one feature, with a few labels flipped against it. */
	function planted(): { x: ReturnType<typeof fromDenseRows>; y: Uint8Array; flipped: number[] } {
		const random = createRandom(4);
		const n = 600;
		const rowsX: number[][] = [];
		const labels: number[] = [];
		for (let i = 0; i < n; i++) {
			const label = i % 2;
			rowsX.push([(label === 1 ? 2 : -2) + random.normal() * 0.7]);
			labels.push(label);
		}
		const flipped = [0, 2, 4, 6, 8, 10]; // negatives made positive, far inside the negative class
		for (const i of flipped) {
			labels[i] = 1;
			rowsX[i]![0] = -3;
		}
		return { x: fromDenseRows(rowsX), y: Uint8Array.from(labels), flipped };
	}

	it('removes planted flips whose label a confident cross-validated model contradicts, and few others', () => {
		const { x, y: labels, flipped } = planted();
		const train = Int32Array.from({ length: x.rows }, (_, i) => i);
		const r = filterSuspectedFlips(x, labels, train, { threshold: 0.9, folds: 5, random: createRandom(1) });
		for (const i of flipped) {
			assert.ok(r.removed.includes(i), `planted flip ${i} removed`);
		}
		assert.ok(r.removed.length < flipped.length + 15, `${r.removed.length} removed`);
		assert.equal(r.kept.length + r.removed.length, train.length);
		// The rule, checked on every row: removed iff P̂(other label) ≥ θ.
		train.forEach((i, k) => {
			const p = r.outOfFold[k]!;
			const suspicious = labels[i] === 1 ? p <= 0.1 : p >= 0.9;
			assert.equal(r.removed.includes(i), suspicious);
		});
	});

	it('folds are a seeded balanced partition, and a higher θ never removes more rows', () => {
		const f = foldAssignment(103, 5, createRandom(2));
		const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((v) => v === k).length);
		assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
		assert.deepEqual(foldAssignment(103, 5, createRandom(2)), f);
		const { x, y: labels } = planted();
		const train = Int32Array.from({ length: x.rows }, (_, i) => i);
		const loose = filterSuspectedFlips(x, labels, train, { threshold: 0.7, random: createRandom(1) });
		const strict = filterSuspectedFlips(x, labels, train, { threshold: 0.95, random: createRandom(1) });
		assert.ok(strict.removed.every((i) => loose.removed.includes(i)));
		assert.throws(() => filterSuspectedFlips(x, labels, train, { threshold: 0.4, random: createRandom(1) }), RangeError);
	});
});
