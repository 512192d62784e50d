#!/usr/bin/python3
"""Writes test/fixtures/firm/clopper_pearson.json: one-sided Clopper-Pearson bounds from SciPy's
beta quantiles, the reference for src/core/firm/clopperPearson.ts.

Usage (from the repository root, Debian's python3 with SciPy):
    /usr/bin/python3 test/reference/firm_clopper_pearson.py
"""
import json
from scipy.stats import beta

cases = []
for n in [1, 2, 10, 57, 300, 4000]:
    for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
        if k < 0 or k > n:
            continue
        for delta in [0.5, 0.05, 0.001, 1e-5]:
            lower = 0.0 if k == 0 else float(beta.ppf(delta, k, n - k + 1))
            upper = 1.0 if k == n else float(beta.ppf(1 - delta, k + 1, n - k))
            cases.append({"k": k, "n": n, "delta": delta, "lower": lower, "upper": upper})

with open("test/fixtures/firm/clopper_pearson.json", "w") as f:
    json.dump({"source": "scipy.stats.beta.ppf", "cases": cases}, f, indent=1)
print(len(cases), "cases")
