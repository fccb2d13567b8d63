#!/usr/bin/env bash
# JDK 17 vs the JDK 21+ kernels of the multi-release jar (issue 11): the field kernels and a pairing
# in per-thread CPU time (FieldCpuTiming) and whole proofs of one model in process CPU time, with the
# wall-clock median beside it (ProveCpuTiming): CPU time stays steady on a shared machine. Five
# configurations in the same run, alternating them each round so that drift of the machine hits all:
#   j17-old  JDK 17, OLD.jar (before the Mul64 seam)      j17-new  JDK 17, NEW.jar (base Mul64)
#   j25-old  JDK 25, OLD.jar                              j25-base JDK 25, NEW.jar minus META-INF/versions/21
#   j25-new  JDK 25, NEW.jar (Mul64 with Math.unsignedMultiplyHigh)
# Usage: src/bench/compare-jdk.sh OLD.jar NEW.jar [rounds] [runs] [model]   (defaults: 3 5 lenet_5)
# Needs target/test-classes (FieldCpuTiming, ProveCpuTiming: public API only, so they also time OLD.jar).
# Env: J17, J25 (the two java binaries). Prints one markdown row per figure: medians over rounds.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$(realpath "$1") new=$(realpath "$2") rounds=${3:-3} runs=${4:-5} model=${5:-lenet_5}
j17=${J17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
j25=${J25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
corpus=${CORPUS:-../shared/models/ezkl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tc/org/besuzkml/bench" # the two timers alone: no test class may shadow OLD.jar's
cp target/test-classes/org/besuzkml/bench/{FieldCpuTiming,ProveCpuTiming}*.class "$work/tc/org/besuzkml/bench/"
cp "$new" "$work/base.jar"
zip -q -d "$work/base.jar" 'META-INF/versions/21/org/besuzkml/*'
in="$corpus/$model/input.json"
"$j17" -jar "$new" compile "$corpus/$model/network.onnx" --input "$in" -o "$work/m" >/dev/null
"$j17" -jar "$new" setup "$work/m" --dev-srs >/dev/null 2>&1
configs=("j17-old $j17 $old" "j17-new $j17 $new" "j25-old $j25 $old" "j25-base $j25 $work/base.jar" "j25-new $j25 $new")
for ((i = 0; i < rounds; i++)); do
  for c in "${configs[@]}"; do
    read -r name java jar <<<"$c"
    "$java" -cp "$work/tc:$jar" org.besuzkml.bench.FieldCpuTiming >>"$work/$name.kernels"
    "$java" -cp "$work/tc:$jar" org.besuzkml.bench.ProveCpuTiming "$work/m" "$in" "$runs" >>"$work/$name.prove"
  done
done
for c in "${configs[@]}"; do read -r name _ <<<"$c"; sed "s/^/$name /" "$work/$name.kernels" "$work/$name.prove"; done
python3 - "$work" <<'PY'
import json, statistics, sys
work = sys.argv[1]
names = ["j17-old", "j17-new", "j25-old", "j25-base", "j25-new"]
keys = ["fr_mul_lat_ns", "fr_sqr_lat_ns", "fq_mul_lat_ns", "fq_sqr_lat_ns", "fr_mul_thr_ns", "fq_mul_thr_ns",
        "pairing_us", "prove_cpu_ms", "prove_wall_ms"]
rows = {}
for n in names:
    recs = [json.loads(l) for f in ("kernels", "prove") for l in open(f"{work}/{n}.{f}") if l.strip()]
    rows[n] = {k: statistics.median([r[k] for r in recs if k in r]) for k in keys}
print("| figure | " + " | ".join(names) + " | j17-new/j17-old | j25-new/j25-base | j25-new/j17-old |")
print("|---|" + "---|" * (len(names) + 3))
for k in keys:
    v = dict((n, rows[n][k]) for n in names)
    print(f"| {k} | " + " | ".join(f"{v[n]:g}" for n in names)
          + f" | {v['j17-new'] / v['j17-old']:.3f} | {v['j25-new'] / v['j25-base']:.3f} | {v['j25-new'] / v['j17-old']:.3f} |")
PY
