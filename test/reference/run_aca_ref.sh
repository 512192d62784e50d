#!/bin/sh
# Regenerates every fixture in test/fixtures/reference/ (the scikit-learn parity suite).
# Run from the repository root on a machine with Debian's python3-sklearn (1.2) and python3-pandas,
# and the datasets folder beside the checkout (or DATASETS=/path/to/datasets):
#     sh test/reference/run_aca_ref.sh
# The reference runs go last and alone, so their 'seconds' is an undisturbed wall time.
set -eu
DATASETS=${DATASETS:-../shared/datasets}
REF=${REF:-/work/shared/reference/aca_ref.py}
PY=/usr/bin/python3
OUT=test/fixtures/reference
TMP=$(mktemp -d /tmp/cf-parity.XXXXXX)
mkdir -p "$OUT"

# 1. The engine's own matrices (Adult by race for neighbours, Adult by sex for the logistic fit,
#    seed 0), written to $TMP and never committed; sklearn's answers on them become fixtures.
npx tsc -p test
node out/test/reference/export_matrices.js --out "$TMP" --datasets "$DATASETS"
$PY test/reference/export_knn.py "$TMP/knn-matrix.json" "$OUT/adult-race-knn.json"
$PY test/reference/export_knn.py "$TMP/knn-ties-matrix.json" "$OUT/adult-race-knn-ties.json"
$PY test/reference/export_logistic.py "$TMP/logistic-matrix.json" "$OUT/adult-sex-logistic.json"

# 2. The end-to-end protocol: flips experiment, alpha 0.3, 10 grid points, 5 seeds, k 5, all methods.
COMMON="--exp flips --alpha 0.3 --flips 10 --seeds 5 --k 5 --methods rb-prob,rb-label,rb-dist,random"
ADULT="$REF $DATASETS/adult.csv --label income-per-year --positive '>50K' --sensitive sex --minority Female $COMMON"
# two_year_recid is read as int64 by pandas; aca_ref compares astype(str) == '0', which matches.
COMPAS="$REF $DATASETS/compas.csv --label two_year_recid --positive 0 --sensitive race --minority African-American --majority Caucasian --keep sex,age,age_cat,juv_fel_count,juv_misd_count,juv_other_count,priors_count,c_charge_degree $COMMON"
# eval so that the quoting recorded in the fixture's "command" is the quoting that ran.
eval "$PY $ADULT" | $PY test/reference/wrap_ref.py "$OUT/adult-sex-flips.json" "$PY $ADULT"
eval "$PY $COMPAS" | $PY test/reference/wrap_ref.py "$OUT/compas-race-flips.json" "$PY $COMPAS"
rm -rf "$TMP"
du -ch "$OUT"/*.json | tail -1
