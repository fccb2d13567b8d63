/**
 * The on-chain client (prover side): deploys contracts, encodes calls to the zkML precompile or to
 * a consumer contract, signs EIP-1559 (or legacy) transactions, tracks nonces and receipts, retries
 * with bounded backoff and decodes revert reasons. Built on web3j; used by the sidecar's chain
 * submission and by the devnet driver. Never referenced from the verifier side or the Besu plugin
 * (src/assembly/plugin.xml lists the plugin's packages and leaves this one out).
 */
package org.besuzkml.chain;
