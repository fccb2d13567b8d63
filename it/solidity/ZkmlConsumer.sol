// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import "./IZkmlVerifier.sol";

/// Example consumer: accepts an inference only for one registered model and stores its outputs.
/// The precompile has no code, so it is called with a low-level staticcall (Solidity's
/// extcodesize check on an interface call would fail before the call).
contract ZkmlConsumer {
    address public immutable zkml;
    bytes32 public immutable model;
    int256[][] private lastOutputs;
    uint256 public accepted;

    event Inference(bytes32 indexed modelId, bytes32 outputsHash);

    constructor(address zkml_, bytes32 model_) {
        zkml = zkml_;
        model = model_;
    }

    function submit(bytes calldata vk, int256[][] calldata inputs, int256[][] calldata outputs,
        bytes calldata proof) external {
        (bool ok, bytes memory ret) = zkml.staticcall(
            abi.encodeCall(IZkmlVerifier.verify, (vk, inputs, outputs, proof)));
        if (!ok) {
            assembly { revert(add(ret, 32), mload(ret)) } // bubble InvalidProof(reason) up
        }
        bytes32 id = abi.decode(ret, (bytes32));
        require(id == model, "another model");
        delete lastOutputs;
        for (uint256 i = 0; i < outputs.length; i++) {
            lastOutputs.push(outputs[i]);
        }
        accepted++;
        emit Inference(id, keccak256(abi.encode(outputs)));
    }

    function output(uint256 i, uint256 j) external view returns (int256) {
        return lastOutputs[i][j];
    }
}
