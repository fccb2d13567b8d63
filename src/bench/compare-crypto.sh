#!/usr/bin/env bash
# Runs `zkml bench crypto` and the ffjavascript peer (snarkjs' WASM engine) one after the other on
# this machine and prints both JSON lines plus a side-by-side table. Needs node + npm for the peer.
# Usage: src/bench/compare-crypto.sh [rounds]   (rounds alternate ours/peer; default 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-2}
[ -f target/zkml.jar ] || mvn -q -B package -DskipTests
(cd src/bench/ffjavascript && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null 2>&1)
out=$(mktemp -d)
for i in $(seq 1 "$rounds"); do
  java -jar target/zkml.jar bench crypto --json | tee -a "$out/ours.jsonl"
  (cd src/bench/ffjavascript && node bench.mjs) | tee -a "$out/peer.jsonl"
done
python3 - "$out" <<'PY'
import json, sys, statistics
d = sys.argv[1]
ours = [json.loads(l) for l in open(d + "/ours.jsonl")]
peer = [json.loads(l) for l in open(d + "/peer.jsonl")]
print(f"\n{'figure':<20}{'besu-zkml':>12}{'ffjavascript':>14}{'speed-up':>10}")
for k in ["pairing_ms", "pairing_check2_ms", "msm16_ms", "msm16_small_ms", "ntt20_ms", "fr_mul_ns"]:
    a = statistics.median(o[k] for o in ours); b = statistics.median(p[k] for p in peer)
    print(f"{k:<20}{a:>12.3f}{b:>14.3f}{b / a:>9.2f}x")
PY
