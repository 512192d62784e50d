#!/usr/bin/python3
"""Writes test/fixtures/reference/adult-sex-logistic.json: scikit-learn's LogisticRegression(C=1)
fitted on the engine's own encoding of Adult's training rows (sex roles, seed 0): the firm's base
model in the collective-action protocol.

Usage (from the repository root; see test/reference/run_aca_ref.sh):
    node out/test/reference/export_matrices.js --out /tmp/cf-parity
    /usr/bin/python3 test/reference/export_logistic.py /tmp/cf-parity/logistic-matrix.json test/fixtures/reference/adult-sex-logistic.json

Two solvers: 'newton-cholesky' with tol=1e-10 (exact Newton steps: the optimum to rounding; what
our fit is held to) and 'lbfgs' with sklearn's defaults (tol=1e-4, max_iter raised to 1000 as in
aca_ref.py: what the reference protocol's firm actually uses, for the record). For each, the
objective C * sum log(1 + exp(-y~ (w.x + b))) + 0.5 |w|^2 is evaluated here in float64 at the
solution. The matrix itself is not committed.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from matrix_block import densify

C = 1.0


def objective(x, y, coef, intercept):
    z = x @ coef + intercept
    s = np.where(y == 1, 1.0, -1.0)
    return float(C * np.logaddexp(0.0, -s * z).sum() + 0.5 * coef @ coef)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        m = json.load(f)
    y = np.asarray(m['y'])
    x = densify(m['train'], len(y), m['width'], m['denseWidth'], m['blockCount'])
    solutions = {}
    for name, kwargs in (('newton-cholesky', {'solver': 'newton-cholesky', 'tol': 1e-10, 'max_iter': 1000}),
                         ('lbfgs', {'solver': 'lbfgs', 'max_iter': 1000})):
        t0 = time.time()
        fit = LogisticRegression(C=C, **kwargs).fit(x, y)
        seconds = time.time() - t0
        coef, b = fit.coef_[0], float(fit.intercept_[0])
        solutions[name] = {'coef': [float(v) for v in coef], 'intercept': b, 'objective': objective(x, y, coef, b),
                           'iterations': int(fit.n_iter_[0]), 'seconds': seconds,
                           'trainError': float((fit.predict(x) != y).mean())}
    out = {
        'description': 'sklearn LogisticRegression(C=1) on the engine encoding of the Adult training rows '
                       '(sex roles: Female minority, others majority; seed 0; label >50K). objective = '
                       'C*sum(log(1+exp(-y~(w.x+b)))) + 0.5*|w|^2 in float64 at each solution.',
        'command': 'node out/test/reference/export_matrices.js --out /tmp/cf-parity && /usr/bin/python3 test/reference/export_logistic.py '
                   '/tmp/cf-parity/logistic-matrix.json test/fixtures/reference/adult-sex-logistic.json',
        'sklearnVersion': sklearn.__version__,
        'seed': m['seed'], 'C': C, 'rows': int(len(y)), 'positives': int(y.sum()), 'width': m['width'], 'names': m['names'],
        'fingerprint': m['fingerprint'],
        'sklearn': solutions,
    }
    with open(dst, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


main()
