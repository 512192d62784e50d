/**
 * Grows one regression tree on gradients and hessians, leaf-wise: of all leaves that can still be
 * split, the one whose best split gains most is split next, until the tree has maxLeaves leaves or
 * no leaf can be split (scikit-learn's TreeGrower, sklearn/ensemble/_hist_gradient_boosting/grower.py).
 *
 * A node's rows are a contiguous range of `samples`, partitioned in place when it splits, so a
 * finished leaf's range names exactly the training rows whose prediction it updates. A leaf is
 * final when it has fewer than 2 · minSamplesLeaf rows, reaches maxDepth, or has no split of
 * positive gain; its value is −G / (H + λ) times the learning rate.
 */
import type { BinnedFeatures } from './binning';
import { emptySplit, fillHistogram, findBestSplit, goesLeft, MIN_HESSIAN_TO_SPLIT, subtractHistogram, type SplitCandidate } from './split';

export interface GrowSettings {
	readonly maxLeaves: number;
	readonly maxDepth: number | null;
	readonly minSamplesLeaf: number;
	readonly l2: number;
	readonly learningRate: number;
}

/** A grown tree in node order (0 = root); leaves have feature −1. */
export interface GrownTree {
	readonly feature: Int32Array;
	readonly bin: Int32Array;
	readonly missingLeft: Uint8Array;
	readonly left: Int32Array;
	readonly right: Int32Array;
	/** Leaf value with the learning rate applied (0 for internal nodes). */
	readonly value: Float64Array;
	readonly leaves: number;
}

interface Node {
	start: number;
	end: number;
	G: number;
	H: number;
	depth: number;
	hist: Float64Array | null;
	split: SplitCandidate;
}

/**
 * Reusable buffers for growing trees on one binned matrix: histograms and the partition scratch.
 * One per fit; growing allocates nothing else per node beyond small objects.
 */
export class TreeGrower {
	private readonly free: Float64Array[] = [];
	private readonly scratch: Int32Array;

	constructor(
		private readonly binned: BinnedFeatures,
		private readonly settings: GrowSettings,
	) {
		this.scratch = new Int32Array(binned.rows.length);
	}

	/**
	 * Grows a tree on samples[0 … count) (row positions; reordered in place) and adds each leaf's
	 * value to `raw` for the rows it holds.
	 */
	grow(samples: Int32Array, count: number, gradient: Float64Array, hessian: Float64Array, raw: Float64Array): GrownTree {
		const { maxLeaves, maxDepth, minSamplesLeaf, l2, learningRate } = this.settings;
		const capacity = 2 * maxLeaves - 1;
		const feature = new Int32Array(capacity).fill(-1);
		const bin = new Int32Array(capacity).fill(-1);
		const missingLeft = new Uint8Array(capacity);
		const left = new Int32Array(capacity).fill(-1);
		const right = new Int32Array(capacity).fill(-1);
		const value = new Float64Array(capacity);
		const nodes: Node[] = [];
		const splittable: number[] = [];
		const finalize = (id: number): void => {
			const node = nodes[id]!;
			const v = node.H + l2 > 0 ? (-node.G / (node.H + l2)) * learningRate : 0;
			value[id] = v;
			for (let k = node.start; k < node.end; k++) {
				const row = samples[k]!;
				raw[row] = raw[row]! + v;
			}
			this.release(node);
		};
		const canSplit = (node: Node): boolean =>
			node.end - node.start >= 2 * minSamplesLeaf && (maxDepth === null || node.depth < maxDepth) && node.H >= MIN_HESSIAN_TO_SPLIT;
		const searchOrFinalize = (id: number): void => {
			const node = nodes[id]!;
			findBestSplit(this.binned, node.hist!, node.G, node.H, node.end - node.start, { minSamplesLeaf, l2 }, node.split);
			if (node.split.gain > 0) {
				splittable.push(id);
			} else {
				finalize(id);
			}
		};

		let G = 0;
		let H = 0;
		for (let k = 0; k < count; k++) {
			G += gradient[samples[k]!]!;
			H += hessian[samples[k]!]!;
		}
		nodes.push({ start: 0, end: count, G, H, depth: 0, hist: null, split: emptySplit() });
		if (!canSplit(nodes[0]!)) {
			finalize(0);
		} else {
			nodes[0]!.hist = this.histogram();
			fillHistogram(this.binned, samples, 0, count, gradient, hessian, nodes[0]!.hist);
			searchOrFinalize(0);
		}
		let leaves = 1;
		while (splittable.length > 0) {
			const id = popBest(splittable, nodes);
			const node = nodes[id]!;
			const s = node.split;
			const mid = this.partition(samples, node.start, node.end, s);
			const leftId = nodes.length;
			const rightId = leftId + 1;
			const hl = s.hessianLeft;
			nodes.push({ start: node.start, end: mid, G: s.gradientLeft, H: hl, depth: node.depth + 1, hist: null, split: emptySplit() });
			nodes.push({
				start: mid,
				end: node.end,
				G: node.G - s.gradientLeft,
				H: node.H - hl,
				depth: node.depth + 1,
				hist: null,
				split: emptySplit(),
			});
			feature[id] = s.feature;
			bin[id] = s.bin;
			missingLeft[id] =
				s.missingLeft || (this.isDense(s.feature) && this.binned.hasMissing[s.feature] === 0 && mid - node.start > node.end - mid) ? 1 : 0;
			left[id] = leftId;
			right[id] = rightId;
			leaves++;
			const leftNode = nodes[leftId]!;
			const rightNode = nodes[rightId]!;
			if (leaves >= maxLeaves) {
				this.release(node);
				finalize(leftId);
				finalize(rightId);
				while (splittable.length > 0) {
					finalize(splittable.pop()!);
				}
				break;
			}
			const splitLeft = canSplit(leftNode);
			const splitRight = canSplit(rightNode);
			if (splitLeft || splitRight) {
				// Rows are read for the smaller child only; the larger one is parent − smaller.
				const [small, large] =
					leftNode.end - leftNode.start <= rightNode.end - rightNode.start ? [leftNode, rightNode] : [rightNode, leftNode];
				small.hist = this.histogram();
				fillHistogram(this.binned, samples, small.start, small.end, gradient, hessian, small.hist);
				large.hist = node.hist;
				node.hist = null;
				subtractHistogram(large.hist!, small.hist);
			} else {
				this.release(node);
			}
			if (splitLeft) {
				searchOrFinalize(leftId);
			} else {
				finalize(leftId);
			}
			if (splitRight) {
				searchOrFinalize(rightId);
			} else {
				finalize(rightId);
			}
		}
		const size = nodes.length;
		return {
			feature: feature.slice(0, size),
			bin: bin.slice(0, size),
			missingLeft: missingLeft.slice(0, size),
			left: left.slice(0, size),
			right: right.slice(0, size),
			value: value.slice(0, size),
			leaves,
		};
	}

	private isDense(feature: number): boolean {
		return feature < this.binned.matrix.denseWidth;
	}

	/** Stable in-place partition of samples[start … end) by the split; returns where the right part starts. */
	private partition(samples: Int32Array, start: number, end: number, s: SplitCandidate): number {
		let l = start;
		let r = 0;
		const scratch = this.scratch;
		for (let k = start; k < end; k++) {
			const row = samples[k]!;
			if (goesLeft(this.binned, row, s.feature, s.bin, s.missingLeft)) {
				samples[l++] = row;
			} else {
				scratch[r++] = row;
			}
		}
		samples.set(scratch.subarray(0, r), l);
		if (l - start !== s.countLeft) {
			throw new Error(`gradient boosting: internal error, a split sent ${l - start} rows left where its histogram counted ${s.countLeft}`);
		}
		return l;
	}

	private histogram(): Float64Array {
		return this.free.pop() ?? new Float64Array(3 * this.binned.slotCount);
	}

	private release(node: Node): void {
		if (node.hist !== null) {
			this.free.push(node.hist);
			node.hist = null;
		}
	}
}

/** Removes and returns the splittable node of largest gain (the first one on ties). */
function popBest(splittable: number[], nodes: readonly Node[]): number {
	let best = 0;
	for (let k = 1; k < splittable.length; k++) {
		if (nodes[splittable[k]!]!.split.gain > nodes[splittable[best]!]!.split.gain) {
			best = k;
		}
	}
	return splittable.splice(best, 1)[0]!;
}
