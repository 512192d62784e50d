#!/usr/bin/python3
"""Writes the scikit-learn parity fixtures for src/core/models/logistic.ts.

Usage (from the repository root, Debian's python3 with scikit-learn 1.2 + numpy):
    /usr/bin/python3 test/reference/logistic_fixture.py
Writes test/fixtures/logistic/{unweighted,weighted}.json. Deterministic (numpy seed 20250101).

Data: 600 rows, 4 dense standardised columns and 3 one-hot blocks (3, 4 and 5 levels; the
second block leaves ~15 % of rows all-zero, like a missing category), labels drawn from a
logistic model strong enough to be mildly separable. The JSON stores the matrix in the
FeatureMatrix layout (row-major dense part, active feature index per block or -1), the labels,
the weights, C, and for each of two sklearn solvers the coef, intercept, iteration count and
the objective
    C * sum_i s_i * log(1 + exp(-y~_i (w.x_i + b))) + 0.5 * ||w||^2
evaluated here at that solver's solution:
  - 'lbfgs': the firm's solver in the reference protocol (aca_ref.py, see test/reference/run_aca_ref.sh).
    Even with tol=1e-12 it stops on scipy's relative-decrease test (factr), ~1e-9 above the
    optimum, with coefficients off by up to ~3e-4 along the flat direction that a one-hot block
    plus the unpenalised intercept creates.
  - 'newton-cholesky' (new in sklearn 1.2): exact Newton steps, so it reaches the optimum to
    rounding; this is the solution the TypeScript fit is held to tightly.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

N, DENSE, LEVELS = 600, 4, (3, 4, 5)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures', 'logistic')


def make_data(rng):
    dense = rng.normal(size=(N, DENSE)) * [1.0, 3.0, 0.5, 2.0] + [0.0, 5.0, -1.0, 2.0]
    dense = (dense - dense.mean(0)) / dense.std(0)
    dense = np.round(dense, 6)  # the fixture stores 6 decimals; fit on exactly those values
    width = DENSE + sum(LEVELS)
    active = np.full((N, len(LEVELS)), -1, dtype=int)
    offset = DENSE
    for b, k in enumerate(LEVELS):
        level = rng.integers(0, k, size=N)
        idx = offset + level
        if b == 1:
            idx[rng.random(N) < 0.15] = -1  # missing: no level active
        active[:, b] = idx
        offset += k
    x = np.zeros((N, width))
    x[:, :DENSE] = dense
    for b in range(len(LEVELS)):
        rows = np.nonzero(active[:, b] >= 0)[0]
        x[rows, active[rows, b]] = 1.0
    true_w = rng.normal(size=width) * 1.5
    true_w[:DENSE] = [2.0, -1.5, 1.0, 0.5]
    margin = x @ true_w - 0.3
    y = (rng.random(N) < 1 / (1 + np.exp(-margin))).astype(int)
    return dense, active, x, y, width


def objective(x, y, w, b, c, s):
    m = x @ w + b
    ys = 2 * y - 1
    return float(c * np.sum(s * np.logaddexp(0, -ys * m)) + 0.5 * w @ w)


def fit(solver, x, y, c, weights):
    clf = LogisticRegression(C=c, tol=1e-12, max_iter=10000, solver=solver)
    clf.fit(x, y, sample_weight=weights)
    w, b = clf.coef_[0], float(clf.intercept_[0])
    s = np.ones(N) if weights is None else weights
    return {
        'coef': [float(v) for v in w],
        'intercept': b,
        'objective': objective(x, y, w, b, c, s),
        'iterations': int(clf.n_iter_[0]),
    }


def write_case(name, dense, active, x, y, width, c, weights):
    case = {
        'description': f'{name}: {N} rows, {DENSE} dense + blocks {list(LEVELS)}, C={c}',
        'sklearnVersion': sklearn.__version__,
        'rows': N, 'width': width, 'denseWidth': DENSE, 'blockCount': len(LEVELS),
        'dense': [float(v) for v in dense.ravel()],
        'active': [int(v) for v in active.ravel()],
        'y': [int(v) for v in y],
        'sampleWeight': None if weights is None else [float(v) for v in weights],
        'C': c,
        'sklearn': {solver: fit(solver, x, y, c, weights) for solver in ('lbfgs', 'newton-cholesky')},
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + '.json'), 'w') as f:
        json.dump(case, f, separators=(',', ':'))
    for solver, r in case['sklearn'].items():
        print(name, solver, 'objective', repr(r['objective']), 'iterations', r['iterations'])


def main():
    rng = np.random.default_rng(20250101)
    dense, active, x, y, width = make_data(rng)
    write_case('unweighted', dense, active, x, y, width, 1.0, None)
    # weights: a mix of zeros, fractions and integers, rounded so the JSON holds them exactly
    weights = np.round(rng.choice([0.0, 0.5, 1.0, 2.0, 3.0], size=N) * rng.uniform(0.5, 1.5, size=N), 3)
    write_case('weighted', dense, active, x, y, width, 0.1, weights)


main()
