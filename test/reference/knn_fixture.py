#!/usr/bin/python3
"""Writes test/fixtures/knn/sklearn.json: exact k-nearest neighbours from scikit-learn's
NearestNeighbors(algorithm='brute') on a small deterministic matrix with the engine's encoding
(dense standardised columns plus one-hot blocks, some blocks missing), for k = 1, 5, 10.
Run from the repository root with Debian's python (scikit-learn 1.2.1):
    /usr/bin/python3 test/reference/knn_fixture.py
The matrix is stored as the engine stores it (row-major dense part, one active feature index per
block, -1 when the block is all zero); query and reference rows are given as row indices into it,
and sklearn's neighbour positions are mapped back to those row indices."""
import json, os
import numpy as np
from sklearn.neighbors import NearestNeighbors

rng = np.random.default_rng(20250101)
n_rows, dense_width = 470, 4
levels = [3, 5, 2, 7]           # one-hot block sizes
missing = [0.05, 0.10, 0.0, 0.2] # share of rows whose block is all zero

# Continuous dense values (4 decimals keeps the file small; exact ties stay rare).
dense = np.round(rng.standard_normal((n_rows, dense_width)) * [1.0, 0.7, 1.3, 0.5], 4)
active = np.empty((n_rows, len(levels)), dtype=int)
offset = dense_width
for b, size in enumerate(levels):
    freq = np.arange(size, 0, -1, dtype=float); freq /= freq.sum()  # skewed level frequencies
    level = rng.choice(size, n_rows, p=freq) + offset
    level[rng.random(n_rows) < missing[b]] = -1
    active[:, b] = level
    offset += size
width = offset

full = np.zeros((n_rows, width))
full[:, :dense_width] = dense
for b in range(len(levels)):
    set_rows = np.where(active[:, b] >= 0)[0]
    full[set_rows, active[set_rows, b]] = 1.0

perm = rng.permutation(n_rows)
reference_rows = np.sort(perm[:400])
# 55 fresh rows plus 5 rows that are also reference rows (their own nearest neighbour).
query_rows = np.concatenate([perm[400:455], reference_rows[[3, 50, 120, 260, 399]]])

results = {}
for k in (1, 5, 10):
    nn = NearestNeighbors(n_neighbors=k, algorithm='brute').fit(full[reference_rows])
    dist, pos = nn.kneighbors(full[query_rows])
    results[str(k)] = {'indices': reference_rows[pos].ravel().tolist(),
                       'distances': [float(x) for x in dist.ravel()]}

out = {
    'source': 'test/reference/knn_fixture.py, scikit-learn NearestNeighbors(algorithm="brute")',
    'rows': n_rows, 'width': width, 'denseWidth': dense_width, 'blockCount': len(levels),
    'dense': [float(x) for x in dense.ravel()], 'active': active.ravel().tolist(),
    'queryRows': query_rows.tolist(), 'referenceRows': reference_rows.tolist(), 'results': results,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'knn', 'sklearn.json')
with open(path, 'w') as f:
    json.dump(out, f, separators=(',', ':'))
    f.write('\n')
print(path, os.path.getsize(path), 'bytes')
