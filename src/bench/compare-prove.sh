#!/usr/bin/env bash
# Before/after regression check: `bench prove` of two builds of zkml.jar on the same models in the
# same run, alternating A and B rounds so that drift of the machine hits both alike.
# Usage: src/bench/compare-prove.sh OLD.jar NEW.jar [rounds] [runs] [model...]
#   (defaults: 3 rounds of 5 runs; 1l_mlp 1l_conv 1l_max_pool 1l_softmax 3l_relu_conv_fc lenet_5)
# Prints one markdown row per model: medians over rounds of each jar's warm median, and new/old.
set -euo pipefail
cd "$(dirname "$0")/../.."
old=$1 new=$2 rounds=${3:-3} runs=${4:-5}
shift $(( $# < 4 ? $# : 4 ))
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(1l_mlp 1l_conv 1l_max_pool 1l_softmax 3l_relu_conv_fc lenet_5)
corpus=${CORPUS:-../shared/models/ezkl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bench() { # jar dir input -> "prove_ms verify_ms"
  java -jar "$1" bench prove "$2" --input "$3" --runs "$runs" --json 2>/dev/null \
    | python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); print(d['prove_ms'], d['verify_ms'])"
}
median() { python3 -c "import statistics,sys; print('%.2f' % statistics.median(map(float, sys.argv[1:])))" "$@"; }

echo "| model | prove old ms | prove new ms | new/old | verify old ms | verify new ms | new/old |"
echo "|---|---|---|---|---|---|---|"
for m in "${models[@]}"; do
  in="$corpus/$m/input.json"
  for side in old new; do
    jar=$old; [ $side = new ] && jar=$new
    java -jar "$jar" compile "$corpus/$m/network.onnx" --input "$in" -o "$work/$side-$m" >/dev/null
    java -jar "$jar" setup "$work/$side-$m" --dev-srs >/dev/null 2>&1
  done
  po=() pn=() vo=() vn=()
  for ((i = 0; i < rounds; i++)); do
    read -r p v < <(bench "$old" "$work/old-$m" "$in"); po+=("$p"); vo+=("$v")
    read -r p v < <(bench "$new" "$work/new-$m" "$in"); pn+=("$p"); vn+=("$v")
  done
  a=$(median "${po[@]}") b=$(median "${pn[@]}") c=$(median "${vo[@]}") d=$(median "${vn[@]}")
  echo "| $m | $a | $b | $(python3 -c "print('%.3f' % ($b / $a))") | $c | $d | $(python3 -c "print('%.3f' % ($d / $c))") |"
done
