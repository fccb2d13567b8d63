#!/bin/bash
# Mutation testing of the verifier packages (docs/mutation.md), as six PIT runs in sequence, each
# with the tests that can tell its mutants apart:
#   cost        the cost bound's classes, against the cost tests
#   codec       the vk and proof decoders, against the codec tests
#   primitives  sumcheck, lookup, pcs, transcript and mask, against their own unit tests
#   verify      proof.verify (the verifier's driver and decoder), against the walk's unit tests and the
#               adversarial suite
#   gadget      proof.gadget's version-1 arguments and walk, against the same tests
#   ir          the circuit IR (gadget records, tensor infos, layouts, WalkMath), against the codec's and
#               proof.gadget's unit tests
#   zk          zero knowledge (proof.gadget.Zk*, proof.verify.Zk*: the walk, the bin mapping, the shape, the
#               reduction, the verifier), against its own tests and its end-to-end tests
# PIT reruns every covering test of a surviving mutant, so a survivor of the primitives would cost
# the whole end-to-end suite while telling nothing their boundary tests do not; each run keeps its
# own report, so one that is stopped leaves the others' figures.
# Usage: bash src/bench/mutation.sh [stage ...]   (default: all seven; walk = verify gadget ir)
#        PIT_OPTS='-Dpit.timeoutConstant=30000' bash src/bench/mutation.sh   (a busy machine)
# Reports: target/pit-stages/<stage>.csv and index-<stage>/, times in times.txt, summary.txt.
set -u
cd "$(dirname "$0")/../.."
out=target/pit-stages
mkdir -p "$out"
mvn -B -q -Pmutation test-compile || exit 1

# the codec's tests decode keys afresh, so they reach the circuit IR (gadget records, ColumnLayout,
# LookupPlan) that the end-to-end tests only meet through cached keys
e2e='org.besuzkml.proof.verify.*,org.besuzkml.proof.gadget.*,org.besuzkml.proof.e2e.*,org.besuzkml.codec.*'
zk='org.besuzkml.proof.gadget.Zk*,org.besuzkml.proof.verify.Zk*'
# PIT's JUnit 5 plugin finds a minion's tests by running every covering test class once, so each
# unit costs a run of its covering tests before its first mutant: the IR's small classes (about 25
# units) get the unit tests that decode and check circuits, not the adversarial suite
g='org.besuzkml.proof.gadget'
ir="$g.Circuit,$g.TableInfo,$g.TensorInfo,$g.TensorKind,$g.Gadget,$g.Claim,$g.Decomp,$g.DivConst,$g.DivTensor"
ir="$ir,$g.Lookup,$g.LookupPlan*,$g.Requant,$g.Contract,$g.MaxSelect,$g.ZeroBit,$g.Conv,$g.Wire,$g.Lin"
ir="$ir,$g.ReduceSum,$g.Poly,$g.Alias,$g.ColumnLayout*,$g.LogUpLayouts*,$g.WalkMath*"
prim='org.besuzkml.sumcheck.*,org.besuzkml.lookup.*,org.besuzkml.pcs.*,org.besuzkml.transcript.*,org.besuzkml.mask.*'

run() { # stage, then extra -D options
  local stage=$1
  shift
  local start
  start=$(date +%s)
  # PIT_OPTS: extra options for every stage, e.g. PIT_OPTS=-Dpit.timeoutConstant=30000 on a busy machine
  mvn -B -Pmutation pitest:mutationCoverage ${PIT_OPTS:-} "$@" > "$out/$stage.log" 2>&1
  local rc=$?
  cp target/pit-reports/mutations.csv "$out/$stage.csv" 2>/dev/null
  rm -rf "$out/index-$stage" && cp -r target/pit-reports "$out/index-$stage" 2>/dev/null
  echo "$stage rc=$rc seconds=$(($(date +%s) - start))" | tee -a "$out/times.txt"
}

stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(cost codec primitives verify gadget ir zk)
stages=(${stages[@]/#walk/verify gadget ir})
for s in "${stages[@]}"; do
  case $s in
    # the zk verifier's bound (ZkVerifierCost) is a cost class too: its Zk name must not exclude it
    cost) run cost -Dpit.excludeCost=none -Dpit.excludeCostTests=none -Dpit.excludeZk=none -Dpit.excludeZkTests=none \
      -Dpit.classes='org.besuzkml.proof.verify.*Cost*' \
      -Dpit.tests='org.besuzkml.proof.e2e.GadgetCostTest,org.besuzkml.proof.e2e.VerifierCostTest,org.besuzkml.proof.verify.CraftedVkLimitsTest,org.besuzkml.proof.e2e.ZkVerifierCostTest,org.besuzkml.proof.verify.CraftedZkVkLimitsTest' ;;
    codec) run codec -Dpit.classes='org.besuzkml.codec.*' -Dpit.tests='org.besuzkml.codec.*' ;;
    primitives) run primitives -Dpit.classes="$prim" -Dpit.tests="$prim" ;;
    verify) run verify -Dpit.classes='org.besuzkml.proof.verify.*' -Dpit.tests="$e2e" ;;
    gadget) run gadget -Dpit.classes="$g.*Argument*,$g.BackwardWalk*" -Dpit.tests="$e2e" ;;
    # VersionCompatTest verifies a stored proof under the freshly decoded key: a plan or layout slip shows
    ir) run ir -Dpit.classes="$ir" -Dpit.tests="org.besuzkml.codec.*,$g.*,org.besuzkml.proof.verify.VersionCompatTest" ;;
    # ZkVerifierCostTest too: the walk's and the mask column's shape (ZkWalkShape, ZkMaskShape) feed the bound
    zk) run zk -Dpit.excludeZk=none -Dpit.excludeZkTests=none -Dpit.excludeCostTests=none -Dpit.classes="$zk" \
      -Dpit.tests='org.besuzkml.proof.gadget.Zk*,org.besuzkml.proof.verify.Zk*,org.besuzkml.proof.ZkReductionTest,org.besuzkml.proof.e2e.Zk*' ;;
    *) echo "unknown stage $s (cost, codec, primitives, verify, gadget, ir, zk; walk = verify gadget ir)" >&2; exit 2 ;;
  esac
done

# Per package: mutants, detected (killed or timed out), survived, no coverage, score.
cat "$out"/*.csv 2>/dev/null | awk -F, '
  { n = split($2, p, "."); pkg = p[3]; for (i = 4; i < n; i++) pkg = pkg "." p[i]
    if ($2 ~ /Cost/ && pkg == "proof.verify") pkg = "proof.verify (cost)"
    all[pkg]++; tot++
    if ($6 == "KILLED" || $6 == "TIMED_OUT" || $6 == "MEMORY_ERROR" || $6 == "RUN_ERROR") { det[pkg]++; dt++ }
    else if ($6 == "SURVIVED") { sur[pkg]++; st++ }
    else if ($6 == "NO_COVERAGE") { noc[pkg]++; nt++ } }
  END { printf "%-22s %8s %9s %9s %8s %7s\n", "package", "mutants", "detected", "survived", "no cov", "score"
    for (k in all) printf "%-22s %8d %9d %9d %8d %6.1f%%\n", k, all[k], det[k], sur[k], noc[k], 100 * det[k] / all[k]
    if (tot) printf "%-22s %8d %9d %9d %8d %6.1f%%\n", "total", tot, dt, st, nt, 100 * dt / tot }' \
  | tee "$out/summary.txt"
