// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// The besu-zkml verifier precompile (Besu plugin; default address 0x0a01, set per network with
/// --plugin-zkml-address). Values are integers at the model's fixed-point scales (v / 2^scale),
/// one flat row-major list per graph input and output, in vk order; |v| <= 2^31 - 1.
interface IZkmlVerifier {
    /// A well-formed call whose statement does not hold (bad vk, development-SRS vk, wrong public
    /// values, invalid proof) reverts with this. Malformed calldata halts (all gas of the call).
    error InvalidProof(string reason);

    /// Verifies `proof` of `outputs = model(inputs)` for the model whose verifying key is `vk`;
    /// returns the model id, keccak256(vk). Reads no state: staticcall works.
    function verify(bytes calldata vk, int256[][] calldata inputs, int256[][] calldata outputs,
        bytes calldata proof) external view returns (bytes32 modelId);

    /// keccak256(vk): the model's on-chain identity.
    function modelId(bytes calldata vk) external view returns (bytes32);
}
