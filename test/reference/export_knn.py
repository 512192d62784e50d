#!/usr/bin/python3
"""Writes a neighbour parity fixture: scikit-learn's nearest neighbours of 200 Black training rows
of Adult among the White training rows (seed 0), on the engine's own encoding.

Usage (from the repository root; see test/reference/run_aca_ref.sh):
    node out/test/reference/export_matrices.js --out /tmp/cf-parity
    /usr/bin/python3 test/reference/export_knn.py /tmp/cf-parity/knn-matrix.json test/fixtures/reference/adult-race-knn.json
    /usr/bin/python3 test/reference/export_knn.py /tmp/cf-parity/knn-ties-matrix.json test/fixtures/reference/adult-race-knn-ties.json

Two reference sets, as in the collective's strategies: every majority training row (RB-label) and
the favourable ones (RB-dist). Per query the fixture holds
  - sklearnIndices / sklearnDistances: NearestNeighbors(n_neighbors=k, algorithm='brute'), Euclidean;
  - indices / distances: the exact k nearest by (distance, index), distances computed directly as
    sqrt(sum((x - y)^2)) in float64 over every reference row, i.e. the engine's tie rule (lower
    position first). The script stops if sklearn disagrees with this beyond exact ties (distances
    equal within 1e-9), and counts the queries where sklearn orders a tie otherwise. sklearn's own
    distances use the GEMM identity |x|^2 - 2x.y + |y|^2: exact duplicates come out at ~6e-8, not 0,
    so they are checked to 1e-6; the exact ones are what the engine is held to (1e-9).
Indices are positions in the ascending list of reference rows (matrix rows), as kNearest numbers
them. The '-ties' variant leaves out fnlwgt (a near-continuous column), so that many rows share
distances and the tie rule is exercised.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.neighbors import NearestNeighbors

from matrix_block import densify

TIE = 1e-9
# sklearn's brute force computes |x|^2 - 2 x.y + |y|^2 (a GEMM): exact duplicates come out at
# ~6e-8 instead of 0, so its own distances are held to 1e-6 only (the exact ones to TIE).
SKLEARN_TOL = 1e-6


def neighbours(q, ref, k):
    nn = NearestNeighbors(n_neighbors=k, algorithm='brute').fit(ref)
    sk_d, sk_i = nn.kneighbors(q)
    out_i, out_d, reordered, tied = [], [], 0, 0
    for r in range(len(q)):
        exact = np.sqrt(((ref - q[r]) ** 2).sum(axis=1))
        order = np.lexsort((np.arange(len(ref)), exact))[:k]  # by exact distance, then index
        # sklearn must agree up to ties: same distances at every position, and any row it chose
        # instead of ours lies at the same distance
        if np.abs(sk_d[r] - exact[order]).max() > SKLEARN_TOL or np.abs(exact[sk_i[r]] - exact[order]).max() > TIE:
            raise SystemExit(f'query {r}: sklearn disagrees with the exact search beyond ties')
        reordered += int(sk_i[r].tolist() != order.tolist())
        tied += int(np.sum(np.abs(exact - exact[order[-1]]) <= TIE) > 1 or len(set(np.round(exact[order], 12))) < k)
        out_i.append([int(v) for v in order])
        out_d.append([float(v) for v in exact[order]])
    return out_i, out_d, [[int(v) for v in row] for row in sk_i], [[float(v) for v in row] for row in sk_d], reordered, tied


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        m = json.load(f)
    width, dw, bc, k = m['width'], m['denseWidth'], m['blockCount'], m['k']
    nq = len(m['queryRows'])
    nmaj = len(m['majorityY'])
    q = densify(m['queries'], nq, width, dw, bc)
    maj = densify(m['majority'], nmaj, width, dw, bc)
    ymaj = np.asarray(m['majorityY'])
    fav = np.nonzero(ymaj == 1)[0]
    t0 = time.time()
    sets = {}
    for name, ref in (('majority', maj), ('favourableMajority', maj[fav])):
        idx, dist, sk_idx, sk_dist, reordered, tied = neighbours(q, ref, k)
        sets[name] = {'referenceRows': int(len(ref)), 'indices': idx, 'distances': dist,
                      'sklearnIndices': sk_idx, 'sklearnDistances': sk_dist,
                      # queries whose k nearest include a tie (within the k or at the k-th distance)
                      'queriesWithTies': tied,
                      # queries whose first k differ from sklearn's own order (ties sklearn ordered otherwise)
                      'queriesReorderedAtTies': reordered}
    seconds = time.time() - t0
    out = {
        'description': 'sklearn NearestNeighbors(algorithm=brute) on the engine encoding of Adult by race '
                       '(Black minority vs White, others excluded; ' + m['variant'] + '), seed 0: k nearest of 200 minority training rows '
                       'among all majority training rows and among the favourable ones. distances: exact '
                       'sqrt(sum((x-y)^2)); sklearnIndices, sklearnDistances: sklearn\'s own answer; indices: positions in the '
                       'ascending reference rows, ties by lower position.',
        'command': f'node out/test/reference/export_matrices.js --out /tmp/cf-parity && /usr/bin/python3 test/reference/export_knn.py '
                   f'/tmp/cf-parity/{src.split("/")[-1]} test/fixtures/reference/{dst.split("/")[-1]}',
        'sklearnVersion': sklearn.__version__,
        'variant': m['variant'], 'excluded': m['excluded'],
        'seed': m['seed'], 'k': k, 'width': width, 'names': m['names'],
        'queryTableRows': m['queryRows'],
        'fingerprints': m['fingerprints'],
        'seconds': seconds,
        **sets,
    }
    with open(dst, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')


main()
