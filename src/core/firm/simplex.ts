/**
 * A small linear-program solver: dense two-phase simplex
 * with Bland's rule (Bland 1977, "New finite pivoting rules for the simplex method", Math. Oper.
 * Res. 2(2)), which cannot cycle, so it terminates on every input. Meant for the equalized-odds
 * LP of Hardt, Price & Srebro (2016): a handful of rows and at most a few hundred columns, where
 * a dense tableau costs microseconds and needs no external dependency.
 *
 * Problem form:  minimise c·x  subject to  A x = b,  x ≥ 0.
 * (Inequalities are written with slack columns by the caller.)
 */

export interface LinearProgram {
	/** Objective coefficients, one per variable. */
	readonly c: ArrayLike<number>;
	/** Constraint rows, each of length c.length. */
	readonly A: ReadonlyArray<ArrayLike<number>>;
	readonly b: ArrayLike<number>;
}

export type LpResult =
	{ readonly status: 'optimal'; readonly x: Float64Array; readonly objective: number } | { readonly status: 'infeasible' | 'unbounded' };

/** Pivot tolerance; the LPs here have entries in [−1, 1], so an absolute tolerance is fine. */
const EPS = 1e-10;

export function solveLinearProgram(lp: LinearProgram): LpResult {
	const m = lp.A.length;
	const n = lp.c.length;
	if (lp.b.length !== m || lp.A.some((row) => row.length !== n)) {
		throw new RangeError(`linear program: A must be ${m} × ${n} with b of length ${m}`);
	}
	// Tableau rows: [A | I (artificials) | b], rows negated where b < 0 so that b ≥ 0.
	const width = n + m + 1;
	const t: Float64Array[] = [];
	for (let i = 0; i < m; i++) {
		const row = new Float64Array(width);
		const sign = lp.b[i]! < 0 ? -1 : 1;
		for (let j = 0; j < n; j++) {
			row[j] = sign * lp.A[i]![j]!;
		}
		row[n + i] = 1;
		row[width - 1] = sign * lp.b[i]!;
		t.push(row);
	}
	const basis = Int32Array.from({ length: m }, (_, i) => n + i);
	// Phase 1: minimise the sum of artificials.
	const phase1 = new Float64Array(n + m);
	phase1.fill(1, n);
	if (runSimplex(t, basis, phase1, n + m) === 'unbounded') {
		throw new Error('linear program: phase 1 reported unbounded (internal error)');
	}
	let infeasibility = 0;
	for (let i = 0; i < m; i++) {
		if (basis[i]! >= n) {
			infeasibility += t[i]![width - 1]!;
		}
	}
	const scale = Math.max(1, ...Array.from(lp.b, Math.abs));
	if (infeasibility > 1e-9 * scale) {
		return { status: 'infeasible' };
	}
	// Drive artificials at zero out of the basis where a real column can replace them; a row with
	// no such column is redundant and keeps its artificial at 0 for good.
	for (let i = 0; i < m; i++) {
		if (basis[i]! < n) {
			continue;
		}
		for (let j = 0; j < n; j++) {
			if (Math.abs(t[i]![j]!) > EPS) {
				pivot(t, basis, i, j);
				break;
			}
		}
	}
	// Phase 2: the real objective; artificial columns may not re-enter.
	const cost = new Float64Array(n + m);
	for (let j = 0; j < n; j++) {
		cost[j] = lp.c[j]!;
	}
	if (runSimplex(t, basis, cost, n) === 'unbounded') {
		return { status: 'unbounded' };
	}
	const x = new Float64Array(n);
	for (let i = 0; i < m; i++) {
		if (basis[i]! < n) {
			x[basis[i]!] = Math.max(0, t[i]![width - 1]!);
		}
	}
	let objective = 0;
	for (let j = 0; j < n; j++) {
		objective += lp.c[j]! * x[j]!;
	}
	return { status: 'optimal', x, objective };
}

/**
 * Primal simplex on the tableau from the current (feasible) basis, Bland's rule: the entering
 * column is the lowest-index one with a negative reduced cost, the leaving row the minimum ratio
 * with ties to the lowest basic index. Columns ≥ `enterable` never enter.
 */
function runSimplex(t: Float64Array[], basis: Int32Array, cost: Float64Array, enterable: number): 'optimal' | 'unbounded' {
	const m = t.length;
	const rhs = cost.length;
	for (let iteration = 0; iteration < 100_000; iteration++) {
		let entering = -1;
		for (let j = 0; j < enterable; j++) {
			let reduced = cost[j]!;
			for (let i = 0; i < m; i++) {
				reduced -= cost[basis[i]!]! * t[i]![j]!;
			}
			if (reduced < -EPS) {
				entering = j;
				break;
			}
		}
		if (entering < 0) {
			return 'optimal';
		}
		let leaving = -1;
		let bestRatio = Infinity;
		for (let i = 0; i < m; i++) {
			const a = t[i]![entering]!;
			if (a > EPS) {
				const ratio = t[i]![rhs]! / a;
				if (ratio < bestRatio - EPS || (Math.abs(ratio - bestRatio) <= EPS && basis[i]! < basis[leaving]!)) {
					bestRatio = ratio;
					leaving = i;
				}
			}
		}
		if (leaving < 0) {
			return 'unbounded';
		}
		pivot(t, basis, leaving, entering);
	}
	throw new Error('linear program: iteration limit reached (internal error)');
}

function pivot(t: Float64Array[], basis: Int32Array, row: number, column: number): void {
	const p = t[row]!;
	const inverse = 1 / p[column]!;
	for (let j = 0; j < p.length; j++) {
		p[j] = p[j]! * inverse;
	}
	p[column] = 1;
	for (let i = 0; i < t.length; i++) {
		if (i === row) {
			continue;
		}
		const r = t[i]!;
		const factor = r[column]!;
		if (factor !== 0) {
			for (let j = 0; j < r.length; j++) {
				r[j] = r[j]! - factor * p[j]!;
			}
			r[column] = 0;
		}
	}
	basis[row] = column;
}
