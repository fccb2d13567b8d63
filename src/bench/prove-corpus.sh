#!/usr/bin/env bash
# For every model of the EZKL corpus: compile, set up with the dev SRS, and `bench prove`; prints one
# markdown table row per model (the table of docs/benchmarks.md).
# Usage: src/bench/prove-corpus.sh [corpus-dir] [runs]   (default ../shared/models/ezkl, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/models/ezkl}
runs=${2:-5}
[ -f target/zkml.jar ] || mvn -q -B package -DskipTests
work=$(mktemp -d)
echo "| model | prove_ms | verify_ms | proof_bytes | peak_heap_mb |"
echo "|---|---|---|---|---|"
for dir in "$corpus"/*/; do
  m=$(basename "$dir")
  out="$work/$m"
  if ! java -jar target/zkml.jar compile "$dir/network.onnx" --input "$dir/input.json" -o "$out" >/dev/null 2>"$work/$m.err" \
     || ! java -jar target/zkml.jar setup "$out" --dev-srs >/dev/null 2>>"$work/$m.err"; then
    echo "| $m | failed: $(tail -1 "$work/$m.err") | | | |"
    continue
  fi
  java -jar target/zkml.jar bench prove "$out" --input "$dir/input.json" --runs "$runs" --json 2>/dev/null \
    | python3 -c "import json,sys; d=json.loads(sys.stdin.readline()); print(f\"| $m | {d['prove_ms']:.1f} | {d['verify_ms']:.2f} | {d['proof_bytes']} | {d['peak_heap_mb']:.0f} |\")"
done
rm -rf "$work"
