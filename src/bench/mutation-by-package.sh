#!/bin/bash
# The mutation profile split by package, run one after another, each report kept in
# target/pit-by-package/<package>.csv with its time in times.txt (docs/mutation.md). PIT writes its
# report only at the end of a run, so a split run leaves figures for every package that finished.
# Usage: bash src/bench/mutation-by-package.sh [package ...]   (default: all, cost bound first)
set -u
cd "$(dirname "$0")/../.."
out=target/pit-by-package
mkdir -p "$out"
mvn -B -q -Pmutation test-compile || exit 1
tests='org.besuzkml.mask.*,org.besuzkml.proof.ZkReductionTest,org.besuzkml.proof.e2e.*,org.besuzkml.proof.gadget.*,org.besuzkml.sumcheck.*,org.besuzkml.lookup.*,org.besuzkml.pcs.*,org.besuzkml.transcript.*,org.besuzkml.codec.*'
packages=("$@")
[ ${#packages[@]} -eq 0 ] && packages=(cost transcript mask sumcheck pcs proof.gadget proof.verify lookup codec)
for p in "${packages[@]}"; do
  start=$(date +%s)
  if [ "$p" = cost ]; then
    mvn -B -Pmutation pitest:mutationCoverage -Dpit.excludeCost=none \
      -Dpit.classes='org.besuzkml.proof.verify.*Cost*' \
      -Dpit.tests='org.besuzkml.proof.e2e.GadgetCostTest,org.besuzkml.proof.e2e.VerifierCostTest,org.besuzkml.proof.verify.CraftedVkLimitsTest' \
      > "$out/$p.log" 2>&1
  else
    mvn -B -Pmutation pitest:mutationCoverage -Dpit.classes="org.besuzkml.$p.*" -Dpit.tests="$tests" \
      > "$out/$p.log" 2>&1
  fi
  rc=$?
  cp target/pit-reports/mutations.csv "$out/$p.csv" 2>/dev/null
  echo "$p rc=$rc seconds=$(( $(date +%s) - start ))" | tee -a "$out/times.txt"
done
