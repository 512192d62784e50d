#!/usr/bin/python3
"""scikit-learn timings for bench/run.mjs, on the exact matrices bench/model.ts exported.

    /usr/bin/python3 bench/sklearn_timing.py logistic DIR   # X.npy, y.npy, yflip.npy
    /usr/bin/python3 bench/sklearn_timing.py knn DIR        # Q.npy, R.npy, dist.npy, idx.npy
    /usr/bin/python3 bench/sklearn_timing.py boosting DIR   # X.npy, y.npy

Only the estimator call is timed (LogisticRegression.fit; NearestNeighbors.kneighbors), median
of 5, with the estimator settings of ../shared/reference/aca_ref.py (C=1, lbfgs, max_iter=1000,
default tol); HistGradientBoostingClassifier(early_stopping=False) with its other defaults, timed with
one OpenMP thread and, when the load average is below the core count, with OpenMP's default thread
count (under load its spinning threads make a fit take minutes), up to 3 fits each and fewer when
they take over 30 s. Prints one JSON
line last.
"""
import json
import os
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neighbors import NearestNeighbors

RUNS = 5


def timed(fn):
    """Median and all wall times (ms) of RUNS calls, and the last call's result."""
    ms, result = [], None
    for _ in range(RUNS):
        t0 = time.perf_counter()
        result = fn()
        ms.append((time.perf_counter() - t0) * 1000)
    return float(np.median(ms)), [round(m, 2) for m in ms], result


def blas_threads():
    """Threads numpy's BLAS may use (sklearn's distances and lbfgs's linear algebra run on it)."""
    try:
        from threadpoolctl import threadpool_info
        return [{'api': p.get('internal_api'), 'threads': p.get('num_threads')} for p in threadpool_info()]
    except Exception as e:  # informational only
        return str(e)


def objective(model, X, y, C=1.0):
    """sklearn's primal objective C·Σ log(1 + exp(−ỹ z)) + ½‖w‖², as fitLogistic reports it."""
    z = X @ model.coef_.ravel() + model.intercept_[0]
    s = 2 * y - 1
    return float(C * np.logaddexp(0, -s * z).sum() + 0.5 * model.coef_.ravel() @ model.coef_.ravel())


def logistic(d):
    X, y, yflip = np.load(f'{d}/X.npy'), np.load(f'{d}/y.npy'), np.load(f'{d}/yflip.npy')
    out = {'rows': int(X.shape[0]), 'width': int(X.shape[1]), 'runs': RUNS, 'blas': blas_threads()}
    for name, labels in (('base', y), ('flipped', yflip)):
        med, ms, model = timed(lambda: LogisticRegression(C=1.0, solver='lbfgs', max_iter=1000).fit(X, labels))
        out[name] = {'medianMs': round(med, 2), 'runsMs': ms, 'iterations': int(model.n_iter_[0]),
                     'objective': objective(model, X, labels)}
    print(json.dumps(out))


def knn(d):
    Q, R = np.load(f'{d}/Q.npy'), np.load(f'{d}/R.npy')
    ours_dist, ours_idx = np.load(f'{d}/dist.npy'), np.load(f'{d}/idx.npy').astype(np.int64)
    k = ours_dist.shape[1]
    nn = NearestNeighbors(n_neighbors=k, algorithm='brute').fit(R)
    med, ms, (dist, idx) = timed(lambda: nn.kneighbors(Q))
    # Agreement with our search: distances up to rounding (sklearn's brute force expands
    # ‖a−b‖² = ‖a‖² − 2a·b + ‖b‖², so it loses a few digits), and identical neighbour sets per row
    # (ties may be ordered differently, so compare as sets).
    same_sets = int(sum(set(a) == set(b) for a, b in zip(idx.tolist(), ours_idx.tolist())))
    print(json.dumps({'queries': int(Q.shape[0]), 'reference': int(R.shape[0]), 'k': k, 'runs': RUNS,
                      'medianMs': round(med, 2), 'runsMs': ms, 'blas': blas_threads(),
                      'maxDistanceDiff': float(np.abs(np.sort(dist, 1) - ours_dist).max()),
                      'sameNeighbourSets': same_sets}))


def boosting(d):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits
    X, y = np.load(f'{d}/X.npy'), np.load(f'{d}/y.npy')
    out = {'rows': int(X.shape[0]), 'width': int(X.shape[1]), 'blas': blas_threads()}
    for name, threads in (('oneThread', 1), ('defaultThreads', None)):
        if threads is None and os.getloadavg()[0] >= (os.cpu_count() or 1):
            # OpenMP threads spin while they wait: on a loaded machine the default setting measures
            # contention (minutes for one fit), not scikit-learn. Time it only with cores to spare.
            out[name] = {'skipped': f'load average {os.getloadavg()[0]:.1f} >= {os.cpu_count()} cores'}
            continue
        ms, cpu_ms, model = [], [], None
        while len(ms) < 3 and sum(ms) < 30000:
            t0, c0 = time.perf_counter(), time.process_time()
            with threadpool_limits(limits=threads, user_api='openmp'):
                model = HistGradientBoostingClassifier(early_stopping=False).fit(X, y)
            ms.append((time.perf_counter() - t0) * 1000)
            cpu_ms.append((time.process_time() - c0) * 1000)
        p = model.predict_proba(X)[:, 1]
        out[name] = {'medianMs': round(float(np.median(ms)), 2), 'runsMs': [round(m, 2) for m in ms],
                     'medianCpuMs': round(float(np.median(cpu_ms)), 2), 'iterations': int(model.n_iter_),
                     'trainLoss': float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))}
    print(json.dumps(out))


if __name__ == '__main__':
    {'logistic': logistic, 'knn': knn, 'boosting': boosting}[sys.argv[1]](sys.argv[2])
