/**
 * The feature matrix as the scikit-learn fixture exporters write it (test/reference/*.py: dense
 * row-major values, one active column per one-hot block and row, −1 for a missing level), shared by
 * the logistic and the kNN parity fixtures.
 */
import type { FeatureMatrix } from '../../src/core/encoding/matrix';

export interface MatrixFixture {
	rows: number;
	width: number;
	denseWidth: number;
	blockCount: number;
	dense: number[];
	active: number[];
}

/** The fixture's matrix, with columns named f0, f1, … (the exporters keep no names). */
export function fixtureMatrix(fixture: MatrixFixture): FeatureMatrix {
	return {
		rows: fixture.rows,
		width: fixture.width,
		denseWidth: fixture.denseWidth,
		dense: Float64Array.from(fixture.dense),
		blockCount: fixture.blockCount,
		active: Int32Array.from(fixture.active),
		names: Array.from({ length: fixture.width }, (_, j) => `f${j}`),
	};
}
