#!/usr/bin/env bash
# The cost of zero knowledge over the EZKL corpus: each model is compiled once and set up three ways
# with the dev SRS (a version-1 key, `--zk`, and `--input-visibility private`); `bench prove` then
# proves and verifies with each key in turn, in one run, so the ratios compare like with like. Prints
# one markdown row per model (the table of docs/benchmarks.md, "Zero knowledge").
# Usage: src/bench/zk-corpus.sh [corpus-dir] [runs] [model ...]   (default ../shared/models/ezkl, 3 runs, all)
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus=${1:-../shared/models/ezkl}
runs=${2:-3}
shift $(($# > 2 ? 2 : $#))
[ -f target/zkml.jar ] || mvn -q -B package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  for dir in "$corpus"/*/; do models+=("$(basename "$dir")"); done
fi
echo "| model | prove ms v1 / zk / private | zk/v1 | verify ms v1 / zk / private | zk/v1 | proof bytes v1 / zk / private | zk/v1 |"
echo "|---|---|---|---|---|---|---|"
for m in "${models[@]}"; do
  dir="$corpus/$m"
  if ! java -jar target/zkml.jar compile "$dir/network.onnx" --input "$dir/input.json" -o "$work/$m.v1" >/dev/null 2>"$work/$m.err"; then
    echo "| $m | compile failed: $(tail -1 "$work/$m.err") | | | | | |"
    continue
  fi
  cp -r "$work/$m.v1" "$work/$m.zk" && cp -r "$work/$m.v1" "$work/$m.private"
  declare -A row=()
  failed=""
  for kind in v1 zk private; do
    case $kind in
      v1) flags=() ;;
      zk) flags=(--zk) ;;
      private) flags=(--input-visibility private) ;;
    esac
    if ! java -jar target/zkml.jar setup "$work/$m.$kind" --dev-srs "${flags[@]}" >/dev/null 2>>"$work/$m.err" \
       || ! java -Xmx8g -jar target/zkml.jar bench prove "$work/$m.$kind" --input "$dir/input.json" --runs "$runs" --json \
         >"$work/$m.$kind.json" 2>>"$work/$m.err"; then
      failed="$kind: $(tail -1 "$work/$m.err")"
      break
    fi
    row[$kind]=$(cat "$work/$m.$kind.json")
  done
  if [ -n "$failed" ]; then
    echo "| $m | failed ($failed) | | | | | |"
    continue
  fi
  python3 - "$m" "${row[v1]}" "${row[zk]}" "${row[private]}" <<'EOF'
import json, sys
m, v, z, p = sys.argv[1], *(json.loads(a) for a in sys.argv[2:])
def cell(k, f):
    return " / ".join(f.format(d[k]) for d in (v, z, p))
def ratio(k):
    return f"{z[k] / v[k]:.2f}x" if v[k] else "-"
print(f"| {m} | {cell('prove_ms', '{:.1f}')} | {ratio('prove_ms')} | {cell('verify_ms', '{:.2f}')} | "
      f"{ratio('verify_ms')} | {cell('proof_bytes', '{}')} | {ratio('proof_bytes')} |")
EOF
done
