"""The one reader of the feature blocks that test/reference/export_matrices.ts and
export_boosting_matrix.ts write: the scripts beside this one (boosting_fixture.py, export_knn.py,
export_logistic.py) import it, so that all three rebuild the engine's encoding the same way.

A block holds the dense columns row by row ('dense', n x dense_width) and, per row, the column of
the one active indicator in each one-hot block ('active', n x block_count, -1 where none is set).
"""
import numpy as np


def densify(block, n, width, dense_width, block_count):
    x = np.zeros((n, width))
    x[:, :dense_width] = np.asarray(block['dense'], dtype=float).reshape(n, dense_width)
    active = np.asarray(block['active'], dtype=int).reshape(n, block_count)
    for t in range(block_count):
        rows = np.nonzero(active[:, t] >= 0)[0]
        x[rows, active[rows, t]] = 1.0
    return x
