#!/usr/bin/env bash
# The smallest -Xmx (MiB, within 7 %) at which `prove DIR --input INPUT` still succeeds; the figure
# ProveMemory's coefficients are fitted to (docs/benchmarks.md, "Proving memory").
# usage: src/bench/min-heap.sh JAR DIR INPUT.json [LO_MIB] [HI_MIB]
set -u
jar=$1; dir=$2; in=$3; lo=${4:-16}; hi=${5:-8192}
out=$(mktemp); trap 'rm -f "$out"' EXIT
ok() { java "-Xmx${1}m" -jar "$jar" prove "$dir" --input "$in" -o "$out" --skip-memory-check >/dev/null 2>&1; }
ok "$hi" || { echo "$dir: fails even at -Xmx${hi}m"; exit 1; }
while [ $((hi * 100)) -gt $((lo * 107)) ]; do
  mid=$(((lo + hi) / 2))
  if ok "$mid"; then hi=$mid; else lo=$mid; fi
done
echo "$dir min_xmx_mib=$hi (fails at $lo)"
