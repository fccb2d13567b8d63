#!/usr/bin/env bash
# Real-Besu test of the zkML plugin: BESU_HOME=<a Besu 26.8 installation> bash it/besu-devnet.sh
#
# 1. One validator (genesis/qbft-1.json, INSECURE dev keys) with the plugin: the precompile is
#    installed (zkml_info, the install log line), blocks are produced, an eth_call of modelId(vk)
#    at the precompile equals zkml_modelId. Then the Java driver (org.besuzkml.chain.DevnetDriver,
#    run from target/zkml.jar; CI tests it against ganache) deploys ZkmlConsumer pointing at the
#    precompile and, for real proofs of a few corpus models made here by compile/setup/prove on
#    the ceremony SRS, asserts the receipts, the consumer's stored outputs, the gas used against
#    zkml_gas, and that tampered proofs revert with InvalidProof.
# 2. Four validators (genesis/qbft-4.json) from genesis: the same driver run, then every node must
#    report the same state root at the last transaction's block.
# Exit 0 on pass; the last line is the summary. Without BESU_HOME it says SKIPPED and exits 0.
# Knobs: ZKML_DEVNET_MODELS (default "1l_mlp 2l_relu_fc linear_regression"), ZKML_RPC_PORT (18545,
# node N uses +N), ZKML_P2P_PORT (30403, +N), ZKML_MODELS_DIR, ZKML_PTAU.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
if [ -z "${BESU_HOME:-}" ] || [ ! -x "${BESU_HOME}/bin/besu" ]; then
  echo "besu-devnet: SKIPPED (set BESU_HOME to a Besu 26.8 installation to run it)"
  exit 0
fi
ADDR=0x0000000000000000000000000000000000000a01
RPC0=${ZKML_RPC_PORT:-18545}
P2P0=${ZKML_P2P_PORT:-30403}
MODELS=${ZKML_DEVNET_MODELS:-1l_mlp 2l_relu_fc linear_regression}
MODELS_DIR=${ZKML_MODELS_DIR:-../shared/models/ezkl}
PTAU=${ZKML_PTAU:-../shared/srs/pot12_final.ptau}
WORK=$(mktemp -d)
PIDS=()
PHASE=one # each network gets fresh data directories: $WORK/$PHASE/nodeN

stop_nodes() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
  PIDS=()
}
trap 'stop_nodes; rm -rf "$WORK"' EXIT
fail() {
  local log
  echo "--- last log lines:"
  for log in "$WORK"/*-node*.log; do [ -f "$log" ] && { echo "== $log"; tail -15 "$log"; }; done
  echo "besu-devnet: FAIL: $*"
  exit 1
}
rpc() { # rpc PORT METHOD PARAMS_JSON
  curl -s -X POST -H 'content-type: application/json' \
    --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":$3}" "http://127.0.0.1:$1"
}
result() { sed -n 's/.*"result":"\([^"]*\)".*/\1/p'; }

# start_node N GENESIS [BOOTNODE_ENODE]: node N with its dev key, RPC port RPC0+N, p2p P2P0+N
start_node() {
  local n=$1 genesis=$2 boot=${3:-}
  local data="$WORK/$PHASE/node$n"
  mkdir -p "$data"
  cp "genesis/keys/node$n.key" "$data/key"
  # shellcheck disable=SC2054 # the commas are inside one Besu option's value
  local args=(--data-path="$data" --genesis-file="$genesis" --rpc-http-enabled
    --rpc-http-port=$((RPC0 + n)) --rpc-http-api=ETH,NET,WEB3,QBFT,ZKML --host-allowlist="*"
    --min-gas-price=0 --p2p-host=127.0.0.1 --p2p-port=$((P2P0 + n)) "--plugin-zkml-address=$ADDR")
  if [ -n "$boot" ]; then args+=(--bootnodes="$boot"); else args+=(--discovery-enabled=false); fi
  BESU_OPTS="-Dbesu.plugins.dir=$WORK/plugins" "$BESU_HOME/bin/besu" "${args[@]}" \
    > "$WORK/$PHASE-node$n.log" 2>&1 &
  PIDS+=($!)
}

# wait_installed N: node N answers zkml_info with installed:true and logged the install line
wait_installed() {
  local n=$1 info="" i
  for i in $(seq 1 90); do
    info=$(rpc $((RPC0 + n)) zkml_info '[]' 2>/dev/null) && [ -n "$info" ] && break
    sleep 1
  done
  [ -n "$info" ] || fail "node $n: no RPC answer within 90 s (after $i tries)"
  echo "$info" | grep -q '"installed":true' || fail "node $n: precompile not installed: $info"
  grep -q "ZKML_VERIFY installed at" "$WORK/$PHASE-node$n.log" || fail "node $n: no install log line"
}

# wait_blocks N: the chain seen by node N grows within 30 s; BLOCKS_SEEN says from what to what
wait_blocks() {
  local port=$((RPC0 + $1)) b1 b2="" i
  b1=$(rpc "$port" eth_blockNumber '[]' | result)
  for i in $(seq 1 30); do
    sleep 1
    b2=$(rpc "$port" eth_blockNumber '[]' | result)
    if [ -n "$b1" ] && [ -n "$b2" ] && [ $((b2)) -gt $((b1)) ]; then
      BLOCKS_SEEN="$b1 -> $b2"
      return 0
    fi
  done
  fail "node $1: no blocks produced in $i s (${b1:-?} -> ${b2:-?})"
}

# drive URLS...: the Java driver; its output is shown, its summary line kept in DRIVEN
drive() {
  local urls out model_args=() m
  urls=$(IFS=,; echo "$*")
  for m in $MODELS; do model_args+=(--model "$WORK/models/$m"); done
  out=$(java -Dslf4j.internal.verbosity=ERROR -cp target/zkml.jar org.besuzkml.chain.DevnetDriver \
    --rpc "$urls" --key-file genesis/keys/node0.key --precompile $ADDR \
    --consumer it/solidity/build/ZkmlConsumer.json "${model_args[@]}" 2>&1)
  local status=$?
  echo "$out"
  DRIVEN=$(echo "$out" | tail -1)
  [ $status -eq 0 ] || fail "driver: $DRIVEN"
}

# --- build, and real proofs made by the product's own commands
if ! ls target/besu-zkml-plugin-*.jar >/dev/null 2>&1 || [ ! -f target/zkml.jar ]; then
  mvn -q -B package -DskipTests || fail "build"
fi
[ -f it/solidity/build/ZkmlConsumer.json ] || fail "it/solidity/build/ZkmlConsumer.json missing"
[ -f "$PTAU" ] || fail "no SRS at $PTAU (set ZKML_PTAU)"
mkdir -p "$WORK/plugins" "$WORK/models"
cp target/besu-zkml-plugin-*.jar "$WORK/plugins/"
for m in $MODELS; do
  src="$MODELS_DIR/$m"
  dir="$WORK/models/$m"
  if ! { java -jar target/zkml.jar compile "$src/network.onnx" --input "$src/input.json" -o "$dir" \
      && java -jar target/zkml.jar setup "$dir" --ptau "$PTAU" \
      && java -jar target/zkml.jar prove "$dir" --input "$src/input.json" -o "$dir/proof.json"; } \
      > "$WORK/prove-$m.log" 2>&1; then
    tail -5 "$WORK/prove-$m.log"
    fail "compile/setup/prove of $m"
  fi
done

# --- 1. one validator
start_node 0 genesis/qbft-1.json
wait_installed 0
wait_blocks 0
BLOCKS=$BLOCKS_SEEN
# modelId(bytes vk) with a 3-byte vk 0x010203: selector, offset 0x20, length 3, padded data
VK=010203
DATA=0xbe96b68d$(printf '%064x' 32)$(printf '%064x' 3)${VK}$(printf '%058d' 0)
GOT=$(rpc "$RPC0" eth_call "[{\"to\":\"$ADDR\",\"data\":\"$DATA\"},\"latest\"]" | result)
WANT=$(rpc "$RPC0" zkml_modelId "[\"0x$VK\"]" | result)
if [ -z "$WANT" ] || [ "$GOT" != "$WANT" ]; then fail "eth_call modelId $GOT, zkml_modelId $WANT"; fi
drive "http://127.0.0.1:$RPC0"
SINGLE=$DRIVEN
stop_nodes

# --- 2. four validators from genesis; node 0 is the bootnode
PHASE=four
ENODE="enode://$(sed 's/^0x//' genesis/keys/node0.pub)@127.0.0.1:$P2P0"
URLS=()
for n in 0 1 2 3; do
  start_node "$n" genesis/qbft-4.json "$ENODE"
  URLS+=("http://127.0.0.1:$((RPC0 + n))")
done
for n in 0 1 2 3; do wait_installed "$n"; done
wait_blocks 3 # QBFT needs 3 of the 4 validators to agree before a block exists
FOUR_BLOCKS=$BLOCKS_SEEN
drive "${URLS[@]}"
FOUR=$DRIVEN

echo "besu-devnet: PASS (one validator: blocks $BLOCKS, eth_call modelId = zkml_modelId; ${SINGLE#devnet-driver: PASS }; four validators: blocks $FOUR_BLOCKS; ${FOUR#devnet-driver: PASS })"
