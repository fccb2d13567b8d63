// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IZkmlVerifier.sol";

/// TEST STAND-IN ONLY, NOT A VERIFIER. Local development nodes (ganache) have no zkML precompile,
/// so the chain tests put this contract's runtime code at the precompile's address
/// (evm_setAccountCode) to exercise everything around it: ABI encoding, transactions, receipts,
/// revert decoding, the consumer contract. It accepts any proof whose first byte is not 0 and
/// returns keccak256(vk) as the real precompile does; a proof starting with 0 reverts with
/// InvalidProof. Never deploy it on a real network.
contract StubZkmlVerifier is IZkmlVerifier {
    function verify(bytes calldata vk, int256[][] calldata, int256[][] calldata, bytes calldata proof)
        external pure returns (bytes32)
    {
        if (proof.length == 0 || proof[0] == 0) {
            revert InvalidProof("stand-in verifier: proof starts with 0");
        }
        return keccak256(vk);
    }

    function modelId(bytes calldata vk) external pure returns (bytes32) {
        return keccak256(vk);
    }
}
