/** Small dense vector operations shared by the quasi-Newton recursions (L-BFGS and the factor's L-BFGS corrections). */

/** a·b over the length of `a`. */
export function dot(a: Float64Array, b: Float64Array): number {
	let s = 0;
	for (let j = 0; j < a.length; j++) {
		s += a[j]! * b[j]!;
	}
	return s;
}

/** y ← y + a·x over the length of `x`. */
export function axpy(a: number, x: Float64Array, y: Float64Array): void {
	for (let j = 0; j < x.length; j++) {
		y[j] = y[j]! + a * x[j]!;
	}
}
