#!/usr/bin/python3
"""Writes test/fixtures/reference/adult-sex-boosting.json: scikit-learn's
HistGradientBoostingClassifier fitted on the engine's own encoding of Adult (sex roles, seed 0),
for the parity test of src/core/models/boosting (test/unit/parity/boosting.test.ts).

Usage (from the repository root, Debian's python3 with scikit-learn 1.2):
    npx tsc -p test
    node out/test/reference/export_boosting_matrix.js --out /tmp/cf-parity
    /usr/bin/python3 test/reference/boosting_fixture.py /tmp/cf-parity/boosting-matrix.json test/fixtures/reference/adult-sex-boosting.json

Two cases, each with early stopping off so that both libraries grow the same number of trees:
  - 'default': scikit-learn's defaults (learning_rate 0.1, 100 iterations, 31 leaves,
    min_samples_leaf 20, no L2, 255 bins), unweighted;
  - 'weighted': learning_rate 0.2, 60 iterations, 15 leaves, min_samples_leaf 40, L2 1.0,
    with the Kamiran-Calders reweighing weights as sample weights.
For each: test accuracy, mean test log-loss, mean training log-loss (weighted as fitted), the test
predictions as a string of 0/1 and one fit's wall time (for the record only: the speed target is
measured by npm run bench on the machine it runs on). The matrix itself is not committed.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import log_loss

from matrix_block import densify

CASES = {
    'default': {'params': {'learning_rate': 0.1, 'max_iter': 100, 'max_leaf_nodes': 31, 'min_samples_leaf': 20,
                           'l2_regularization': 0.0, 'max_bins': 255}, 'weighted': False},
    'weighted': {'params': {'learning_rate': 0.2, 'max_iter': 60, 'max_leaf_nodes': 15, 'min_samples_leaf': 40,
                            'l2_regularization': 1.0, 'max_bins': 255}, 'weighted': True},
}


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        m = json.load(f)
    y, y_test = np.asarray(m['yTrain']), np.asarray(m['yTest'])
    w = np.asarray(m['wTrain'], dtype=float)
    x = densify(m['train'], len(y), m['width'], m['denseWidth'], m['blockCount'])
    x_test = densify(m['test'], len(y_test), m['width'], m['denseWidth'], m['blockCount'])
    cases = {}
    for name, case in CASES.items():
        weights = w if case['weighted'] else None
        t0 = time.perf_counter()
        clf = HistGradientBoostingClassifier(early_stopping=False, random_state=0, **case['params']).fit(x, y, sample_weight=weights)
        seconds = time.perf_counter() - t0
        proba = clf.predict_proba(x_test)[:, 1]
        predicted = clf.predict(x_test)
        cases[name] = {
            'params': case['params'], 'weighted': case['weighted'],
            'iterations': int(clf.n_iter_),
            'testAccuracy': float((predicted == y_test).mean()),
            'testLogLoss': float(log_loss(y_test, proba)),
            'trainLogLoss': float(log_loss(y, clf.predict_proba(x)[:, 1], sample_weight=weights)),
            'testPredictions': ''.join(str(int(v)) for v in predicted),
            'fitSeconds': seconds,
        }
        print(name, {k: v for k, v in cases[name].items() if k != 'testPredictions'})
    out = {
        'description': 'sklearn HistGradientBoostingClassifier (early_stopping=False) on the engine encoding of Adult '
                       '(sex roles: Female minority, others majority; seed 0; label >50K); test metrics on the engine test split.',
        'command': 'node out/test/reference/export_boosting_matrix.js --out /tmp/cf-parity && /usr/bin/python3 '
                   'test/reference/boosting_fixture.py /tmp/cf-parity/boosting-matrix.json test/fixtures/reference/adult-sex-boosting.json',
        'sklearnVersion': sklearn.__version__,
        'seed': m['seed'], 'width': m['width'], 'names': m['names'], 'fingerprint': m['fingerprint'],
        'trainRows': int(len(y)), 'testRows': int(len(y_test)),
        'cases': cases,
    }
    with open(dst, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')


main()
