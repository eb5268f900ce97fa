#!/usr/bin/env bash
# The long fuzz run of issue 14: every fuzz test under tests/fuzz/ with 100 000 examples (or
# $CIVICGRANTS_FUZZ_EXAMPLES), a fixed seed, 10 s per example at most, and 4 GiB of address
# space, so that an input that makes a reader hang or eat memory is a finding, not a frozen
# machine. Arguments go to pytest: tools/fuzz.sh tests/fuzz/test_documents.py
#
#   tools/fuzz.sh                                  # every reader, 10^5 inputs per test
#   CIVICGRANTS_FUZZ_EXAMPLES=2000 tools/fuzz.sh   # a quick look
#
# Hypothesis stops a test at its first failure and prints the shrunk input with a
# @reproduce_failure line; the statistics give the inputs each test ran, and the log ends with
# the time taken. The database is off, so nothing is written into the checkout. With
# CIVICGRANTS_FUZZ_TOLERATE=known, failures already reported (tests/fuzz/mutations.py,
# tolerate()) are counted instead of stopping the test.
set -euo pipefail
cd "$(dirname "$0")/.."
export CIVICGRANTS_FUZZ_EXAMPLES="${CIVICGRANTS_FUZZ_EXAMPLES:-100000}"
export CIVICGRANTS_FUZZ_DEADLINE="${CIVICGRANTS_FUZZ_DEADLINE:-10}"
ulimit -v $((4 * 1024 * 1024)) 2>/dev/null || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(tests/fuzz)
start=$(date +%s)
status=0
python -m pytest -p no:cacheprovider --hypothesis-seed=0 -q -o addopts="" --strict-markers \
    --hypothesis-show-statistics --durations=0 "${targets[@]}" || status=$?
echo "fuzz: ${CIVICGRANTS_FUZZ_EXAMPLES} examples per test, $(( $(date +%s) - start )) s, exit ${status}"
exit "$status"
