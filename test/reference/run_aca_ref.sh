#!/bin/sh
# Regenerates the fixtures in test/fixtures/reference/ (the scikit-learn parity suite).
# Run from the repository root on a machine with Debian's python3-sklearn (1.2) and python3-pandas,
# the datasets folder beside the checkout (or DATASETS=/path/to/datasets) and the reference script
# beside it (or REF=/path/to/aca_ref.py):
#     sh test/reference/run_aca_ref.sh            # everything
#     sh test/reference/run_aca_ref.sh matrices   # only the neighbour and logistic fixtures
#     sh test/reference/run_aca_ref.sh flips      # only the end-to-end flips fixtures (both firms)
#     sh test/reference/run_aca_ref.sh compas     # (or adult) one dataset's flips fixtures
# The reference runs go last, one at a time, so none of this script's work inflates their 'seconds'
# (other jobs on a shared machine still do: docs/parity.md gives the load they ran under).
set -eu
PART=${1:-all}
case "$PART" in all | matrices | flips | compas | adult) ;; *) echo "unknown part '$PART': all, matrices, flips, compas or adult" >&2; exit 2 ;; esac
DATASETS=${DATASETS:-../shared/datasets}
REF=${REF:-../shared/reference/aca_ref.py}
PY=/usr/bin/python3
OUT=test/fixtures/reference
mkdir -p "$OUT"

# 1. The engine's own matrices (Adult by race for neighbours, Adult by sex for the logistic fit,
#    seed 0), written to $TMP and never committed; sklearn's answers on them become fixtures.
if [ "$PART" = all ] || [ "$PART" = matrices ]; then
	TMP=$(mktemp -d /tmp/cf-parity.XXXXXX)
	npx tsc -p test
	node out/test/reference/export_matrices.js --out "$TMP" --datasets "$DATASETS"
	$PY test/reference/export_knn.py "$TMP/knn-matrix.json" "$OUT/adult-race-knn.json"
	$PY test/reference/export_knn.py "$TMP/knn-ties-matrix.json" "$OUT/adult-race-knn-ties.json"
	$PY test/reference/export_logistic.py "$TMP/logistic-matrix.json" "$OUT/adult-sex-logistic.json"
	rm -rf "$TMP"
fi

# 2. The end-to-end protocol: flips experiment, alpha 0.3, 10 grid points, k 5, all methods, for
#    both firms: without --include-sensitive the firm is blind to the group (*-blind.json), with it
#    the firm takes the attribute as an input, the paper's protocol and our default (*-aware.json).
#    Adult: 5 seeds (the reference needs about a minute per seed there); COMPAS: 10 seeds.
if [ "$PART" != matrices ]; then
	COMMON="--exp flips --alpha 0.3 --flips 10 --k 5 --methods rb-prob,rb-label,rb-dist,random"
	ADULT="$REF $DATASETS/adult.csv --label income-per-year --positive '>50K' --sensitive sex --minority Female $COMMON --seeds 5"
	# two_year_recid is read as int64 by pandas; aca_ref compares astype(str) == '0', which matches.
	COMPAS="$REF $DATASETS/compas.csv --label two_year_recid --positive 0 --sensitive race --minority African-American --majority Caucasian --keep sex,age,age_cat,juv_fel_count,juv_misd_count,juv_other_count,priors_count,c_charge_degree $COMMON --seeds 10"
	# eval so that the quoting recorded in the fixture's "command" is the quoting that ran.
	for FIRM in blind aware; do
		FLAG=""
		if [ "$FIRM" = aware ]; then FLAG=" --include-sensitive"; fi
		if [ "$PART" != adult ]; then
			eval "$PY $COMPAS$FLAG" | $PY test/reference/wrap_ref.py "$OUT/compas-race-flips-$FIRM.json" "$PY $COMPAS$FLAG"
		fi
		if [ "$PART" != compas ]; then
			eval "$PY $ADULT$FLAG" | $PY test/reference/wrap_ref.py "$OUT/adult-sex-flips-$FIRM.json" "$PY $ADULT$FLAG"
		fi
	done
fi
du -ch "$OUT"/*.json | tail -1
